"""The written Dataset answers the README's SPARQL queries (rdflib, union of the named graphs)."""

from __future__ import annotations

from rdflib import Dataset

from kg.rdf.iri import event_iri
from kg.rdf.serialize import dataset

PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX kgt: <https://w3id.org/kg/event-type/>
PREFIX kgrole: <https://w3id.org/kg/role/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _union(quads) -> Dataset:
    ds = dataset(quads)
    ds.default_union = True
    return ds


def test_date_range_filter_finds_the_event(quads) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?event WHERE {
      ?event a kg:Event ; kg:dateStart ?start ; kg:dateEnd ?end .
      FILTER (?start >= "2019-04-25"^^xsd:date && ?end <= "2019-04-27"^^xsd:date)
    }"""
    )
    rows = {row.event for row in _union(quads).query(query)}
    assert rows == {event_iri("ev-meeting-1")}
    # a month-granularity event overlaps the range but does not fit inside it
    overlap = (
        PREFIXES
        + """
    SELECT ?event WHERE {
      ?event a kg:Event ; kg:dateStart ?start ; kg:dateEnd ?end .
      FILTER (?start <= "2019-04-26"^^xsd:date && ?end >= "2019-04-26"^^xsd:date)
    }"""
    )
    assert len(list(_union(quads).query(overlap))) == 2


def test_who_met_whom(quads) -> None:
    query = (
        PREFIXES
        + """
    SELECT DISTINCT ?a ?b WHERE {
      ?event a kg:Event ; kg:eventType kgt:MEETING ; kg:hasActor ?x, ?y .
      ?x rdfs:label ?a . ?y rdfs:label ?b .
      FILTER (STR(?a) < STR(?b))
    }"""
    )
    rows = {(str(r.a), str(r.b)) for r in _union(quads).query(query)}
    assert rows == {("Vladimir Putin", "Xi Jinping")}


def test_provenance_of_an_event(quads) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?title ?published ?sentence ?status WHERE {
      ?event kg:hasMention ?m .
      ?m kg:inDocument ?doc ; kg:inSentence ?s ; kg:status ?status .
      ?s kg:text ?sentence .
      ?doc kg:title ?title ; kg:published ?published .
    } ORDER BY ?published"""
    )
    rows = list(_union(quads).query(query, initBindings={"event": event_iri("ev-meeting-1")}))
    assert [str(r.status) for r in rows] == ["planned", "happened"]
    assert str(rows[0].title) == "Putin to meet Xi"


def test_status_history_query(quads) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?status ?asOf WHERE {
      ?event kg:statusRecord ?r . ?r kg:status ?status ; kg:asOf ?asOf .
    } ORDER BY ?asOf"""
    )
    rows = list(_union(quads).query(query, initBindings={"event": event_iri("ev-meeting-1")}))
    assert [str(r.status) for r in rows] == ["planned", "happened"]
