"""Events and entities as JSON records, in the format ../shared/eval/score_events.py reads.

An event: {"id", "type", "participants": [{"label", "type", "role", "wikidata"?}], "place": {...}|null,
"date", "status", "sources": [{"doc_id", "sentence", "start", "end"}], "confidence", "cameo", "plover"}.
An entity: {"id", "label", "type", "aliases", "wikidata"?, "mentions": [{"doc_id", "start", "end"}]}.

>>> from kg.records import Entity, EntityMention
>>> e = Entity("wd:Q7747", "Vladimir Putin", "PERSON", ["Putin"], "Q7747",
...            mentions=[EntityMention("d1", 0, 5, "Putin", "PERSON")])
>>> entity_record(e)["mentions"]
[{'doc_id': 'd1', 'start': 0, 'end': 5}]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from kg.rdf.iri import entity_iri, event_iri
from kg.records import Entity, Event, Participant


def _participant(p: Participant) -> dict[str, Any]:
    out: dict[str, Any] = {"label": p.label, "type": p.type, "role": p.role, "id": str(entity_iri(p.key))}
    if p.wikidata:
        out["wikidata"] = p.wikidata
    return out


def event_record(ev: Event) -> dict[str, Any]:
    """One merged event as a JSON-ready dict, every source mention listed."""
    sources = []
    for m in ev.mentions:
        for span in [m.source, *m.more_sources]:
            sources.append(
                {"doc_id": span.doc_id, "sentence": span.sentence, "start": span.start, "end": span.end}
            )
    out: dict[str, Any] = {
        "id": str(event_iri(ev.key)),
        "type": ev.type,
        "participants": [_participant(p) for p in ev.participants],
        "place": _participant(ev.place) if ev.place else None,
        "date": ev.date,
        "status": ev.status,
        "sources": sources,
        "confidence": ev.confidence,
        "merge_confidence": ev.merge_confidence,
        "cameo": ev.cameo,
        "plover": ev.plover,
    }
    if ev.history and len(ev.history) > 1:
        out["history"] = [
            {
                "status": h.status,
                "as_of": h.as_of.isoformat() if h.as_of else None,
                "doc_id": h.doc_id,
                "date": h.date,
            }
            for h in ev.history
        ]
    return out


def entity_record(entity: Entity) -> dict[str, Any]:
    """One entity as a JSON-ready dict with its mentions."""
    out: dict[str, Any] = {
        "id": str(entity_iri(entity.key)),
        "label": entity.label,
        "type": entity.type,
        "aliases": sorted(set(entity.aliases)),
        "mentions": [{"doc_id": m.doc_id, "start": m.start, "end": m.end} for m in entity.mentions],
    }
    if entity.wikidata:
        out["wikidata"] = entity.wikidata
    return out


def merge_entities(per_document: Iterable[Iterable[Entity]]) -> list[Entity]:
    """One entity per key across documents: aliases and mentions pooled."""
    merged: dict[str, Entity] = {}
    for entities in per_document:
        for e in entities:
            cur = merged.get(e.key)
            if cur is None:
                merged[e.key] = Entity(
                    **{
                        **e.__dict__,
                        "aliases": list(e.aliases),
                        "mentions": list(e.mentions),
                        "roles": list(e.roles),
                    }
                )
            else:
                cur.aliases = sorted(set(cur.aliases) | set(e.aliases) | ({e.label} - {cur.label}))
                cur.mentions.extend(e.mentions)
                cur.roles.extend(e.roles)
    return [merged[k] for k in sorted(merged)]


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one JSON object a line; returns the count."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n
