"""Read what the exports need from the store, once, into plain Python records.

Every export (graph files, HTML, timeline, map) starts from :class:`GraphData`: the merged events,
the entities, who took part in what with which role, memberships and the source sentences. The
SPARQL lives in ``kg/export/queries/*.rq``; this module only turns rows into records, so a change
of the RDF model means editing the .rq files.

>>> from kg.export.data import local_name
>>> local_name("https://w3id.org/kg/event-type/MEETING"), local_name("https://w3id.org/kg/ontology#Person")
('MEETING', 'Person')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from kg.errors import ExportError

QUERIES = Path(__file__).parent / "queries"


class QueryResultLike(Protocol):
    rows: list[dict[str, Any]]


class QueryStore(Protocol):
    """What the exports need of a store: ``kg.store.Store`` satisfies it."""

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any: ...


@cache
def load_query(name: str) -> str:
    """The text of ``kg/export/queries/{name}.rq``."""
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def run_query(store: QueryStore, name: str) -> list[dict[str, Any]]:
    """Run a named export query and return its rows (dicts var -> python value)."""
    result = store.query(load_query(name))
    rows = getattr(result, "rows", result)
    return [dict(row) for row in rows]


def local_name(iri: str) -> str:
    """The last segment of an IRI (after '#' or '/')."""
    text = str(iri)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def to_date(value: Any) -> date | None:
    """A date from a store value (date, datetime or ISO string); None when it is not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_date(text: str | date | None) -> date | None:
    """Parse a user-given ISO date (CLI option); raise ExportError E303-style on garbage."""
    if text is None or isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise ExportError("E303", reason=repr(text)) from err


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


@dataclass
class EntityInfo:
    """An entity as the exports show it."""

    id: str
    type: str  # Person | Country | Organization | Place | NamedEvent
    label: str
    qid: str | None = None
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    subtype: str | None = None
    names: list[str] = field(default_factory=list)


@dataclass
class SourceInfo:
    """One sentence stating an event."""

    mention: str
    doc: str | None = None
    doc_id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    sentence: str | None = None


