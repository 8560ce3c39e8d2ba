"""Check kg's event-type classifier on the PLOVER gold-standard sentences (CAMEO manual examples).

usage: python bench/plover_eval.py [PATH-TO-plover-gsr.jsonl] [--json]

Each gold sentence has one PLOVER category. kg maps MEETING and VISIT to CONSULT and AGREEMENT to
AGREE (STATEMENT has no PLOVER category). A sentence of a mapped category is right when kg finds
an event of that category in it; a sentence of any other category is right when kg finds no
MEETING, VISIT or AGREEMENT in it (kg must not turn protests, threats or aid into meetings).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from kg.process import analyze_documents
from kg.records import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "plover" / "plover-gsr.jsonl"
MAPPED = {"CONSULT": {"MEETING", "VISIT"}, "AGREE": {"AGREEMENT"}}
OURS = {"MEETING", "VISIT", "AGREEMENT"}


def evaluate(path: Path) -> dict[str, object]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    docs = []
    for r in records:
        try:
            published = date.fromisoformat(r.get("date", "")[:10])
        except ValueError:
            published = None
        docs.append(Document(r["id"], r["text"], published))
    found: dict[str, set[str]] = {}
    for result in analyze_documents(docs):
        found[result.document.id] = {e.type for e in result.events}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        gold = r["event"]
        types = found.get(r["id"], set())
        total[gold] += 1
        ok = bool(types & MAPPED[gold]) if gold in MAPPED else not (types & OURS)
        right[gold] += ok
        for t in types & OURS or {"-"}:
            confusion[gold][t] += 1
    mapped_n = sum(total[c] for c in MAPPED)
    other_n = sum(n for c, n in total.items() if c not in MAPPED)
    return {
        "sentences": sum(total.values()),
        "mapped_accuracy": round(sum(right[c] for c in MAPPED) / mapped_n, 3) if mapped_n else None,
        "unmapped_accuracy": round(sum(n for c, n in right.items() if c not in MAPPED) / other_n, 3),
        "overall_accuracy": round(sum(right.values()) / sum(total.values()), 3),
        "per_category": {c: f"{right[c]}/{total[c]}" for c in sorted(total)},
        "confusion": {c: dict(v) for c, v in sorted(confusion.items())},
    }


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    result = evaluate(path)
    print(json.dumps(result, indent=None if "--json" in sys.argv else 2))


if __name__ == "__main__":
    main()
