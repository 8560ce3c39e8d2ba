"""Property tests: whatever the input, reading never raises, and reading is deterministic."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.documents import ReadReport, read_documents
from kg.records import Document

SETTINGS = settings(
    max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(), st.integers(), json_values),
        "text": st.one_of(st.text(), json_values),
        "published": st.one_of(st.dates().map(str), st.text(), json_values),
        "title": st.one_of(st.text(), json_values),
        "url": st.text(),
        "source": st.text(),
        "body": st.text(),
        "date": st.text(),
    },
) | st.dictionaries(st.text(max_size=8), json_values, max_size=4)


def read_twice(path: Path) -> tuple[list[Document], ReadReport]:
    first_report, second_report = ReadReport(), ReadReport()
    first = list(read_documents([path], report=first_report))
    second = list(read_documents([path], report=second_report))
    assert first == second
    assert first_report.to_dict() == second_report.to_dict()
    assert first_report.ok == len(first)
    return first, first_report


@SETTINGS
@given(text=st.text())
def test_any_text_file_reads_without_raising(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        docs, report = read_twice(path)
        assert len(docs) + report.failed + report.skipped == 1
        for doc in docs:
            assert doc.text.strip()
            assert "\x00" not in doc.text and "\r" not in doc.text
            assert doc.content_hash is not None and len(doc.content_hash) == 64


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_any_bytes_read_without_raising(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_bytes(data)
        docs, report = read_twice(path)
        assert len(docs) + report.failed + report.skipped == 1
        assert all(p.doc == str(path) for p in report.problems)


@SETTINGS
@given(objs=st.lists(records, max_size=5))
def test_any_jsonl_records_read_without_raising(objs: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
        docs, report = read_twice(path)
        assert len(docs) + report.failed + report.skipped == len(objs)
        ids = [d.id for d in docs]
        assert len(ids) == len(set(ids))
        for p in report.problems:
            assert p.doc is not None and p.doc.startswith(f"{path}:")


@SETTINGS
@given(html=st.text())
def test_any_html_reads_without_raising(html: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        docs, report = read_twice(path)
        assert len(docs) + report.failed + report.skipped == 1


@SETTINGS
@given(
    doc_id=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1).filter(str.strip),
    text=st.text(min_size=1),
)
def test_ids_and_hashes_are_stable_across_formats(doc_id: str, text: str) -> None:
    """The same record gives the same Document from JSONL and from JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        jl, js = Path(tmp) / "a.jsonl", Path(tmp) / "a.json"
        record = {"id": doc_id, "text": text, "published": "2019-04-24"}
        jl.write_text(json.dumps(record) + "\n", encoding="utf-8")
        js.write_text(json.dumps(record), encoding="utf-8")
        from_jsonl, _ = read_twice(jl)
        from_json, _ = read_twice(js)
        assert from_jsonl == from_json
