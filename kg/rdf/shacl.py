"""SHACL validation of kg's graphs against ontology/shapes.ttl, with readable violations.

The union of all named graphs is validated (an event in the merged graph points to event mentions
in document graphs), together with kg.ttl + event-types.ttl (class hierarchy, event types and
roles). No inference beyond that; nothing is fetched (no owl:imports are followed).

>>> report = validate([])
>>> report.conforms, report.violations
(True, [])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.rdf.ontology import load_graph
from kg.rdf.serialize import PREFIXES, Quad, union_graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"[{self.severity}] {self.focus} {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the violations, sorted."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """A readable report, one violation per line."""
        if self.conforms:
            return "The graph conforms to the kg shapes."
        lines = [f"The graph does not conform: {len(self.violations)} violation(s)."]
        lines += [str(v) for v in self.violations]
        return "\n".join(lines)


def _short(term: Node | None, graph: Graph) -> str:
    """A term in prefixed form (kg:inDocument) when a prefix fits, else its N-Triples form."""
    if term is None:
        return ""
    if isinstance(term, Node) and hasattr(term, "n3"):
        try:
            return term.n3(graph.namespace_manager)
        except Exception:  # pragma: no cover - n3 of odd terms
            return str(term)
    return str(term)


def _path(results: Graph, node: Node) -> str:
    path = results.value(node, SH.resultPath)  # type: ignore[arg-type]
    if path is None:
        return "(node)"
    inverse = results.value(path, SH.inversePath)  # type: ignore[arg-type]
    if inverse is not None:
        return "^" + _short(inverse, results)
    return _short(path, results)


def _shapes() -> Graph:
    return load_graph("shapes.ttl")


def validate(quads: Iterable[Quad]) -> ValidationReport:
    """Validate the quads (all graphs together) against ontology/shapes.ttl."""
    data = union_graph(quads)
    # the ontology goes into the data graph itself: class hierarchy for sh:targetClass / sh:class,
    # and the event-type and role concepts that kg:eventType / kg:role must point to
    for triple in load_graph("kg.ttl", "event-types.ttl"):
        data.add(triple)
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=False,
        do_owl_imports=False,
    )
    assert isinstance(results, Graph)
    for prefix, namespace in PREFIXES.items():
        results.bind(prefix, namespace, override=True, replace=True)
    violations = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(node, SH.resultSeverity)  # type: ignore[arg-type]
        message = results.value(node, SH.resultMessage)  # type: ignore[arg-type]
        value = results.value(node, SH.value)  # type: ignore[arg-type]
        violations.append(
            Violation(
                focus=_short(results.value(node, SH.focusNode), results),  # type: ignore[arg-type]
                path=_path(results, node),
                message=str(message) if message is not None else "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=_short(value, results) if value is not None else None,
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(conforms=bool(conforms), violations=violations)
