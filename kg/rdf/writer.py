"""Records -> quads: the only place that knows how kg's records become RDF (ontology/kg.ttl).

Three writers, one per kind of named graph:

* :func:`document_quads` - everything one document says, in ``doc_graph(doc id)``;
* :func:`merged_quads` - cross-document events with all their sources, in ``MERGED_GRAPH``;
* :func:`reference_quads` - gazetteer memberships, in ``REFERENCE_GRAPH``.

No blank nodes: every node gets an IRI minted from its content (kg.rdf.iri), so the same records
give the same quads on every run.

>>> from datetime import date
>>> from kg.records import Document, DocumentResult
>>> doc = Document(id="a1", text="Putin met Xi.", published=date(2019, 4, 24), title="Talks")
>>> quads = document_quads(DocumentResult(document=doc, entities=[], events=[], sentences=[(0, 13)]))
>>> len(quads) > 0 and all(g == doc_graph("a1") for *_, g in quads)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache

from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Literal, Node, URIRef

from kg.config import EXTRACTOR_VERSION
from kg.rdf.canonical import rounded_decimal
from kg.rdf.iri import (
    doc_graph,
    doc_iri,
    entity_iri,
    event_iri,
    event_mention_iri,
    key_hash,
    membership_iri,
    mention_iri,
    part_iri,
    sentence_iri,
    slug,
)
from kg.rdf.namespaces import GEO, GEONAMES, KG, KGROLE, KGT, MERGED_GRAPH, REFERENCE_GRAPH, WD
from kg.records import (
    DocumentResult,
    Entity,
    Event,
    EventMention,
    Participant,
    Quote,
    RoleFact,
    Span,
    StatusRecord,
)
from kg.store.terms import nt

#: (subject, predicate, object, graph); subject and graph are always IRIs here.
Quad = tuple[Node, URIRef, Node, URIRef]
Triple = tuple[Node, URIRef, Node]

#: records.ENTITY_TYPES -> ontology class
ENTITY_CLASSES: dict[str, URIRef] = {
    "PERSON": KG.Person,
    "COUNTRY": KG.Country,
    "ORGANIZATION": KG.Organization,
    "PLACE": KG.Place,
    "NAMED_EVENT": KG.NamedEvent,
}


# ---------------------------------------------------------------------------------------------
# literals


# Literals are immutable and rdflib builds them slowly (datatype checks, casting to Python), while
# the same offsets, dates, confidences and labels come back in every document: each is built once.


@lru_cache(maxsize=4096, typed=True)
def _decimal(value: float) -> Literal:
    """An xsd:decimal in XSD 1.1 canonical form ("0.8", "1", "39.9075"), as Oxigraph stores it."""
    return Literal(rounded_decimal(value), datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16, typed=True)
def _int(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


@lru_cache(maxsize=8192)
def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=1 << 14)
def _str(value: str) -> Literal:
    return Literal(value)


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_WEEK = re.compile(r"\d{4}-W\d{2}(-WE)?")
_ISO_YEAR = re.compile(r"\d{4}")
_ISO_QUARTER = re.compile(r"\d{4}-(Q[1-4]|H[12])")
_ISO_SEASON = re.compile(r"\d{4}-(SP|SU|FA|AU|WI)")
_ISO_DECADE = re.compile(r"\d{3}X?")
_ISO_CENTURY = re.compile(r"\d{2}(XX)?")


def date_granularity(value: str | None, begin: date | None = None, end: date | None = None) -> str | None:
    """How precise a TIMEX3 value is: day, week, month, quarter, season, year, decade, century,
    time, interval (``a/b`` or begin != end), or None when it names no calendar span.

    >>> [date_granularity(v) for v in ("2019-04-26", "2019-W17", "2019-06", "2019", "2019-04-25/2019-04-27")]
    ['day', 'week', 'month', 'year', 'interval']
    >>> date_granularity("PAST_REF") is None
    True
    """
    if value:
        if "/" in value:
            return "interval"
        if "T" in value[4:] and _ISO_DAY.match(value):
            return "time"
        for pattern, name in (
            (_ISO_DAY, "day"),
            (_ISO_WEEK, "week"),
            (_ISO_QUARTER, "quarter"),
            (_ISO_SEASON, "season"),
            (_ISO_MONTH, "month"),
            (_ISO_YEAR, "year"),
            (_ISO_DECADE, "decade"),
            (_ISO_CENTURY, "century"),
        ):
            if pattern.fullmatch(value):
                return name
    if begin is not None and end is not None:
        return "day" if begin == end else "interval"
    return None


def _date_triples(
    subject: URIRef, value: str | None, begin: date | None, end: date | None, mod: str | None = None
) -> Iterator[Triple]:
    """kg:dateValue (TIMEX3), kg:dateStart/kg:dateEnd (xsd:date bounds), kg:dateGranularity."""
    if value:
        yield subject, KG.dateValue, _str(value)
    if begin is not None:
        yield subject, KG.dateStart, _date(begin)
    if end is not None:
        yield subject, KG.dateEnd, _date(end)
    granularity = date_granularity(value, begin, end)
    if granularity and (value or begin is not None):
        yield subject, KG.dateGranularity, _str(granularity)
    if mod:
        yield subject, KG.dateModifier, _str(mod)


def role_iri(role: str) -> URIRef:
    """The participant-role concept (ontology/event-types.ttl) of a role name.

    >>> str(role_iri("host"))
    'https://w3id.org/kg/role/host'
    """
    return URIRef(KGROLE[slug(role.strip().lower() or "participant")])


def event_type_iri(event_type: str) -> URIRef:
    """The event-type concept of an event type name.

    >>> str(event_type_iri("MEETING"))
    'https://w3id.org/kg/event-type/MEETING'
    """
    return URIRef(KGT[slug(event_type.strip().upper())])


def mention_event_iri(mention: EventMention) -> URIRef:
    """The IRI of an event mention; :func:`document_quads` and :func:`merged_quads` both use it.

    Minted from doc id + ``local_id``; when the extractor left ``local_id`` empty, from the
    mention's type, trigger and source offsets instead.
    """
    local = mention.local_id or "x" + key_hash(
        mention.type, mention.trigger, mention.source.start, mention.source.end, length=12
    )
    return event_mention_iri(mention.doc_id, local)


# ---------------------------------------------------------------------------------------------
# pieces shared by the writers


def _entity_stub(key: str, label: str, etype: str, wikidata: str | None) -> Iterator[Triple]:
    """Type, label and Wikidata link of an entity known only through a participant or place."""
    node = entity_iri(key)
    yield node, RDF.type, ENTITY_CLASSES.get(etype, KG.Entity)
    yield node, RDFS.label, _str(label or key)
    yield node, KG.key, _str(key)
    if wikidata:
        yield node, KG.wikidata, _str(wikidata)
        yield node, OWL.sameAs, URIRef(WD[wikidata])


def _entity_triples(entity: Entity) -> Iterator[Triple]:
    node = entity_iri(entity.key)
    yield from _entity_stub(entity.key, entity.label, entity.type, entity.wikidata)
    for alias in entity.aliases:
        if alias and alias != entity.label:
            yield node, SKOS.altLabel, _str(alias)
    if entity.country:
        yield node, KG.country, entity_iri(entity.country)
    if entity.subtype:
        yield node, KG.subtype, _str(entity.subtype)
    if entity.geonames is not None:
        yield node, KG.geonamesId, _int(entity.geonames)
        yield node, OWL.sameAs, URIRef(GEONAMES[f"{int(entity.geonames)}/"])
    if entity.lat is not None and entity.lon is not None:
        yield node, GEO.lat, _decimal(entity.lat)
        yield node, GEO.long, _decimal(entity.lon)


def _participations(subject: URIRef, participants: Iterable[Participant]) -> Iterator[Triple]:
    """kg:participation -> kg:Participation (actor, role) and the flat kg:hasActor shortcut."""
    for p in participants:
        actor = entity_iri(p.key)
        role = role_iri(p.role)
        node = part_iri(subject, "participation", p.key, str(role))
        yield subject, KG.participation, node
        yield node, RDF.type, KG.Participation
        yield node, KG.actor, actor
        yield node, KG.role, role
        yield subject, KG.hasActor, actor
        yield from _entity_stub(p.key, p.label, p.type, p.wikidata)


def _place(subject: URIRef, place: Participant | None) -> Iterator[Triple]:
    if place is not None:
        yield subject, KG.place, entity_iri(place.key)
        yield from _entity_stub(place.key, place.label, place.type, place.wikidata)


class _DocWriter:
    """Collects the triples of one document (sentences are looked up by offsets)."""

    def __init__(self, result: DocumentResult) -> None:
        self.result = result
        self.doc = result.document
        self.node = doc_iri(self.doc.id)
        self.sentences = sorted(set(result.sentences))
        self.triples: list[Triple] = []
        # sentences already written: every mention, event and quote cites its sentence again
        self.written: dict[tuple[int, int, str], URIRef] = {}

    def add(self, triples: Iterable[Triple]) -> None:
        self.triples.extend(triples)

    # sentences -------------------------------------------------------------------------------
    def sentence(self, start: int, end: int, text: str = "") -> URIRef | None:
        """The sentence at these offsets (written once), or the listed sentence covering ``start``."""
        if end <= start:
            for s, e in self.sentences:
                if s <= start < e:
                    start, end = s, e
                    break
            else:
                return None
        body = (self.doc.text[start:end] if end <= len(self.doc.text) else text) or text
        node = self.written.get((start, end, body))
        if node is None:
            node = self.written[(start, end, body)] = sentence_iri(self.doc.id, start, end)
            self.add(self._sentence_triples(node, start, end, body))
        return node

    def _sentence_triples(self, node: URIRef, start: int, end: int, text: str) -> Iterator[Triple]:
        yield node, RDF.type, KG.Sentence
        yield node, KG.inDocument, self.node
        yield node, KG.text, _str(text)
        yield node, KG.start, _int(start)
        yield node, KG.end, _int(end)

    def span(self, subject: URIRef, span: Span, offsets: bool = True) -> None:
        """Provenance of a fact: its document, its sentence and (optionally) its offsets."""
        self.add([(subject, KG.inDocument, self.node)])
        sentence = self.sentence(span.sentence_start, span.sentence_end, span.sentence)
        if sentence is None:
            sentence = self.sentence(span.start, span.start)
        if sentence is not None:
            self.add([(subject, KG.inSentence, sentence)])
        if offsets:
            self.add([(subject, KG.start, _int(span.start)), (subject, KG.end, _int(span.end))])

    # the document ----------------------------------------------------------------------------
    def document(self) -> None:
        doc, node = self.doc, self.node
        self.add([(node, RDF.type, KG.Document), (node, KG.docId, _str(doc.id))])
        self.add([(node, RDFS.label, _str(doc.title or doc.id))])
        if doc.title:
            self.add([(node, KG.title, _str(doc.title))])
        if doc.url:
            self.add([(node, KG.url, Literal(doc.url, datatype=XSD.anyURI))])
        if doc.published is not None:
            self.add([(node, KG.published, _date(doc.published))])
        if doc.source:
            self.add([(node, KG.sourceOutlet, _str(doc.source))])
        if doc.content_hash:
            self.add([(node, KG.contentHash, _str(doc.content_hash))])
        self.add([(node, KG.extractorVersion, _str(EXTRACTOR_VERSION))])
        for start, end in self.sentences:
            self.sentence(start, end)

    # entities, mentions, role facts ----------------------------------------------------------
    def entity(self, entity: Entity) -> None:
        self.add(_entity_triples(entity))
        node = entity_iri(entity.key)
        for m in entity.mentions:
            if m.doc_id != self.doc.id:
                continue
            mention = mention_iri(self.doc.id, m.start, m.end)
            # an alias seen in this document (not a demonym standing in a longer one: "the Malian
            # capital" is Bamako, but "Malian" is no name of Bamako)
            if m.text and m.text != entity.label and m.text in entity.aliases:
                self.add([(node, SKOS.altLabel, _str(m.text))])
            self.add(
                [
                    (mention, RDF.type, KG.Mention),
                    (mention, KG.refersTo, node),
                    (mention, KG.anchorOf, _str(m.text)),
                    (mention, KG.extractorVersion, _str(EXTRACTOR_VERSION)),
                ]
            )
            confidence = getattr(m, "confidence", None)
            if confidence is not None:
                self.add([(mention, KG.confidence, _decimal(confidence))])
            if m.role:
                self.add([(mention, KG.roleLabel, _str(m.role))])
            self.span(mention, Span(self.doc.id, m.start, m.end, "", m.sentence_start, m.sentence_end))
        for fact in entity.roles:
            self.role_fact(fact, entity)

    def role_fact(self, fact: RoleFact, entity: Entity) -> None:
        src = fact.source
        node = part_iri(
            self.node,
            "role",
            fact.person,
            fact.role,
            fact.of,
            fact.valid_from,
            fact.valid_to,
            fact.as_of,
            (src.start, src.end) if src else None,
        )
        self.add(
            [
                (node, RDF.type, KG.RoleFact),
                (node, KG.holder, entity_iri(fact.person)),
                (node, KG.roleLabel, _str(fact.role)),
                (node, KG.extractorVersion, _str(EXTRACTOR_VERSION)),
            ]
        )
        if fact.of:
            self.add([(node, KG.roleOf, entity_iri(fact.of))])
        for prop, value in ((KG.validFrom, fact.valid_from), (KG.validTo, fact.valid_to)):
            if value is not None:
                self.add([(node, prop, _date(value))])
        as_of = fact.as_of or self.doc.published
        if as_of is not None:
            self.add([(node, KG.asOf, _date(as_of))])
        if src is not None and src.doc_id == self.doc.id:
            self.span(node, src)
            # the holder's mention inside the stating span, when there is one
            for m in entity.mentions:
                if m.doc_id == self.doc.id and src.start <= m.start and m.end <= src.end:
                    self.add([(node, KG.derivedFrom, mention_iri(self.doc.id, m.start, m.end))])
                    break
        else:
            self.add([(node, KG.inDocument, self.node)])

    # events ----------------------------------------------------------------------------------
    def event_mention(self, em: EventMention) -> None:
        node = mention_event_iri(em)
        doc = self.doc
        self.add(
            [
                (node, RDF.type, KG.EventMention),
                (node, RDFS.label, _str(f"{em.type} ({em.trigger})")),
                (node, KG.eventType, event_type_iri(em.type)),
                (node, KG.status, _str(em.status)),
                (node, KG.trigger, _str(em.trigger)),
                (node, KG.confidence, _decimal(em.confidence)),
                (node, KG.extractorVersion, _str(EXTRACTOR_VERSION)),
            ]
        )
        published = em.published or doc.published
        if published is not None:
            self.add([(node, KG.published, _date(published))])
        if em.time is not None:
            t = em.time
            self.add(_date_triples(node, t.value, t.begin, t.end_day, t.mod))
        if em.local_id:
            self.add([(node, KG.localId, _str(em.local_id))])
        if em.cameo:
            self.add([(node, KG.cameoCode, _str(em.cameo))])
        if em.plover:
            self.add([(node, KG.ploverCategory, _str(em.plover))])
        if em.named_event:
            self.add([(node, KG.partOfNamedEvent, entity_iri(em.named_event))])
        self.add(_participations(node, em.participants))
        self.add(_place(node, em.place))
        self.span(node, em.source)
        for more in em.more_sources:
            self.span(node, more, offsets=False)
        for quote in em.quotes:
            self.add([(node, KG.hasQuote, self.quote(quote))])

    def quote(self, quote: Quote) -> URIRef:
        node = part_iri(
            self.node, "quote", quote.start, quote.end, quote.text, quote.speaker, quote.direct, quote.topics
        )
        self.add(
            [
                (node, RDF.type, KG.Quote),
                (node, KG.quoteText, _str(quote.text)),
                (node, KG.direct, _bool(quote.direct)),
                (node, KG.extractorVersion, _str(EXTRACTOR_VERSION)),
            ]
        )
        if quote.speaker:
            self.add([(node, KG.speaker, entity_iri(quote.speaker))])
        for topic in quote.topics:
            self.add([(node, KG.mentionsEntity, entity_iri(topic))])
        self.span(node, Span(self.doc.id, quote.start, quote.end))
        return node


def _line_writer() -> Callable[[Triple], str]:
    """A function writing a triple as its N-Triples text (``"<s> <p> o"``, no dot).

    Subjects, predicates and IRI objects repeat (classes, nodes, properties) and are written once
    each; literals are written every time (rdflib's literal equality is not the text's).
    """
    terms: dict[Node, str] = {}

    def line(triple: Triple) -> str:
        s, p, o = triple
        ts = terms.get(s)
        if ts is None:
            ts = terms[s] = nt(s)
        tp = terms.get(p)
        if tp is None:
            tp = terms[p] = nt(p)
        if type(o) is URIRef:
            to = terms.get(o)
            if to is None:
                to = terms[o] = nt(o)
        else:
            to = nt(o)
        return f"{ts} {tp} {to}"

    return line


def _unique(triples: Iterable[Triple]) -> tuple[list[Triple], list[str]]:
    """Unique triples in a stable order, with their N-Triples text (``"<s> <p> o"``, no dot).

    Sorted by that text: plain string comparisons, and the text is what the store loads anyway.
    Triples that write the same text are one RDF triple (e.g. ``"x"`` and ``"x"^^xsd:string``)
    and are kept once. The order is the same on every run whatever the order of the records.
    """
    line = _line_writer()
    by_line: dict[str, Triple] = {}
    for triple in triples:
        by_line.setdefault(line(triple), triple)
    lines = sorted(by_line)
    return [by_line[text] for text in lines], lines


def _lines(triples: Iterable[Triple]) -> list[str]:
    """The lines of :func:`_unique` alone (what the store loads): the same text, sorted, once each."""
    return sorted(set(map(_line_writer(), triples)))


def _quads(triples: Iterable[Triple], graph: URIRef) -> list[Quad]:
    """Unique quads in a stable (sorted) order."""
    unique, _ = _unique(triples)
    return [(s, p, o, graph) for s, p, o in unique]


# ---------------------------------------------------------------------------------------------
# the API


def _document_triples(result: DocumentResult) -> list[Triple]:
    writer = _DocWriter(result)
    writer.document()
    for entity in result.entities:
        writer.entity(entity)
    for em in result.events:
        writer.event_mention(em)
    return writer.triples


def document_lines(result: DocumentResult) -> list[str]:
    """The quads of :func:`document_quads` as N-Triples lines (``"<s> <p> o"``, without graph and
    dot), in the same order: what worker processes send back and the store loads."""
    return _lines(_document_triples(result))


def document_quads(result: DocumentResult) -> list[Quad]:
    """Everything one document says, as quads in its own named graph ``doc_graph(doc id)``.

    The document node, its sentences, the entity mentions and entities (label, type, aliases seen
    in the document, Wikidata / GeoNames links), the role facts, the event mentions with their
    participations, dates, quotes and provenance (document, sentence, offsets, extractor version,
    confidence).
    """
    return _quads(_document_triples(result), doc_graph(result.document.id))


def _history(event: Event) -> list[StatusRecord]:
    """The event's status records; derived from its mentions when the resolver gave none."""
    if event.history:
        return event.history
    return [
        StatusRecord(m.status, m.published, m.doc_id, m.time.value if m.time else None)
        for m in event.mentions
    ]


