"""Query benchmark: Oxigraph on disk vs rdflib in memory on a synthetic kg graph (not a test).

Builds a graph of about ``--triples`` triples shaped like kg's (documents with sentences, mentions
and event mentions in one named graph each; merged events with participations and status
records; entities; memberships in the reference graph), loads it into Oxigraph on disk (bulk
load, and kg's transactional batch path) and into rdflib's in-memory Dataset, runs the same
named queries on both, and prints times, ratios and memory.

    .venv/bin/python bench/query_bench.py                 # 1 million triples
    .venv/bin/python bench/query_bench.py --triples 200000 --rdflib-timeout 60
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

from kg.query import list_named, named
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

KG = "https://w3id.org/kg/ontology#"
R = "https://w3id.org/kg/id/"
KGT = "https://w3id.org/kg/event-type/"
ROLE = "https://w3id.org/kg/role/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
BASE_DAY = date(2015, 1, 1)


def iri(x: str) -> str:
    return f"<{x}>"


def lit(value: object, dt: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{XSD}{dt}>' if dt else f'"{text}"'


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def q(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n")


def build(target: int, seed: int = 42) -> tuple[str, dict]:
    """N-Quads text of a synthetic kg graph of about ``target`` triples, and query parameters."""
    rnd = random.Random(seed)
    w = Writer()
    merged, ref = iri(R + "graph/merged"), iri(R + "graph/reference")
    n_docs = max(10, target // 290)
    persons, countries, orgs, places, outlets = 1500, 120, 40, 300, 25

    def a(s: str, cls: str, g: str) -> None:
        w.q(s, iri(RDF_TYPE), iri(KG + cls), g)

    # entities
    for i in range(countries):
        e = iri(f"{R}entity/country{i}")
        a(e, "Country", merged)
        w.q(e, iri(LABEL), lit(f"Country {i}"), merged)
        w.q(e, iri(KG + "wikidata"), lit(f"Q{1000 + i}"), merged)
    for i in range(persons):
        e = iri(f"{R}entity/person{i}")
        a(e, "Person", merged)
        w.q(e, iri(LABEL), lit(f"Person {i}"), merged)
        w.q(e, iri(ALT), lit(f"P{i}"), merged)
        w.q(e, iri(KG + "wikidata"), lit(f"Q{10000 + i}"), merged)
        w.q(e, iri(KG + "country"), iri(f"{R}entity/country{i % countries}"), merged)
    for i in range(places):
        e = iri(f"{R}entity/place{i}")
        a(e, "Place", merged)
        w.q(e, iri(LABEL), lit(f"Place {i}"), merged)
        w.q(e, iri(KG + "country"), iri(f"{R}entity/country{i % countries}"), merged)
    for i in range(orgs + outlets):
        e = iri(f"{R}entity/org{i}")
        a(e, "Organization", merged)
        w.q(e, iri(LABEL), lit(f"Org {i}"), merged)
        w.q(e, iri(KG + "subtype"), lit("newspaper" if i >= orgs else "igo"), merged)
    for i in range(orgs):
        for c in rnd.sample(range(countries), 12):
            m = iri(f"{R}membership/{i}-{c}")
            a(m, "Membership", ref)
            w.q(m, iri(KG + "member"), iri(f"{R}entity/country{c}"), ref)
            w.q(m, iri(KG + "organization"), iri(f"{R}entity/org{i}"), ref)
            w.q(m, iri(KG + "since"), lit("2000-01-01", "date"), ref)

    def person() -> int:  # a few actors are much more frequent than the rest
        return min(int(rnd.paretovariate(1.2)) - 1, persons - 1)

    n_events = int(n_docs * 1.5)
    events: dict[int, dict] = {}
    for k in range(n_events):
        kind = rnd.choices(["meeting", "visit", "statement"], [5, 2, 3])[0]
        day = BASE_DAY + timedelta(days=rnd.randrange(5 * 365))
        status = rnd.choices(["happened", "planned", "cancelled"], [80, 15, 5])[0]
        actors = [person()] if kind == "statement" else list({person(), person()})
        events[k] = {
            "type": kind,
            "day": day,
            "status": status,
            "actors": actors,
            "mentions": [],
            "records": [],
        }

    # documents
    for d in range(n_docs):
        g = iri(f"{R}graph/doc/d{d}")
        doc = iri(f"{R}doc/d{d}")
        published = BASE_DAY + timedelta(days=rnd.randrange(5 * 365))
        a(doc, "Document", g)
        w.q(doc, iri(KG + "docId"), lit(f"d{d}"), g)
        w.q(doc, iri(KG + "title"), lit(f"Title of document {d}"), g)
        w.q(doc, iri(KG + "published"), lit(published.isoformat(), "date"), g)
        w.q(doc, iri(KG + "sourceOutlet"), iri(f"{R}entity/org{orgs + d % outlets}"), g)
        w.q(doc, iri(KG + "contentHash"), lit(f"{d:064x}"), g)
        w.q(doc, iri(KG + "extractorVersion"), lit("kg-0.1.0"), g)
        for s in range(12):
            sent = iri(f"{R}doc/d{d}/s{s}")
            a(sent, "Sentence", g)
            w.q(sent, iri(KG + "inDocument"), doc, g)
            w.q(sent, iri(KG + "text"), lit(f"Sentence {s} of document {d}, with some words in it."), g)
            w.q(sent, iri(KG + "start"), lit(s * 60, "integer"), g)
            w.q(sent, iri(KG + "end"), lit(s * 60 + 55, "integer"), g)
            for m in range(2):
                men = iri(f"{R}doc/d{d}/m{s}-{m}")
                a(men, "Mention", g)
                w.q(men, iri(KG + "inDocument"), doc, g)
                w.q(men, iri(KG + "inSentence"), sent, g)
                w.q(men, iri(KG + "anchorOf"), lit(f"Person {person()}"), g)
                w.q(men, iri(KG + "start"), lit(s * 60 + m * 10, "integer"), g)
                w.q(men, iri(KG + "end"), lit(s * 60 + m * 10 + 8, "integer"), g)
                w.q(men, iri(KG + "refersTo"), iri(f"{R}entity/person{person()}"), g)
        for j in range(3):
            k = rnd.randrange(n_events)
            ev = events[k]
            em = iri(f"{R}mention/d{d}-{j}")
            a(em, "EventMention", g)
            w.q(em, iri(KG + "eventType"), iri(KGT + ev["type"]), g)
            w.q(em, iri(KG + "status"), lit(ev["status"]), g)
            w.q(em, iri(KG + "dateValue"), lit(ev["day"].isoformat()), g)
            w.q(em, iri(KG + "inDocument"), doc, g)
            w.q(em, iri(KG + "inSentence"), iri(f"{R}doc/d{d}/s{j}"), g)
            w.q(em, iri(KG + "trigger"), lit("met"), g)
            w.q(em, iri(KG + "confidence"), lit("0.8", "decimal"), g)
            w.q(em, iri(KG + "partOfEvent"), iri(f"{R}event/e{k}"), g)
            for p in ev["actors"]:
                w.q(em, iri(KG + "hasActor"), iri(f"{R}entity/person{p}"), g)
            if ev["type"] == "statement":
                quote = iri(f"{R}doc/d{d}/q{j}")
                w.q(em, iri(KG + "hasQuote"), quote, g)
                a(quote, "Quote", g)
                w.q(quote, iri(KG + "quoteText"), lit(f"We said something on day {ev['day']}."), g)
                w.q(quote, iri(KG + "speaker"), iri(f"{R}entity/person{ev['actors'][0]}"), g)
                w.q(quote, iri(KG + "inDocument"), doc, g)
                w.q(quote, iri(KG + "direct"), lit("true", "boolean"), g)
            ev["mentions"].append(em)
            moved = rnd.random() < 0.1
            day = ev["day"] + timedelta(days=rnd.randrange(1, 20)) if moved else ev["day"]
            ev["records"].append((published, doc, day))

    # merged events
    for k, ev in events.items():
        if not ev["mentions"]:
            continue
        e = iri(f"{R}event/e{k}")
        a(e, "Event", merged)
        w.q(e, iri(KG + "eventType"), iri(KGT + ev["type"]), merged)
        w.q(e, iri(KG + "status"), lit(ev["status"]), merged)
        w.q(e, iri(KG + "currentStatus"), lit(ev["status"]), merged)
        w.q(e, iri(KG + "dateValue"), lit(ev["day"].isoformat()), merged)
        w.q(e, iri(KG + "dateStart"), lit(ev["day"].isoformat(), "date"), merged)
        w.q(
            e,
            iri(KG + "dateEnd"),
            lit((ev["day"] + timedelta(days=rnd.choice([0, 0, 1, 2]))).isoformat(), "date"),
            merged,
        )
        w.q(e, iri(KG + "place"), iri(f"{R}entity/place{k % places}"), merged)
        w.q(e, iri(KG + "mergeConfidence"), lit("0.9", "decimal"), merged)
        roles = (
            ["speaker"]
            if ev["type"] == "statement"
            else ["visitor", "participant"]
            if ev["type"] == "visit"
            else ["participant", "participant"]
        )
        for i, p in enumerate(ev["actors"]):
            part = iri(f"{R}participation/e{k}-{i}")
            w.q(e, iri(KG + "participation"), part, merged)
            w.q(e, iri(KG + "hasActor"), iri(f"{R}entity/person{p}"), merged)
            a(part, "Participation", merged)
            w.q(part, iri(KG + "actor"), iri(f"{R}entity/person{p}"), merged)
            w.q(part, iri(KG + "role"), iri(ROLE + roles[min(i, len(roles) - 1)]), merged)
        if ev["type"] == "visit":
            host = iri(f"{R}participation/e{k}-host")
            w.q(e, iri(KG + "participation"), host, merged)
            a(host, "Participation", merged)
            w.q(host, iri(KG + "actor"), iri(f"{R}entity/country{k % countries}"), merged)
            w.q(host, iri(KG + "role"), iri(ROLE + "host"), merged)
        for em in ev["mentions"]:
            w.q(e, iri(KG + "hasMention"), em, merged)
        for i, (as_of, doc, day) in enumerate(ev["records"]):
            rec = iri(f"{R}status/e{k}-{i}")
            w.q(e, iri(KG + "statusRecord"), rec, merged)
            a(rec, "StatusRecord", merged)
            w.q(rec, iri(KG + "status"), lit(ev["status"]), merged)
            w.q(rec, iri(KG + "asOf"), lit(as_of.isoformat(), "date"), merged)
            w.q(rec, iri(KG + "fromDocument"), doc, merged)
            w.q(rec, iri(KG + "dateValue"), lit(day.isoformat()), merged)

    params = {
        "actor_timeline": {"actor": "Person 3"},
        "resolve_entity": {"key": "p3"},
        "quotes_by_speaker": {"speaker": "Person 3"},
        "org_member_events": {"org": "Org 1"},
        "events_in_range": {"start": "2017-03-01", "end": "2017-03-31"},
    }
    return "".join(w.lines), params


def rss() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


def du(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def timed(fn, repeat: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = len(fn())
        times.append(time.perf_counter() - t)
    return statistics.median(times), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per query on Oxigraph (median)")
    ap.add_argument(
        "--rdflib-timeout", type=float, default=300.0, help="stop an rdflib query after S seconds"
    )
    ap.add_argument("--batch", type=int, default=100, help="documents per transactional batch")
    ap.add_argument("--skip-batch-load", action="store_true")
    args = ap.parse_args()

    t = time.perf_counter()
    text, params = build(args.triples)
    n_quads = text.count("\n")
    print(
        f"synthetic graph: {n_quads:,} quads ({len(text) / 2**20:.0f} MiB of N-Quads), built in {time.perf_counter() - t:.1f} s"
    )
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    nq = work / "graph.nq"
    nq.write_text(text, encoding="utf-8")
    del text
    names = [
        q.name for q in list_named() if all(p.optional or p.name in params.get(q.name, {}) for p in q.params)
    ]
    results: dict[str, dict[str, object]] = {n: {} for n in names}
    try:
        # -- Oxigraph on disk --------------------------------------------------------------------
        base = rss()
        t = time.perf_counter()
        ox_store = OxigraphStore(work / "oxigraph")
        ox_store.raw.bulk_load(path=str(nq), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
        ox_store.flush()
        ox_load = time.perf_counter() - t
        t = time.perf_counter()
        ox_store.raw.optimize()
        ox_optimize = time.perf_counter() - t
        ox_rss = rss() - base
        print(
            f"Oxigraph bulk_load: {ox_load:.1f} s ({n_quads / ox_load:,.0f} quads/s) + optimize {ox_optimize:.1f} s, "
            f"{len(ox_store):,} quads, disk {du(work / 'oxigraph'):.0f} MiB, RSS +{ox_rss:.0f} MiB"
        )
        for name in names:
            q = named(name)
            bound = q.bind(params.get(name), ox_store)
            run = lambda q=q, bound=bound: ox_store.query(q.sparql, bound).rows  # noqa: E731
            cold = time.perf_counter()
            run()
            cold = time.perf_counter() - cold
            med, n = timed(run, args.repeat)
            results[name]["ox"] = med
            results[name]["ox_cold"] = cold
            results[name]["rows"] = n
        ox_store.close()

        # -- rdflib in memory ----------------------------------------------------------------------
        from rdflib import Dataset

        base = rss()
        t = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(nq), format="nquads")
        rd_load = time.perf_counter() - t
        rd_rss = rss() - base
        mem = MemoryStore(ds)
        print(
            f"rdflib Dataset parse: {rd_load:.1f} s ({n_quads / rd_load:,.0f} quads/s), RSS +{rd_rss:.0f} MiB"
        )
        for name in names:
            q = named(name)
            bound = q.bind(params.get(name), mem)
            t = time.perf_counter()
            try:
                n = len(mem.query(q.sparql, bound, timeout=args.rdflib_timeout).rows)
                results[name]["rd"] = time.perf_counter() - t
                if n != results[name]["rows"]:
                    results[name]["mismatch"] = n
            except Exception as exc:  # a timeout is a result too
                results[name]["rd"] = None
                results[name]["rd_error"] = getattr(exc, "code", type(exc).__name__)

        # -- kg's transactional write path (rdflib terms -> batches of named graphs) ----------------
        if not args.skip_batch_load:
            graphs = sorted(g.identifier for g in ds.graphs() if len(g))
            batch_store = OxigraphStore(work / "oxigraph-batches")
            t = time.perf_counter()
            convert = 0.0
            for i in range(0, len(graphs), args.batch):
                c = time.perf_counter()
                batch = {g: list(ds.quads((None, None, None, g))) for g in graphs[i : i + args.batch]}
                convert += time.perf_counter() - c
                batch_store.replace_graphs(batch)
            total = time.perf_counter() - t
            written = len(batch_store)
            batch_store.close()
            print(
                f"Oxigraph replace_graphs in batches of {args.batch} graphs (rdflib quads in, transactional): "
                f"{total:.1f} s ({written / total:,.0f} quads/s; {convert:.1f} s of it reading quads out of rdflib)"
            )
        del mem, ds
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'query':<22}{'rows':>8}{'oxigraph cold':>15}{'oxigraph':>11}{'rdflib':>11}{'rdflib/ox':>11}")
    for name in names:
        r = results[name]
        rd = r.get("rd")
        rd_txt = (
            f"{rd:.3f}s"
            if rd is not None
            else f">{args.rdflib_timeout:g}s"
            if r.get("rd_error") == "E402"
            else f"error {r.get('rd_error')}"
        )
        ratio = f"{rd / r['ox']:.0f}x" if rd is not None and r["ox"] else "-"
        flag = f"  rdflib rows={r['mismatch']}!" if "mismatch" in r else ""
        print(f"{name:<22}{r['rows']:>8}{r['ox_cold']:>14.3f}s{r['ox']:>10.3f}s{rd_txt:>11}{ratio:>11}{flag}")
    print(
        f"\nload: Oxigraph {ox_load:.1f} s vs rdflib {rd_load:.1f} s ({rd_load / ox_load:.1f}x); "
        f"memory: Oxigraph RSS +{ox_rss:.0f} MiB (data on disk) vs rdflib RSS +{rd_rss:.0f} MiB; cpus={os.cpu_count()}"
    )


if __name__ == "__main__":
    main()
