"""``kg build``, ``kg export events|entities``, ``kg entities`` and ``kg eval`` end to end (real model, real store)."""

from __future__ import annotations

import json
from pathlib import Path

from tests_support import shared_or_skip  # type: ignore[import-not-found]
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_build_then_export_events_and_entities(seeds_dir: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(seeds_dir), "--store", store, "--quiet"])
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["export", "events", "--format", "jsonl", "--store", store])
    assert out.exit_code == 0, out.output
    events = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert {e["type"] for e in events} >= {"MEETING", "VISIT", "STATEMENT"}
    for e in events:
        assert set(e) >= {"id", "type", "participants", "place", "date", "status", "sources", "confidence"}
        assert all({"doc_id", "sentence", "start", "end"} <= set(s) for s in e["sources"])
    out = runner.invoke(app, ["export", "entities", "--format", "jsonl", "--store", store])
    entities = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    putin = next(e for e in entities if e["label"] == "Vladimir Putin")
    assert putin["type"] == "PERSON" and len({m["doc_id"] for m in putin["mentions"]}) == 2
    listing = runner.invoke(app, ["entities", "--store", store, "--json", "--limit", "5"])
    assert listing.exit_code == 0 and "Vladimir Putin" in listing.stdout


def test_txt_without_metadata_takes_published_option(tmp_path: Path) -> None:
    doc = tmp_path / "in" / "note-1.txt"
    doc.parent.mkdir()
    doc.write_text("Vladimir Putin will meet Xi Jinping in Beijing on Friday.\n", encoding="utf-8")
    store = str(tmp_path / "store")
    result = runner.invoke(
        app, ["build", str(doc.parent), "--store", store, "--published", "2019-04-24", "-q"]
    )
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["export", "events", "--store", store])
    (event,) = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert event["date"] == "2019-04-26"
    assert event["sources"][0]["doc_id"] == "note-1"


def test_bad_inputs_are_reported_and_strict_fails(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Vladimir Putin met Xi Jinping in Beijing.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    store = str(tmp_path / "store")
    ok = runner.invoke(app, ["build", str(folder), "--store", store, "-q"])
    assert ok.exit_code == 0
    assert "empty.txt" in ok.output and "binary.txt" in ok.output
    strict = runner.invoke(app, ["build", str(folder), "--store", str(tmp_path / "s2"), "-q", "--strict"])
    assert strict.exit_code == 1


def test_nothing_buildable_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 1
    assert "E700" in result.output


def test_eval_prints_the_shared_scores(seeds_dir: Path, tmp_path: Path) -> None:
    gold = shared_or_skip("eval", "gold", "seeds.jsonl")
    result = runner.invoke(app, ["eval", str(gold), str(seeds_dir), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout[result.stdout.index("{") :])
    assert scores["events"]["f1"] >= 0.8
