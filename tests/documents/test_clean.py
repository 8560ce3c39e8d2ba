"""Boilerplate patterns, text normalisation, headline guessing, date parsing, decoding."""

from __future__ import annotations

from datetime import date

import pytest

from kg.documents import clean_text, decode_bytes, guess_title, normalize_text, parse_header, parse_published
from kg.errors import DocumentError

BOILERPLATE = [
    "- Advertisement -",
    "ADVERTISEMENT",
    "Advertisement",
    "Story continues below advertisement",
    "0 1,693",
    "12 3,456,789",
    "1.2K shares",
    "Share:",
    "Share",
    "Share this article",
    "Share on Facebook",
    "Facebook Twitter WhatsApp Email",
    "Tweet",
    "Subscribe to our newsletter",
    "Sign up for our free daily newsletter.",
    "Sign up here to get the latest news, updates and special offers delivered directly to your inbox.",
    "Get real time updates directly on you device, subscribe now.",
    "Get real time updates directly on you device, subscribe now.Share:",
    "Subscribe now",
    "Read more:",
    "Read more: Putin and Xi sign energy deal",
    "Related: Lavrov visits Pyongyang",
    "Related articles",
    "See also: Kremlin says talks were useful",
    "You may also like",
    "Most read",
    "Follow us on Twitter",
    "Follow us on Facebook and Instagram for more news",
    "Follow @reuters on Twitter",
    "Join our Telegram channel",
    "Click here to read the full interview.",
    "Tap here to download the app",
    "We use cookies to improve your experience on our site.",
    "This website uses cookies. By continuing you agree.",
    "Accept cookies",
    "By continuing to use this site, you agree to our use of cookies.",
    "© 2019 Example News. All rights reserved.",
    "Copyright 2019 Example Media",
    "All rights reserved.",
    "Leave a comment",
    "Scroll to continue reading",
]

ARTICLE_LINES = [
    "Putin said Russia would share its experience with China.",
    "The company earned 12 cts per",
    "share.",
    "share",
    "Shares in Gazprom rose 3 percent.",
    "The minister declined to",
    "comment.",
    "Read more books, the minister told students.",
    "Related talks will take place in June.",
    "Subscribers to the treaty met in Geneva.",
    "The newspaper, which has 2 million subscribers, said the talks failed.",
    "He urged citizens to follow the news on television.",
    "Click-through rates fell, the advertising group said.",
    "Copyright infringement was on the agenda of the trade talks.",
    "1987 1986",
    "Shr 12 cts vs 15 cts",
    "The agreement, signed in 2019, covers 1,693 kilometres of border.",
    "Advertisement revenues fell sharply, the ministry said.",
    "We use this opportunity to thank our partners, Lavrov said.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert clean_text(f"Putin met Xi.\n{line}\nThey talked.") == "Putin met Xi.\nThey talked."


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_are_kept(line: str) -> None:
    text = f"Putin met Xi.\n{line}\nThey talked."
    assert clean_text(text) == text


def test_long_lines_are_never_dropped() -> None:
    line = "Click here " + "and there " * 40
    assert clean_text(f"A.\n{line}\nB.") == f"A.\n{line}\nB."


def test_blank_lines_around_a_dropped_line_collapse() -> None:
    assert clean_text("One.\n\n- Advertisement -\n\nTwo.") == "One.\n\nTwo."
    assert clean_text("Share:\n\nOne.\n\nTwo.\n\nSubscribe now") == "One.\n\nTwo."
    assert clean_text("\n\n  One.  \n\n\n") == "  One.  "  # inner spacing kept as is


def test_normalize_text() -> None:
    assert normalize_text("a\r\nb\rc") == "a\nb\nc"
    assert normalize_text("\ufeffx\x00y\x07z\tw\x0b") == "xyz\tw"
    assert normalize_text("e\u0301") == "\u00e9"
    assert normalize_text("\u201cquoted\u201d \u2018single\u2019") == "\u201cquoted\u201d \u2018single\u2019"


def test_guess_title() -> None:
    assert guess_title("Putin meets Xi\n\nThe leaders met.") == "Putin meets Xi"
    assert guess_title("Putin met Xi on Friday.\n\nThey talked.") is None  # a sentence
    assert guess_title("Putin meets Xi\nThe leaders met.") is None  # no blank line
    assert guess_title("Putin meets Xi") is None  # nothing after it
    assert guess_title(" ".join(["word"] * 40) + "\n\nBody.") is None  # too long
    assert guess_title("0 1,693\n\nBody.") is None


def test_parse_header() -> None:
    header, body = parse_header("doc_id: x\npublished: 2019-04-24\ntitle: T: with colon\n\nBody.\n\nMore.")
    assert header == {"doc_id": "x", "published": "2019-04-24", "title": "T: with colon"}
    assert body == "Body.\n\nMore."
    text = "Moscow: the talks began.\n\nBody."
    assert parse_header(text) == ({}, text)
    assert parse_header("title: no blank line after") == ({}, "title: no blank line after")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-04-24", date(2019, 4, 24)),
        ("2019-04-24T23:59:00-05:00", date(2019, 4, 24)),
        ("2019-4-2", date(2019, 4, 2)),
        ("20190424", date(2019, 4, 24)),
        ("2019/04/24", date(2019, 4, 24)),
        ("24 April 2019", date(2019, 4, 24)),
        ("April 24, 2019", date(2019, 4, 24)),
        ("Apr 24th, 2019", date(2019, 4, 24)),
        ("24 Sept. 2019", date(2019, 9, 24)),
        ("Wed, 24 Apr 2019 10:00:00 +0000", date(2019, 4, 24)),
        (date(2019, 4, 24), date(2019, 4, 24)),
    ],
)
def test_parse_published(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["32 February", "32 February 2019", "2019-02-30", "2019-13-01", "yesterday", "", 2019, None, ["2019"]],
)
def test_parse_published_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_decode_bytes() -> None:
    assert decode_bytes("Caf\u00e9".encode()) == ("Caf\u00e9", None)
    assert decode_bytes("\ufeffCaf\u00e9".encode()) == ("Caf\u00e9", None)
    assert decode_bytes("Caf\u00e9 au lait".encode("utf-16")) == ("Caf\u00e9 au lait", "utf_16")
    text, encoding = decode_bytes("Pr\u00e9sident Macron \u00e0 Paris".encode("latin-1"))
    assert (text, encoding) == ("Pr\u00e9sident Macron \u00e0 Paris", "cp1252")
    with pytest.raises(DocumentError) as err:
        decode_bytes(b"\x00\x01\x02binary")
    assert err.value.code == "E101"
    with pytest.raises(DocumentError) as err:
        decode_bytes("\u201cquoted\u201d".encode() + b" \xff broken")
    assert err.value.code == "E102"
