"""The built graph (not hand-made records) conforms to the shapes, is deterministic, and re-ingest is local."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests_support import shared_or_skip  # type: ignore[import-not-found]

from kg.pipeline import build
from kg.rdf.iri import doc_graph
from kg.rdf.serialize import to_nquads
from kg.rdf.shacl import validate
from kg.store import open_store


def _nquads(folder: str) -> str:
    with open_store(folder, read_only=True) as st:
        return to_nquads(st.quads())


def test_seeds_graph_conforms_to_the_shapes(seeds_store) -> None:  # type: ignore[no-untyped-def]
    report = validate(seeds_store.quads())
    assert report.conforms, report.text()


def test_two_builds_give_byte_identical_nquads(seeds_dir: Path, tmp_path: Path) -> None:
    build([seeds_dir], str(tmp_path / "a"), progress=False)
    build([seeds_dir], str(tmp_path / "b"), progress=False)
    assert _nquads(str(tmp_path / "a")) == _nquads(str(tmp_path / "b"))


def test_reingesting_a_changed_document_replaces_only_its_graph(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    store = str(tmp_path / "store")
    build([corpus], store, progress=False)
    with open_store(store) as st:
        other = sorted(map(str, st.quads(doc_graph("000_330f7470159142de"))))
        before = sorted(map(str, st.quads(doc_graph("001_5588d5af335d558f"))))
    changed = corpus / "001_5588d5af335d558f.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nLavrov will visit Tokyo next week.\n", encoding="utf-8"
    )
    summary = build([corpus], store, progress=False)
    assert summary.documents == 1 and summary.unchanged == 1
    with open_store(store) as st:
        assert sorted(map(str, st.quads(doc_graph("000_330f7470159142de")))) == other
        after = sorted(map(str, st.quads(doc_graph("001_5588d5af335d558f"))))
    assert after != before
    assert any("Tokyo" in q for q in after)


@pytest.mark.slow
def test_afp_dev_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    corpus = shared_or_skip("corpora", "afp-dev", "afp-dev.jsonl")
    build([corpus], str(tmp_path / "store"), progress=False)
    with open_store(str(tmp_path / "store"), read_only=True) as st:
        report = validate(st.quads())
    assert report.conforms, report.text()
