"""A small in-memory store over a TriG file, for docstring examples and tests.

It offers the one method the exports use, ``query(sparql) -> result with .rows``, with the same
value conversion as ``kg.store`` (IRIs as str, xsd:date as ``datetime.date``, numbers as int/float,
default graph = union of the named graphs).

>>> store = sample_store()
>>> store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] > 0
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

#: the hand-made sample graph of the export tests (present in a source checkout)
SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "export_sample.trig"

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {f"{XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOATS = {f"{XSD}{t}" for t in ("decimal", "double", "float")}


def to_python(term: Any) -> Any:
    """A pyoxigraph term as a plain python value."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt == f"{XSD}date":
                return date.fromisoformat(term.value[:10])
            if dt == f"{XSD}dateTime":
                return datetime.fromisoformat(term.value)
            if dt in _INTS:
                return int(term.value)
            if dt in _FLOATS:
                return float(term.value)
            if dt == f"{XSD}boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    return str(term)


@dataclass
class Result:
    variables: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


class MemoryStore:
    """A pyoxigraph in-memory store with kg.store's ``query`` signature."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store or ox.Store()

    def load(self, path: str | Path) -> MemoryStore:
        fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".")) or ox.RdfFormat.TRIG
        self.store.load(path=str(path), format=fmt)
        return self

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Result:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = None
        if bindings:
            substitutions = {
                ox.Variable(k): v if isinstance(v, ox.NamedNode | ox.Literal) else ox.Literal(str(v))
                for k, v in bindings.items()
            }
        answer = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows = [{n: to_python(sol[n]) for n in names if sol[n] is not None} for sol in answer]
            return Result(names, rows)
        if isinstance(answer, ox.QueryBoolean):
            return Result(["boolean"], [{"boolean": bool(answer)}])
        raise TypeError("CONSTRUCT/DESCRIBE are not supported by MemoryStore")


def sample_store(path: str | Path | None = None) -> MemoryStore:
    """A MemoryStore loaded with ``path`` (default: tests/data/export_sample.trig)."""
    return MemoryStore().load(path or SAMPLE)
