"""Development loop: run extraction in memory on a gold set and print the shared scorer's numbers.

usage: python scripts/dev_eval.py [afp|seeds] [--dump DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.documents import ReadReport, read_documents
from kg.export.jsonl import entity_record, event_record, merge_entities, write_jsonl
from kg.process import analyze_documents
from kg.resolve import merge_events

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "afp": (SHARED / "corpora/afp-dev/afp-dev.jsonl", SHARED / "eval/gold/afp-dev"),
    "seeds": (ROOT / "data/seeds", SHARED / "eval/gold/seeds.jsonl"),
}


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "afp"
    dump = Path(sys.argv[sys.argv.index("--dump") + 1]) if "--dump" in sys.argv else Path(tempfile.mkdtemp())
    src, gold = SETS[which]
    docs = list(read_documents([src], report=ReadReport()))
    results = list(analyze_documents(docs))
    events = merge_events([m for r in results for m in r.events])
    entities = merge_entities(r.entities for r in results)
    dump.mkdir(parents=True, exist_ok=True)
    with open(dump / "events.jsonl", "w") as f:
        write_jsonl((event_record(e) for e in events), f)
    with open(dump / "entities.jsonl", "w") as f:
        write_jsonl((entity_record(e) for e in entities), f)
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval/score_events.py"),
            str(gold),
            str(dump / "events.jsonl"),
            str(dump / "entities.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(json.dumps(json.loads(out), indent=1))
    print("dump:", dump)


if __name__ == "__main__":
    main()
