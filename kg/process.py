"""Documents in, resolved per-document results out: the NLP-bound part of the pipeline.

Kept apart from :mod:`kg.pipeline` (which adds the store) so that worker processes and Dask tasks
run exactly this and nothing else.

>>> from kg.records import Document
>>> from datetime import date
>>> docs = [Document("d1", "Putin will meet Xi Jinping in Beijing on April 26.", date(2019, 4, 24))]
>>> [ev.type for r in analyze_documents(docs) for ev in r.events]      # doctest: +SKIP
['MEETING']
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.extract import analyze
from kg.nlp import load_pipeline
from kg.records import Document, DocumentResult
from kg.resolve import resolve_document


@dataclass
class StageTimes:
    """Seconds spent in each stage (for bench/throughput.py and the build summary)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds

    def merge(self, other: StageTimes) -> None:
        for k, v in other.seconds.items():
            self.seconds[k] += v


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


def analyze_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    times: StageTimes | None = None,
) -> Iterator[DocumentResult]:
    """Run the NLP pipeline over documents (streaming, ``nlp.pipe``) and extract from each."""
    nlp = load_pipeline(model)
    stream = ((d.text, d) for d in documents)
    t_nlp = time.perf_counter()
    for doc, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        t_got = time.perf_counter()
        if times is not None:
            times.add("nlp", t_got - t_nlp)
        yield process_document(doc, document, times)
        t_nlp = time.perf_counter()
