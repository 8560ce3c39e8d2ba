"""Readers for every format, on the small good inputs of tests/data/docs and the seeds."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from kg.documents import ReadReport, content_hash, read_documents
from kg.records import Document

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"


def read(*inputs: str | Path, **kwargs: object) -> tuple[list[Document], ReadReport]:
    report = ReadReport()
    docs = list(read_documents(list(inputs), report=report, **kwargs))  # type: ignore[arg-type]
    return docs, report


def test_plain_txt_uses_file_name_and_headline() -> None:
    (doc,), report = read(DOCS / "plain.txt", published=date(2019, 4, 22))
    assert doc.id == "plain"
    assert doc.title == "Lavrov and Wang Yi meet in Moscow"
    assert doc.text.startswith("Lavrov and Wang Yi meet in Moscow\n\nRussian Foreign Minister")  # title kept
    assert doc.published == date(2019, 4, 22)  # from the argument
    assert doc.content_hash == content_hash(doc.id, doc.text, doc.published, doc.title, None, None)
    assert report.ok == 1 and not report.problems


def test_plain_txt_without_published_argument_has_none() -> None:
    (doc,), _ = read(DOCS / "plain.txt")
    assert doc.published is None


def test_header_block_is_parsed_and_stripped() -> None:
    (doc,), _ = read(DOCS / "header.txt")
    assert doc.id == "hdr-0001"
    assert doc.published == date(2019, 4, 25)
    assert doc.title == "Abe visits Washington"
    assert doc.url == "https://example.org/abe-visit"
    assert doc.source == "example"
    assert doc.text.startswith("Japanese Prime Minister Shinzo Abe")
    assert "doc_id" not in doc.text


def test_sidecar_metadata_by_file_and_by_id() -> None:
    docs, report = read(DOCS / "sidecar", published=date(2019, 1, 1))
    by_id = {d.id: d for d in docs}
    assert list(by_id) == ["side-a", "b", "c"]
    assert by_id["side-a"].title == "Modi meets Putin"
    assert by_id["side-a"].published == date(2019, 9, 4)
    assert by_id["side-a"].source == "sidecar-test"
    assert by_id["b"].url == "https://example.org/b"
    assert by_id["b"].published == date(2019, 8, 27)
    assert by_id["c"].published == date(2019, 1, 1)  # no metadata: the argument
    # the malformed sidecar line is reported, the rest still applies
    assert [(p.code, p.doc) for p in report.problems] == [
        ("E105", f"{DOCS / 'sidecar' / 'metadata.jsonl'}:3")
    ]


def test_sidecar_applies_to_a_file_given_directly() -> None:
    (doc,), _ = read(DOCS / "sidecar" / "a.txt")
    assert doc.id == "side-a" and doc.title == "Modi meets Putin"


def test_folder_recursion_is_sorted_and_skips_hidden() -> None:
    docs, report = read(DOCS / "nested")
    assert [d.id for d in docs] == ["top", "mid", "bottom"]
    assert not report.problems


def test_whole_docs_folder_is_deterministic() -> None:
    first, r1 = read(DOCS)
    second, r2 = read(DOCS)
    assert first == second
    assert r1.to_dict() == r2.to_dict()
    assert [d.id for d in first] == [
        # a folder's own files first (sorted), then its subfolders (sorted), recursively
        "article", "json-1", "json-2", "jl-1", "jl-2", "hdr-0001", "plain", "json-single",
        "top", "mid", "bottom", "side-a", "b", "c",
    ]  # fmt: skip


def test_jsonl_with_aliases() -> None:
    docs, report = read(DOCS / "articles.jsonl")
    assert [d.id for d in docs] == ["jl-1", "jl-2"]
    assert docs[0].title == "Kim meets Putin" and docs[0].url == "https://example.org/kim"
    assert docs[0].source == "example"
    assert docs[1].text == "Xi Jinping will visit Moscow in June."  # "body"
    assert docs[1].title == "Xi to visit Moscow"  # "headline"
    assert docs[1].published == date(2019, 4, 26)  # "date", a datetime
    assert report.ok == 2


def test_json_list_and_single_object() -> None:
    docs, _ = read(DOCS / "articles.json", DOCS / "single.json")
    assert [(d.id, d.published) for d in docs] == [
        ("json-1", date(2019, 5, 14)),
        ("json-2", date(2019, 5, 15)),
        ("json-single", date(2019, 4, 4)),
    ]


def test_html_drops_script_style_nav_footer() -> None:
    (doc,), _ = read(DOCS / "article.html")
    assert doc.id == "article"
    assert doc.title == "Moon and Trump meet at the White House"
    assert doc.published == date(2019, 4, 11)
    assert doc.url == "https://example.org/moon-trump"
    assert "South Korean President Moon Jae-in met President Donald Trump" in doc.text
    assert "North Korea\u2019s nuclear programme.\nTalks lasted two hours." in doc.text
    for junk in ("alert", "tracker", "display", "Home", "World", "©", "Related"):
        assert junk not in doc.text


def test_seeds_with_metadata(seeds_dir: Path) -> None:
    docs, report = read(seeds_dir)
    assert report.ok == 2 and not report.problems
    assert [d.id for d in docs] == ["000_330f7470159142de", "001_5588d5af335d558f"]
    assert {d.published for d in docs} == {date(2019, 4, 24)}
    assert {d.source for d in docs} == {"seed"}
    first, second = docs
    assert first.title is not None and first.title.startswith("PUTIN: China-Russia Alliance")
    for junk in ("0 1,693", "Advertisement", "Subscribe to our newsletter", "Sign up here", "subscribe now"):
        assert junk not in first.text
    assert not second.text.startswith("Share:")
    for sentence in (
        "Putin is expected to meet Xi Jinping in Beijing on April 26.",
        "Yury Ushakov, a Kremlin aide, said the talks will focus on the Eurasian Economic Union",
        "the US is desperately trying to prevent the emergence of a multipolar world.",
    ):
        assert sentence in first.text
    assert (
        "Putin noted that Russia and China will continue to closely coordinate their policies" in first.text
    )
    # everything kept is byte for byte the source (curly quotes included), in order
    raw = (seeds_dir / "000_330f7470159142de.txt").read_text(encoding="utf-8")
    kept = [line for line in first.text.split("\n") if line]
    assert all(line in raw for line in kept)
    assert "\u201cstabilizing factor in global affairs,\u201d" in first.text
    assert first.text.endswith("multipolar world.")


def test_content_hash_is_sha256_of_the_fields() -> None:
    (doc,), _ = read(DOCS / "header.txt")
    payload = json.dumps([doc.id, doc.text, "2019-04-25", doc.title, doc.url, doc.source], ensure_ascii=False)
    assert doc.content_hash == hashlib.sha256(payload.encode()).hexdigest()
    other = content_hash(doc.id, doc.text + " ", doc.published, doc.title, doc.url, doc.source)
    assert other != doc.content_hash


def test_a_single_path_string_is_one_input() -> None:
    docs = list(read_documents(str(DOCS / "plain.txt"), report=ReadReport()))
    assert [d.id for d in docs] == ["plain"]


def test_streaming_yields_before_the_end() -> None:
    """read_documents is lazy: the first document comes before later inputs are even looked at."""
    report = ReadReport()
    gen = read_documents([DOCS / "plain.txt", DOCS / "does-not-exist.txt"], report=report)
    assert next(gen).id == "plain"
    assert report.problems == []
    assert list(gen) == []
    assert [p.code for p in report.problems] == ["E100"]


def test_report_summary_and_dict() -> None:
    _, report = read(DOCS / "sidecar", DOCS / "missing.txt")
    data = report.to_dict()
    assert data["ok"] == 3 and data["failed"] == 2 and data["skipped"] == 0
    assert {p["code"] for p in data["problems"]} == {"E100", "E105"}
    json.dumps(data)
    text = report.summary()
    assert text.splitlines()[0] == "read 3 documents; 0 skipped, 2 failed, 0 warnings"
    assert "missing.txt" in text and "[E100]" in text


def test_problems_are_logged_without_a_report(caplog: pytest.LogCaptureFixture) -> None:
    docs = list(read_documents([DOCS / "nope.txt", DOCS / "plain.txt"]))
    assert [d.id for d in docs] == ["plain"]
    assert "E100" in caplog.text and "nope.txt" in caplog.text


def test_published_argument_is_the_default_for_every_format(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "x", "text": "No date."})
        + "\n"
        + json.dumps({"id": "y", "text": "Dated.", "published": "2019-04-24"})
        + "\n"
    )
    docs, _ = read(path, published=date(2019, 1, 1))
    assert [(d.id, d.published) for d in docs] == [("x", date(2019, 1, 1)), ("y", date(2019, 4, 24))]
