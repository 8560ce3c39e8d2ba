"""The RDF export and validation of a whole store: what ``kg export rdf`` and ``kg validate`` call.

>>> from kg.rdf.export import FORMATS
>>> sorted(FORMATS)
['jsonld', 'nquads', 'trig', 'turtle']
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ExportError
from kg.rdf.serialize import FORMATS, Quad, serialize
from kg.rdf.shacl import ValidationReport, validate


def store_quads(store: str | Path | None = None) -> list[Quad]:
    """Every quad of the store (read-only), as rdflib terms."""
    from kg.store import open_store

    opened = open_store(store, read_only=True)
    try:
        return list(opened.quads())
    finally:
        opened.close()


def export_rdf(store: str | Path | None = None, format: str = "turtle") -> str:
    """The whole graph of the store in one RDF syntax (see :data:`kg.rdf.serialize.FORMATS`)."""
    if format not in FORMATS:
        raise ExportError("E600", reason=f"{format!r}; use one of {', '.join(FORMATS)}")
    quads = store_quads(store)
    if not quads:
        raise ExportError("E601", reason=f"the store {store or 'at the default place'} is empty")
    return serialize(quads, format)


def validate_store(store: str | Path | None = None) -> ValidationReport:
    """SHACL-validate everything in the store against ontology/shapes.ttl."""
    return validate(store_quads(store))
