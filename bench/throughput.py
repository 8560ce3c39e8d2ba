"""Throughput of the whole kg build against raw spaCy on the same model, in one run.

    .venv/bin/python bench/throughput.py [--limit 2000] [--repeat 2] [--corpus reuters-21578.jsonl]

Prints docs/s and words/s of (a) raw spaCy ``nlp.pipe`` with kg's default model (all its own
components, the same minibatch size), (a') the same model with its AttributeRuler compiled as kg
compiles it (identical annotations, faster: so that kg's own overhead shows apart from that gain),
and (b) the whole kg build (read -> NLP -> extraction ->
resolution -> RDF -> load into a temporary Oxigraph folder -> cross-document merge), their ratio,
the scaling from 1 to 2 processes for both, the time of each stage and the peak RSS (this process
and its children). Models are loaded before the clock starts (kg's gazetteer ruler takes seconds to
build, once per process, and :func:`kg.process.prepare` also builds the tables its stages would
build on first use); runs are interleaved (raw, kg, raw, kg ...) so that load from other
processes on the machine hits both alike; min and median of the repeats are reported.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters" / "reuters-21578.jsonl"


LABELS = {"raw": "raw spaCy", "compiled": "spaCy, compiled AR", "kg": "kg build"}


def _rss_mib() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=2000, help="first N documents (0 = all)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--nlp-batch", type=int, default=None, help="nlp.pipe batch size (default: kg's)")
    ap.add_argument(
        "--batch-size", type=int, default=None, help="documents per store transaction (default: kg's)"
    )
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--merge",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="instead: time the cross-document merge on N synthetic event mentions "
        "(default sizes 12500 25000 50000 100000)",
    )
    args = ap.parse_args()
    if args.merge is not None:
        return merge_scaling(args.merge or [12_500, 25_000, 50_000, 100_000], args.repeat)

    import spacy

    import kg.extract
    from kg.config import spacy_model_name
    from kg.documents import read_documents
    from kg.nlp import load_pipeline
    from kg.nlp.attribute_rules import compile_attribute_ruler
    from kg.pipeline import DEFAULT_BATCH, build_documents
    from kg.process import NLP_BATCH, prepare

    nlp_batch = args.nlp_batch or NLP_BATCH
    args.batch_size = args.batch_size or DEFAULT_BATCH
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    docs = []
    for doc in read_documents([args.corpus]):
        docs.append(doc)
        if args.limit and len(docs) >= args.limit:
            break
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    model = spacy_model_name(None)
    print(
        f"corpus: {args.corpus.name}, {len(docs)} documents, {words} words "
        f"({words / len(docs):.0f} words/doc); model {model}; nlp batch {nlp_batch}; "
        f"store batch {args.batch_size}"
    )

    t0 = time.perf_counter()
    raw = spacy.load(model)
    t_raw_load = time.perf_counter() - t0
    compiled = spacy.load(model)
    compile_attribute_ruler(compiled)
    t0 = time.perf_counter()
    prepare(None)  # the pipeline, and the tables kg's stages build on first use
    t_kg_load = time.perf_counter() - t0
    print(
        f"load: raw spaCy {t_raw_load:.1f} s ({', '.join(raw.pipe_names)}); kg pipeline {t_kg_load:.1f} s "
        f"(+ {', '.join(p for p in load_pipeline(None).pipe_names if p not in raw.pipe_names)})"
    )

    # time the date tagger inside extraction (benchmark-only wrapper; 1-process runs only)
    dates = [0.0]
    tag = kg.extract.tag

    def timed_tag(*a, **kw):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return tag(*a, **kw)
        finally:
            dates[0] += time.perf_counter() - t

    kg.extract.tag = timed_tag  # type: ignore[assignment]

    results: dict[tuple[str, int], list[float]] = {}
    stages: dict[int, list[dict[str, float]]] = {}
    for rep in range(args.repeat):
        for n in args.processes:
            for kind, pipeline in (("raw", raw), ("compiled", compiled)):
                t0 = time.perf_counter()
                count = sum(1 for _ in pipeline.pipe(texts, batch_size=nlp_batch, n_process=n))
                dt = time.perf_counter() - t0
                assert count == len(docs)
                results.setdefault((kind, n), []).append(dt)
                print(
                    f"  [{rep + 1}/{args.repeat}] {LABELS[kind]:17} x{n}: {dt:7.1f} s  {len(docs) / dt:6.1f} docs/s",
                    flush=True,
                )

            folder = tempfile.mkdtemp(prefix="kg-bench-")
            dates[0] = 0.0
            t0 = time.perf_counter()
            summary = build_documents(
                iter(docs),
                folder,
                progress=False,
                workers=n,
                batch_size=args.batch_size,
                nlp_batch_size=nlp_batch,
            )
            dt = time.perf_counter() - t0
            shutil.rmtree(folder, ignore_errors=True)
            assert summary.documents + summary.failed == len(docs), summary.as_dict()
            results.setdefault(("kg", n), []).append(dt)
            st = dict(summary.stages.seconds)
            if n == 1:
                st["dates"] = dates[0]
                st["extraction"] = st.get("extraction", 0.0) - dates[0]
            stages.setdefault(n, []).append(st)
            print(
                f"  [{rep + 1}/{args.repeat}] {LABELS['kg']:17} x{n}: {dt:7.1f} s  {len(docs) / dt:6.1f} docs/s  "
                f"({summary.events} events, {summary.triples} triples, {summary.failed} failed)",
                flush=True,
            )

    def rate(key: tuple[str, int]) -> tuple[float, float]:
        times = results[key]
        return len(docs) / min(times), len(docs) / statistics.median(times)

    print()
    print(f"{'':22} {'docs/s (best)':>14} {'docs/s (median)':>16} {'words/s (best)':>15}")
    for key in sorted(results, key=lambda k: (list(LABELS).index(k[0]), k[1])):
        best, med = rate(key)
        label = f"{LABELS[key[0]]} x{key[1]}"
        print(f"{label:22} {best:14.1f} {med:16.1f} {best * words / len(docs):15.0f}")
    print()
    for n in args.processes:
        kb, km = rate(("kg", n))
        for kind in ("raw", "compiled"):
            rb, rm = rate((kind, n))
            print(
                f"ratio kg build / {LABELS[kind]}, {n} process(es): {kb / rb:.2f} (best)  {km / rm:.2f} (median)"
            )
    if 1 in args.processes:
        for n in args.processes:
            if n == 1:
                continue
            for kind in ("raw", "kg"):
                b1, m1 = rate((kind, 1))
                bn, mn = rate((kind, n))
                print(
                    f"speed-up 1 -> {n} processes, {LABELS[kind]}: {bn / b1:.2f}x (best)  {mn / m1:.2f}x (median)"
                )
    print()
    for n, runs in stages.items():
        keys = sorted({k for r in runs for k in r})
        med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in keys}
        total = sum(med.values())
        what = "wall seconds" if n == 1 else "CPU-seconds summed over the workers, store in the driver"
        print(f"stages, {n} process(es) ({what}, median):")
        for k in ("nlp", "dates", "extraction", "resolution", "rdf", "store"):
            if k in med:
                print(
                    f"  {k:11} {med[k]:8.2f} s  {100 * med[k] / total:5.1f} %  {1000 * med[k] / len(docs):7.2f} ms/doc"
                )
    me, kids = _rss_mib()
    print(f"\npeak RSS: this process {me:.0f} MiB, largest child {kids:.0f} MiB")
    return 0


def synthetic_mentions(n: int, seed: int = 7) -> list:  # type: ignore[type-arg]
    """n event mentions shaped like news: Zipf-distributed participants (a few countries and
    leaders are in very many events), 4 types, dates over 5 years, ~3 mentions per document."""
    import random
    from datetime import date, timedelta

    from kg.records import EventMention, Participant, Span, TimeValue

    rng = random.Random(seed)
    pool = [Participant(f"wd:Q{k}", f"Entity {k}", "COUNTRY" if k < 200 else "PERSON") for k in range(5000)]
    weights = [1 / (k + 1) for k in range(len(pool))]
    types = ["MEETING", "VISIT", "STATEMENT", "AGREEMENT"]
    roles = {"VISIT": ["visitor", "host"], "STATEMENT": ["speaker", "audience"]}
    out = []
    start = date(2015, 1, 1)
    for i in range(n):
        etype = rng.choice(types)
        parts = []
        for j, p in enumerate(dict.fromkeys(rng.choices(pool, weights, k=rng.randint(1, 3)))):
            role = roles.get(etype, ["participant", "participant"])[min(j, 1)]
            parts.append(Participant(p.key, p.label, p.type, role))
        day = start + timedelta(days=rng.randrange(5 * 365))
        published = day + timedelta(days=rng.randint(-3, 3))
        tv = (
            TimeValue(day.isoformat(), 0, 10, "DATE", day.isoformat(), day, day)
            if rng.random() < 0.7
            else None
        )
        doc = f"doc-{i // 3}"
        out.append(
            EventMention(
                doc,
                etype,
                "met",
                parts,
                Span(doc, 0, 3, "They met."),
                time=tv,
                published=published,
                local_id=str(i % 3),
            )
        )
    return out


def merge_scaling(sizes: list[int], repeat: int = 1) -> int:
    """Time merge_events on growing synthetic inputs: near-linear means flat us/mention."""
    from kg.resolve import merge_events

    print(f"{'mentions':>9} {'events':>8} {'seconds':>8} {'us/mention':>11}", flush=True)
    for n in sizes:
        mentions = synthetic_mentions(n)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            events = merge_events(mentions)
            times.append(time.perf_counter() - t0)
        best = min(times)
        print(f"{n:9d} {len(events):8d} {best:8.2f} {1e6 * best / n:11.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
