"""``--workers N``: NLP, extraction, resolution and RDF writing in worker processes, same graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build, count_inputs
from kg.rdf.serialize import to_nquads
from kg.store import open_store

pytestmark = pytest.mark.slow


def _nquads(store: str | Path) -> str:
    with open_store(store, read_only=True) as st:
        return to_nquads(st.quads())


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_build_equals_single_process(
    articles_file: Path, tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_MP_START", start)
    one = build([articles_file], tmp_path / "one", progress=False, batch_size=8)
    two = build([articles_file], tmp_path / "two", progress=False, batch_size=5, workers=2)
    assert one.documents == two.documents == 40
    assert two.stages.seconds["nlp"] > 0 and two.stages.seconds["extraction"] > 0  # ran in the workers
    assert _nquads(tmp_path / "two") == _nquads(tmp_path / "one")


def test_memory_store_with_workers(articles_file: Path, tmp_path: Path) -> None:
    """Stores without the N-Quads fast path get DocumentResults from the workers."""
    from kg.store import open_store as open_

    with open_("memory:") as mem:
        build([articles_file], mem, progress=False, batch_size=8, workers=2)
        text = to_nquads(mem.quads())
    build([articles_file], tmp_path / "ox", progress=False, batch_size=8)
    assert text == _nquads(tmp_path / "ox")


def test_count_inputs(articles_file: Path, tmp_path: Path) -> None:
    assert count_inputs([articles_file]) == 40
    assert count_inputs([articles_file, articles_file.parent]) == 80  # the folder holds the file too
    assert count_inputs([tmp_path / "missing"]) is None
