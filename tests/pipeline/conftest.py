"""Small diplomatic articles written for these tests (no corpus text), as JSONL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

_LEADERS = [
    ("Vladimir Putin", "Russia", "Moscow"),
    ("Xi Jinping", "China", "Beijing"),
    ("Narendra Modi", "India", "New Delhi"),
    ("Emmanuel Macron", "France", "Paris"),
    ("Olaf Scholz", "Germany", "Berlin"),
    ("Recep Tayyip Erdogan", "Turkey", "Ankara"),
    ("Cyril Ramaphosa", "South Africa", "Pretoria"),
    ("Luiz Inacio Lula da Silva", "Brazil", "Brasilia"),
]
_TEMPLATES = [
    "{a}, the leader of {ca}, met {b} in {city} on {day}. The two leaders discussed trade and "
    "regional security, officials said.",
    "{a} will visit {cb} next week for talks with {b}, the foreign ministry of {ca} said on {day}.",
    "{b} said on {day} that {cb} and {ca} had signed an agreement on energy cooperation after talks "
    "with {a} in {city}.",
    "The planned meeting between {a} and {b} in {city} was cancelled, a spokesman said on {day}.",
]


def make_articles(n: int) -> list[dict[str, str]]:
    """n short articles, deterministic, each with a publication date."""
    out = []
    start = date(2023, 3, 1)
    for k in range(n):
        a, ca, _ = _LEADERS[k % len(_LEADERS)]
        b, cb, city = _LEADERS[(k * 3 + 1) % len(_LEADERS)]
        if a == b:
            b, cb, city = _LEADERS[(k + 2) % len(_LEADERS)]
        day = start + timedelta(days=k // 3)
        text = _TEMPLATES[k % len(_TEMPLATES)].format(
            a=a, b=b, ca=ca, cb=cb, city=city, day=day.strftime("%B %-d")
        )
        out.append({"id": f"test-{k:03d}", "published": day.isoformat(), "title": f"Talks {k}", "text": text})
    return out


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture
def articles_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "articles.jsonl", make_articles(40))


@pytest.fixture
def articles() -> type:
    """``articles(n)`` -> the list; ``articles.write(path, list)`` -> a JSONL file."""

    class Articles:
        def __new__(cls, n: int) -> list[dict[str, str]]:  # type: ignore[misc]
            return make_articles(n)

        write = staticmethod(write_jsonl)

    return Articles