def _event_triples(event: Event) -> Iterator[Triple]:
    node = event_iri(event.key)
    yield node, RDF.type, KG.Event
    yield node, KG.key, _str(event.key)
    yield node, KG.eventType, event_type_iri(event.type)
    yield node, KG.status, _str(event.status)
    yield node, KG.confidence, _decimal(event.confidence)
    yield node, KG.mergeConfidence, _decimal(event.merge_confidence)
    yield node, KG.extractorVersion, _str(EXTRACTOR_VERSION)
    names = ", ".join(sorted(p.label or p.key for p in event.participants))
    yield node, RDFS.label, _str(f"{event.type}: {names}" + (f" ({event.date})" if event.date else ""))
    yield from _date_triples(node, event.date, event.begin, event.end_day)
    if event.cameo:
        yield node, KG.cameoCode, _str(event.cameo)
    if event.plover:
        yield node, KG.ploverCategory, _str(event.plover)
    if event.named_event:
        yield node, KG.partOfNamedEvent, entity_iri(event.named_event)
    yield from _participations(node, event.participants)
    yield from _place(node, event.place)
    for m in event.mentions:
        em = mention_event_iri(m)
        yield node, KG.hasMention, em
        yield em, KG.partOfEvent, node
    history = _history(event)
    for record in history:
        rec = part_iri(node, "status", record.status, record.as_of, record.doc_id, record.date)
        yield node, KG.statusRecord, rec
        yield rec, RDF.type, KG.StatusRecord
        yield rec, KG.status, _str(record.status)
        yield rec, KG.fromDocument, doc_iri(record.doc_id)
        if record.as_of is not None:
            yield rec, KG.asOf, _date(record.as_of)
        if record.date:
            yield rec, KG.dateValue, _str(record.date)
    yield node, KG.currentStatus, _str(_current_status(event, history))


