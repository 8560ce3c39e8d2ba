"""The whole build: documents -> NLP -> extraction -> resolution -> RDF -> store, in batches.

Streaming and incremental: documents are read lazily, processed through ``nlp.pipe`` and written one
named graph per document, one transaction per batch. A document whose content hash is already in
the store is skipped; a changed one has its graph replaced. When every batch is in, the
cross-document events are recomputed from the document graphs (so a killed build resumes where it
stopped and gives the same graph as an uninterrupted one).

>>> import tempfile
>>> from kg.pipeline import build
>>> summary = build(["data/seeds"], tempfile.mkdtemp(), progress=False)   # doctest: +SKIP
>>> summary.documents                                                    # doctest: +SKIP
2
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.config import DEFAULT_BATCH, data_path
from kg.documents import ReadReport, read_documents
from kg.errors import KGError
from kg.export.records import as_day, as_str, type_name
from kg.process import (
    NLP_BATCH,
    Failed,
    GraphText,
    StageTimes,
    analyze_documents,
    analyze_in_workers,
    frozen_heap,
    graph_text,
)
from kg.rdf.iri import doc_graph
from kg.rdf.namespaces import KG, KGROLE, MERGED_GRAPH, REFERENCE_GRAPH
from kg.rdf.writer import document_quads, merged_lines, merged_quads, reference_quads
from kg.records import Document, DocumentResult, Event, EventMention, Participant, Span, TimeValue
from kg.resolve import merge_events
from kg.store import Store, open_store

#: documents per task sent to a worker process or a Dask worker: small, so that the workers
#: finish together, while the store writes batches of ``batch_size``
WORKER_CHUNK = 32
#: quads written between two store flushes (keeps the store's write buffers, so RSS, bounded)
FLUSH_EVERY = 200_000


@dataclass
class BuildSummary:
    """What a build did: counts, timings and the reader's report of bad input."""

    documents: int = 0
    unchanged: int = 0
    failed: int = 0
    entities: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    words: int = 0
    report: ReadReport = field(default_factory=ReadReport)
    stages: StageTimes = field(default_factory=StageTimes)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "unchanged": self.unchanged,
            "skipped": self.report.skipped,
            "failed": self.failed + self.report.failed,
            "warnings": self.report.warnings,
            "entities": self.entities,
            "events": self.events,
            "triples": self.triples,
            "seconds": round(self.seconds, 2),
            "stages": {k: round(v, 2) for k, v in sorted(self.stages.seconds.items())},
            "errors": self.errors[:20],
        }


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


#: the predicate of a document's content hash: the last of its triples to be written
_HASH_PREDICATE = f"<{KG.contentHash}>"


def _write_texts(raw: Any, texts: list[GraphText]) -> None:
    """Write the graphs of a batch straight from N-Quads text (Oxigraph fast path).

    All graphs new (the common case): Oxigraph's bulk loader writes them (sorted files ingested
    into RocksDB in one step: 2.5x less CPU than a transactional ``load``, which also logs every
    quad), then a small transactional ``load`` adds each document's content hash. A document
    counts as built only once its hash is in (:meth:`Store.document_hashes`), so a build killed
    between the two steps rebuilds the batch, replacing its graphs. Some graphs already there
    (changed documents) -> one ``DROP ...; INSERT DATA`` update, one transaction.
    """
    import pyoxigraph as ox

    from kg.errors import StoreError

    try:
        if not any(raw.contains_named_graph(ox.NamedNode(t.graph)) for t in texts):
            body: list[str] = []
            hashes: list[str] = []
            for t in texts:
                end = f" <{t.graph}> .\n"
                for line in t.lines:
                    if _HASH_PREDICATE in line and line.split(" ", 2)[1] == _HASH_PREDICATE:
                        hashes.append(line + end)
                    else:
                        body.append(line + end)
            if body:
                raw.bulk_load("".join(body), format=ox.RdfFormat.N_QUADS)
            if hashes:
                raw.load("".join(hashes), format=ox.RdfFormat.N_QUADS)
            return
        drops = "".join(f"DROP SILENT GRAPH <{t.graph}> ;\n" for t in texts)
        inserts = "".join(
            f"GRAPH <{t.graph}> {{\n" + "".join(line + " .\n" for line in t.lines) + "}\n"
            for t in texts
            if t.lines
        )
        update = drops + (f"INSERT DATA {{\n{inserts}}}" if inserts else "")
        raw.update(update.rstrip(" ;\n"))
    except (OSError, SyntaxError) as exc:
        raise StoreError("E400", f"write failed: {exc}") from exc


