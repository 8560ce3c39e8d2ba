"""Bytes to clean Unicode: refuse binary data, decode UTF-8 (or a confidently detected legacy
encoding), normalise line endings, strip control characters, NFC.

>>> decode_bytes("Caf\\u00e9".encode("utf-8"))
('Café', None)
>>> decode_bytes("Pr\\u00e9sident Macron \\u00e0 Paris".encode("latin-1"))
('Président Macron à Paris', 'cp1252')
>>> normalize_text("a\\r\\nb\\x00c\\u0065\\u0301")
'a\\nbcé'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: C0 control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32), 127])
#: share of control bytes above which a file is called binary
BINARY_CONTROL_RATIO = 0.10
#: well-formed multi-byte UTF-8 sequences: when they hold most of the non-ASCII bytes, the text
#: was meant to be UTF-8 and is corrupt, not in another encoding
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: multi-byte legacy encodings charset-normalizer recognises reliably without a language model
_MULTIBYTE_LEGACY = {
    "cp932",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "gb2312",
    "gbk",
    "big5",
    "big5hkscs",
    "euc_kr",
    "cp949",
}
#: at most this "mess" (charset-normalizer's chaos) in a detected decoding
MAX_CHAOS = 0.2
_HIGH_BYTES = bytes(range(128, 256))
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (for Latin text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) >= 0.7 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes when the encoding is clear enough, else raise E102."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    # UTF-16/32 were handled by the BOM and NUL checks: without NULs they are noise guesses
    results = [r for r in from_bytes(data) if not r.encoding.startswith(("utf_16", "utf_32"))]
    best = results[0] if results else None
    try:
        western = data.decode("cp1252")
        western_mess = mess_ratio(western, MAX_CHAOS)
    except UnicodeDecodeError:
        western, western_mess = "", 1.0
    if best is not None and best.chaos <= MAX_CHAOS:
        encoding = best.encoding
        if encoding in _MULTIBYTE_LEGACY:
            return str(best), encoding
        if "cp1252" in best.could_be_from_charset:
            return str(best), "cp1252"
        # cp1252 is by far the most common legacy encoding of Western news: it wins a near tie
        # (short texts give charset-normalizer little to go on: cp1250, cp1006, mac_* ...)
        for other in results:
            if (
                "cp1252" in other.could_be_from_charset
                and other.chaos <= best.chaos + 0.01
                and other.coherence >= best.coherence - 0.05
            ):
                return str(other), "cp1252"
        if best.coherence >= 0.3:
            return str(best), encoding
    if western and western_mess <= 0.1:
        return western, "cp1252"
    reason = "not UTF-8, and no other encoding fits it confidently"
    if best is not None:
        reason += f" (best guess {best.encoding}, mess {best.chaos:.0%})"
    raise DocumentError("E102", reason=reason)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML head declares (``<meta charset=...>``, ``encoding="..."``), if known.

    >>> declared_charset(b'<html><head><meta charset="windows-1251">')
    'cp1251'
    """
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """The text of ``data`` and the encoding used when it was not UTF-8.

    ``declared`` is the encoding the document itself declares (HTML meta charset): tried when the
    bytes are not UTF-8, before guessing. Raises DocumentError E101 for binary data and E102 for
    text it cannot decode confidently.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), (
                    None if encoding == "utf-8-sig" else encoding.replace("-", "_")
                )
            except UnicodeDecodeError as e:
                raise DocumentError("E102", reason=f"invalid {encoding} at byte {e.start}") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None and len(_CONTROL_CHARS.findall(text)) <= BINARY_CONTROL_RATIO * len(text):
            return text, "utf_16"
        raise DocumentError("E101", reason=f"NUL byte at offset {data.index(0)}")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if data and controls > BINARY_CONTROL_RATIO * len(data):
        raise DocumentError("E101", reason=f"{controls / len(data):.0%} control characters")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        high = len(data) - len(data.translate(None, _HIGH_BYTES))
        if sum(map(len, _UTF8_MULTIBYTE.findall(data))) >= 0.5 * high:
            # mostly UTF-8 with broken bytes: any legacy decoding would turn the good part into mojibake
            raise DocumentError(
                "E102", reason=f"invalid UTF-8 at byte {e.start} in otherwise UTF-8 text"
            ) from None
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared), declared.replace("-", "_")
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data)


def normalize_text(text: str) -> str:
    """Line endings to \\n, C0 controls (but \\n and \\t) and a leading BOM removed, lone
    surrogates replaced by U+FFFD, then NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    # lone surrogates (from JSON "\\ud800" escapes) cannot be encoded anywhere downstream
    text = _SURROGATES.sub("\ufffd", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def normalize_field(value: str | None) -> str | None:
    """A one-line metadata value (title, url, source): normalised, whitespace collapsed, or None."""
    if value is None:
        return None
    value = " ".join(normalize_text(value).split())
    return value or None
