"""kg: turn diplomatic news into a knowledge graph.

The Python API the CLI itself uses, for researcher scripts and notebooks:

>>> import kg, tempfile
>>> graph = kg.build(["data/seeds"], store=tempfile.mkdtemp(), progress=False)   # doctest: +SKIP
>>> graph.summary.events                                                     # doctest: +SKIP
7
>>> rows = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/kg/ontology#Event> }")  # doctest: +SKIP
>>> G = graph.to_networkx()                                                 # doctest: +SKIP

``KnowledgeGraph`` wraps a store: ``query`` (rows), ``dataframe`` (pandas), ``events`` and
``entities`` (typed records), ``named`` (a named query with bound parameters) and ``to_networkx``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from kg.pipeline import BuildSummary
    from kg.records import Document, Entity, Event
    from kg.store import Store


class KnowledgeGraph:
    """A built graph in a store, with the questions researchers ask of it."""

    def __init__(self, store: Store, summary: BuildSummary | None = None) -> None:
        self.store = store
        self.summary = summary

    def query(self, sparql: str, **params: Any) -> list[dict[str, Any]]:
        """Run SPARQL; keyword parameters are bound as values (never pasted into the text)."""
        return self.store.query(sparql, params or None).rows

    def dataframe(self, sparql: str, **params: Any) -> pd.DataFrame:
        """Run SPARQL into a pandas DataFrame."""
        return self.store.query(sparql, params or None).to_dataframe()

    def named(self, name: str, **params: str) -> list[dict[str, Any]]:
        """Run one of the named queries of kg/queries (``kg query --list``)."""
        from kg.query import run_named

        return run_named(self.store, name, params).rows

    def events(self) -> list[Event]:
        """Every cross-document event as a typed record."""
        from kg.export import records

        return records.events(self.store)

    def entities(self) -> list[Entity]:
        """Every entity as a typed record."""
        from kg.export import records

        return records.entities(self.store)

    def to_networkx(
        self, view: str = "bipartite", start: str | None = None, end: str | None = None
    ) -> nx.Graph:
        """A NetworkX view: "bipartite" (actors and events), "actors" or "events"."""
        from kg.export.graphs import view as make_view

        return make_view(self.store, view, start=start, end=end)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_graph(store: str | Path | None = None, *, read_only: bool = False) -> KnowledgeGraph:
    """Open an existing graph: an Oxigraph folder, "memory:" or a SPARQL endpoint URL."""
    from kg.store import open_store

    return KnowledgeGraph(open_store(store, read_only=read_only))


def build(
    inputs: Iterable[str | Path] | str | Path,
    store: str | Path | None = None,
    *,
    published: date | None = None,
    **options: Any,
) -> KnowledgeGraph:
    """Build the graph of articles (files, folders) into a store and return it open."""
    from kg.pipeline import build as run
    from kg.store import open_store

    st = open_store(store)
    summary = run(inputs, st, published=published, **options)
    return KnowledgeGraph(st, summary)


def build_texts(
    texts: Iterable[str | Document | Mapping[str, Any]],
    store: str | Path | None = "memory:",
    *,
    published: date | None = None,
    **options: Any,
) -> KnowledgeGraph:
    """Build the graph of texts given in Python (strings, Documents or dicts with "id" and "text")."""
    import hashlib

    from kg.documents.readers import content_hash
    from kg.pipeline import build_documents
    from kg.records import Document
    from kg.store import open_store

    docs: list[Document] = []
    for n, item in enumerate(texts):
        if isinstance(item, Document):
            docs.append(item)
            continue
        if isinstance(item, str):
            item = {"id": f"text-{n}-{hashlib.sha1(item.encode()).hexdigest()[:8]}", "text": item}
        pub = item.get("published", published)
        pub = date.fromisoformat(pub) if isinstance(pub, str) else pub
        doc_id, text = str(item["id"]), str(item["text"])
        docs.append(
            Document(
                doc_id,
                text,
                pub,
                item.get("title"),
                item.get("url"),
                item.get("source"),
                content_hash(doc_id, text, pub, item.get("title"), item.get("url"), item.get("source")),
            )
        )
    st = open_store(store)
    summary = build_documents(docs, st, **options)
    return KnowledgeGraph(st, summary)


__all__ = ["KnowledgeGraph", "build", "build_texts", "open_graph", "__version__"]
