#!/usr/bin/env python3
"""Benchmark kg's TIMEX3 tagger on TimeML: span/type/value F1 (TempEval-3 scorer) and speed.

usage: python bench/timex_eval.py [--split dev|test|all] [--silver|--meantime] [--limit N] [--json]
                                 [--errors]

Splits of TBAQ (TimeBank + AQUAINT, gold .tml), fixed and deterministic: all files sorted by name,
every 5th one (index 4, 9, 14 ...) is TEST (held out: never tune on it), the rest DEV.
``--silver`` scores the noisy AFP silver TimeML instead; ``--meantime`` the English MEANTIME corpus
(CAT XML, converted by bench/meantime.py). Scoring is ../shared/eval/score_timex.py.
``--errors`` prints the gold/system disagreements (missed, spurious, wrong value/type) for study.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.time.timeml import tag_dir  # noqa: E402

SHARED = ROOT.parent / "shared"
TBAQ = SHARED / "corpora" / "timeml" / "tbaq"
SILVER = SHARED / "corpora" / "timeml" / "afp-silver"
SCORER = SHARED / "eval" / "score_timex.py"
MEANTIME = SHARED / "corpora" / "meantime"


def tbaq_files() -> list[Path]:
    return sorted(
        (p for sub in ("TimeBank", "AQUAINT") for p in (TBAQ / sub).glob("*.tml")), key=lambda p: p.name
    )


def split(name: str) -> list[Path]:
    """The files of a split: "test" = every 5th file in sorted order, "dev" = the others."""
    files = tbaq_files()
    test = files[4::5]
    if name == "test":
        return test
    if name == "dev":
        held = set(test)
        return [f for f in files if f not in held]
    return files


def words_in(files: list[Path]) -> int:
    n = 0
    for f in files:
        m = re.search(r"<TEXT>(.*?)</TEXT>", f.read_text(encoding="utf-8"), re.S)
        if m:
            n += len(re.sub(r"<[^>]+>", " ", m.group(1)).split())
    return n


def tagger_speed(files: list[Path]) -> tuple[int, float]:
    """(words, seconds) of kg.time.tag alone over the plain texts (no file or XML work)."""
    from datetime import date

    from kg.time import tag

    texts = []
    for f in files:
        m = re.search(r"<TEXT>(.*?)</TEXT>", f.read_text(encoding="utf-8"), re.S)
        if m:
            texts.append(re.sub(r"<[^>]+>", "", m.group(1)))
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for t in texts:
        tag(t, date(2019, 4, 24))
    return words, time.perf_counter() - t0


def run(files: list[Path], label: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as gold, tempfile.TemporaryDirectory() as out:
        for f in files:
            (Path(gold) / f.name).symlink_to(f)
        t0 = time.perf_counter()
        done, errors = tag_dir(gold, out)
        secs = time.perf_counter() - t0
        res = subprocess.run(
            [sys.executable, str(SCORER), gold, out, "--json"], capture_output=True, text=True, check=True
        )
    scores = json.loads(res.stdout)
    words = words_in(files)
    tw, ts = tagger_speed(files)
    return {
        "split": label,
        "docs": done,
        "errors": [str(e) for e in errors],
        "strict_f1": scores["strict"],
        "relaxed_f1": scores["relaxed"],
        "type_f1": scores["type"],
        "value_f1": scores["value"],
        "value_P": scores["value_P"],
        "value_R": scores["value_R"],
        "gold": scores["counts"]["gold"],
        "sys": scores["counts"]["sys"],
        "words": words,
        "seconds": round(secs, 3),
        "docs_per_s": round(done / secs, 1) if secs else 0.0,
        "words_per_s": round(words / secs) if secs else 0,
        "tagger_words_per_s": round(tw / ts) if ts else 0,
    }


def _timexes(xml: str) -> tuple[str, list[tuple[int, int, str | None, str | None]]]:
    """Plain text and TIMEX3s (start, end, type, value) of a TimeML <TEXT>, as the scorer reads them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_timex", SCORER)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.timexes(xml)  # type: ignore[no-any-return]


def errors(files: list[Path]) -> None:
    """Print every disagreement: "MISS" (gold not found), "SPUR" (not in gold), "VAL"/"TYPE" (matched)."""
    from kg.time.timeml import tag_timeml

    for f in files:
        raw = f.read_text(encoding="utf-8")
        text, gold = _timexes(raw)
        _, sysx = _timexes(tag_timeml(raw, f.name))
        dct = re.search(r'<DCT>.*?value="([^"]*)"', raw, re.S)
        used: set[int] = set()
        lines = []
        for a, b, t, v in sysx:
            hit = next((i for i, g in enumerate(gold) if i not in used and a < g[1] and g[0] < b), None)
            if hit is None:
                lines.append(f"SPUR  {text[a:b]!r} {t} {v}")
                continue
            used.add(hit)
            ga, gb, gt, gv = gold[hit]
            if (gv or "") != (v or "") or (gt or "") != (t or ""):
                kind = "VAL " if (gv or "") != (v or "") else "TYPE"
                ctx = " ".join(text[max(0, min(a, ga) - 60) : max(b, gb) + 30].split())
                lines.append(f"{kind}  {text[ga:gb]!r} {gt} {gv} | sys {text[a:b]!r} {t} {v} | {ctx}")
        for i, (ga, gb, gt, gv) in enumerate(gold):
            if i not in used:
                ctx = " ".join(text[max(0, ga - 60) : gb + 30].split())
                lines.append(f"MISS  {text[ga:gb]!r} {gt} {gv} | {ctx}")
        if lines:
            print(f"== {f.name} dct={dct.group(1) if dct else '?'}")
            print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--silver", action="store_true", help="score the AFP silver TimeML instead of TBAQ")
    ap.add_argument("--meantime", action="store_true", help="score English MEANTIME instead of TBAQ")
    ap.add_argument("--errors", action="store_true", help="print the disagreements with the gold")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--list", action="store_true", help="print the file names of the split and stop")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"missing {SCORER}: ../shared is needed for this benchmark", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.meantime:
            from meantime import write_timeml  # bench/meantime.py

            files = write_timeml(MEANTIME, Path(tmp))
        else:
            files = sorted(SILVER.glob("*.tml")) if args.silver else split(args.split)
        if args.limit:
            files = files[: args.limit]
        if args.list:
            print("\n".join(f.name for f in files))
            return 0
        if args.errors:
            errors(files)
            return 0
        label = "afp-silver" if args.silver else "meantime" if args.meantime else f"tbaq-{args.split}"
        r = run(files, label)
    if args.json:
        print(json.dumps(r))
    else:
        for k, v in r.items():
            if k != "errors":
                print(f"{k:>12}: {v}")
        for e in r["errors"]:  # type: ignore[attr-defined]
            print("  error:", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