def _current_status(event: Event, history: list[StatusRecord]) -> str:
    """The status of the latest report (by publication date; the resolver's status breaks ties)."""
    dated = [r for r in history if r.as_of is not None]
    if not dated:
        return event.status
    latest = max(r.as_of for r in dated if r.as_of is not None)
    statuses = {r.status for r in dated if r.as_of == latest}
    return event.status if event.status in statuses or len(statuses) != 1 else statuses.pop()


def merged_quads(events: list[Event]) -> list[Quad]:
    """Cross-document events in ``MERGED_GRAPH``: each kg:Event with kg:hasMention to every event
    mention it merges (same IRIs as :func:`document_quads`), a kg:StatusRecord per source and
    kg:currentStatus.
    """
    return _quads(_merged_triples(events), MERGED_GRAPH)


def merged_lines(events: list[Event]) -> list[str]:
    """The quads of :func:`merged_quads` as N-Triples lines (no graph, no dot), in the same order."""
    return _lines(_merged_triples(events))


def _merged_triples(events: list[Event]) -> Iterator[Triple]:
    for event in events:
        yield from _event_triples(event)


def reference_quads(
    memberships: Iterable[tuple[str, str, date | None, date | None, str]],
    entities: Iterable[Entity] = (),
) -> list[Quad]:
    """Gazetteer memberships ``(org_key, member_key, since, until, citation)`` in ``REFERENCE_GRAPH``.

    >>> from kg.rdf.namespaces import KG
    >>> quads = reference_quads([("wd:Q458", "wd:Q142", None, None, "EU treaties")])
    >>> any(p == KG.member and str(o).endswith("/entity/Q142") for _, p, o, _ in quads)
    True
    """
    triples: list[Triple] = []
    for org, member, since, until, citation in memberships:
        node = membership_iri(org, member, since, until)
        triples += [
            (node, RDF.type, KG.Membership),
            (node, KG.member, entity_iri(member)),
            (node, KG.organization, entity_iri(org)),
        ]
        if since is not None:
            triples.append((node, KG.since, _date(since)))
        if until is not None:
            triples.append((node, KG.until, _date(until)))
        if citation:
            triples.append((node, KG.citation, _str(citation)))
    for entity in entities:
        # the organizations and members themselves (label, type, links), so that a membership is
        # readable even for a member no article mentions
        triples.extend(_entity_triples(entity))
    return _quads(triples, REFERENCE_GRAPH)
