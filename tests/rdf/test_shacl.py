"""SHACL: the written graph conforms; broken graphs are reported readably."""

from __future__ import annotations

from rdflib.namespace import XSD
from rdflib.term import Literal

from kg.rdf.namespaces import KG
from kg.rdf.shacl import validate
from kg.rdf.writer import mention_event_iri


def test_written_graph_conforms(quads) -> None:
    report = validate(quads)
    assert report.conforms, report.text()
    assert report.violations == []


def test_event_mention_without_source_and_with_bad_status_is_reported(quads, results) -> None:
    em = mention_event_iri(results[0].events[0])
    broken = [q for q in quads if not (q[0] == em and q[1] == KG.inDocument)]
    broken = [(s, p, Literal("maybe") if (s == em and p == KG.status) else o, g) for s, p, o, g in broken]
    report = validate(broken)
    assert not report.conforms
    by_path = {v.path: v for v in report.violations if v.focus == f"<{em}>"}
    assert set(by_path) == {"kg:inDocument", "kg:status"}
    assert "source" in by_path["kg:inDocument"].message
    assert by_path["kg:status"].value == '"maybe"'
    assert "happened" in by_path["kg:status"].message
    text = report.text()
    assert "does not conform: 2 violation(s)" in text
    assert f"<{em}> kg:status" in text


def test_confidence_out_of_range_and_reversed_dates(quads, results) -> None:
    em = mention_event_iri(results[0].events[0])
    broken = []
    for s, p, o, g in quads:
        if s == em and p == KG.confidence:
            o = Literal("1.5", datatype=XSD.decimal)
        if s == em and p == KG.dateEnd:
            o = Literal("2019-04-01", datatype=XSD.date)
        broken.append((s, p, o, g))
    report = validate(broken)
    paths = {v.path for v in report.violations if v.focus == f"<{em}>"}
    assert paths == {"kg:confidence", "kg:dateStart"}


def test_event_without_mentions_is_reported(quads) -> None:
    broken = [q for q in quads if q[1] != KG.hasMention]
    report = validate(broken)
    assert not report.conforms
    assert {v.path for v in report.violations} == {"kg:hasMention"}
    assert all("at least one source" in v.message for v in report.violations)


def test_unknown_event_type_is_reported(quads, results) -> None:
    from kg.rdf.namespaces import KGT

    em = mention_event_iri(results[0].events[0])
    broken = [(s, p, KGT.PICNIC if (s == em and p == KG.eventType) else o, g) for s, p, o, g in quads]
    report = validate(broken)
    assert [v.path for v in report.violations] == ["kg:eventType"]
