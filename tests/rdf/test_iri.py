"""IRI minting: any string gives a valid, stable IRI; different strings never share one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.rdf.iri import doc_graph, doc_iri, entity_iri, event_iri, event_mention_iri, slug

TRICKY = [
    "",
    " ",
    "a b",
    "a-b",
    "a_b",
    "a/b",
    "a#b",
    "a?b=c&d",
    'say "hi"',
    "it's",
    "line\nbreak",
    "tab\tx",
    "Москва.txt",
    "北京",
    "café",
    "cafe\u0301",
    ".",
    "..",
    "~",
    "a~b",
    "x" * 300,
    "x" * 301,
    "<script>",
    "%20",
    " ",
    "\x00",
    "\ud800",
]
# RFC 3987: no spaces, controls or these characters in an IRI
INVALID = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def _valid(iri: URIRef) -> bool:
    if INVALID.search(str(iri)) or not str(iri).startswith("https://w3id.org/kg/id/"):
        return False
    # round-trips through N-Triples unchanged
    g = Graph()
    g.add((iri, iri, Literal("x")))
    back = Graph().parse(data=g.serialize(format="nt"), format="nt")
    return (iri, iri, Literal("x")) in back


@pytest.mark.parametrize("mint", [doc_iri, doc_graph, entity_iri, event_iri])
def test_tricky_keys_give_valid_distinct_iris(mint) -> None:
    iris = [mint(k) for k in TRICKY]
    assert all(_valid(i) for i in iris)
    assert len(set(iris)) == len(set(TRICKY))
    assert iris == [mint(k) for k in TRICKY]  # stable


def test_readable_keys_stay_readable() -> None:
    assert str(doc_iri("afp_eng_20190424.0001")) == "https://w3id.org/kg/id/doc/afp_eng_20190424.0001"
    assert str(entity_iri("wd:Q7747")) == "https://w3id.org/kg/id/entity/Q7747"
    assert str(entity_iri("person:vladimir-putin")) == "https://w3id.org/kg/id/entity/person/vladimir-putin"
    assert slug("Putin meets Xi.txt").startswith("Putin-meets-Xi.txt~")


def test_entity_keys_do_not_collide_across_forms() -> None:
    keys = ["wd:Q1", "Q1", "wd:Q01", "wd:Q1x", "wd:q1", "wd/Q1", ":Q1", "wd:", "wd:Q1:x", "~:Q1"]
    iris = [entity_iri(k) for k in keys]
    assert len(set(iris)) == len(keys)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_any_two_strings_give_valid_stable_distinct_iris(a: str, b: str) -> None:
    for mint in (doc_iri, entity_iri, event_iri):
        ia, ib = mint(a), mint(b)
        assert _valid(ia) and _valid(ib)
        assert ia == mint(a)
        assert (ia == ib) == (a == b)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(), st.text())
def test_event_mention_iris_are_distinct_per_document(doc: str, a: str, b: str) -> None:
    assert (event_mention_iri(doc, a) == event_mention_iri(doc, b)) == (a == b)
    assert _valid(event_mention_iri(doc, a))