@dataclass
class EventInfo:
    """A merged event with its actors (entity id -> sorted roles)."""

    id: str
    type: str
    status: str | None = None
    date_value: str | None = None
    start: date | None = None
    end: date | None = None
    place: str | None = None
    confidence: float | None = None
    actors: dict[str, list[str]] = field(default_factory=dict)
    sources: list[SourceInfo] = field(default_factory=list)

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether [dateStart, dateEnd] overlaps [start, end] (open ends allowed).

        With no range at all every event overlaps; with a range, undated events do not.
        """
        if start is None and end is None:
            return True
        first = self.start or self.end
        last = self.end or self.start
        if first is None or last is None:
            return False
        return (end is None or first <= end) and (start is None or last >= start)


@dataclass
class MembershipInfo:
    id: str
    member: str
    organization: str
    since: date | None = None
    until: date | None = None
    citation: str | None = None


@dataclass
class GraphData:
    """Everything the exports read, keyed by IRI; events and entities sorted by IRI."""

    events: dict[str, EventInfo]
    entities: dict[str, EntityInfo]
    memberships: list[MembershipInfo] = field(default_factory=list)

    @property
    def actor_ids(self) -> list[str]:
        """Entities that take part in at least one event, sorted."""
        return sorted({a for ev in self.events.values() for a in ev.actors})

    def entity(self, iri: str) -> EntityInfo:
        """The entity, or a stand-in labelled by its IRI when the graph does not describe it."""
        found = self.entities.get(iri)
        if found is None:
            found = EntityInfo(id=iri, type="Entity", label=local_name(iri))
            self.entities[iri] = found
        return found

    def event_label(self, event: EventInfo) -> str:
        """A short human label: "MEETING 2019-04-26 Beijing: Vladimir Putin, Xi Jinping"."""
        parts = [event.type]
        when = event.date_value or (event.start.isoformat() if event.start else None)
        if when:
            parts.append(when)
        text = " ".join(parts)
        if event.place:
            text += " " + self.entity(event.place).label
        names = [self.entity(a).label for a in event.actors]
        if names:
            text += ": " + ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")
        return text

    def find_entity(self, name: str) -> EntityInfo | None:
        """An entity by IRI, QID, label or alias (case-insensitive); actors win ties."""
        wanted = name.strip().casefold()
        if not wanted:
            return None
        actors = set(self.actor_ids)
        candidates: list[EntityInfo] = []
        for ent in self.entities.values():
            keys = {ent.id.casefold(), ent.label.casefold(), *(n.casefold() for n in ent.names)}
            if ent.qid:
                keys.add(ent.qid.casefold())
            if wanted in keys:
                candidates.append(ent)
        if not candidates:
            candidates = [e for e in self.entities.values() if wanted in e.label.casefold()]
        if not candidates:
            return None
        candidates.sort(key=lambda e: (e.id not in actors, e.id))
        return candidates[0]


def _first(values: Iterable[Any]) -> Any:
    present = sorted((v for v in values if v is not None), key=str)
    return present[0] if present else None


def load_graph_data(store: QueryStore, *, sources: bool = False, names: bool = False) -> GraphData:
    """Read events, actors, entities and memberships from ``store``.

    ``sources`` also reads each event's source sentences (for the HTML page), ``names`` every alias
    of every entity (to find an actor by name).

    >>> from kg.export.testing import sample_store
    >>> data = load_graph_data(sample_store())
    >>> len(data.events) > 0, data.events[sorted(data.events)[0]].type
    (True, 'MEETING')
    """
    entities: dict[str, EntityInfo] = {}
    for row in run_query(store, "entities"):
        iri = str(row["entity"])
        ent = entities.get(iri)
        if ent is None:
            ent = entities[iri] = EntityInfo(id=iri, type=local_name(row["class"]), label="")
        else:  # several classes or several optional values: keep the smallest, deterministically
            ent.type = min(ent.type, local_name(row["class"]))
        label = _str(row.get("label"))
        if label and (not ent.label or label < ent.label):
            ent.label = label
        qid = _str(row.get("qid"))
        if qid and (ent.qid is None or qid < ent.qid):
            ent.qid = qid
        ent.geonames = ent.geonames or _str(row.get("geonames"))
        ent.subtype = ent.subtype or _str(row.get("subtype"))
        if ent.lat is None:
            ent.lat = _float(row.get("lat"))
        if ent.lon is None:
            ent.lon = _float(row.get("long"))
    for ent in entities.values():
        if not ent.label:
            ent.label = ent.qid or local_name(ent.id)

    if names:
        for row in run_query(store, "entity_names"):
            ent = entities.get(str(row["entity"]))
            name = _str(row.get("name"))
            if ent is not None and name and name not in ent.names:
                ent.names.append(name)

    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in run_query(store, "events"):
        grouped.setdefault(str(row["event"]), []).append(row)
    events: dict[str, EventInfo] = {}
    for iri in sorted(grouped):
        rows = grouped[iri]

        def pick(var: str, rows: list[dict[str, Any]] = rows) -> Any:
            return _first(r.get(var) for r in rows)

        etype = pick("type")
        status = pick("currentStatus") or pick("status")
        events[iri] = EventInfo(
            id=iri,
            type=local_name(etype) if etype else "EVENT",
            status=local_name(status) if status else None,
            date_value=_str(pick("dateValue")),
            start=to_date(pick("start")),
            end=to_date(pick("end")),
            place=_str(pick("place")),
            confidence=_float(pick("confidence")),
        )

    roles: dict[tuple[str, str], set[str]] = {}
    for row in run_query(store, "event_actors"):
        event, actor = str(row["event"]), str(row["actor"])
        if event not in events:
            continue
        found = roles.setdefault((event, actor), set())
        if row.get("role") is not None:
            found.add(local_name(row["role"]))
    for (event, actor), found in sorted(roles.items()):
        events[event].actors[actor] = sorted(found) or ["participant"]

    memberships = []
    for row in run_query(store, "memberships"):
        memberships.append(
            MembershipInfo(
                id=str(row["membership"]),
                member=str(row["member"]),
                organization=str(row["organization"]),
                since=to_date(row.get("since")),
                until=to_date(row.get("until")),
                citation=_str(row.get("citation")),
            )
        )

    data = GraphData(events=events, entities=entities, memberships=memberships)
    if sources:
        seen: set[tuple[str, str]] = set()
        for row in run_query(store, "event_sources"):
            event, mention = str(row["event"]), str(row["mention"])
            if event not in events or (event, mention) in seen:
                continue
            seen.add((event, mention))
            events[event].sources.append(
                SourceInfo(
                    mention=mention,
                    doc=_str(row.get("doc")),
                    doc_id=_str(row.get("docId")),
                    title=_str(row.get("title")),
                    published=to_date(row.get("published")),
                    url=_str(row.get("url")),
                    sentence=_str(row.get("text")),
                )
            )
    # make sure every actor and place has an entity record
    for ev in events.values():
        for actor in ev.actors:
            data.entity(actor)
        if ev.place:
            data.entity(ev.place)
    return data
