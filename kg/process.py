"""Documents in, resolved per-document results out: the NLP-bound part of the pipeline.

Kept apart from :mod:`kg.pipeline` (which adds the store) so that worker processes and Dask tasks
run exactly this and nothing else.

Two ways to run it:

* one process: :func:`analyze_documents` streams documents through ``nlp.pipe`` and extracts from
  each parsed doc as it comes out;
* ``n_process > 1``: batches of documents go to a pool of worker processes, each with its own
  pipeline (loaded once per process; forked from the parent where the OS allows, so the gazetteer
  ruler is built only once), which run NLP, extraction, resolution *and* the RDF writer, and send
  back N-Quads text (:class:`GraphText`) or :class:`~kg.records.DocumentResult` records. At most
  ``2 * n_process`` batches are in flight, so memory stays bounded whatever the corpus size.

>>> from kg.records import Document
>>> from datetime import date
>>> docs = [Document("d1", "Putin will meet Xi Jinping in Beijing on April 26.", date(2019, 4, 24))]
>>> [ev.type for r in analyze_documents(docs) for ev in r.events]      # doctest: +SKIP
['MEETING']
"""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import Any

from kg.extract import analyze
from kg.nlp import load_pipeline
from kg.records import Document, DocumentResult
from kg.resolve import resolve_document

#: documents per ``nlp.pipe`` minibatch (spaCy's sweet spot for CPU models on news articles)
NLP_BATCH = 16


@dataclass
class StageTimes:
    """Seconds spent in each stage (for bench/throughput.py and the build summary).

    With worker processes the seconds are summed over the workers (CPU-seconds, not wall time).
    """

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds

    def merge(self, other: StageTimes) -> None:
        for k, v in other.seconds.items():
            self.seconds[k] += v

    def __getstate__(self) -> dict[str, float]:
        return dict(self.seconds)

    def __setstate__(self, state: dict[str, float]) -> None:
        self.seconds = defaultdict(float, state)


@dataclass
class GraphText:
    """One document's named graph, already written as N-Quads lines (what workers send back).

    ``lines`` are ``"<s> <p> o"`` without the graph and the final dot, in the writer's order, so
    the driver can load them as N-Quads or insert them as triples of one graph.
    """

    doc_id: str
    graph: str
    lines: list[str]


@dataclass
class Failed:
    """A document whose extraction raised: reported in the build summary, the build goes on."""

    doc_id: str
    error: str


def process_document(doc, document: Document, times: StageTimes | None = None) -> DocumentResult:  # type: ignore[no-untyped-def]
    """Extraction and in-document resolution of one parsed document."""
    t0 = time.perf_counter()
    analysis = analyze(doc, document)
    t1 = time.perf_counter()
    result = resolve_document(analysis)
    t2 = time.perf_counter()
    if times is not None:
        times.add("extraction", t1 - t0)
        times.add("resolution", t2 - t1)
    return result


def graph_text(result: DocumentResult, times: StageTimes | None = None) -> GraphText:
    """The document's graph as N-Quads lines (the RDF writer writes N-Triples text directly)."""
    from kg.rdf.iri import doc_graph
    from kg.rdf.writer import document_lines

    t0 = time.perf_counter()
    lines = document_lines(result)
    if times is not None:
        times.add("rdf", time.perf_counter() - t0)
    return GraphText(result.document.id, str(doc_graph(result.document.id)), lines)


def _pipe(
    nlp: Any, documents: Iterable[Document], batch_size: int, times: StageTimes | None, keep_going: bool
) -> Iterator[Any]:
    stream = ((d.text, d) for d in documents)
    t_nlp = time.perf_counter()
    for doc, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        t_got = time.perf_counter()
        if times is not None:
            times.add("nlp", t_got - t_nlp)
        try:
            yield process_document(doc, document, times)
        except Exception as exc:
            if not keep_going:
                raise
            yield Failed(document.id, f"{type(exc).__name__}: {exc}")
        t_nlp = time.perf_counter()


def analyze_batch(
    documents: list[Document], model: str | None = None, *, batch_size: int = NLP_BATCH, as_text: bool = False
) -> tuple[list[Any], StageTimes]:
    """One batch in a worker: NLP, extraction, resolution (and the RDF writer when ``as_text``).

    Returns the DocumentResults (or GraphTexts) in input order, with the stage times of the batch;
    a document whose extraction raised comes back as a :class:`Failed`.
    The pipeline is loaded once per process (``load_pipeline`` is cached).
    """
    times = StageTimes()
    nlp = load_pipeline(model)
    results: list[Any] = []
    for result in _pipe(nlp, documents, batch_size, times, keep_going=True):
        results.append(graph_text(result, times) if as_text and not isinstance(result, Failed) else result)
    return results, times


