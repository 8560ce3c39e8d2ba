"""Any SPARQL 1.1 endpoint (Fuseki, GraphDB, Virtuoso, Oxigraph server, ``kg serve --allow-update``)
as a kg store, over HTTP with httpx.

Writes use the SPARQL 1.1 Update protocol: one ``replace_graphs`` call is one update request
(``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {...} }``), which the common servers run as one
transaction. Reads use the SPARQL 1.1 Protocol. Parameters are sent as a ``VALUES`` block of
typed, escaped terms at the top of the query's WHERE group (never pasted into the query text).

The named queries expect the default graph to be the union of the named graphs: configure the
server so (Oxigraph: ``--union-default-graph``; Fuseki/TDB2: ``tdb2:unionDefaultGraph true``;
GraphDB and Virtuoso do so by default).

The update URL is derived from the query URL (``.../query`` -> ``.../update``, otherwise the same
URL) unless ``update_endpoint`` is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import httpx
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import DOCUMENT_HASHES_QUERY, BaseStore, Quad, hashes_from_rows, with_values
from kg.store.results import QueryResult
from kg.store.terms import nt

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


class RemoteStore(BaseStore):
    """A SPARQL 1.1 endpoint as a kg store."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        read_only: bool = False,
        timeout: float = 300.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.endpoint = endpoint
        if update_endpoint is None:
            update_endpoint = (
                endpoint[: -len("/query")] + "/update" if endpoint.endswith("/query") else endpoint
            )
        self.update_endpoint = update_endpoint
        self.read_only = read_only
        self.client = client or httpx.Client(timeout=timeout)

    # -- writes -------------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Send one SPARQL 1.1 Update request."""
        if self.read_only:
            raise StoreError("E406", self.endpoint)
        try:
            resp = self.client.post(
                self.update_endpoint,
                content=sparql.encode(),
                headers={"Content-Type": "application/sparql-update"},
            )
        except httpx.HTTPError as exc:
            raise StoreError("E405", f"{self.update_endpoint}: {exc}") from exc
        if resp.status_code >= 400:
            raise StoreError("E405", f"HTTP {resp.status_code}: {resp.text[:300]}")

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Quad]]) -> None:
        drops = [f"DROP SILENT GRAPH {nt(g)}" for g in graphs]
        if not drops:
            return
        inserts = []
        for g, quads in graphs.items():
            body = "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o, _ in quads)
            if body:
                inserts.append(f"GRAPH {nt(g)} {{\n{body}}}")
        parts = drops + ([f"INSERT DATA {{\n{''.join(inserts)}\n}}"] if inserts else [])
        self.update(" ;\n".join(parts))

    def drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        drops = [f"DROP SILENT GRAPH {nt(g)}" for g in graphs]
        if drops:
            self.update(" ;\n".join(drops))

    def add_quads(self, quads: Iterable[Quad]) -> None:
        lines = [
            (f"GRAPH {nt(g)} {{ " if g is not None else "{ ") + f"{nt(s)} {nt(p)} {nt(o)} }}"
            for s, p, o, g in quads
        ]
        if lines:
            self.update("INSERT DATA {\n" + "\n".join(lines) + "\n}")

    # -- reads --------------------------------------------------------------------------------
    def query(
        self, sparql: str, bindings: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> QueryResult:
        text = with_values(sparql, bindings or {})
        try:
            resp = self.client.post(
                self.endpoint,
                data={"query": text},
                headers={"Accept": _ACCEPT},
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException as exc:
            raise QueryError("E402", f"{timeout} s") from exc
        except httpx.HTTPError as exc:
            raise StoreError("E405", f"{self.endpoint}: {exc}") from exc
        if resp.status_code == 400:
            raise QueryError("E401", resp.text[:300])
        if resp.status_code == 504 or "E402" in resp.text[:200]:
            raise QueryError("E402", resp.text[:300])
        if resp.status_code >= 400:
            raise StoreError("E405", f"HTTP {resp.status_code}: {resp.text[:300]}")
        ctype = resp.headers.get("content-type", "").split(";")[0].strip()
        if ctype in ("application/sparql-results+json", "application/json"):
            doc = resp.json()
            if "boolean" in doc:
                return QueryResult("ask", boolean=bool(doc["boolean"]))
            names = doc["head"].get("vars", [])
            rows = [{k: _from_json(v) for k, v in b.items()} for b in doc["results"]["bindings"]]
            return QueryResult("select", names, rows)
        from rdflib import Graph

        fmt = {"application/n-triples": "nt", "text/plain": "nt"}.get(ctype, "turtle")
        graph = Graph().parse(data=resp.text, format=fmt)
        return QueryResult("graph", triples=list(graph))  # type: ignore[arg-type]

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        for row in result.terms:
            yield (row["s"], row["p"], row["o"], row["g"])  # type: ignore[misc]

    def graphs(self) -> set[URIRef]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").terms
        return {URIRef(str(r["g"])) for r in rows}

    def document_hashes(self) -> dict[str, str]:
        return hashes_from_rows(self.query(DOCUMENT_HASHES_QUERY).rows)

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0]["n"]) if rows else 0

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.client.close()


def _from_json(value: dict[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    dt = value.get("datatype")
    return Literal(value["value"], datatype=URIRef(dt) if dt else None)
