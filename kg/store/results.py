"""Query results as kg hands them out: rows of Python values, rdflib terms, and the SPARQL formats.

The serialisers write the W3C SPARQL 1.1 Query Results formats (JSON, XML, CSV, TSV) from rdflib
terms, so every backend and the HTTP endpoint produce the same bytes for the same answer.

>>> from rdflib import Literal
>>> r = QueryResult("select", ["n"], [{"n": Literal(2)}])
>>> r.rows
[{'n': 2}]
>>> serialize(r, "text/csv").decode().splitlines()
['n', '2']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.store.terms import nt, to_python

#: media types of the SPARQL result formats kg writes, by short name (format= parameter)
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: media types of the RDF formats kg writes for CONSTRUCT / DESCRIBE, by short name
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


@dataclass
class QueryResult:
    """The answer of a query.

    ``kind`` is "select", "ask" or "graph" (CONSTRUCT / DESCRIBE). SELECT answers have
    ``variables`` and ``terms`` (rows of rdflib terms; unbound variables are left out); ``rows`` gives
    the same rows as plain Python values. ASK answers have ``boolean``; graph answers ``triples``.
    ``truncated`` is set when a result-size limit cut the answer.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    terms: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    truncated: bool = False

    @property
    def rows(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of Python values (str, int, float, bool, date, IRI str; None if unbound)."""
        return [{v: to_python(row.get(v)) for v in self.variables} for row in self.terms]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (one column per variable).

        >>> QueryResult("select", ["a"], [{"a": Literal("x")}]).to_dataframe().to_dict("records")
        [{'a': 'x'}]
        """
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.variables)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.terms)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{escape(str(term))}</literal>"


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and not term.language and term.datatype:
        dt = str(term.datatype)
        if dt.endswith(("#integer", "#decimal", "#double", "#boolean")):
            return str(term)
    return nt(term).replace("\t", "\\t")


def serialize(result: QueryResult, media_type: str) -> bytes:
    """The result in a SPARQL results format (SELECT / ASK) or an RDF format (graph results)."""
    if result.kind == "graph":
        return _serialize_graph(result, media_type)
    if media_type == RESULT_FORMATS["json"] or media_type == "application/json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode()
        doc = {
            "head": {"vars": result.variables},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in row.items() if v in result.variables}
                    for row in result.terms
                ]
            },
        }
        return json.dumps(doc, ensure_ascii=False).encode()
    if media_type == RESULT_FORMATS["xml"] or media_type in ("application/xml", "text/xml"):
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        if result.kind == "ask":
            out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
            return "\n".join(out).encode()
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>"
        )
        out.append("<results>")
        for row in result.terms:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                for v in result.variables
                if v in row
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results></sparql>")
        return "\n".join(out).encode()
    if media_type == RESULT_FORMATS["csv"]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if result.kind == "ask":
            writer.writerow(["boolean"])
            writer.writerow(["true" if result.boolean else "false"])
        else:
            writer.writerow(result.variables)
            for row in result.terms:
                writer.writerow([str(row[v]) if v in row else "" for v in result.variables])
        return buf.getvalue().encode()
    if media_type == RESULT_FORMATS["tsv"]:
        if result.kind == "ask":
            return f"?boolean\n{'true' if result.boolean else 'false'}\n".encode()
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in result.variables) for row in result.terms]
        return ("\n".join(lines) + "\n").encode()
    raise QueryError("E401", f"unsupported result format {media_type}")


def _serialize_graph(result: QueryResult, media_type: str) -> bytes:
    if media_type in ("application/n-triples", "text/plain"):
        return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in result.triples).encode()
    from rdflib import Graph

    fmt = {
        "text/turtle": "turtle",
        "application/rdf+xml": "xml",
        "application/ld+json": "json-ld",
    }.get(media_type)
    if fmt is None:
        raise QueryError("E401", f"unsupported RDF format {media_type}")
    graph = Graph()
    for triple in result.triples:
        graph.add(triple)
    return graph.serialize(format=fmt).encode()
