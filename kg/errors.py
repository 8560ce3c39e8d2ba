"""Every user-facing error of kg, in one place, each with a code and advice.

Modelled on spaCy's ``Errors``: code the error once here, raise it everywhere with its code, so
users can search for "KG103" and find what to do.

>>> err = DocumentError("E103", doc="a.txt", reason="empty")
>>> str(err)
'[E103] a.txt: the document is empty (empty). Give it some text or leave it out.'
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # documents (E1xx)
    "E100": "cannot read the file ({reason}). Check that it exists and is readable.",
    "E101": "this is a binary file, not text ({reason}). Give kg .txt, .jsonl or .html files.",
    "E102": "cannot decode the text ({reason}). Save it as UTF-8 or give its encoding.",
    "E103": "the document is empty ({reason}). Give it some text or leave it out.",
    "E104": "the document is too large ({reason}). Split it or raise --max-chars.",
    "E105": "malformed JSON line ({reason}). Each line must be one JSON object.",
    "E106": "the record has no usable {reason}. Each JSONL record needs an 'id' and a 'text'.",
    "E107": "the publication date is invalid ({reason}). Use an ISO date such as 2019-04-24.",
    "E108": "the publication date is in the future ({reason}); it was ignored.",
    "E109": "unsupported input ({reason}). Give .txt, .jsonl, .json, .html or a folder of them.",
    "E110": "duplicate document id ({reason}); the later one was skipped.",
    "E111": "the text is not UTF-8; it was decoded as {reason}. Check it, or save it as UTF-8.",
    # NLP (E2xx)
    "E200": "the spaCy model '{reason}' is not installed. Install it or choose another with "
    "--model / KG_SPACY_MODEL.",
    # time (E3xx)
    "E300": "the TimeML document has no DCT ({reason}).",
    "E301": "the TimeML document is not well-formed XML ({reason}).",
    "E302": "the TimeML document has no text ({reason}).",
    "E303": "invalid date ({reason}). Use an ISO date such as 2019-04-24.",
    # store and query (E4xx)
    "E400": "cannot open the store ({reason}).",
    "E401": "the SPARQL query is invalid ({reason}).",
    "E402": "the query took longer than the time limit ({reason}) and was stopped.",
    "E403": "unknown named query ({reason}). `kg query --list` shows them.",
    "E404": "missing or invalid query parameter ({reason}).",
    "E405": "the SPARQL endpoint answered with an error ({reason}).",
    "E406": "the store is read-only ({reason}).",
    # RDF and validation (E5xx)
    "E500": "the graph does not conform to the shapes ({reason}).",
    "E501": "unsupported RDF format ({reason}).",
    # export (E6xx)
    "E600": "unsupported export format ({reason}).",
    "E601": "nothing to export ({reason}). Build a graph first with `kg build`.",
    # build (E7xx)
    "E700": "nothing could be built ({reason}).",
}


class KGError(Exception):
    """Base of every error kg raises on purpose; ``code`` names the entry in MESSAGES."""

    def __init__(self, code: str, reason: str = "", doc: str | None = None, **_: object) -> None:
        self.code = code
        self.reason = reason
        self.doc = doc
        text = MESSAGES.get(code, "{reason}").format(reason=reason)
        prefix = f"[{code}] " + (f"{doc}: " if doc else "")
        super().__init__(prefix + text)


class DocumentError(KGError):
    """A document could not be read; the build goes on with the others."""


class ModelError(KGError):
    """The NLP model is missing or broken."""


class TimeMLError(KGError):
    """A TimeML document could not be tagged."""


class StoreError(KGError):
    """The store could not be opened, written or queried."""


class QueryError(KGError):
    """A SPARQL query or its parameters are invalid."""


class ExportError(KGError):
    """An export could not be written."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""
