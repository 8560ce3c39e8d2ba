"""The hostile corpus (tests/data/hostile, made by make_hostile.py): every good document is read,
every bad one is reported with the right code and named, and nothing stops the reading."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.documents import ReadReport, read_documents
from kg.records import Document

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
TODAY = date(2026, 1, 1)

#: document name (relative to HOSTILE) -> the problem codes it must produce
EXPECTED_PROBLEMS: dict[str, list[str]] = {
    "bad_date.txt": ["E107"],
    "bad_date_words.txt": ["E107"],
    "binary.txt": ["E101"],
    "broken.jsonl:2": ["E105"],
    "broken.jsonl:4": ["E106"],
    "broken.jsonl:5": ["E106"],
    "broken.jsonl:6": ["E106"],
    "broken.jsonl:7": ["E105"],
    "broken.jsonl:9": ["E107"],
    "broken.jsonl:10": ["E107"],
    "broken.jsonl:11": ["E108"],
    "broken.jsonl:12": ["E110"],
    "broken.jsonl:14": ["E103"],
    "cp1252.txt": ["E111"],
    "dup_b.txt": ["E110"],
    "empty.html": ["E103"],
    "empty.txt": ["E103"],
    "future.txt": ["E108"],
    "invalid_utf8.txt": ["E102"],
    "latin1.txt": ["E111"],
    "list.json[1]": ["E106"],
    "list.json[2]": ["E105"],
    "malformed.json": ["E105"],
    "no_extension": ["E109"],
    "notes.docx": ["E109"],
    "only_boilerplate.txt": ["E103"],
    "random.txt": ["E101"],
    "report.pdf": ["E109"],
    "utf16.txt": ["E111"],
    "whitespace.txt": ["E103"],
}
#: every document that must come out, with its id
EXPECTED_IDS = [
    "bad-date", "bad-date-words",
    "jl-good-1", "jl-alias", "jl-bad-date", "jl-impossible", "jl-future", "42", "jl-last",
    "control_chars", "cp1252", "crlf", "dup-1", "future", "latin1", "js-1", "nfd", "page",
    "script_in_text", "utf16",
]  # fmt: skip


@pytest.fixture(scope="module")
def hostile() -> tuple[dict[str, Document], ReadReport]:
    report = ReadReport()
    docs = list(read_documents([HOSTILE], report=report, today=TODAY))
    return {d.id: d for d in docs}, report


def _relative(name: str | None) -> str:
    assert name is not None
    return str(Path(name).relative_to(HOSTILE)) if name.startswith(str(HOSTILE)) else name


def test_every_good_document_is_read(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, report = hostile
    assert list(docs) == EXPECTED_IDS
    assert report.ok == len(EXPECTED_IDS)


def test_every_bad_document_is_reported_by_name_and_code(
    hostile: tuple[dict[str, Document], ReadReport],
) -> None:
    _, report = hostile
    found: dict[str, list[str]] = {}
    for p in report.problems:
        found.setdefault(_relative(p.doc), []).append(p.code)
    assert found == EXPECTED_PROBLEMS
    for p in report.problems:
        assert str(p).startswith(f"[{p.code}] {p.doc}: ")
        assert p.reason


def test_report_counts(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    _, report = hostile
    assert (report.skipped, report.warnings) == (5, 9)
    assert report.failed == len(report.problems) - 5 - 9
    assert report.to_dict()["failed"] == report.failed


def test_documents_with_bad_dates_are_read_without_a_date(
    hostile: tuple[dict[str, Document], ReadReport],
) -> None:
    docs, report = hostile
    for doc_id in ("bad-date", "bad-date-words", "jl-bad-date", "jl-impossible", "future", "jl-future"):
        assert docs[doc_id].published is None
    reasons = {_relative(p.doc): p.reason for p in report.problems}
    assert "2019-02-30" in reasons["bad_date.txt"]
    assert "32 February 2019" in reasons["bad_date_words.txt"]
    assert "2999-01-01" in reasons["future.txt"]


def test_the_future_is_relative_to_today() -> None:
    report = ReadReport()
    (doc,) = read_documents([HOSTILE / "future.txt"], report=report, today=date(3000, 1, 1))
    assert doc.published == date(2999, 1, 1) and not report.problems


def test_encodings_are_decoded(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, _ = hostile
    french = "Le président français a rencontré à l'Élysée le chancelier allemand."
    for doc_id in ("latin1", "utf16", "cp1252"):
        assert french in docs[doc_id].text
        assert "« Ça s'est très bien passé »" in docs[doc_id].text
    assert docs["cp1252"].text.startswith("\u201cWe agree,\u201d the envoy said \u2013 twice.")


def test_unicode_is_normalised(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, _ = hostile
    assert (
        docs["nfd"].text == "Caf\u00e9 diplomacy in Paris\n\nThe minister met his counterpart at a caf\u00e9."
    )
    assert docs["nfd"].title == "Caf\u00e9 diplomacy in Paris"
    assert docs["crlf"].text == "Envoys meet in Geneva\n\nThe envoys met in Geneva on Monday.\nThey talked."
    assert docs["control_chars"].text == "The summit opened on Monday.\n\nLeaders arrived early."


def test_script_in_plain_text_is_kept_as_text(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, _ = hostile
    assert (
        "The page contained <script>alert(1)</script> and the minister laughed."
        in docs["script_in_text"].text
    )


def test_html_script_is_dropped(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, _ = hostile
    page = docs["page"]
    assert page.text == (
        "Ministers meet in Vienna\n\n"
        "The foreign ministers of Austria and Hungary met in Vienna on Wednesday.\n\n"
        "They discussed energy and migration."
    )
    assert page.published == date(2019, 4, 24)
    assert page.url == "https://example.org/news/vienna-talks"


def test_duplicates_keep_the_first(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, _ = hostile
    assert docs["dup-1"].text == "The first copy of the article."
    assert docs["jl-good-1"].text == "Putin met Xi in Beijing."


def test_hidden_files_are_ignored(hostile: tuple[dict[str, Document], ReadReport]) -> None:
    docs, report = hostile
    assert (HOSTILE / ".hidden.txt").exists()
    assert "hidden" not in " ".join(docs) and all(".hidden" not in (p.doc or "") for p in report.problems)


def test_unreadable_paths(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    report = ReadReport()
    docs = list(read_documents([tmp_path / "missing.txt", locked, tmp_path / "nowhere"], report=report))
    locked.chmod(0o644)
    codes = {Path(p.doc or "").name: p.code for p in report.problems}
    assert codes["missing.txt"] == "E100" and codes["nowhere"] == "E100"
    # root can read anything: then the locked file is simply read
    assert codes.get("locked.txt") == "E100" or [d.id for d in docs] == ["locked"]


def test_huge_txt_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w") as f:
        for _ in range(5000):
            f.write("The ministers met again and talked for a long time about many things.\n")
    small = tmp_path / "small.txt"
    small.write_text("A small article.")
    read_paths: list[str] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read_paths.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    report = ReadReport()
    docs = list(read_documents([tmp_path], report=report, max_chars=10_000))
    assert [d.id for d in docs] == ["small"]
    assert [(Path(p.doc or "").name, p.code) for p in report.problems] == [("huge.txt", "E104")]
    assert read_paths == ["small.txt"]  # the huge file was never loaded


def test_huge_document_over_the_default_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("Talks. " * 300_000)  # 2.1 M characters, under 4 bytes a character
    report = ReadReport()
    assert list(read_documents([huge], report=report)) == []
    assert [p.code for p in report.problems] == ["E104"]
    assert "2,100,000 characters" in report.problems[0].reason


def test_huge_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        f.write(json.dumps({"id": "a", "text": "Before."}) + "\n")
        f.write(json.dumps({"id": "huge", "text": "x" * 200_000}) + "\n")
        f.write(json.dumps({"id": "long", "text": "y" * 1_500}) + "\n")
        f.write(json.dumps({"id": "b", "text": "After."}) + "\n")
    report = ReadReport()
    docs = list(read_documents([path], report=report, max_chars=1_000))
    assert [d.id for d in docs] == ["a", "b"]
    assert [(p.doc, p.code) for p in report.problems] == [(f"{path}:2", "E104"), (f"{path}:3", "E104")]


def test_deeply_nested_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    report = ReadReport()
    assert [d.id for d in read_documents([path], report=report)] == ["ok"]
    assert [(p.doc, p.code) for p in report.problems] == [(f"{path}:1", "E105")]


def test_random_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.choice([*range(1, 9), *range(14, 32), *range(128, 256)]) for _ in range(3000)))
    report = ReadReport()
    assert list(read_documents([path], report=report)) == []
    assert [p.code for p in report.problems] in (["E101"], ["E102"])


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "le.txt"
    path.write_bytes("Putin met Xi in Beijing on Friday.".encode("utf-16-le"))
    report = ReadReport()
    (doc,) = read_documents([path], report=report)
    assert doc.text == "Putin met Xi in Beijing on Friday."
    assert [p.code for p in report.problems] == ["E111"]


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    body = "Президент России встретился с председателем КНР в Пекине."
    path.write_bytes(
        f'<html><head><meta charset="windows-1251"><title>Путин в Пекине</title></head><body><p>{body}</p></body></html>'.encode(
            "cp1251"
        )
    )
    report = ReadReport()
    (doc,) = read_documents([path], report=report)
    assert doc.text == body and doc.title == "Путин в Пекине"
    assert [(p.code, p.reason) for p in report.problems] == [("E111", "cp1251")]


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    """Reading a JSONL file holds one line at a time, not the file."""
    import tracemalloc

    path = tmp_path / "many.jsonl"
    with path.open("w") as f:
        for i in range(4000):
            f.write(json.dumps({"id": f"d{i}", "text": f"Article {i}. " + "Talks went on. " * 100}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_documents([path], report=ReadReport()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert peak < size / 4, (peak, size)
