"""A build killed (SIGKILL) after its first committed batch resumes to the very same graph.

Each batch is one store transaction and the merged graph is recomputed from the document graphs at
the end, so re-running the build skips the committed documents, builds the rest, and gives N-Quads
byte-identical to an uninterrupted build's.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf.serialize import to_nquads
from kg.store import open_store

pytestmark = pytest.mark.slow

CLI = "from kg.cli import app; app()"


def _nquads(store_dir: Path) -> str:
    with open_store(store_dir, read_only=True) as st:
        return to_nquads(st.quads())


def _kg(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_killed_build_resumes_to_identical_graph(articles_file: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    full = build([articles_file], reference, progress=False, batch_size=4)
    assert full.documents == 40 and full.events > 0

    store = tmp_path / "store"
    proc = _kg("build", str(articles_file), "--store", str(store), "--batch-size", "2")
    committed = 0
    assert proc.stderr is not None
    for line in proc.stderr:  # the plain progress log: one line after the first committed batch
        m = re.search(r"kg building: (\d+)/40 docs", line)
        if m and int(m.group(1)) > 0:
            committed = int(m.group(1))
            break
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert committed > 0

    with open_store(store, read_only=True) as st:
        partial = len(st.document_hashes())
    assert committed <= partial < 40  # the build really stopped halfway, whole batches kept

    resumed = _kg("build", str(articles_file), "--store", str(store), "--batch-size", "2", "--quiet")
    _, err = resumed.communicate()
    assert resumed.returncode == 0, err
    summary = build([articles_file], store, progress=False)  # a third run: nothing left to do
    assert summary.documents == 0 and summary.unchanged == 40

    assert _nquads(store) == _nquads(reference)


def test_changed_document_replaces_its_graph(articles_file: Path, tmp_path: Path, articles: type) -> None:
    store = tmp_path / "store"
    build([articles_file], store, progress=False, batch_size=8)
    docs = articles(40)
    docs[5]["text"] = "Narendra Modi met Olaf Scholz in Berlin on March 2. They discussed climate finance."
    changed = articles.write(tmp_path / "changed.jsonl", docs)
    summary = build([changed], store, progress=False, batch_size=8)
    assert summary.documents == 1 and summary.unchanged == 39

    fresh = tmp_path / "fresh"
    build([changed], fresh, progress=False, batch_size=8)
    assert _nquads(store) == _nquads(fresh)


def test_a_graph_written_without_its_content_hash_is_rebuilt(articles_file: Path, tmp_path: Path) -> None:
    """New graphs are bulk-loaded, then their content hashes written in a second step: a build
    stopped between the two leaves graphs without hashes, which the next build replaces."""
    import pyoxigraph as ox

    reference = tmp_path / "reference"
    build([articles_file], reference, progress=False, batch_size=8)
    store = tmp_path / "store"
    build([articles_file], store, progress=False, batch_size=8)
    with open_store(store) as st:
        hashes = list(
            st.raw.quads_for_pattern(None, ox.NamedNode("https://w3id.org/kg/ontology#contentHash"), None)
        )
        assert len(hashes) == 40
        for quad in hashes[:8]:
            st.raw.remove(quad)  # as if the build had stopped before the hashes of one batch
        assert len(st.document_hashes()) == 32
    summary = build([articles_file], store, progress=False, batch_size=8)
    assert summary.documents == 8 and summary.unchanged == 32
    assert _nquads(store) == _nquads(reference)
