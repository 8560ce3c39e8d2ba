"""Named SPARQL queries (kg/queries/*.rq) and safe parameter binding, for researcher scripts.

Each .rq file starts with a comment header::

    # name: actor_timeline
    # description: what it answers
    # param actor: the actor, by label, alias, QID or IRI (string)

Parameter values are converted to typed RDF terms (string, date, integer, float, boolean, iri) and
bound as a VALUES block of escaped terms joined at the top of the query's WHERE group, on every
backend - never pasted into the query text. A parameter of type ``entity`` is first resolved to
the IRIs of the entities it names (label or alias, case-insensitive, Wikidata QID or IRI; see
resolve_entity.rq), so the query itself joins on IRIs and stays fast. A parameter marked
``(type, optional)`` stays unbound when not given.

>>> from kg.store import open_store
>>> store = open_store("memory:")
>>> sorted(q.name for q in list_named())[:2]
['actor_timeline', 'central_actors']
>>> run_named(store, "actor_timeline", {"actor": "Putin"}).rows
[]
>>> rows("memory:", "SELECT (1 + 1 AS ?two) WHERE {}")
[{'two': 2}]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.store import QueryResult, Store, open_store

PARAM_TYPES = ("string", "date", "integer", "float", "boolean", "iri", "entity")
#: what an entity parameter is bound to when it names nothing (so the query returns no rows)
NO_MATCH = URIRef("https://w3id.org/kg/id/no-match")
_HEADER = re.compile(r"^#\s*(name|description|param\s+([A-Za-z_][A-Za-z0-9_]*))\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    meaning: str
    type: str = "string"
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with a name, a description and declared parameters."""

    name: str
    description: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: str | None = None

    def bind(self, params: Mapping[str, Any] | None = None, store: Store | None = None) -> dict[str, Any]:
        """Typed terms for the given parameter values; unknown, missing or malformed ones raise E404.

        ``entity`` parameters are resolved on ``store`` to a list of entity IRIs.

        >>> q = named("events_in_range")
        >>> q.bind({"start": "2019-04-01", "end": "2019-04-30"})["start"].datatype == XSD.date
        True
        """
        given = dict(params or {})
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise QueryError("E404", f"{self.name} has no parameter {', '.join(unknown)}")
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name not in given or given[p.name] is None:
                if not p.optional:
                    raise QueryError("E404", f"{self.name} needs {p.name}: {p.meaning}")
                continue
            if p.type == "entity":
                bound[p.name] = resolve_entity(store, given[p.name]) if store is not None else given[p.name]
            else:
                bound[p.name] = typed_term(p.name, given[p.name], p.type)
        return bound


def resolve_entity(store: Store, key: Any) -> list[URIRef]:
    """The IRIs of the entities ``key`` names (label, alias, QID or IRI); [NO_MATCH] if none.

    >>> from kg.store import open_store
    >>> resolve_entity(open_store("memory:"), "Putin")
    [rdflib.term.URIRef('https://w3id.org/kg/id/no-match')]
    """
    if isinstance(key, URIRef):
        return [key]
    if isinstance(key, list | tuple):
        return [iri for k in key for iri in resolve_entity(store, k) if iri != NO_MATCH] or [NO_MATCH]
    result = store.query(named("resolve_entity").sparql, {"key": Literal(str(key))})
    found = [URIRef(str(row["entity"])) for row in result.terms]
    return found or [NO_MATCH]


def typed_term(name: str, value: Any, kind: str) -> Any:
    """The RDF term for a parameter value of a declared type.

    >>> typed_term("n", "3", "integer")
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    try:
        if kind == "date":
            day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
            return Literal(day.isoformat(), datatype=XSD.date)
        if kind == "integer":
            return Literal(int(value))
        if kind == "float":
            return Literal(float(value))
        if kind == "boolean":
            if isinstance(value, bool):
                return Literal(value)
            text = str(value).strip().lower()
            if text not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(text)
            return Literal(text in ("true", "1", "yes"))
        if kind == "iri":
            iri = str(value)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", iri):
                raise ValueError(iri)
            return URIRef(iri)
        return Literal(str(value))
    except (ValueError, TypeError) as exc:
        raise QueryError("E404", f"{name}={value!r} is not a valid {kind}") from exc


def parse_query(text: str, path: str | None = None) -> NamedQuery:
    """A NamedQuery from .rq text with its comment header (a file without one gets its stem as name)."""
    name = Path(path).stem if path else "query"
    description = ""
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, pname, value = match.groups()
        if key == "name":
            name = value.strip()
        elif key == "description":
            description = value.strip()
        elif pname:
            kind, optional = "string", False
            spec = re.search(r"\(([^()]*)\)\s*$", value)
            if spec:
                parts = [s.strip() for s in spec.group(1).split(",")]
                if parts[0] in PARAM_TYPES:
                    kind = parts[0]
                    optional = "optional" in parts[1:]
                    value = value[: spec.start()]
            params.append(Param(pname, value.strip(), kind, optional))
    return NamedQuery(name, description, text, tuple(params), path)


def list_named() -> list[NamedQuery]:
    """Every named query shipped in kg/queries, sorted by name."""
    folder = resources.files("kg").joinpath("queries")
    out = [
        parse_query(entry.read_text(encoding="utf-8"), str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(out, key=lambda q: q.name)


def named(name: str) -> NamedQuery:
    """One named query by name (E403 if there is none)."""
    for query in list_named():
        if query.name == name:
            return query
    raise QueryError("E403", name)


def run_named(
    store: Store, name: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
) -> QueryResult:
    """Run a named query with its parameters bound safely.

    >>> from kg.store import open_store
    >>> run_named(open_store("memory:"), "central_actors").rows
    []
    """
    query = named(name)
    return store.query(query.sparql, query.bind(params, store), timeout=timeout)


def run_query(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
) -> QueryResult:
    """Run SPARQL text, a .rq file path, a named query's name or a NamedQuery."""
    if isinstance(query, NamedQuery):
        nq = query
    elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", query.strip()):
        nq = named(query.strip())
    elif query.strip().endswith(".rq") and "\n" not in query and Path(query.strip()).is_file():
        path = Path(query.strip())
        nq = parse_query(path.read_text(encoding="utf-8"), str(path))
    else:
        nq = parse_query(query)
        if not nq.params and params:
            nq = NamedQuery(nq.name, nq.description, nq.sparql, tuple(Param(k, k) for k in params))
    return store.query(nq.sparql, nq.bind(params, store), timeout=timeout)


def rows(
    target: Store | str | Path | None, query: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Rows (dicts of Python values) of a query on a store or store target (folder, "memory:", URL)."""
    if isinstance(target, str | Path) or target is None:
        with open_store(target) as store:
            return run_query(store, query, params).rows
    return run_query(target, query, params).rows


def dataframe(target: Store | str | Path | None, query: str, params: Mapping[str, Any] | None = None) -> Any:
    """The answer of a query as a pandas DataFrame (see :func:`rows`)."""
    if isinstance(target, str | Path) or target is None:
        with open_store(target) as store:
            return run_query(store, query, params).to_dataframe()
    return run_query(target, query, params).to_dataframe()


__all__ = [
    "NamedQuery",
    "Param",
    "dataframe",
    "list_named",
    "named",
    "parse_query",
    "resolve_entity",
    "rows",
    "run_named",
    "run_query",
]
