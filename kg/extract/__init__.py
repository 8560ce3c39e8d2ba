"""Extraction: entity mentions, time expressions and event mentions from a parsed document.

>>> from kg.nlp import load_pipeline                        # doctest: +SKIP
>>> from kg.records import Document                         # doctest: +SKIP
>>> doc = Document("d1", "Putin will meet Xi in Beijing on Friday.")   # doctest: +SKIP
>>> analysis = analyze(load_pipeline()(doc.text), doc)       # doctest: +SKIP
>>> analysis.events[0].type, analysis.events[0].status     # doctest: +SKIP
('MEETING', 'planned')
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.entities import defined_acronyms, entity_mentions
from kg.extract.events import event_mentions
from kg.extract.quotes import attach_quotes
from kg.extract.tense import tense_at
from kg.records import Analysis, Document
from kg.time import tag


def analyze(doc: Doc, document: Document) -> Analysis:
    """Everything extraction finds in one document (one-way: nothing here looks at the store)."""
    mentions = entity_mentions(doc, document.id)
    times = tag(document.text, document.published, tense_of=lambda offset: tense_at(doc, offset))
    events = event_mentions(doc, document.id, mentions, times, document.published)
    attach_quotes(doc, mentions, events)
    dateline = None
    head = document.text[:200]
    for k, m in enumerate(mentions[:3]):
        if (
            m.start < 80
            and m.text.isupper()
            and len(m.text) > 2
            and head[m.end : m.end + 4].strip()[:1] in {"-", "–", "—", ",", "("}
        ):
            dateline = k
            break
    return Analysis(
        document=document,
        mentions=mentions,
        events=events,
        times=times,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        acronyms=defined_acronyms(doc),
        dateline=dateline,
    )


__all__ = ["analyze"]
