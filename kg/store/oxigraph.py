"""The embedded default store: Oxigraph (pyoxigraph) in a folder on disk.

Writes: every ``replace_graphs`` / ``drop_graphs`` / ``add_quads`` call is one pyoxigraph
transaction. pyoxigraph guarantees that ``Store.load`` and ``Store.update`` apply "in a transactional
manner: either the full operation succeeds, or nothing is written" (RocksDB with its write-ahead
log on disk), so a crash leaves every committed batch whole. A batch whose graphs are all new is
written with one ``load`` of N-Quads text (the fastest transactional path); a batch that replaces
existing graphs is one SPARQL ``DROP SILENT GRAPH ...; INSERT DATA {...}`` update. Neither
``bulk_load`` nor ``bulk_extend`` is used for batches: they are not transactional.

Queries see the union of all named graphs as their default graph. A ``timeout`` runs the query in
a worker process that opens the folder read-only and is killed when time runs out (pyoxigraph
queries cannot be interrupted from a thread).

>>> import tempfile
>>> from rdflib import Literal, URIRef
>>> g = URIRef("https://w3id.org/kg/id/graph/doc/a1")
>>> with OxigraphStore(tempfile.mkdtemp()) as store:
...     store.replace_graphs({g: [(URIRef("urn:x"), URIRef("urn:p"), Literal(1), g)]})
...     store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
[{'o': 1}]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import DOCUMENT_HASHES_QUERY, BaseStore, Quad, hashes_from_rows, with_values
from kg.store.results import QueryResult
from kg.store.terms import from_ox, nt


def run_ox_query(
    store: ox.Store, sparql: str, bindings: Mapping[str, Any] | None = None, limit: int | None = None
) -> QueryResult:
    """Run a query on a pyoxigraph store (union default graph, typed substitutions), into a QueryResult."""
    # pyoxigraph's substitutions only accept projected variables, so parameters are joined in as
    # a VALUES block of typed, escaped terms at the top of the WHERE group instead.
    text = with_values(sparql, bindings or {})
    try:
        answer = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError("E401", str(exc).splitlines()[0] if str(exc) else "syntax error") from exc
    except OSError as exc:
        raise StoreError("E400", str(exc)) from exc
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    truncated = False
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows: list[dict[str, Node]] = []
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)  # type: ignore[arg-type]
        return QueryResult("select", names, rows, truncated=truncated)
    triples: list[tuple[Any, Any, Any]] = []
    for triple in answer:
        if limit is not None and len(triples) >= limit:
            truncated = True
            break
        triples.append((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return QueryResult("graph", triples=triples, truncated=truncated)  # type: ignore[arg-type]


class OxigraphStore(BaseStore):
    """kg's graph in an Oxigraph folder (created if missing)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError("E400", f"{self.path}: {exc}") from exc

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph Store, for callers that need its full API."""
        return self._store

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("E406", str(self.path))

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Quad]]) -> None:
        self._check_writable()
        texts = {g: [f"{nt(s)} {nt(p)} {nt(o)} " for s, p, o, _ in quads] for g, quads in graphs.items()}
        if not texts:
            return
        try:
            if not any(self._store.contains_named_graph(ox.NamedNode(str(g))) for g in texts):
                body = "".join(f"{line}{nt(g)} .\n" for g, lines in texts.items() for line in lines)
                self._store.load(body, format=ox.RdfFormat.N_QUADS)
                return
            parts = [f"DROP SILENT GRAPH {nt(g)} ;\n" for g in texts]
            inserts = "".join(
                f"GRAPH {nt(g)} {{\n" + "".join(line + ".\n" for line in lines) + "}\n"
                for g, lines in texts.items()
                if lines
            )
            update = "".join(parts) + (f"INSERT DATA {{\n{inserts}}}" if inserts else "")
            self._store.update(update.rstrip(" ;\n"))
        except (OSError, SyntaxError) as exc:
            raise StoreError("E400", f"write failed: {exc}") from exc

    def drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        self._check_writable()
        names = list(graphs)
        if names:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {nt(g)}" for g in names))

    def add_quads(self, quads: Iterable[Quad]) -> None:
        self._check_writable()
        body = "".join(
            f"{nt(s)} {nt(p)} {nt(o)} {nt(g) if g is not None else ''} .\n" for s, p, o, g in quads
        )
        if body:
            self._store.load(body, format=ox.RdfFormat.N_QUADS)

    def query(
        self, sparql: str, bindings: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> QueryResult:
        if timeout is None:
            return run_ox_query(self._store, sparql, bindings)
        from kg.store.worker import QueryWorker

        if not self.read_only:
            self._store.flush()
        worker = QueryWorker(self.path)
        try:
            return worker.run({"sparql": sparql, "bindings": dict(bindings or {})}, timeout)
        finally:
            worker.close()

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        name = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self._store.quads_for_pattern(None, None, None, name):
            g = None if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name)
            yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g)  # type: ignore[misc]

    def graphs(self) -> set[URIRef]:
        return {URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def document_hashes(self) -> dict[str, str]:
        return hashes_from_rows(self.query(DOCUMENT_HASHES_QUERY).rows)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            self.flush()
            del self._store
            self._store = None  # type: ignore[assignment]
            gc.collect()
