"""The one interface every kg store implements, and what the backends share."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.store.results import QueryResult
from kg.store.terms import nt, to_term

#: (subject, predicate, object, graph) as rdflib terms
Quad = tuple[Node, Node, Node, URIRef]

DOCUMENT_HASHES_QUERY = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?id ?hash WHERE { ?doc a kg:Document ; kg:docId ?id ; kg:contentHash ?hash }
"""


@runtime_checkable
class Store(Protocol):
    """A quad store kg writes its graph into and queries (Oxigraph, rdflib, a SPARQL endpoint)."""

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Quad]]) -> None:
        """Drop each named graph and write its new quads, all in one transaction."""

    def drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        """Remove named graphs (missing ones are ignored)."""

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads (one transaction)."""

    def query(
        self, sparql: str, bindings: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> QueryResult:
        """Run a SPARQL query (default graph = union of the named graphs); bindings are typed terms."""
        ...

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Every quad, or those of one named graph, as rdflib terms."""
        ...

    def graphs(self) -> set[URIRef]:
        """The names of the named graphs."""
        ...

    def document_hashes(self) -> dict[str, str]:
        """Document id -> kg:contentHash for every kg:Document (incremental builds)."""
        ...

    def __len__(self) -> int: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


class BaseStore:
    """Context-manager plumbing shared by the backends."""

    def close(self) -> None:  # pragma: no cover - overridden
        pass

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def hashes_from_rows(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {str(r["id"]): str(r["hash"]) for r in rows}


def with_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with a VALUES block of typed, escaped terms at the top of its WHERE group.

    This is how every backend binds parameters: the block is joined with the rest of the group,
    so FILTERs of that group see the values (patterns in nested groups join on them). A list or
    tuple value gives one VALUES row per item (an empty list matches nothing). The values never
    reach the query text unescaped: each is written as one N-Triples term.

    >>> with_values("SELECT ?x WHERE { ?x ?p ?actor }", {"actor": 'a"} ; DROP ALL ; {'})
    'SELECT ?x WHERE { VALUES (?actor) { ("a\\\\"} ; DROP ALL ; {") }\\n ?x ?p ?actor }'
    """
    items = []
    for name, value in bindings.items():
        if value is None:
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError("E404", f"invalid parameter name {name!r}")
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        items.append((name, [nt(to_term(v)) for v in values]))
    if not items:
        return sparql
    rows = itertools.product(*(terms for _, terms in items))
    block = (
        "VALUES ("
        + " ".join("?" + name for name, _ in items)
        + ") { "
        + " ".join("(" + " ".join(row) + ")" for row in rows)
        + " }\n"
    )
    code = re.sub(r"(?m)^\s*#.*$", "", sparql)
    match = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE) or re.search(
        r"\b(SELECT|ASK)\b[^{]*\{", code, re.IGNORECASE
    )
    if match is None:
        raise QueryError("E404", "cannot bind parameters: the query has no WHERE group")
    return code[: match.end()] + " " + block + code[match.end() :]
