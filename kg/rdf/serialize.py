"""Quads -> text in the standard RDF syntaxes, deterministically; and safe parsing back.

* ``nquads``: sorted unique lines - byte-identical for the same quads, whatever their order;
* ``trig``: one block per named graph; ``turtle``: the union of all graphs (Turtle has no graphs);
* ``jsonld``: the published context (ontology/context.jsonld) embedded by value, never fetched.

Quads are always added to rdflib in sorted order so every syntax comes out the same on every run.

>>> from rdflib import URIRef, Literal
>>> g = URIRef("https://w3id.org/kg/id/graph/doc/a1")
>>> q = [(URIRef("https://w3id.org/kg/id/doc/a1"), URIRef("https://w3id.org/kg/ontology#docId"), Literal("a1"), g)]
>>> to_nquads(q)
'<https://w3id.org/kg/id/doc/a1> <https://w3id.org/kg/ontology#docId> "a1" <https://w3id.org/kg/id/graph/doc/a1> .\\n'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset, Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import KGError
from kg.rdf.canonical import canonical_decimal
from kg.rdf.namespaces import CAMEO, GEO, KG, KGR, KGROLE, KGT, NIF, PLOVER, SCHEMA, SEM, WD
from kg.rdf.ontology import CONTEXT_IRI, context

Quad = tuple[Node, Node, Node, Node]

#: the formats :func:`serialize` writes, with their usual file extension
FORMATS = {"nquads": "nq", "trig": "trig", "turtle": "ttl", "jsonld": "jsonld"}

PREFIXES = {
    "kg": KG._NS,
    "kgr": KGR,
    "kgt": KGT,
    "kgrole": KGROLE,
    "cameo": CAMEO,
    "plover": PLOVER,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "sem": SEM,
    "schema": SCHEMA,
    "nif": NIF,
    "geo": GEO,
    "wd": WD,
}


def _line(quad: Quad) -> str:
    s, p, o, g = quad
    for term in (s, p, o, g):
        if isinstance(term, BNode):
            raise KGError("E501", reason=f"blank node {term.n3()} in {s.n3()} {p.n3()}: kg writes IRIs only")
    return f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(g)} .\n"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: Node) -> str:
    """The N-Triples / N-Quads form of a term (literals escaped on one line, full datatype IRIs)."""
    if isinstance(term, Literal):
        lexical = canonical_decimal(str(term)) if term.datatype == XSD.decimal else str(term)
        text = '"' + lexical.translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, URIRef):
        return f"<{term}>"
    return term.n3()


def to_nquads(quads: Iterable[Quad]) -> str:
    """Canonical N-Quads: one line per unique quad, sorted (byte-identical for the same quads)."""
    return "".join(sorted({_line(q) for q in quads}))


def dataset(quads: Iterable[Quad]) -> Dataset:
    """An rdflib Dataset holding the quads (added in sorted order), with kg's prefixes bound."""
    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, g in sorted(set(quads), key=lambda q: tuple(_nt(t) for t in q)):
        ds.graph(URIRef(str(g))).add((s, p, o))
    return ds


def union_graph(quads: Iterable[Quad]) -> Graph:
    """All quads as one graph (graph names dropped), with kg's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in sorted(set(quads), key=lambda q: tuple(_nt(t) for t in q)):
        graph.add((s, p, o))
    return graph


def serialize(quads: Iterable[Quad], format: str = "nquads") -> str:
    """The quads in ``format``: "nquads", "trig", "turtle" (graphs merged) or "jsonld"."""
    fmt = format.lower().replace("-", "")
    items = list(quads)
    if fmt in ("nquads", "nq"):
        return to_nquads(items)
    if fmt == "trig":
        return to_trig(items)
    if fmt in ("turtle", "ttl"):
        return union_graph(items).serialize(format="turtle")
    if fmt in ("jsonld", "json"):
        return to_jsonld(items)
    raise KGError("E501", reason=f"{format!r}; use one of {', '.join(FORMATS)}")


def to_trig(quads: Iterable[Quad]) -> str:
    """TriG: kg's prefixes, then one block per named graph, graphs and their contents sorted."""
    by_graph: dict[str, list[Quad]] = {}
    for quad in quads:
        by_graph.setdefault(_nt(quad[3]), []).append(quad)
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = []
    for name in sorted(by_graph):
        body = union_graph(by_graph[name]).serialize(format="turtle")
        lines = body.split("\n")
        first = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
        # not re-indented: a multi-line literal must keep its exact text
        inner = "\n".join(lines[first:]).strip("\n")
        blocks.append(f"{name} {{\n{inner}\n}}\n")
    return head + "\n" + "\n".join(blocks)


def _sorted_json(value: Any) -> Any:
    """JSON with every array sorted (RDF values are sets; kg writes no rdf:List)."""
    if isinstance(value, dict):
        return {k: (v if k == "@context" else _sorted_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(quads: Iterable[Quad]) -> str:
    """JSON-LD (one named graph per ``@graph`` entry), compacted with the local kg context."""
    ds = dataset(quads)
    text = ds.serialize(format="json-ld", context=context(), auto_compact=True)
    doc = _sorted_json(json.loads(text))
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# parsing back, safely


def _check_contexts(value: Any) -> Any:
    """Replace references to kg's published context by the local copy; refuse any other remote one.

    JSON-LD parsers fetch a string ``@context`` (and ``@import``): that is an SSRF door, so only
    inline contexts and kg's own are accepted.
    """
    if isinstance(value, list):
        return [_check_contexts(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        item = _resolve_context(item) if key in ("@context", "@import") else _check_contexts(item)
        out[key] = item
    return out


def _resolve_context(ctx: Any) -> Any:
    if isinstance(ctx, str):
        if ctx.rstrip("#") == CONTEXT_IRI:
            return context()
        raise KGError("E501", reason=f"remote JSON-LD context {ctx!r} is not fetched; inline it")
    if isinstance(ctx, list):
        return [_resolve_context(c) for c in ctx]
    if isinstance(ctx, dict):
        if "@import" in ctx:
            raise KGError("E501", reason="JSON-LD @import is not fetched; inline the context")
        return {k: _check_contexts(v) for k, v in ctx.items()}
    return ctx


def parse(data: str, format: str = "nquads") -> Dataset:
    """Parse RDF text into a Dataset without fetching anything (no remote contexts, no imports)."""
    fmt = format.lower().replace("-", "")
    ds = Dataset()
    if fmt in ("jsonld", "json"):
        doc = _check_contexts(json.loads(data))
        ds.parse(data=json.dumps(doc), format="json-ld")
    elif fmt in ("nquads", "nq", "trig", "turtle", "ttl", "nt", "ntriples"):
        rdflib_format = {"nq": "nquads", "ttl": "turtle", "nt": "nt", "ntriples": "nt"}.get(fmt, fmt)
        ds.parse(data=data, format=rdflib_format)
    else:
        raise KGError("E501", reason=f"{format!r}")
    return ds


def quads_of(ds: Dataset) -> list[Quad]:
    """Every quad of a Dataset (default graph included), sorted."""
    return sorted(ds.quads((None, None, None, None)), key=lambda q: tuple(_nt(t) for t in q))  # type: ignore[arg-type]
