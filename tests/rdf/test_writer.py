"""The writer: graphs, provenance, IRIs shared between document and merged graphs, determinism."""

from __future__ import annotations

import random
from datetime import date

from rdflib.namespace import OWL, RDF, SKOS, XSD
from rdflib.term import BNode, Literal, URIRef

from kg.config import EXTRACTOR_VERSION
from kg.rdf.iri import doc_graph, doc_iri, entity_iri, event_iri
from kg.rdf.namespaces import GEO, KG, KGROLE, KGT, MERGED_GRAPH, REFERENCE_GRAPH, WD
from kg.rdf.serialize import to_nquads
from kg.rdf.writer import date_granularity, document_quads, mention_event_iri, merged_quads, reference_quads

from .conftest import DOC_A, DOC_B, MEMBERSHIPS, _doc_a, _doc_b, _events, build_quads


def _objects(quads, s, p):
    return {o for s2, p2, o, _ in quads if s2 == s and p2 == p}


def test_two_writes_are_byte_identical() -> None:
    first = [_doc_a(), _doc_b()]
    second = [_doc_a(), _doc_b()]
    # the order of records inside a document must not matter either
    random.Random(7).shuffle(second[0].entities)
    second[1].entities.reverse()
    second[1].entities[1].mentions.reverse()
    second[1].sentences.reverse()
    a = to_nquads(build_quads(first, _events(first)))
    b = to_nquads(build_quads(second, _events(second)))
    assert a == b
    assert a.endswith("\n") and a.splitlines() == sorted(set(a.splitlines()))


def test_no_blank_nodes_anywhere(quads) -> None:
    assert not [q for q in quads if any(isinstance(t, BNode) for t in q)]


def test_each_document_goes_into_its_own_graph(results) -> None:
    for result in results:
        graphs = {g for *_, g in document_quads(result)}
        assert graphs == {doc_graph(result.document.id)}


def test_document_provenance(results) -> None:
    quads = document_quads(results[0])
    doc = doc_iri(DOC_A)
    assert _objects(quads, doc, RDF.type) == {KG.Document}
    assert _objects(quads, doc, KG.title) == {Literal("Putin to meet Xi")}
    assert _objects(quads, doc, KG.url) == {Literal("https://example.org/afp/1", datatype=XSD.anyURI)}
    assert _objects(quads, doc, KG.published) == {Literal("2019-04-24", datatype=XSD.date)}
    assert _objects(quads, doc, KG.sourceOutlet) == {Literal("AFP")}
    em = mention_event_iri(results[0].events[0])
    assert _objects(quads, em, KG.inDocument) == {doc}
    (sentence,) = _objects(quads, em, KG.inSentence)
    assert _objects(quads, sentence, KG.text) == {Literal(results[0].document.text)}
    assert _objects(quads, em, KG.start) == {Literal(38)}
    assert _objects(quads, em, KG.extractorVersion) == {Literal(EXTRACTOR_VERSION)}
    assert _objects(quads, em, KG.confidence) == {Literal("0.8", datatype=XSD.decimal)}
    assert _objects(quads, em, KG.eventType) == {KGT.MEETING}
    assert _objects(quads, em, KG.status) == {Literal("planned")}


def test_entity_mentions_link_to_document_sentence_and_entity(results) -> None:
    quads = document_quads(results[0])
    mentions = {s for s, p, o, _ in quads if p == RDF.type and o == KG.Mention}
    assert len(mentions) == 3
    for mention in mentions:
        assert _objects(quads, mention, KG.inDocument) == {doc_iri(DOC_A)}
        assert len(_objects(quads, mention, KG.inSentence)) == 1
        assert len(_objects(quads, mention, KG.refersTo)) == 1
        assert _objects(quads, mention, KG.extractorVersion) == {Literal(EXTRACTOR_VERSION)}


def test_entities_link_out_to_wikidata_and_geonames(results) -> None:
    quads = document_quads(results[0])
    putin, beijing = entity_iri("wd:Q7747"), entity_iri("wd:Q956")
    assert str(putin) == "https://w3id.org/kg/id/entity/Q7747"
    assert _objects(quads, putin, OWL.sameAs) == {WD.Q7747}
    assert _objects(quads, putin, KG.wikidata) == {Literal("Q7747")}
    assert _objects(quads, putin, SKOS.altLabel) == {Literal("Putin")}
    assert _objects(quads, putin, RDF.type) == {KG.Person}
    assert URIRef("https://sws.geonames.org/1816670/") in _objects(quads, beijing, OWL.sameAs)
    assert _objects(quads, beijing, GEO.lat) == {Literal("39.9075", datatype=XSD.decimal)}
    assert _objects(quads, beijing, KG.geonamesId) == {Literal(1816670)}


def test_roles_are_first_class_participations(results) -> None:
    quads = document_quads(results[1])
    said = mention_event_iri(results[1].events[1])
    roles = set()
    for participation in _objects(quads, said, KG.participation):
        assert _objects(quads, participation, RDF.type) == {KG.Participation}
        (actor,) = _objects(quads, participation, KG.actor)
        (role,) = _objects(quads, participation, KG.role)
        roles.add((actor, role))
    assert roles == {
        (entity_iri("person:xi-jinping"), KGROLE.speaker),
        (entity_iri("wd:Q7747"), KGROLE.audience),
    }


