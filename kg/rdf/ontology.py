"""Where the ontology files are at run time, and loading them without fetching anything.

The canonical files live in ``ontology/`` at the top of the repository. An installed (non-editable)
kg has no repository around it, so a byte-identical copy is packaged in ``kg/data/ontology/``
(``python -m kg.rdf.ontology`` refreshes it; tests/rdf/test_ontology.py fails when they differ).
:func:`ontology_dir` prefers the repository folder, else the packaged copy.

Parsing never follows ``owl:imports`` (rdflib does not) and the JSON-LD context is read from disk.

>>> sorted(p.name for p in ontology_dir().glob("*.ttl"))
['event-types.ttl', 'kg.ttl', 'shapes.ttl']
"""

from __future__ import annotations

import json
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

import kg

#: the files shipped with the ontology (all copied into kg/data/ontology/)
FILES = ("kg.ttl", "event-types.ttl", "shapes.ttl", "context.jsonld")
#: the IRI the context is published at; :func:`context` resolves it to the local file
CONTEXT_IRI = "https://w3id.org/kg/context.jsonld"

REPO_DIR = Path(kg.__file__).resolve().parents[1] / "ontology"
PACKAGED_DIR = Path(kg.__file__).resolve().parent / "data" / "ontology"


def ontology_dir() -> Path:
    """The folder holding kg.ttl & co: the repository's ``ontology/`` or the packaged copy."""
    if (REPO_DIR / "kg.ttl").is_file():
        return REPO_DIR
    return PACKAGED_DIR


def ontology_file(name: str) -> Path:
    """One of :data:`FILES`."""
    return ontology_dir() / name


@lru_cache(maxsize=8)
def _parsed(name: str) -> Graph:
    graph = Graph()
    graph.parse(ontology_file(name), format="turtle")
    return graph


def load_graph(*names: str) -> Graph:
    """A fresh graph with the named Turtle files (default: kg.ttl + event-types.ttl)."""
    graph = Graph()
    for name in names or ("kg.ttl", "event-types.ttl"):
        for triple in _parsed(name):
            graph.add(triple)
    return graph


@lru_cache(maxsize=1)
def _context_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))
    return data


def context() -> dict[str, Any]:
    """The JSON-LD ``@context`` object (a copy), read from ontology/context.jsonld."""
    return json.loads(json.dumps(_context_document()["@context"]))


def sync(target: Path = PACKAGED_DIR) -> list[Path]:
    """Copy the repository's ontology files into the packaged folder; returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        shutil.copyfile(REPO_DIR / name, target / name)
        written.append(target / name)
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in sync():
        sys.stdout.write(f"{path}\n")
