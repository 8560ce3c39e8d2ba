"""TimeML in, TimeML out: tag the <TEXT> of TempEval-3 style documents with TIMEX3 elements.

The input's own inline tags inside <TEXT> (gold TIMEX3/EVENT/SIGNAL of a .tml file) are removed
first, so the output holds only kg's TIMEX3s; everything outside <TEXT> is kept byte for byte.

>>> doc = ('<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2019-04-24">'
...        '2019-04-24</TIMEX3></DCT><TEXT>Talks resume next week.</TEXT></TimeML>')
>>> print(tag_timeml(doc).split("<TEXT>")[1].split("</TEXT>")[0])
Talks resume <TIMEX3 tid="t1" type="DATE" value="2019-W18">next week</TIMEX3>.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import TimeMLError
from kg.records import TimeValue
from kg.time.tagger import tag

_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT\b[^>]*>.*?<TIMEX3\b[^>]*?\bvalue=\"([^\"]*)\"", re.S)
_DOCID = re.compile(r"<DOCID>\s*(.*?)\s*</DOCID>", re.S)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


@dataclass
class TimeMLDoc:
    """The parts of a TimeML document the tagger needs (offsets into the raw string)."""

    docid: str
    dct: date
    body_start: int
    body_end: int


def read_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Check a TimeML document and find its DCT and <TEXT>; raises TimeMLError E300/E301/E302."""
    try:
        ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as err:
        raise TimeMLError("E301", reason=str(err), doc=name) from None
    m = _DCT.search(raw)
    if not m:
        raise TimeMLError("E300", reason="no <DCT> with a TIMEX3 value", doc=name)
    try:
        dct = date.fromisoformat(m.group(1)[:10])
    except ValueError:
        raise TimeMLError("E300", reason=f"unreadable DCT value {m.group(1)!r}", doc=name) from None
    t = _TEXT.search(raw)
    if not t or not _TAG.sub("", t.group(1)).strip():
        raise TimeMLError("E302", reason="no <TEXT> or an empty one", doc=name)
    d = _DOCID.search(raw)
    docid = d.group(1) if d else (name.split(".")[0] if name else "")
    return TimeMLDoc(docid=docid, dct=dct, body_start=t.start(1), body_end=t.end(1))


def _unescape(raw: str) -> tuple[str, list[int]]:
    """Plain text of an XML fragment without tags, and each plain char's offset in ``raw``."""
    plain: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _ENTITY.finditer(raw):
        plain.append(raw[pos : m.start()])
        where.extend(range(pos, m.start()))
        ch = html.unescape(m.group())
        plain.append(ch)
        where.extend([m.start()] * len(ch))
        pos = m.end()
    plain.append(raw[pos:])
    where.extend(range(pos, len(raw)))
    where.append(len(raw))
    return "".join(plain), where


def timex_xml(tv: TimeValue, tid: str, inner: str) -> str:
    attrs = f'tid="{tid}" type="{tv.type}" value="{html.escape(tv.value, quote=True)}"'
    if tv.mod:
        attrs += f' mod="{tv.mod}"'
    if tv.quant:
        attrs += f' quant="{tv.quant}"'
    return f"<TIMEX3 {attrs}>{inner}</TIMEX3>"


def tag_timeml(raw: str, name: str = "") -> str:
    """The document with kg's TIMEX3 tags in its <TEXT> (and no other inline tags there)."""
    doc = read_timeml(raw, name)
    body = _TAG.sub("", raw[doc.body_start : doc.body_end])
    plain, where = _unescape(body)
    pieces: list[str] = []
    pos = 0
    for i, tv in enumerate(tag(plain, doc.dct), start=1):
        a, b = where[tv.start], where[tv.end]
        pieces.append(body[pos:a])
        pieces.append(timex_xml(tv, f"t{i}", body[a:b]))
        pos = b
    pieces.append(body[pos:])
    return raw[: doc.body_start] + "".join(pieces) + raw[doc.body_end :]


def output_name(path: Path) -> str:
    """foo.tml -> foo.tml; foo.tml.TE3input -> foo.tml; foo.TE3input -> foo.tml."""
    name = path.name
    if name.endswith(".TE3input"):
        name = name[: -len(".TE3input")]
    return name if name.endswith(".tml") else name + ".tml"


def input_files(input_dir: Path) -> list[Path]:
    return sorted(
        p for p in Path(input_dir).rglob("*") if p.is_file() and p.name.endswith((".tml", ".TE3input"))
    )


def tag_dir(input_dir: Path | str, output_dir: Path | str) -> tuple[int, list[TimeMLError]]:
    """Tag every .tml/.TE3input file of a folder into another; bad documents are reported, not fatal.

    Returns the number of documents written and the errors of the others.
    """
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    done, errors = 0, []
    for path in input_files(Path(input_dir)):
        try:
            raw = path.read_text(encoding="utf-8")
            result = tag_timeml(raw, path.name)
        except TimeMLError as err:
            errors.append(err)
            continue
        except UnicodeDecodeError as err:
            errors.append(TimeMLError("E301", reason=str(err), doc=path.name))
            continue
        (out / output_name(path)).write_text(result, encoding="utf-8")
        done += 1
    return done, errors
