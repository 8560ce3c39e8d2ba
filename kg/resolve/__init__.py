"""Resolution: entities linked and corefered within a document, events merged within and across documents.

``resolve_document`` turns one :class:`~kg.records.Analysis` into a
:class:`~kg.records.DocumentResult`; ``merge_events`` joins event mentions of many documents.
"""

from __future__ import annotations

from kg.records import Analysis, DocumentResult
from kg.resolve.entities import resolve_entities
from kg.resolve.events import link_participants, merge_in_document
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.merge import merge_events


def resolve_document(analysis: Analysis, gazetteer: Gazetteer | None = None) -> DocumentResult:
    """Link the mentions of one document to entities and merge its event mentions."""
    resolver = resolve_entities(analysis, gazetteer)
    entities = {e.key: e for e in resolver.entities()}
    events = link_participants(analysis.events, resolver, entities)
    events = merge_in_document(events)
    used = {p.key for ev in events for p in [*ev.participants, *([ev.place] if ev.place else [])]}
    ents = [e for e in entities.values() if e.mentions or e.key in used]
    ents.sort(key=lambda e: e.key)
    return DocumentResult(
        document=analysis.document,
        entities=ents,
        events=events,
        times=analysis.times,
        sentences=analysis.sentences,
    )


__all__ = ["resolve_document", "merge_events"]
