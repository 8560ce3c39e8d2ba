"""Extraction on a Dask distributed cluster; the driver keeps the store.

Documents are cut into chunks; each chunk is one task (NLP, extraction, resolution; the pipeline
is loaded once per worker process and cached there). At most ``max_in_flight`` chunks are on the
cluster at a time and results are taken as they complete (``as_completed``), so the driver reads
the input only as fast as the cluster consumes it and memory stays bounded. Results come back in
completion order: the graph does not depend on it (one named graph per document, the merged graph
is recomputed from them at the end).

``scheduler`` is a scheduler address (``"tcp://host:8786"``), ``"local"`` (a LocalCluster with one
single-threaded worker process per core, started and stopped here) or a ``distributed.Client``.
Workers need kg and the spaCy model installed.

>>> results = list(analyze_with_dask(docs, "local"))                  # doctest: +SKIP
>>> kg build articles.jsonl --dask tcp://scheduler:8786                  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from kg.process import NLP_BATCH, StageTimes, analyze_batch
from kg.records import Document, DocumentResult


def _task(
    documents: list[Document], model: str | None, batch_size: int, as_text: bool
) -> tuple[list[Any], StageTimes]:
    return analyze_batch(documents, model, batch_size=batch_size, as_text=as_text)


@contextlib.contextmanager
def _client(scheduler: Any) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if not isinstance(scheduler, str):
        yield scheduler  # a Client given by the caller: theirs to close
        return
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    with Client(scheduler) as client:
        yield client


def analyze_batches_with_dask(
    documents: Iterable[Document],
    scheduler: Any,
    *,
    model: str | None = None,
    chunk: int = 32,
    batch_size: int = NLP_BATCH,
    max_in_flight: int | None = None,
    as_text: bool = False,
    times: StageTimes | None = None,
) -> Iterator[list[Any]]:
    """Chunks of results from the cluster, as they complete (DocumentResults, or GraphTexts when
    ``as_text``: the RDF writer then runs on the workers too)."""
    from distributed import as_completed

    with _client(scheduler) as client:
        in_flight = max_in_flight or 2 * max(1, sum(client.nthreads().values()))
        it = iter(documents)

        def submit() -> Any:
            batch = list(islice(it, chunk))
            return client.submit(_task, batch, model, batch_size, as_text, pure=False) if batch else None

        first = [f for f in (submit() for _ in range(in_flight)) if f is not None]
        if not first:
            return
        queue = as_completed(first)
        for future in queue:
            results, batch_times = future.result()
            future.release()
            if times is not None:
                times.merge(batch_times)
            nxt = submit()
            if nxt is not None:
                queue.add(nxt)
            yield results


def analyze_with_dask(
    documents: Iterable[Document], scheduler: Any, model: str | None = None, **options: Any
) -> Iterator[DocumentResult]:
    """DocumentResults of documents analysed on a Dask cluster (in completion order).

    Options as :func:`analyze_batches_with_dask` (``chunk``, ``batch_size``, ``max_in_flight``).
    """
    for batch in analyze_batches_with_dask(documents, scheduler, model=model, **options):
        yield from batch
