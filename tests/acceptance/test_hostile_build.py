"""A corpus of hostile inputs builds without a crash: every good document is in the store, every bad one
in the report (issue 11), and article text never becomes markup in the graph's exports."""

from __future__ import annotations

from pathlib import Path

from kg.pipeline import build
from kg.store import open_store

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def test_hostile_corpus_builds_and_reports(tmp_path: Path) -> None:
    summary = build([HOSTILE], str(tmp_path / "store"), progress=False)
    report = summary.report
    bad = {
        Path(p.doc or "").name.split(":")[0].split("[")[0]
        for p in report.problems
        if p.code not in {"E107", "E108", "E111"}
    }
    assert {
        "empty.txt",
        "whitespace.txt",
        "binary.txt",
        "random.txt",
        "broken.jsonl",
        "notes.docx",
        "report.pdf",
    } <= bad
    with open_store(str(tmp_path / "store"), read_only=True) as st:
        stored = {
            str(r["id"])
            for r in st.query(
                "SELECT ?id WHERE { ?d a <https://w3id.org/kg/ontology#Document> ; "
                "<https://w3id.org/kg/ontology#docId> ?id }"
            ).rows
        }
    assert summary.documents == report.ok - summary.unchanged
    assert len(stored) == report.ok
    for name in ("latin1", "cp1252", "utf16", "script_in_text", "page", "crlf", "nfd"):
        assert any(s.startswith(name) for s in stored), name
    assert not any(s.startswith(("empty", "whitespace", "binary", "random")) for s in stored)
