"""Show system vs gold events and unmatched entities per document (development aid).

usage: python scripts/dev_diff.py GOLD DUMP_DIR [DOC_SUBSTRING]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score_events.py")
score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(score)  # type: ignore[union-attr]

gold = score.load_gold(sys.argv[1])
dump = Path(sys.argv[2])
only = sys.argv[3] if len(sys.argv) > 3 else ""
events = [json.loads(x) for x in (dump / "events.jsonl").read_text().splitlines()]
ents = [json.loads(x) for x in (dump / "entities.jsonl").read_text().splitlines()]
by_doc = defaultdict(list)
for e in events:
    for d in {s["doc_id"] for s in e["sources"]}:
        by_doc[d].append(e)
ent_doc = defaultdict(list)
for e in ents:
    for d in {m["doc_id"] for m in e["mentions"]}:
        ent_doc[d].append(e)


def match(g: dict, sev: list, res: score.Resolver) -> dict[int, int]:
    """The scorer's one-to-one matching: gold index -> system index."""
    pairs = []
    for i, ge in enumerate(g["events"]):
        for j, se in enumerate(sev):
            if se["type"] != ge["type"]:
                continue
            ps = {res(p["label"]) for p in se["participants"]} - {None}
            jac = score.jaccard(set(ge["participants"]), ps)
            if jac >= 1 / 3:
                pairs.append((jac, i, j))
    out: dict[int, int] = {}
    for _jac, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in out.values():
            out[i] = j
    return out


for doc_id, g in gold.items():
    if only not in doc_id:
        continue
    res = score.Resolver(g)
    print("=" * 30, doc_id, g["published"])
    sev = by_doc.get(doc_id, [])
    pairs = match(g, sev, res)
    for i, ge in enumerate(g["events"]):
        j = pairs.get(i)
        tag = "FN  " if j is None else ("ok  " if sev[j]["date"] == ge["date"] else "DATE")
        got = f"(sys {sev[j]['date']} {sev[j]['status']})" if j is not None else ""
        print(" ", tag, "GOLD", ge["type"], ge["participants"], ge["place"], ge["date"], ge["status"], got)
    matched = set(pairs.values())
    for j, se in enumerate(sev):
        parts = [p["label"] for p in se["participants"]]
        mapped = [res(p) for p in parts]
        src = [s for s in se["sources"] if s["doc_id"] == doc_id][0]
        print(
            " ",
            "    " if j in matched else "FP  ",
            "SYS ",
            se["type"],
            parts,
            "->",
            mapped,
            (se["place"] or {}).get("label"),
            se["date"],
            se["status"],
            "|",
            src["sentence"][:110].replace("\n", " "),
        )
    gold_names = {e["name"] for e in g["entities"]}
    hit = set()
    for e in ent_doc.get(doc_id, []):
        names = {res(v) for v in [e["label"], *e["aliases"]]} - {None}
        if not names:
            print("  ENT-FP", e["label"], e["type"], e["aliases"])
        hit |= names
    for n in sorted(gold_names - hit):
        t = next(x for x in g["entities"] if x["name"] == n)
        if t["type"] != "NAMED_EVENT":
            print("  ENT-FN", n, t["type"], t.get("aliases"))
