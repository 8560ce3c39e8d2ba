"""rdflib's in-memory Dataset behind kg's store interface: for small graphs and tests.

The default graph of queries is the union of the named graphs (``Dataset(default_union=True)``).
Writes are applied after the new quads are fully read, so a failing iterator changes nothing.
A query ``timeout`` raises an exception inside the worker thread that runs rdflib's (pure Python)
evaluator, which stops it at its next bytecode.

>>> from rdflib import Literal, URIRef
>>> g = URIRef("https://w3id.org/kg/id/graph/doc/a1")
>>> store = MemoryStore()
>>> store.replace_graphs({g: [(URIRef("urn:x"), URIRef("urn:p"), Literal("x"), g)]})
>>> store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
[{'o': 'x'}]
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import QueryError, StoreError
from kg.store.base import DOCUMENT_HASHES_QUERY, BaseStore, Quad, hashes_from_rows, with_values
from kg.store.results import QueryResult
from kg.store.terms import nt


def _checked(s: Any, p: Any, o: Any) -> tuple[Any, Any, Any]:
    """The triple, once each term is known to be writable as N-Triples (as the other stores need)."""
    nt(s), nt(p), nt(o)
    return s, p, o


class _Stop(Exception):
    pass


def rdflib_query(dataset: Any, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a query on an rdflib Graph / Dataset, into a QueryResult.

    Parameters are bound as a VALUES block of typed terms (:func:`kg.store.base.with_values`), as
    on the other backends, so a query means the same everywhere.
    """
    try:
        answer = dataset.query(with_values(sparql, bindings or {}))
        if answer.type == "ASK":
            return QueryResult("ask", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            names = [str(v) for v in answer.vars or []]
            rows = [
                {n: t for n, t in zip(names, solution, strict=True) if t is not None} for solution in answer
            ]
            return QueryResult("select", names, rows)  # type: ignore[arg-type]
        return QueryResult("graph", triples=list(answer))  # type: ignore[arg-type]
    except _Stop:
        raise
    except Exception as exc:
        if type(exc).__name__ in ("ParseException", "ParseSyntaxException") or isinstance(
            exc, SyntaxError | ValueError
        ):
            raise QueryError("E401", str(exc).splitlines()[0]) from exc
        raise


class MemoryStore(BaseStore):
    """kg's graph in an rdflib Dataset in memory."""

    def __init__(self, dataset: Dataset | None = None) -> None:
        self.dataset = dataset if dataset is not None else Dataset(default_union=True)
        self.dataset.default_union = True

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Quad]]) -> None:
        new = {g: [_checked(s, p, o) for s, p, o, _ in quads] for g, quads in graphs.items()}
        for g in new:
            nt(g)
        for g, triples in new.items():
            self.dataset.remove_graph(g)
            graph = self.dataset.graph(g)
            graph.addN((s, p, o, graph) for s, p, o in triples)

    def drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        for g in list(graphs):
            self.dataset.remove_graph(g)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        items = [(*_checked(s, p, o), g) for s, p, o, g in quads]
        for s, p, o, g in items:
            self.dataset.add((s, p, o, g) if g is not None else (s, p, o))  # type: ignore[arg-type]

    def query(
        self, sparql: str, bindings: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> QueryResult:
        if timeout is None:
            return rdflib_query(self.dataset, sparql, bindings)
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["result"] = rdflib_query(self.dataset, sparql, bindings)
            except BaseException as exc:  # handed to the caller below
                box["error"] = exc

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(thread.ident or 0), ctypes.py_object(_Stop)
            )
            thread.join(5)
            raise QueryError("E402", f"{timeout:g} s")
        if "error" in box:
            raise box["error"]
        return box["result"]  # type: ignore[no-any-return]

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, None, None, graph)):  # type: ignore[arg-type]
            name = getattr(g, "identifier", g)
            if name == DATASET_DEFAULT_GRAPH_ID:
                name = None
            yield (s, p, o, name)  # type: ignore[misc]

    def graphs(self) -> set[URIRef]:
        return {
            URIRef(g.identifier)
            for g in self.dataset.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) > 0
        }

    def document_hashes(self) -> dict[str, str]:
        return hashes_from_rows(self.query(DOCUMENT_HASHES_QUERY).rows)

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


__all__ = ["MemoryStore", "StoreError", "rdflib_query"]
