"""Read articles from .txt, .jsonl, .json and .html files and folders, one Document at a time.

Streaming: files are read one by one and JSONL line by line; a bad file or line becomes a problem
in the ReadReport (a DocumentError naming it) and reading goes on with the rest.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a1.txt").write_text("Putin meets Xi\\n\\nPutin met Xi in Beijing.\\n- Advertisement -\\n")
>>> _ = (folder / "empty.txt").write_text("  ")
>>> report = ReadReport()
>>> docs = list(read_documents([folder], report=report))
>>> [(d.id, d.title, d.text) for d in docs]
[('a1', 'Putin meets Xi', 'Putin meets Xi\\n\\nPutin met Xi in Beijing.')]
>>> [(p.code, pathlib.Path(p.doc).name) for p in report.problems]
[('E103', 'empty.txt')]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from kg.documents.clean import clean_text, guess_title, parse_header
from kg.documents.dates import parse_published
from kg.documents.decode import declared_charset, decode_bytes, normalize_field, normalize_text
from kg.documents.html import extract_html
from kg.documents.report import ReadReport
from kg.errors import DocumentError
from kg.records import Document

#: file kinds by (lower-case) extension
KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
#: the per-folder metadata file for .txt files ({"id", "file", "title", "published", "source", "url"})
SIDECAR = "metadata.jsonl"
#: UTF-8 and UTF-32 take at most 4 bytes a character: a bigger file is surely over max_chars
BYTES_PER_CHAR = 4
#: JSON escapes ("\\u00e9") take up to 6 bytes a character
JSON_BYTES_PER_CHAR = 6
#: a .json file is parsed whole: at most this many bytes (use JSONL beyond)
JSON_MAX_BYTES = 256 * 2**20
#: field names accepted in JSON records, preferred first
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid", "_id"),
    "text": ("text", "body", "content"),
    "published": ("published", "date", "published_at", "pubdate", "publication_date"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source",),
}


def content_hash(
    id: str,
    text: str,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> str:
    """sha256 (hex) of a document's id, text and metadata: equal hashes mean nothing changed.

    >>> content_hash("a1", "Putin met Xi.")[:12]
    '87cbf0ccaf1e'
    """
    payload = [id, text, published.isoformat() if published else None, title, url, source]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class _Raw:
    """A document as a reader found it, before checks and normalisation."""

    loc: str
    id: str
    text: str
    published: Any = None
    has_published: bool = False
    title: str | None = None
    url: str | None = None
    source: str | None = None
    encoding: str | None = None
    find_title: bool = False


def _field(obj: dict[str, Any], name: str) -> tuple[bool, Any]:
    for key in FIELDS[name]:
        if key in obj and obj[key] is not None:
            return True, obj[key]
    return False, None


def _text_field(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _record(obj: Any, loc: str) -> _Raw:
    """A JSON record to a _Raw; E105/E106 when it is not an object or lacks an id or text."""
    if not isinstance(obj, dict):
        raise DocumentError("E105", reason=f"a JSON {type(obj).__name__}, not an object", doc=loc)
    _, doc_id = _field(obj, "id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not str(doc_id).strip():
        raise DocumentError("E106", reason="'id'", doc=loc)
    _, text = _field(obj, "text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}"
        raise DocumentError("E106", reason=f"'text' ({what})", doc=loc)
    has_published, published = _field(obj, "published")
    return _Raw(
        loc=loc,
        id=str(doc_id),
        text=text,
        published=published,
        has_published=has_published,
        title=_text_field(_field(obj, "title")[1]),
        url=_text_field(_field(obj, "url")[1]),
        source=_text_field(_field(obj, "source")[1]),
    )


def _lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than ``limit`` bytes, length): never holds more than
    ``limit`` bytes of a line in memory."""
    lineno = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                chunk = f.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield lineno, None, size
        else:
            yield lineno, line, len(line)


