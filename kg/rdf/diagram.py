"""A Mermaid class diagram generated from ontology/kg.ttl (for ontology/README.md).

``python -m kg.rdf.diagram`` prints it; ``python -m kg.rdf.diagram --write`` replaces the block
between the ``<!-- diagram:begin -->`` / ``<!-- diagram:end -->`` markers of ontology/README.md.

>>> text = mermaid()
>>> text.splitlines()[0], "EventMention --> Document : inDocument" in text
('classDiagram', True)
"""

from __future__ import annotations

import sys

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import URIRef

from kg.rdf.namespaces import KG, SCHEMA
from kg.rdf.ontology import load_graph, ontology_file

NS = str(KG._NS)
BEGIN, END = "<!-- diagram:begin -->", "<!-- diagram:end -->"


def _local(term: object) -> str:
    text = str(term)
    return text[len(NS) :] if text.startswith(NS) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _domains(graph: Graph, prop: URIRef) -> list[URIRef]:
    found = list(graph.objects(prop, RDFS.domain)) + list(graph.objects(prop, SCHEMA.domainIncludes))
    return sorted((d for d in found if isinstance(d, URIRef) and str(d).startswith(NS)), key=str)


def mermaid(graph: Graph | None = None) -> str:
    """The classDiagram text: kg classes with their literal properties, links and subclasses."""
    g = graph if graph is not None else load_graph("kg.ttl")
    classes = sorted((c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(NS)), key=str)
    lines = ["classDiagram"]
    attributes: dict[str, list[str]] = {_local(c): [] for c in classes}
    edges: list[str] = []
    for prop in sorted(g.subjects(RDF.type, OWL.DatatypeProperty), key=str):
        if not str(prop).startswith(NS):
            continue
        rng = g.value(prop, RDFS.range)
        for dom in _domains(g, prop):  # type: ignore[arg-type]
            attributes[_local(dom)].append(f"{_local(rng) if rng else 'literal'} {_local(prop)}")
    for prop in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        if not str(prop).startswith(NS):
            continue
        rng = g.value(prop, RDFS.range)
        if rng is None or not str(rng).startswith(NS):
            continue
        for dom in _domains(g, prop):  # type: ignore[arg-type]
            edges.append(f"    {_local(dom)} --> {_local(rng)} : {_local(prop)}")
    for cls in classes:
        for parent in sorted(g.objects(cls, RDFS.subClassOf), key=str):
            if str(parent).startswith(NS):
                edges.append(f"    {_local(parent)} <|-- {_local(cls)}")
    for name in sorted(attributes):
        attrs = attributes[name]
        if attrs:
            lines.append(f"    class {name} {{")
            lines += [f"        {a}" for a in sorted(attrs)]
            lines.append("    }")
        else:
            lines.append(f"    class {name}")
    return "\n".join(lines + sorted(set(edges))) + "\n"


def write_readme() -> None:
    """Replace the diagram block of ontology/README.md with a freshly generated one."""
    readme = ontology_file("README.md")
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{BEGIN}\n```mermaid\n{mermaid()}```\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if "--write" in sys.argv:
        write_readme()
    else:
        sys.stdout.write(mermaid())
