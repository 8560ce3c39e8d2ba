"""OWL-RL: the closure of ontology + written graph is consistent (and the check does detect clashes)."""

from __future__ import annotations

import owlrl
from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import URIRef

from kg.rdf.iri import doc_iri
from kg.rdf.namespaces import KG
from kg.rdf.ontology import load_graph
from kg.rdf.serialize import union_graph

ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def _closure_errors(graph: Graph) -> list[str]:
    full = Graph()
    full += load_graph("kg.ttl", "event-types.ttl")
    full += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(full)
    return sorted(str(full.value(e, ERROR_TEXT)) for e in full.subjects(RDF.type, ERROR))


def test_owl_rl_closure_is_consistent(quads) -> None:
    assert _closure_errors(union_graph(quads)) == []


def test_owl_rl_closure_detects_a_clash(quads) -> None:
    graph = union_graph(quads)
    graph.add((doc_iri("reuters-20190427"), RDF.type, KG.Event))  # Document and Event are disjoint
    assert _closure_errors(graph)