class _Reader:
    def __init__(self, published: date | None, max_chars: int, report: ReadReport, today: date) -> None:
        self.default_published = published
        self.max_chars = max_chars
        self.report = report
        self.today = today
        self.seen: dict[str, str] = {}
        self.sidecars: dict[Path, dict[str, dict[str, Any]]] = {}

    # -- inputs -------------------------------------------------------------------------------
    def run(self, inputs: Iterable[str | Path]) -> Iterator[Document]:
        for item in inputs:
            path = Path(item)
            if path.is_dir():
                yield from self._folder(path)
            else:
                yield from self._file(path)

    def _folder(self, root: Path) -> Iterator[Document]:
        def on_error(e: OSError) -> None:
            self.report.add(DocumentError("E100", reason=e.strerror or str(e), doc=str(e.filename or root)))

        for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name == SIDECAR:
                    continue
                yield from self._file(Path(dirpath) / name)

    def _file(self, path: Path) -> Iterator[Document]:
        loc = str(path)
        try:
            if not path.exists():
                raise DocumentError("E100", reason="no such file or folder", doc=loc)
            if not path.is_file():
                raise DocumentError("E100", reason="not a regular file", doc=loc)
            kind = KINDS.get(path.suffix.lower())
            if kind is None:
                what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
                raise DocumentError("E109", reason=f"{what} are not read", doc=loc)
            size = path.stat().st_size
            reader = {"txt": self._txt, "jsonl": self._jsonl, "json": self._json_doc, "html": self._html}[
                kind
            ]
            for item in reader(path, loc, size):
                if isinstance(item, DocumentError):
                    self.report.add(item)
                    continue
                doc = self._finish(item)
                if doc is not None:
                    yield doc
        except DocumentError as e:
            self.report.add(e)
        except OSError as e:
            self.report.add(DocumentError("E100", reason=e.strerror or str(e), doc=loc))

    # -- formats (each yields _Raw records or DocumentErrors) -----------------------------------
    def _read_text_file(self, path: Path, loc: str, size: int, html: bool = False) -> tuple[str, str | None]:
        if size > BYTES_PER_CHAR * self.max_chars:
            raise DocumentError(
                "E104", reason=f"{size:,} bytes, limit {self.max_chars:,} characters", doc=loc
            )
        data = path.read_bytes()
        if not data:
            raise DocumentError("E103", reason="empty file", doc=loc)
        try:
            return decode_bytes(data, declared_charset(data) if html else None)
        except DocumentError as e:
            raise DocumentError(e.code, reason=e.reason, doc=loc) from None

    def _txt(self, path: Path, loc: str, size: int) -> Iterator[_Raw | DocumentError]:
        text, encoding = self._read_text_file(path, loc, size)
        header, body = parse_header(normalize_text(text))
        meta = {k: v for k, v in self._sidecar(path).items() if v is not None}
        doc_id = meta.get("id") or header.get("doc_id") or header.get("id") or path.stem
        has_published = "published" in meta or any(k in header for k in ("published", "date"))
        title = meta.get("title") or header.get("title") or header.get("headline")
        yield _Raw(
            loc=loc,
            id=str(doc_id),
            text=body,
            published=meta.get("published", header.get("published", header.get("date"))),
            has_published=has_published,
            title=_text_field(title),
            url=_text_field(meta.get("url") or header.get("url")),
            source=_text_field(meta.get("source") or header.get("source")),
            encoding=encoding,
            find_title=not title,
        )

    def _html(self, path: Path, loc: str, size: int) -> Iterator[_Raw | DocumentError]:
        text, encoding = self._read_text_file(path, loc, size, html=True)
        page = extract_html(text)
        yield _Raw(
            loc=loc,
            id=path.stem,
            text=page.text,
            published=page.published,
            has_published=page.published is not None,
            title=page.title,
            url=page.url,
            encoding=encoding,
        )

    def _jsonl(self, path: Path, loc: str, size: int) -> Iterator[_Raw | DocumentError]:
        limit = JSON_BYTES_PER_CHAR * self.max_chars + 65536
        with path.open("rb") as f:
            for lineno, line, length in _lines(f, limit):
                where = f"{loc}:{lineno}"
                if line is None:
                    yield DocumentError("E104", reason=f"a line of {length:,} bytes", doc=where)
                    continue
                if not line.strip():
                    continue
                try:
                    yield _record(self._json(line, where, first=lineno == 1), where)
                except DocumentError as e:
                    yield e

    def _json_doc(self, path: Path, loc: str, size: int) -> Iterator[_Raw | DocumentError]:
        if size > max(JSON_MAX_BYTES, JSON_BYTES_PER_CHAR * self.max_chars):
            raise DocumentError("E104", reason=f"{size:,} bytes; .json is read whole, use JSONL", doc=loc)
        data = self._json(path.read_bytes(), loc, first=True)
        if isinstance(data, dict) and not _field(data, "text")[0]:
            for key in ("documents", "articles", "items", "data"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
        if isinstance(data, list):
            for i, obj in enumerate(data):
                try:
                    yield _record(obj, f"{loc}[{i}]")
                except DocumentError as e:
                    yield e
        else:
            yield _record(data, loc)

    @staticmethod
    def _json(data: bytes, where: str, first: bool) -> Any:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise DocumentError("E102", reason=f"invalid UTF-8 at byte {e.start}", doc=where) from None
        if first:
            text = text.lstrip("\ufeff")
        try:
            return json.loads(text.strip())
        except json.JSONDecodeError as e:
            at = f"column {e.colno}" if e.lineno == 1 else f"line {e.lineno} column {e.colno}"
            raise DocumentError("E105", reason=f"{e.msg} at {at}", doc=where) from None
        except RecursionError:
            raise DocumentError("E105", reason="nested too deeply", doc=where) from None

    # -- metadata sidecar ------------------------------------------------------------------------
    def _sidecar(self, path: Path) -> dict[str, Any]:
        folder = path.parent
        if folder not in self.sidecars:
            entries: dict[str, dict[str, Any]] = {}
            side = folder / SIDECAR
            if side.is_file():
                with side.open("rb") as f:
                    for lineno, line, _ in _lines(f, 1 << 20):
                        where = f"{side}:{lineno}"
                        if not line or not line.strip():
                            continue
                        try:
                            obj = self._json(line, where, first=lineno == 1)
                        except DocumentError as e:
                            self.report.add(e)
                            continue
                        if not isinstance(obj, dict):
                            self.report.add(DocumentError("E105", reason="not an object", doc=where))
                            continue
                        for key in (obj.get("file"), obj.get("id")):
                            if isinstance(key, str | int) and not isinstance(key, bool):
                                entries.setdefault(str(key), obj)
            self.sidecars[folder] = entries
        entries = self.sidecars[folder]
        found = entries.get(path.name) or entries.get(path.stem) or {}
        return {name: found[key] for name in FIELDS for key in FIELDS[name] if key in found} if found else {}

    # -- checks common to every format ----------------------------------------------------------
    def _finish(self, raw: _Raw) -> Document | None:
        report, loc = self.report, raw.loc
        if len(raw.text) > self.max_chars:
            report.add(
                DocumentError(
                    "E104", reason=f"{len(raw.text):,} characters, limit {self.max_chars:,}", doc=loc
                )
            )
            return None
        text = clean_text(normalize_text(raw.text))
        if not text.strip():
            reason = "only whitespace" if not raw.text.strip() else "no text left after removing boilerplate"
            report.add(DocumentError("E103", reason=reason, doc=loc))
            return None
        doc_id = normalize_text(raw.id).strip()
        if not doc_id:
            report.add(DocumentError("E106", reason="'id'", doc=loc))
            return None
        if doc_id in self.seen:
            report.add(
                DocumentError("E110", reason=f"'{doc_id}' was already read from {self.seen[doc_id]}", doc=loc)
            )
            return None
        self.seen[doc_id] = loc
        if raw.encoding:
            report.add(DocumentError("E111", reason=raw.encoding, doc=loc))
        published = self.default_published
        if raw.has_published:
            try:
                published = parse_published(raw.published)
            except ValueError as e:
                report.add(DocumentError("E107", reason=str(e), doc=loc))
                published = None
        if published is not None and published > self.today:
            report.add(
                DocumentError(
                    "E108", reason=f"{published.isoformat()} is after {self.today.isoformat()}", doc=loc
                )
            )
            published = None
        title = normalize_field(raw.title)
        if title is None and raw.find_title:
            title = guess_title(text)
        url, source = normalize_field(raw.url), normalize_field(raw.source)
        report.ok += 1
        return Document(
            id=doc_id,
            text=text,
            published=published,
            title=title,
            url=url,
            source=source,
            content_hash=content_hash(doc_id, text, published, title, url, source),
        )


def read_documents(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: date | None = None,
    max_chars: int = 2_000_000,
    report: ReadReport | None = None,
    today: date | None = None,
) -> Iterator[Document]:
    """Yield the Documents of files and folders, in the order given.

    A folder is read recursively: its own files first, sorted by name, then each subfolder in
    name order; hidden files and folders are ignored, a ``metadata.jsonl`` there is read as
    metadata for its .txt files, and files of other types are reported (E109) and skipped.

    ``published`` is the date of documents that give none; dates after ``today`` (default: the
    real today) are dropped with a warning. Problems go to ``report`` (logged when no report is
    given); they never stop the reading.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    if report is None:
        report = ReadReport(log_problems=True)
    reader = _Reader(published, max_chars, report, today or date.today())
    yield from reader.run(inputs)