class _Writer:
    """Writes batches to the store in a background thread, one transaction per batch.

    pyoxigraph releases the GIL while it loads, so the store write of batch n overlaps the NLP of
    batch n+1. At most two batches wait in the queue (bounded memory); an error in the thread is
    raised in the caller at the next ``put`` or at ``close``.
    """

    def __init__(self, store: Store, summary: BuildSummary, progress: _Progress | None) -> None:
        from kg.store.oxigraph import OxigraphStore

        self.store = store
        self.summary = summary
        self.progress = progress
        self.raw = store.raw if isinstance(store, OxigraphStore) else None
        self.queue: queue.Queue[list[Any] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.unflushed = 0
        # started at the first batch: worker processes are forked before, not beside, this thread
        self.thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)

    @property
    def takes_text(self) -> bool:
        """True when batches may be N-Quads text (GraphText) rather than rdflib quads."""
        return self.raw is not None

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                t0 = time.perf_counter()
                if self.raw is not None:
                    _write_texts(self.raw, batch)
                else:
                    self.store.replace_graphs(dict(batch))
                self.unflushed += (
                    sum(len(t.lines) for t in batch) if self.raw is not None else len(batch) * 300
                )
                if self.unflushed >= FLUSH_EVERY:
                    # RocksDB keeps written data in memtables until flushed: bound the memory
                    self.store.flush()
                    self.unflushed = 0
                self.summary.stages.add("store", time.perf_counter() - t0)
                self.summary.documents += len(batch)
                if self.progress is not None:
                    self.progress.advance(len(batch))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                self.error = exc

    def put(self, batch: list[Any]) -> None:
        if self.error is not None:
            self.close()
        if batch:
            if self.thread.ident is None:
                self.thread.start()
            self.queue.put(batch)

    def close(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def write_batches(
    batches: Iterable[list[DocumentResult | GraphText | Failed]],
    store: Store,
    summary: BuildSummary,
    progress: _Progress | None = None,
) -> None:
    """Write per-document graphs, one transaction per batch (RDF here, the store write in a thread)."""
    writer = _Writer(store, summary, progress)
    try:
        for batch in batches:
            t0 = time.perf_counter()
            items: list[Any] = []
            for r in batch:
                if isinstance(r, Failed):
                    summary.failed += 1
                    summary.errors.append(f"{r.doc_id}: {r.error}")
                    if progress is not None:
                        progress.advance(1)
                elif isinstance(r, GraphText):
                    items.append(r if writer.takes_text else (URIRef(r.graph), _parse_lines(r)))
                elif writer.takes_text:
                    items.append(graph_text(r))
                else:
                    items.append((doc_graph(r.document.id), document_quads(r)))
            summary.stages.add("rdf", time.perf_counter() - t0)
            writer.put(items)
    finally:
        writer.close()


def results_to_store(
    results: Iterable[DocumentResult], store: Store, summary: BuildSummary, batch_size: int = DEFAULT_BATCH
) -> None:
    """Write per-document graphs, one transaction per batch of ``batch_size`` documents."""
    write_batches(_batches(results, batch_size), store, summary)


def _parse_lines(text: GraphText) -> list[Any]:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data="".join(f"{line} <{text.graph}> .\n" for line in text.lines), format="nquads")
    return [(s, p, o, URIRef(text.graph)) for s, p, o, _ in ds.quads((None, None, None, None))]