def test_quotes_and_role_facts(results) -> None:
    quads = document_quads(results[1])
    said = mention_event_iri(results[1].events[1])
    (quote,) = _objects(quads, said, KG.hasQuote)
    assert _objects(quads, quote, KG.speaker) == {entity_iri("person:xi-jinping")}
    assert _objects(quads, quote, KG.direct) == {Literal(True)}
    assert _objects(quads, quote, KG.mentionsEntity) == {entity_iri("wd:Q7747")}
    assert _objects(quads, quote, KG.inDocument) == {doc_iri(DOC_B)}
    facts = [s for s, p, o, _ in document_quads(results[0]) if o == KG.RoleFact]
    assert len(facts) == 1
    fact_quads = document_quads(results[0])
    assert _objects(fact_quads, facts[0], KG.roleOf) == {entity_iri("wd:Q159")}
    assert _objects(fact_quads, facts[0], KG.holder) == {entity_iri("wd:Q7747")}
    assert _objects(fact_quads, facts[0], KG.derivedFrom)  # the "Vladimir Putin" mention


def test_dates_carry_granularity_and_bounds(results) -> None:
    quads = document_quads(results[1])
    said = mention_event_iri(results[1].events[1])
    assert _objects(quads, said, KG.dateValue) == {Literal("2019-04")}
    assert _objects(quads, said, KG.dateGranularity) == {Literal("month")}
    assert _objects(quads, said, KG.dateStart) == {Literal(date(2019, 4, 1))}
    assert _objects(quads, said, KG.dateEnd) == {Literal(date(2019, 4, 30))}
    assert date_granularity("2019-W17") == "week"
    assert date_granularity("2019-04-25/2019-04-27") == "interval"
    assert date_granularity("2019-04-26T10:00") == "time"
    assert date_granularity(None, date(2019, 1, 1), date(2019, 1, 3)) == "interval"


def test_merged_events_keep_all_sources_and_status_history(results, events) -> None:
    quads = merged_quads(events)
    assert {g for *_, g in quads} == {MERGED_GRAPH}
    meeting = event_iri("ev-meeting-1")
    doc_mentions = {mention_event_iri(results[0].events[0]), mention_event_iri(results[1].events[0])}
    assert _objects(quads, meeting, KG.hasMention) == doc_mentions
    # the same IRIs as the document graphs mint
    written = {s for r in results for s, p, o, _ in document_quads(r) if o == KG.EventMention}
    assert doc_mentions <= written
    records = _objects(quads, meeting, KG.statusRecord)
    assert len(records) == 2
    seen = {
        (str(next(iter(_objects(quads, r, KG.status)))), next(iter(_objects(quads, r, KG.fromDocument))))
        for r in records
    }
    assert seen == {("planned", doc_iri(DOC_A)), ("happened", doc_iri(DOC_B))}
    assert _objects(quads, meeting, KG.currentStatus) == {Literal("happened")}
    assert _objects(quads, meeting, KG.mergeConfidence) == {Literal("0.9", datatype=XSD.decimal)}


def test_status_history_is_derived_from_mentions_when_missing(results, events) -> None:
    statement = events[1]
    assert not statement.history
    quads = merged_quads([statement])
    (record,) = _objects(quads, event_iri(statement.key), KG.statusRecord)
    assert _objects(quads, record, KG.fromDocument) == {doc_iri(DOC_B)}


def test_memberships_go_to_the_reference_graph() -> None:
    quads = reference_quads(MEMBERSHIPS)
    assert {g for *_, g in quads} == {REFERENCE_GRAPH}
    nodes = {s for s, p, o, _ in quads if o == KG.Membership}
    assert len(nodes) == 2
    nato = [n for n in nodes if entity_iri("wd:Q7184") in _objects(quads, n, KG.organization)][0]
    assert _objects(quads, nato, KG.member) == {entity_iri("wd:Q142")}
    assert _objects(quads, nato, KG.since) == {Literal(date(1949, 4, 4))}
    assert not _objects(quads, nato, KG.until)


def test_event_mention_without_local_id_still_gets_a_stable_iri(results) -> None:
    em = results[0].events[0]
    em.local_id = ""
    assert mention_event_iri(em) == mention_event_iri(em)
    assert str(mention_event_iri(em)).startswith(str(doc_iri(DOC_A)) + "/event/x")


def test_keys_are_kept_so_iris_can_be_turned_back_into_records(results, events) -> None:
    quads = document_quads(results[0]) + merged_quads(events)
    assert _objects(quads, entity_iri("person:xi-jinping"), KG.key) == {Literal("person:xi-jinping")}
    assert _objects(quads, event_iri("ev-meeting-1"), KG.key) == {Literal("ev-meeting-1")}
    assert _objects(quads, mention_event_iri(results[0].events[0]), KG.localId) == {Literal("ev-0")}


def test_lines_are_the_quads_as_n_triples(results) -> None:
    """document_lines / merged_lines (what the store loads) are the quads of document_quads /
    merged_quads written as N-Triples, in the same sorted order, each once."""
    from kg.rdf.writer import document_lines, merged_lines
    from kg.store.terms import nt

    for result in results:
        lines = document_lines(result)
        assert lines == [f"{nt(s)} {nt(p)} {nt(o)}" for s, p, o, _ in document_quads(result)]
        assert lines == sorted(set(lines))
    events = _events(results)
    assert merged_lines(events) == [f"{nt(s)} {nt(p)} {nt(o)}" for s, p, o, _ in merged_quads(events)]


def test_a_sentence_cited_many_times_is_written_once(results) -> None:
    quads = document_quads(results[1])
    sentences = [s for s, p, o, _ in quads if p == RDF.type and o == KG.Sentence]
    assert sentences and len(sentences) == len(set(sentences))
    for sentence in sentences:
        assert len(_objects(quads, sentence, KG.text)) == 1
