"""A small two-document example, built by hand: a planned meeting (doc A), the same meeting reported
as held plus a statement with a quote (doc B), a role fact, an entity with GeoNames, a membership."""

from __future__ import annotations

from datetime import date

import pytest

from kg.rdf.writer import Quad, document_quads, merged_quads, reference_quads
from kg.records import (
    Document,
    DocumentResult,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Participant,
    Quote,
    RoleFact,
    Span,
    StatusRecord,
    TimeValue,
)

DOC_A = 'afp 2019/04 #1 "Putin"\n.txt'  # a deliberately nasty id
TEXT_A = "Russian President Vladimir Putin will meet Xi Jinping in Beijing on Friday."
DOC_B = "reuters-20190427"
TEXT_B = 'Putin and Xi met in Beijing on Friday. "We are close friends," Xi said.'

PUTIN = Participant("wd:Q7747", "Vladimir Putin", "PERSON", "participant", "Q7747")
XI = Participant("person:xi-jinping", "Xi Jinping", "PERSON", "host")
BEIJING = Participant("wd:Q956", "Beijing", "PLACE", "participant", "Q956")
FRIDAY = TimeValue("Friday", 0, 0, "DATE", "2019-04-26", date(2019, 4, 26), date(2019, 4, 26))


def _doc_a() -> DocumentResult:
    doc = Document(
        id=DOC_A,
        text=TEXT_A,
        published=date(2019, 4, 24),
        title="Putin to meet Xi",
        url="https://example.org/afp/1",
        source="AFP",
        content_hash="abc123",
    )
    sent = (0, len(TEXT_A))
    putin = Entity(
        key="wd:Q7747",
        label="Vladimir Putin",
        type="PERSON",
        aliases=["Putin", "Vladimir Putin"],
        wikidata="Q7747",
        country="wd:Q159",
        mentions=[EntityMention(DOC_A, 18, 32, "Vladimir Putin", "PERSON", "President", *sent)],
        roles=[
            RoleFact(
                person="wd:Q7747",
                role="President",
                of="wd:Q159",
                as_of=date(2019, 4, 24),
                source=Span(DOC_A, 0, 32, TEXT_A, *sent),
            )
        ],
    )
    xi = Entity(
        key="person:xi-jinping",
        label="Xi Jinping",
        type="PERSON",
        mentions=[EntityMention(DOC_A, 43, 53, "Xi Jinping", "PERSON", None, *sent)],
    )
    beijing = Entity(
        key="wd:Q956",
        label="Beijing",
        type="PLACE",
        wikidata="Q956",
        geonames=1816670,
        lat=39.9075,
        lon=116.39723,
        subtype="city",
        country="wd:Q148",
        mentions=[EntityMention(DOC_A, 57, 64, "Beijing", "PLACE", None, *sent)],
    )
    meeting = EventMention(
        doc_id=DOC_A,
        type="MEETING",
        trigger="meet",
        participants=[PUTIN, XI],
        source=Span(DOC_A, 38, 42, TEXT_A, *sent),
        place=BEIJING,
        time=FRIDAY,
        status="planned",
        confidence=0.8,
        cameo="036",
        plover="AGREE",
        published=date(2019, 4, 24),
        local_id="ev-0",
    )
    return DocumentResult(doc, [putin, xi, beijing], [meeting], times=[FRIDAY], sentences=[sent])


def _doc_b() -> DocumentResult:
    doc = Document(
        id=DOC_B, text=TEXT_B, published=date(2019, 4, 27), title="Putin and Xi meet", source="Reuters"
    )
    s1, s2 = (0, 38), (39, len(TEXT_B))
    putin = Entity(
        key="wd:Q7747",
        label="Vladimir Putin",
        type="PERSON",
        wikidata="Q7747",
        mentions=[EntityMention(DOC_B, 0, 5, "Putin", "PERSON", None, *s1)],
    )
    xi = Entity(
        key="person:xi-jinping",
        label="Xi Jinping",
        type="PERSON",
        mentions=[
            EntityMention(DOC_B, 10, 12, "Xi", "PERSON", None, *s1),
            EntityMention(DOC_B, 63, 65, "Xi", "PERSON", None, *s2),
        ],
    )
    quote = Quote(TEXT_B[39:62], 39, 62, True, speaker="person:xi-jinping", topics=("wd:Q7747",))
    met = EventMention(
        doc_id=DOC_B,
        type="MEETING",
        trigger="met",
        participants=[PUTIN, XI],
        source=Span(DOC_B, 13, 16, TEXT_B[0:38], *s1),
        place=BEIJING,
        time=FRIDAY,
        status="happened",
        confidence=0.9,
        published=date(2019, 4, 27),
        local_id="ev-0",
    )
    said = EventMention(
        doc_id=DOC_B,
        type="STATEMENT",
        trigger="said",
        participants=[
            Participant("person:xi-jinping", "Xi Jinping", "PERSON", "speaker"),
            Participant("wd:Q7747", "Vladimir Putin", "PERSON", "audience", "Q7747"),
        ],
        source=Span(DOC_B, 66, 70, TEXT_B[39:], *s2),
        time=TimeValue("2019-04", 0, 0, "DATE", "2019-04", date(2019, 4, 1), date(2019, 4, 30)),
        status="happened",
        confidence=0.7,
        quotes=[quote],
        local_id="ev-1",
    )
    return DocumentResult(doc, [putin, xi], [met, said], sentences=[s1, s2])


@pytest.fixture
def results() -> list[DocumentResult]:
    return [_doc_a(), _doc_b()]


def _events(results: list[DocumentResult]) -> list[Event]:
    a, b = results
    meeting = Event(
        key="ev-meeting-1",
        type="MEETING",
        participants=[PUTIN, XI],
        mentions=[a.events[0], b.events[0]],
        place=BEIJING,
        date="2019-04-26",
        begin=date(2019, 4, 26),
        end_day=date(2019, 4, 26),
        status="happened",
        confidence=0.85,
        merge_confidence=0.9,
        cameo="040",
        plover="CONSULT",
        history=[
            StatusRecord("planned", date(2019, 4, 24), DOC_A, "2019-04-26"),
            StatusRecord("happened", date(2019, 4, 27), DOC_B, "2019-04-26"),
        ],
    )
    statement = Event(
        key="ev-statement-1",
        type="STATEMENT",
        participants=list(b.events[1].participants),
        mentions=[b.events[1]],
        date="2019-04",
        begin=date(2019, 4, 1),
        end_day=date(2019, 4, 30),
        status="happened",
        confidence=0.7,
    )
    return [meeting, statement]


@pytest.fixture
def events(results: list[DocumentResult]) -> list[Event]:
    return _events(results)


MEMBERSHIPS = [
    ("wd:Q7184", "wd:Q142", date(1949, 4, 4), None, "North Atlantic Treaty, art. 10"),
    ("wd:Q7809", "wd:Q148", date(1971, 10, 25), None, "UNGA resolution 2758"),
]


def build_quads(results: list[DocumentResult], events: list[Event]) -> list[Quad]:
    quads: list[Quad] = []
    for result in results:
        quads += document_quads(result)
    return quads + merged_quads(events) + reference_quads(MEMBERSHIPS)


@pytest.fixture
def quads(results: list[DocumentResult], events: list[Event]) -> list[Quad]:
    return build_quads(results, events)