def stored_event_mentions(store: Store) -> list[EventMention]:
    """Every event mention of the document graphs, rebuilt as records (input of the cross-doc merge)."""
    sparql = data_path("sparql", "event_mentions.rq").read_text(encoding="utf-8")
    rows = _rows_by_graph_chunks(store, sparql)
    mentions: dict[str, EventMention] = {}
    parts: dict[str, dict[str, Participant]] = {}
    for row in rows:
        iri = str(row["m"])
        if iri not in mentions:
            tv = None
            if row.get("value"):
                tv = TimeValue(
                    str(row["value"]),
                    0,
                    0,
                    "DATE",
                    str(row["value"]),
                    as_day(row.get("begin")),
                    as_day(row.get("end")),
                )
            place = None
            if row.get("place"):
                place = Participant(
                    str(row["placeKey"]),
                    str(row.get("placeLabel") or ""),
                    type_name(row.get("placeType")),
                    "place",
                    as_str(row.get("placeQid")),
                )
            doc_id = str(row["docId"])
            start = int(row.get("start") or 0)
            mentions[iri] = EventMention(
                doc_id=doc_id,
                type=str(row["type"]).rsplit("/", 1)[-1],
                trigger=str(row["trigger"]),
                participants=[],
                source=Span(
                    doc_id,
                    start,
                    int(row.get("stop") or start),
                    str(row.get("sentence") or ""),
                    int(row.get("sstart") or 0),
                    int(row.get("send") or 0),
                ),
                place=place,
                time=tv,
                status=str(row["status"]),
                confidence=float(row["confidence"]),
                cameo=as_str(row.get("cameo")),
                plover=as_str(row.get("plover")),
                published=as_day(row.get("published")),
                named_event=as_str(row.get("named")),
                local_id=str(row.get("localId") or iri.rsplit("/event/", 1)[-1]),
            )
            parts[iri] = {}
        if row.get("actor"):
            key = str(row["actorKey"])
            role = str(row["role"]).replace(str(KGROLE), "")
            parts[iri].setdefault(
                key,
                Participant(
                    key,
                    str(row.get("actorLabel") or ""),
                    type_name(row.get("actorType")),
                    role,
                    as_str(row.get("actorQid")),
                ),
            )
    out = []
    for iri, m in mentions.items():
        m.participants = _ordered(list(parts[iri].values()), m.type)
        out.append(m)
    return out


#: document graphs per chunk of the event-mention query (bounds the query engine's memory)
QUERY_CHUNK = 250


def _rows_by_graph_chunks(store: Store, sparql: str) -> Iterator[dict[str, Any]]:
    """Rows of a ``GRAPH ?g { ... }`` query, evaluated over a few hundred named graphs at a time.

    Over a whole corpus at once Oxigraph holds the joins of every graph in memory (1.3 GB for the
    16,805 rows of Reuters-21578); chunked, the same rows come out in a tenth of it, as fast.
    Other stores run the query once.
    """
    from kg.store.oxigraph import OxigraphStore

    if not isinstance(store, OxigraphStore):
        yield from store.query(sparql).rows
        return
    import pyoxigraph as ox

    from kg.store.terms import from_ox

    prefix = "https://w3id.org/kg/id/graph/doc/"
    graphs: list[Any] = sorted(
        (g for g in store.raw.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)),
        key=lambda g: g.value,
    )
    for i in range(0, len(graphs), QUERY_CHUNK):
        answer: Any = store.raw.query(sparql, named_graphs=graphs[i : i + QUERY_CHUNK])
        names = [v.value for v in answer.variables]
        for solution in answer:
            yield {n: from_ox(solution[n]) for n in names if solution[n] is not None}


_LEAD = {"VISIT": "visitor", "STATEMENT": "speaker"}


def _ordered(participants: list[Participant], etype: str) -> list[Participant]:
    lead = _LEAD.get(etype)
    return (
        sorted(participants, key=lambda p: (p.role != lead, p.key))
        if lead
        else sorted(participants, key=lambda p: p.key)
    )


def remerge(store: Store, summary: BuildSummary | None = None) -> list[Event]:
    """Recompute the merged graph (cross-document events) from the document graphs."""
    from kg.store.oxigraph import OxigraphStore

    t0 = time.perf_counter()
    mentions = stored_event_mentions(store)
    events = merge_events(mentions)
    del mentions
    t1 = time.perf_counter()
    if isinstance(store, OxigraphStore):
        body = _nquads_body(merged_lines(events), MERGED_GRAPH)
        t2 = time.perf_counter()
        _replace_large_graph(store, MERGED_GRAPH, body)
    else:
        quads = merged_quads(events)
        t2 = time.perf_counter()
        store.replace_graphs({MERGED_GRAPH: quads})
    if summary is not None:
        summary.stages.add("resolution", t1 - t0)
        summary.stages.add("rdf", t2 - t1)
        summary.stages.add("store", time.perf_counter() - t2)
    return events


def _nquads_body(lines: list[str], graph: URIRef) -> str:
    """N-Quads text of N-Triples lines (``"<s> <p> o"``) in one named graph."""
    g = f"<{graph}>"
    return "".join(f"{line} {g} .\n" for line in lines)


