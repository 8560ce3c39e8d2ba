"""The ontology files: they parse, declare every term the writer uses, map the event types."""

from __future__ import annotations

import json

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import URIRef

from kg.rdf import ontology
from kg.rdf.diagram import mermaid
from kg.rdf.namespaces import CAMEO, KG, KGROLE, KGT, PLOVER
from kg.records import EVENT_TYPES, ROLES

NS = str(KG._NS)


def _kg_terms_in_namespace_module() -> set[URIRef]:
    return {URIRef(NS + name) for name in KG.__annotations__}


def test_ontology_files_parse_without_imports() -> None:
    for name in ("kg.ttl", "event-types.ttl", "shapes.ttl"):
        graph = ontology.load_graph(name)
        assert len(graph) > 50, name
        assert not list(graph.triples((None, OWL.imports, None))), f"{name} must not owl:import"
    assert "@context" in json.loads(ontology.ontology_file("context.jsonld").read_text())


def test_every_namespace_term_is_declared_with_label_and_comment() -> None:
    graph = ontology.load_graph("kg.ttl")
    for term in _kg_terms_in_namespace_module():
        kinds = set(graph.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not declared"
        assert graph.value(term, RDFS.label) is not None, f"{term} has no label"
        assert graph.value(term, RDFS.comment) is not None, f"{term} has no comment"


def test_every_term_the_writer_uses_is_declared(quads) -> None:
    graph = ontology.load_graph("kg.ttl")
    declared = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    used = {p for _, p, _, _ in quads if str(p).startswith(NS)}
    used |= {o for _, p, o, _ in quads if p == RDF.type and str(o).startswith(NS)}
    assert used, "the writer wrote no kg terms?"
    assert used <= declared, f"undeclared: {sorted(used - declared)}"


def test_ontology_aligns_to_standards() -> None:
    graph = ontology.load_graph("kg.ttl")
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert (KG.Event, RDFS.subClassOf, URIRef(sem + "Event")) in graph
    assert (KG.Participation, RDFS.subClassOf, URIRef(sem + "Role")) in graph
    assert (KG.hasActor, RDFS.subPropertyOf, URIRef(sem + "hasActor")) in graph
    assert (KG.Document, RDFS.subClassOf, URIRef("https://schema.org/NewsArticle")) in graph
    assert (KG.hasMention, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in graph


def test_event_types_and_roles_are_skos_concepts_mapped_to_cameo_and_plover() -> None:
    graph = ontology.load_graph("event-types.ttl")
    matches = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
    for name in EVENT_TYPES:
        concept = KGT[name]
        assert (concept, RDF.type, KG.EventType) in graph
        assert graph.value(concept, SKOS.prefLabel) is not None
        targets = {o for m in matches for o in graph.objects(concept, m)}
        assert any(str(t).startswith(str(CAMEO)) for t in targets), f"{name} has no CAMEO mapping"
        for target in targets:  # every mapped code is itself described
            assert graph.value(target, SKOS.prefLabel) is not None, target
    assert (KGT.AGREEMENT, SKOS.exactMatch, CAMEO["057"]) in graph
    assert (KGT.MEETING, SKOS.closeMatch, PLOVER.CONSULT) in graph
    for role in ROLES:
        assert (KGROLE[role], RDF.type, KG.ParticipantRole) in graph


def test_packaged_copy_is_identical_to_the_repository_files() -> None:
    for name in ontology.FILES:
        repo = (ontology.REPO_DIR / name).read_bytes()
        packaged = (ontology.PACKAGED_DIR / name).read_bytes()
        assert repo == packaged, f"kg/data/ontology/{name} is stale: run python -m kg.rdf.ontology"


def test_context_covers_every_property() -> None:
    ctx = ontology.context()
    graph = ontology.load_graph("kg.ttl")
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            name = str(prop)[len(NS) :]
            assert ctx[name]["@id"] == f"kg:{name}"
            if kind == OWL.ObjectProperty:
                assert ctx[name]["@type"] == "@id"


def test_readme_diagram_is_current() -> None:
    readme = ontology.ontology_file("README.md").read_text(encoding="utf-8")
    assert mermaid() in readme, "regenerate with python -m kg.rdf.diagram --write"
    for cls in ("Event", "EventMention", "Participation", "StatusRecord"):
        assert f"class {cls}" in mermaid()


def test_ontology_graph_is_consistent_alone() -> None:
    import owlrl

    graph = Graph()
    graph += ontology.load_graph("kg.ttl", "event-types.ttl")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(
        graph.subjects(RDF.type, URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage"))
    )
    assert not errors
