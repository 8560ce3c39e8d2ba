"""kg.documents: read articles (.txt, .jsonl, .json, .html, folders) into Documents, cleaned of web
boilerplate, with every bad input reported (never raised) in a ReadReport.

>>> from kg.documents import read_documents, ReadReport
>>> report = ReadReport()
>>> docs = list(read_documents(["data/seeds"], report=report))  # doctest: +SKIP
"""

from kg.documents.clean import clean_text, guess_title, parse_header
from kg.documents.dates import parse_published
from kg.documents.decode import decode_bytes, normalize_text
from kg.documents.html import extract_html
from kg.documents.readers import content_hash, read_documents
from kg.documents.report import ReadReport

__all__ = [
    "ReadReport",
    "clean_text",
    "content_hash",
    "decode_bytes",
    "extract_html",
    "guess_title",
    "normalize_text",
    "parse_header",
    "parse_published",
    "read_documents",
]