def _init_worker(model: str | None) -> None:
    # forked workers inherit the parent's loaded pipeline; spawned ones load it here, once
    load_pipeline(model)


#: a made-up article that runs every stage, and the lazily built tables behind them: the
#: gazetteer's index of office holders (a title without a name) and dateparser's (a numeric date)
_WARM_UP = Document(
    "kg-warm-up",
    "MOSCOW, March 3 (Reuters) - Russian Foreign Minister Sergei Lavrov will meet his Chinese "
    "counterpart Wang Yi in Beijing next Tuesday, the ministry said on Friday. The French foreign "
    "minister said a deal signed on 2/27/2023 would be extended.",
    date(2023, 3, 3),
)


@functools.cache
def prepare(model: str | None = None) -> None:
    """Load the pipeline and run one made-up document through every stage, once per process.

    What a build loads before its first document: the spaCy pipeline with the gazetteer ruler,
    and the tables the stages build on first use (about a second in all), which would otherwise
    be paid inside the first batch. Before forking, the workers inherit all of it (copy-on-write)
    instead of building it each; the caller then freezes the heap (:func:`frozen_heap`), which
    keeps the collector from touching (and so copying) the inherited objects.
    """
    analyze_batch([_WARM_UP], model)


_freeze_depth = 0


@contextmanager
def frozen_heap(collect: bool = False) -> Iterator[None]:
    """Move every object alive now out of the collector's reach (``gc.freeze``) until the block ends.

    The spaCy pipeline and the gazetteer are hundreds of thousands of objects that live as long
    as the process; without this, each full collection (one at least per build: closing the
    store) walks them all. Objects created inside the block are collected as usual. Nested blocks
    freeze again and only the outermost one unfreezes; a heap someone else froze is left alone.
    """
    global _freeze_depth
    if _freeze_depth == 0 and gc.get_freeze_count() > 0:
        yield
        return
    if collect:
        gc.collect()
    gc.freeze()
    _freeze_depth += 1
    try:
        yield
    finally:
        _freeze_depth -= 1
        if _freeze_depth == 0:
            gc.unfreeze()


def _context() -> Any:
    method = os.environ.get("KG_MP_START") or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    return mp.get_context(method)


def analyze_in_workers(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 2,
    chunk: int = 64,
    batch_size: int = NLP_BATCH,
    as_text: bool = False,
    times: StageTimes | None = None,
) -> Iterator[list[Any]]:
    """Batches of results (in input order) from ``n_process`` worker processes.

    Documents are cut into chunks of ``chunk``; each chunk is one task and comes back as one list
    (DocumentResults, or GraphTexts when ``as_text``). At most ``2 * n_process`` chunks are in
    flight, so the input is read only as fast as the workers consume it.
    """
    docs = iter(documents)
    first = list(islice(docs, chunk))
    if not first:
        return  # nothing to do: no pipeline, no pool
    chunks: Iterator[list[Document]] = chain([first], iter(lambda: list(islice(docs, chunk)), []))
    ctx = _context()
    pending: deque[Future[tuple[list[Any], StageTimes]]] = deque()
    with ExitStack() as stack:
        if ctx.get_start_method() == "fork":
            prepare(model)
            stack.enter_context(frozen_heap(collect=True))
        pool = stack.enter_context(
            ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker, initargs=(model,))
        )
        try:
            while True:
                while len(pending) < 2 * n_process and (batch := next(chunks, None)):
                    pending.append(
                        pool.submit(analyze_batch, batch, model, batch_size=batch_size, as_text=as_text)
                    )
                if not pending:
                    break
                results, batch_times = pending.popleft().result()
                if times is not None:
                    times.merge(batch_times)
                yield results
        finally:
            for f in pending:
                f.cancel()


def analyze_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = NLP_BATCH,
    n_process: int = 1,
    times: StageTimes | None = None,
    keep_going: bool = False,
) -> Iterator[DocumentResult]:
    """Run the NLP pipeline over documents (streaming, ``nlp.pipe``) and extract from each.

    ``n_process > 1`` runs NLP, extraction and resolution in that many worker processes.
    ``keep_going``: a document whose extraction raises comes out as a :class:`Failed` record
    instead of stopping the stream.
    """
    if n_process > 1:
        for batch in analyze_in_workers(
            documents, model=model, n_process=n_process, batch_size=batch_size, times=times
        ):
            for item in batch:
                if isinstance(item, Failed) and not keep_going:
                    raise RuntimeError(f"extraction failed on {item.doc_id}: {item.error}")
                yield item
        return
    prepare(model)
    yield from _pipe(load_pipeline(model), documents, batch_size, times, keep_going)
