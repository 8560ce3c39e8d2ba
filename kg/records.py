"""The records that flow between kg's rooms.

Each stage reads the records of the stage before it and writes its own; no stage reaches back.
They are plain dataclasses so they serialise to JSON (``to_dict``) and cross process boundaries
(multiprocessing, Dask) by pickling.

>>> from datetime import date
>>> d = Document(id="a1", text="Putin met Xi.", published=date(2019, 4, 24))
>>> d.id, d.published.isoformat()
('a1', '2019-04-24')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Entity types of the annotation guidelines (../shared/eval/GUIDELINES.md).
ENTITY_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "PLACE", "NAMED_EVENT")
#: Event types kg extracts (the first four are scored by the guidelines).
EVENT_TYPES = ("MEETING", "VISIT", "STATEMENT", "AGREEMENT")
#: Event status values.
STATUSES = ("happened", "planned", "cancelled")
#: Participant roles (first-class in the graph).
ROLES = ("participant", "visitor", "host", "speaker", "audience", "party")


@dataclass(frozen=True)
class Document:
    """One article as read from a source: the text kg analyses plus its metadata."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: sha256 of the text and metadata; set by the readers, used for incremental builds.
    content_hash: str | None = None


@dataclass(frozen=True)
class TimeValue:
    """A normalised time expression (TIMEX3).

    ``value`` is the TIMEX3 value ("2019-04-26", "2019-06", "2019-W17", "P3Y", "PAST_REF",
    "2019-04-25/2019-04-27" for intervals); ``begin``/``end`` are the first and last day it covers
    when it denotes a calendar span (None for durations, sets and references).
    """

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str
    begin: dt.date | None = None
    end_day: dt.date | None = None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...
    quant: str | None = None  # for SETs: EVERY, EACH ...


@dataclass(frozen=True)
class Span:
    """Where a fact comes from: character offsets into the document text, and its sentence."""

    doc_id: str
    start: int
    end: int
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class EntityMention:
    """One surface mention of an entity in a document."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    #: the title or role the text gives the person at this mention ("President", "Kremlin aide").
    role: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class RoleFact:
    """A person holding a role, as stated by a document ("Kremlin aide Yury Ushakov")."""

    person: str  # entity key
    role: str  # normalised role label ("President", "Foreign Minister", "aide")
    of: str | None = None  # entity key of the country or organization
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    as_of: dt.date | None = None  # the publication date of the stating document
    source: Span | None = None


@dataclass
class Entity:
    """A resolved entity. ``key`` is stable across documents (QID or type+normalised name)."""

    key: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None  # "Q7747"
    country: str | None = None  # entity key of the country it belongs to
    subtype: str | None = None  # "newspaper", "ministry", "city", "igo" ...
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an event, with its role."""

    key: str
    label: str
    type: str
    role: str = "participant"
    wikidata: str | None = None


@dataclass(frozen=True)
class Quote:
    """What a speaker said: quoted or reported text with its offsets."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None  # entity key
    topics: tuple[str, ...] = ()  # entity keys mentioned in the quote


@dataclass
class EventMention:
    """An event as one document states it (after in-document merging of its mentions)."""

    doc_id: str
    type: str
    trigger: str
    participants: list[Participant]
    source: Span
    place: Participant | None = None
    time: TimeValue | None = None
    status: str = "happened"
    confidence: float = 0.5
    cameo: str | None = None
    plover: str | None = None
    published: dt.date | None = None
    quotes: list[Quote] = field(default_factory=list)
    #: further sentences of the same document stating the same event
    more_sources: list[Span] = field(default_factory=list)
    #: named event (forum, summit) the event belongs to, as an entity key
    named_event: str | None = None
    #: key of this mention inside its document, stable across runs
    local_id: str = ""


@dataclass(frozen=True)
class StatusRecord:
    """One status of an event as one source reported it (the event's lifecycle)."""

    status: str
    as_of: dt.date | None
    doc_id: str
    date: str | None  # the event date that source gave


@dataclass
class Event:
    """A real-world event: one or more event mentions merged within and across documents."""

    key: str
    type: str
    participants: list[Participant]
    mentions: list[EventMention]
    place: Participant | None = None
    date: str | None = None  # TIMEX3 value
    begin: dt.date | None = None
    end_day: dt.date | None = None
    status: str = "happened"
    confidence: float = 0.5
    merge_confidence: float = 1.0
    cameo: str | None = None
    plover: str | None = None
    named_event: str | None = None
    history: list[StatusRecord] = field(default_factory=list)


@dataclass
class DocumentResult:
    """Everything kg learned from one document, ready for the RDF writer."""

    document: Document
    entities: list[Entity]
    events: list[EventMention]
    times: list[TimeValue] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def to_dict(record: Any) -> Any:
    """A JSON-ready dict of any record (dates become ISO strings)."""

    def convert(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return convert(dataclasses.asdict(record))


@dataclass
class Analysis:
    """What extraction found in one document, before resolution (the extract -> resolve contract).

    Event participants and places refer to entity mentions by index: ``Participant.key`` is
    ``"@<index into mentions>"``; resolution replaces it with the entity key.
    """

    document: Document
    mentions: list[EntityMention]
    events: list[EventMention]
    times: list[TimeValue] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    #: acronyms the text defines: "SCO" -> "Shanghai Cooperation Organization"
    acronyms: dict[str, str] = field(default_factory=dict)
    #: the dateline place ("MOSCOW -"), as a mention index
    dateline: int | None = None