def _replace_large_graph(store: Any, graph: URIRef, body: str) -> None:
    """Replace one big graph of an Oxigraph store with its N-Quads text: drop it, then one
    ``load`` (a SPARQL ``INSERT DATA`` of 400,000 triples takes over a gigabyte to parse). Two
    transactions: a build killed between them leaves no merged graph, and the next build
    recomputes it."""
    import pyoxigraph as ox

    name = ox.NamedNode(str(graph))
    if store.raw.contains_named_graph(name):
        store.raw.remove_graph(name)
    if body:
        store.raw.load(body, format=ox.RdfFormat.N_QUADS)


def write_reference(store: Store) -> None:
    """The reference graph: organization memberships from the gazetteer (cited sources)."""
    from kg.records import Entity
    from kg.resolve.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    facts = [(m.org, m.member, m.since, m.until, m.citation) for m in gaz.memberships()]
    entities = []
    for key in sorted({k for f in facts for k in f[:2]}):
        e = gaz.get(key)
        if e is not None:
            entities.append(
                Entity(
                    key=e.key,
                    label=e.label,
                    type=e.type,
                    aliases=sorted(e.aliases),
                    wikidata=e.wikidata,
                    country=e.country,
                    subtype=e.subtype,
                    geonames=e.geonames,
                    lat=e.lat,
                    lon=e.lon,
                )
            )
    store.replace_graphs({REFERENCE_GRAPH: reference_quads(facts, entities)})


def build(
    inputs: Iterable[str | Path] | str | Path,
    store: Store | str | Path | None = None,
    *,
    published: date | None = None,
    max_chars: int = 2_000_000,
    **options: Any,
) -> BuildSummary:
    """Build (or update) the graph of some articles into a store; returns what was done.

    ``inputs``: .txt/.jsonl/.json/.html files or folders; bad ones are reported in
    ``summary.report`` and the others are built. Other options as :func:`build_documents`.
    """
    report = ReadReport()
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    inputs = list(inputs)
    if options.get("progress", True) and "total" not in options:
        options["total"] = count_inputs(inputs)
    docs = read_documents(inputs, published=published, max_chars=max_chars, report=report)
    return build_documents(docs, store, report=report, **options)


def build_documents(
    documents: Iterable[Document],
    store: Store | str | Path | None = None,
    *,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    workers: int = 1,
    progress: bool = True,
    dask: str | None = None,
    report: ReadReport | None = None,
    on_progress: Callable[[int], None] | None = None,
    total: int | None = None,
    nlp_batch_size: int = NLP_BATCH,
) -> BuildSummary:
    """Build documents into a store: skip unchanged ones, replace changed ones, re-merge events.

    ``store``: a Store, an Oxigraph folder, ``"memory:"`` or a SPARQL endpoint URL.
    ``batch_size``: documents per store transaction (and per worker task). ``workers``: local
    processes running NLP, extraction, resolution and the RDF writer; ``dask``: a Dask scheduler
    address (or "local") to run them on a cluster. ``total``: the expected number of documents
    (for the progress bar's ETA). Memory stays bounded: documents are read, processed and written
    batch by batch and dropped.
    """
    # the pipeline and the gazetteer, loaded before, stay out of the collector's way (and out of
    # the full collection that closing the store makes)
    with frozen_heap():
        t_start = time.perf_counter()
        own = not hasattr(store, "replace_graphs")
        st: Store = open_store(store) if own else store  # type: ignore[arg-type,assignment]
        summary = BuildSummary(report=report or ReadReport())
        bar = _Progress(total) if progress else None
        try:
            known = st.document_hashes()

            def fresh() -> Iterator[Document]:
                seen: set[str] = set()
                for doc in documents:
                    if doc.id in seen:
                        continue
                    seen.add(doc.id)
                    if known.get(doc.id) == doc.content_hash:
                        summary.unchanged += 1
                        if bar is not None:
                            bar.advance(1)
                        continue
                    summary.words += len(doc.text.split())
                    yield doc

            docs: Iterable[Document] = fresh()
            if on_progress is not None:
                docs = _counting(docs, on_progress)
            as_text = isinstance(st, _oxigraph_store())
            batches: Iterable[Iterable[Any]]
            if dask:
                from kg.distributed import analyze_batches_with_dask

                batches = analyze_batches_with_dask(
                    docs,
                    dask,
                    model=model,
                    chunk=min(batch_size, WORKER_CHUNK),
                    batch_size=nlp_batch_size,
                    as_text=as_text,
                    times=summary.stages,
                )
            elif workers > 1:
                batches = analyze_in_workers(
                    docs,
                    model=model,
                    n_process=workers,
                    chunk=min(batch_size, WORKER_CHUNK),
                    batch_size=nlp_batch_size,
                    as_text=as_text,
                    times=summary.stages,
                )
            else:
                batches = [
                    analyze_documents(
                        docs, model=model, times=summary.stages, batch_size=nlp_batch_size, keep_going=True
                    )
                ]
            # worker tasks stay small (the workers finish together), store writes large
            write_batches(_batches(chain.from_iterable(batches), batch_size), st, summary, bar)
            if bar is not None:
                bar.phase("merging events")
            write_reference(st)
            events = remerge(st, summary)
            summary.events = len(events)
            summary.entities = _count(
                st,
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?m <https://w3id.org/kg/ontology#refersTo> ?e }",
            )
            st.flush()
            summary.triples = len(st)
        except KGError as err:
            summary.errors.append(str(err))
            raise
        finally:
            if bar is not None:
                bar.close()
            summary.seconds = time.perf_counter() - t_start
            if own:
                st.close()
        return summary


