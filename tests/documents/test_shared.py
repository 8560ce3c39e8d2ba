"""The readers on the shared corpora (skipped when ../shared is absent)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kg.documents import ReadReport, read_documents

pytestmark = pytest.mark.shared


def test_afp_dev_jsonl_and_txt_agree(shared: Callable[..., Path]) -> None:
    folder = shared("corpora", "afp-dev")
    report = ReadReport()
    from_jsonl = list(read_documents([folder / "afp-dev.jsonl"], report=report))
    assert report.ok == len(from_jsonl) > 0 and not report.problems
    assert all(d.published and d.published < date(2010, 1, 1) for d in from_jsonl)
    assert all(d.title for d in from_jsonl)
    txt_report = ReadReport()
    from_txt = list(read_documents(sorted(folder.glob("*.txt")), report=txt_report))
    assert not txt_report.problems
    # the header format of the .txt files gives the same documents as the JSONL
    assert {d.id: (d.published, d.title) for d in from_txt} == {
        d.id: (d.published, d.title) for d in from_jsonl
    }
    texts = {d.id: d.text for d in from_jsonl}
    for doc in from_txt:
        assert doc.text == texts[doc.id].strip("\n")


def test_afp_dev_folder_reports_the_jsonl_copies_as_duplicates(shared: Callable[..., Path]) -> None:
    folder = shared("corpora", "afp-dev")
    report = ReadReport()
    docs = list(read_documents([folder], report=report))
    assert {p.code for p in report.problems} == {"E110"}
    assert report.ok == len(docs) == report.skipped


def test_reuters_first_500_lines(shared: Callable[..., Path], tmp_path: Path) -> None:
    source = shared("corpora", "reuters", "reuters-21578.jsonl")
    sample = tmp_path / "reuters-500.jsonl"
    with source.open(encoding="utf-8") as f, sample.open("w", encoding="utf-8") as out:
        lines = list(itertools.islice(f, 500))
        out.writelines(lines)
    report = ReadReport()
    docs = list(read_documents([sample], report=report))
    records = [json.loads(line) for line in lines]
    with_text = [r for r in records if r.get("text", "").strip()]
    assert report.ok == len(docs)
    assert len(docs) + report.failed + report.skipped == len(records)
    assert {d.id for d in docs} == {r["id"] for r in with_text}
    assert all(d.published is not None for d in docs)
    assert {p.code for p in report.problems} <= {"E103", "E110"}
    # wire text is hard-wrapped: no line of it is mistaken for boilerplate
    by_id = {r["id"]: r for r in with_text}
    for doc in docs:
        original = by_id[doc.id]["text"].replace("\r\n", "\n")
        assert doc.text in original
