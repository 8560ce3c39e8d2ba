"""Shared fixtures: where ../shared is (tests that need it skip cleanly without it), the seed data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "data" / "seeds"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available")
    return path


@pytest.fixture
def shared() -> type:
    """Use as ``shared_path`` through a fixture: ``shared("corpora", "afp-dev")``."""
    return shared_path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real spaCy pipeline (model + gazetteer ruler), loaded once."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The bundled seed articles built once into a real Oxigraph store (read-only use)."""
    from kg.pipeline import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("seeds-store")
    summary = build([SEEDS], str(folder), progress=False)
    store = open_store(str(folder))
    store.summary = summary  # type: ignore[attr-defined]
    yield store
    store.close()


def _analyze_text(text: str, published: str | None = "2019-04-24", doc_id: str = "t1"):  # type: ignore[no-untyped-def]
    """Extraction and resolution of one text (real model), for unit tests."""
    from datetime import date

    from kg.documents.readers import content_hash
    from kg.process import analyze_documents
    from kg.records import Document

    pub = date.fromisoformat(published) if published else None
    doc = Document(doc_id, text, pub, content_hash=content_hash(doc_id, text, pub))
    return next(iter(analyze_documents([doc])))


@pytest.fixture(scope="session")
def analyze():  # type: ignore[no-untyped-def]
    """``analyze(text, published="2019-04-24", doc_id="t1") -> DocumentResult`` with the real model."""
    return _analyze_text
