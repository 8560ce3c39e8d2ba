"""Events and entities read back from a store as typed records (the researcher's Python view).

>>> from kg.store import open_store
>>> with open_store("memory:") as store:
...     events(store), entities(store)
([], [])
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from kg.config import data_path
from kg.rdf.writer import ENTITY_CLASSES
from kg.records import Entity, EntityMention, Event, EventMention, Participant, Span, StatusRecord
from kg.store import Store

#: entity class IRI -> kg type, the inverse of the writer's mapping
_TYPES = {str(cls): name for name, cls in ENTITY_CLASSES.items()}


def _sparql(name: str) -> str:
    return data_path("sparql", f"{name}.rq").read_text(encoding="utf-8")


def type_name(iri: Any) -> str:
    """kg:Person -> "PERSON" (and so on for every entity class)."""
    return _TYPES.get(str(iri), "ORGANIZATION")


def as_day(value: Any) -> date | None:
    """A SPARQL value as a day (None when it is not one)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_str(value: Any) -> str | None:
    """A SPARQL value as text, keeping None (unbound)."""
    return None if value is None else str(value)


def _best_label(labels: set[str]) -> str:
    return sorted(labels, key=lambda s: (-len(s.split()), -len(s), s))[0]


def events(store: Store) -> list[Event]:
    """Every cross-document event in the store, with its participants, place, date and sources."""
    rows = store.query(_sparql("merged_events")).rows
    by_event: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = str(row["e"])
        ev = by_event.setdefault(iri, {"row": row, "parts": {}, "place": None})
        if row.get("actor"):
            key = str(row["actorKey"])
            role = str(row["role"]).rsplit("/", 1)[-1]
            ev["parts"].setdefault(
                (key, role),
                (str(row["actorLabel"]), type_name(row["actorType"]), as_str(row.get("actorQid"))),
            )
        if row.get("place") and ev["place"] is None:
            ev["place"] = Participant(
                str(row["placeKey"]),
                str(row["placeLabel"]),
                type_name(row["placeType"]),
                "place",
                as_str(row.get("placeQid")),
            )
    sources: dict[str, dict[str, EventMention]] = defaultdict(dict)
    for row in store.query(_sparql("event_sources")).rows:
        iri, m = str(row["e"]), str(row["m"])
        span = Span(
            str(row["docId"]),
            int(row["start"]) if row.get("start") is not None else int(row["sstart"]),
            int(row["end"]) if row.get("end") is not None else int(row["send"]),
            str(row["sentence"]),
            int(row["sstart"]),
            int(row["send"]),
        )
        cur = sources[iri].get(m)
        if cur is None:
            sources[iri][m] = EventMention(
                span.doc_id,
                "",
                "",
                [],
                span,
                status=str(row["status"]),
                published=as_day(row.get("published")),
                local_id=m,
            )
        elif row.get("start") is not None and cur.source.start == cur.source.sentence_start:
            cur.more_sources.append(cur.source)
            cur.source = span
        elif span not in (cur.source, *cur.more_sources):
            cur.more_sources.append(span)
    history: dict[str, list[StatusRecord]] = defaultdict(list)
    for row in store.query(_sparql("status_records")).rows:
        history[str(row["e"])].append(
            StatusRecord(
                str(row["status"]),
                as_day(row.get("asOf")),
                str(row.get("docId") or ""),
                as_str(row.get("value")),
            )
        )
    out: list[Event] = []
    mention: EventMention
    for iri in sorted(by_event):
        data = by_event[iri]
        row = data["row"]
        etype = str(row["type"]).rsplit("/", 1)[-1]
        lead = {"VISIT": "visitor", "STATEMENT": "speaker"}.get(etype)
        parts: dict[str, Participant] = {}
        for (key, role), (label, ptype, qid) in sorted(
            data["parts"].items(), key=lambda kv: (kv[0][1] != lead, kv[0][0])
        ):
            parts.setdefault(key, Participant(key, label, ptype, role, qid))
        mentions = sorted(
            sources.get(iri, {}).values(), key=lambda m: (m.published or date.min, m.doc_id, m.source.start)
        )
        for mention in mentions:
            mention.more_sources.sort(key=lambda s: s.start)
        out.append(
            Event(
                key=str(row["key"]),
                type=etype,
                participants=list(parts.values()),
                mentions=mentions,
                place=data["place"],
                date=as_str(row.get("value")),
                begin=as_day(row.get("begin")),
                end_day=as_day(row.get("end")),
                status=str(row.get("status") or "happened"),
                confidence=float(row["confidence"]),
                merge_confidence=float(row.get("merge") or 1.0),
                cameo=as_str(row.get("cameo")),
                plover=as_str(row.get("plover")),
                named_event=as_str(row.get("named")),
                history=sorted(
                    set(history.get(iri, [])), key=lambda h: (h.as_of or date.min, h.doc_id, h.status)
                ),
            )
        )
    # in order of first report (the order a reader meets them), the key breaking ties
    out.sort(key=_first_report)
    return out


def _first_report(ev: Event) -> tuple[date, str, int, str]:
    if not ev.mentions:
        return (date.max, "", 0, ev.key)
    first = ev.mentions[0]
    return (first.published or date.min, first.doc_id, first.source.start, ev.key)


def entities(store: Store) -> list[Entity]:
    """Every entity mentioned in the store's documents, with its aliases and mentions."""
    rows = store.query(_sparql("entities")).rows
    labels: dict[str, set[str]] = defaultdict(set)
    data: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = str(row["entity"])
        d = data.setdefault(
            iri,
            {
                "key": str(row["key"]),
                "type": type_name(row["type"]),
                "qid": as_str(row.get("qid")),
                "mentions": set(),
            },
        )
        labels[iri].add(str(row["label"]))
        d["mentions"].add((str(row["docId"]), int(row["start"]), int(row["end"]), str(row["text"])))
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_sparql("entity_aliases")).rows:
        aliases[str(row["entity"])].add(str(row["alias"]))
    out = []
    for iri in sorted(data):
        d = data[iri]
        label = _best_label(labels[iri])
        mentions = [EntityMention(doc, s, e, text, d["type"]) for doc, s, e, text in sorted(d["mentions"])]
        out.append(
            Entity(
                key=d["key"],
                label=label,
                type=d["type"],
                aliases=sorted((aliases[iri] | labels[iri]) - {label}),
                wikidata=d["qid"],
                mentions=mentions,
            )
        )
    return out
