"""The text of a parsed document, built once.

spaCy rebuilds ``Doc.text`` from its tokens on every access (about a millisecond on a wire story),
and several extractors read it; the first caller stores it in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document.

    >>> import spacy
    >>> doc = spacy.blank("en")("Putin met Xi.")
    >>> doc_text(doc) == doc.text
    True
    """
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text  # type: ignore[no-any-return]
