"""kg's stores behind one interface: Oxigraph on disk (default), rdflib in memory, a SPARQL endpoint.

>>> from kg.store import open_store
>>> with open_store("memory:") as store:
...     store.query("ASK { ?s ?p ?o }").boolean
False

Targets: ``None`` -> :func:`kg.config.default_store` (an Oxigraph folder); ``"memory:"`` -> rdflib
in memory; ``"http(s)://..."`` or ``endpoint=`` -> a SPARQL 1.1 endpoint; any other string or path
-> an Oxigraph folder, created if missing.

rdflib users can open the same Oxigraph folder through the oxrdflib plugin (close kg's store first;
one process at a time writes a folder)::

    from rdflib import Dataset
    ds = Dataset(store="Oxigraph")
    ds.open(".kg-store")
"""

from __future__ import annotations

from pathlib import Path

from kg.config import default_store
from kg.store.base import Quad, Store
from kg.store.results import QueryResult


def open_store(
    target: str | Path | None = None, *, read_only: bool = False, endpoint: str | None = None
) -> Store:
    """Open a store: an Oxigraph folder, ``"memory:"``, or a SPARQL endpoint URL.

    >>> import tempfile
    >>> store = open_store(tempfile.mkdtemp())
    >>> len(store)
    0
    >>> store.close()
    """
    if endpoint is not None or (isinstance(target, str) and target.startswith(("http://", "https://"))):
        from kg.store.remote import RemoteStore

        return RemoteStore(endpoint or str(target), read_only=read_only)
    if isinstance(target, str) and target == "memory:":
        from kg.store.memory import MemoryStore

        return MemoryStore()
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(default_store(target), read_only=read_only)


__all__ = ["QueryResult", "Quad", "Store", "open_store"]