def _oxigraph_store() -> type:
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore


def _count(store: Store, sparql: str) -> int:
    rows = store.query(sparql).rows
    return int(rows[0]["n"]) if rows else 0


def _counting(docs: Iterable[Document], callback: Callable[[int], None]) -> Iterator[Document]:
    for n, doc in enumerate(docs, 1):
        yield doc
        callback(n)


_SUFFIXES = {".txt", ".json", ".jsonl", ".html", ".htm"}


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    r"""A cheap estimate of the number of documents (for an ETA): lines of .jsonl files, other files
    one each (folders walked); None when it cannot be known cheaply (a .json array, a missing path).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\n')
    >>> _ = (folder / "b.txt").write_text("z")
    >>> count_inputs([folder]), count_inputs([folder / "missing.txt"])
    (3, None)
    """
    n = 0
    for item in inputs:
        path = Path(item)
        if not path.exists():
            return None
        files = (
            [path]
            if not path.is_dir()
            else [
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in _SUFFIXES
                and f.name != "metadata.jsonl"
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            ]
        )
        for f in files:
            suffix = f.suffix.lower()
            if suffix == ".jsonl":
                n += _count_lines(f)
            elif suffix == ".json":
                with f.open("rb") as fh:
                    if fh.read(64).lstrip().startswith(b"["):
                        return None  # an array: counting means parsing it
                n += 1
            else:
                n += 1
    return n


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
    return n


class _Progress:
    """Progress on stderr: documents done (of the expected total), docs/s, ETA and elapsed time.

    A rich progress bar on a terminal; elsewhere (a log file, a CI job, a pipe) one plain line per
    committed batch at most every few seconds (always after the first), which scripts can follow.
    Advanced when a batch is committed (and for each unchanged document skipped).
    """

    #: seconds between two plain log lines
    LOG_EVERY = 5.0

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self.logged: float | None = None
        self.description = "building"
        console = Console(stderr=True)
        self.bar: Any = None
        if console.is_terminal:
            columns = [
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn() if total else TextColumn("{task.completed} docs"),
                _SpeedColumn(),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
            ]
            self.bar = Progress(*columns, console=console, speed_estimate_period=60.0)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.console = console

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.advance(self.task, n)
            return
        now = time.perf_counter()
        if self.logged is None or now - self.logged >= self.LOG_EVERY:
            self.logged = now
            self._log()

    def _log(self) -> None:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0 and self.done < self.total:
            eta = f", ETA {_clock((self.total - self.done) / rate)}"
        self.console.print(
            f"kg {self.description}: {self.done}{of} docs, {rate:.1f} docs/s{eta}, elapsed {_clock(elapsed)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )

    def phase(self, text: str) -> None:
        self.description = text
        if self.bar is not None:
            self.bar.update(self.task, description=text)
        else:
            self._log()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _speed_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class SpeedColumn(ProgressColumn):
        """Documents per second (rich's windowed estimate)."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("? docs/s" if speed is None else f"{speed:.1f} docs/s", style="progress.data.speed")

    return SpeedColumn()


_SpeedColumn = _speed_column
