"""``--dask``: extraction on a Dask LocalCluster gives the same graph as the local build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf.serialize import to_nquads
from kg.store import open_store

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")


def _nquads(store_dir: Path) -> str:
    with open_store(store_dir, read_only=True) as st:
        return to_nquads(st.quads())


def test_dask_build_equals_local_build(articles_file: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    build([articles_file], local, progress=False, batch_size=8)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        summary = build(
            [articles_file], tmp_path / "dask", progress=False, batch_size=3, dask=cluster.scheduler_address
        )
    assert summary.documents == 40
    assert _nquads(tmp_path / "dask") == _nquads(local)


def test_analyze_with_dask_yields_document_results(articles: type) -> None:
    from kg.distributed import analyze_with_dask
    from kg.process import analyze_documents
    from kg.records import Document, DocumentResult

    docs = [Document(a["id"], a["text"]) for a in articles(6)]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(analyze_with_dask(docs, client, chunk=2))
    assert all(isinstance(r, DocumentResult) for r in results)
    by_id = {r.document.id: r for r in results}
    assert sorted(by_id) == [d.id for d in docs]
    for local in analyze_documents(docs):
        assert by_id[local.document.id].events == local.events
        assert by_id[local.document.id].entities == local.entities
