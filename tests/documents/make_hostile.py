"""Writes tests/data/hostile/, the corpus of bad inputs the readers must survive.

Run ``python tests/documents/make_hostile.py`` to regenerate it; the expected outcome of every file
is in tests/documents/test_hostile.py. Big files are made at test time instead (tmp_path).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"

FRENCH = (
    "Le président français a rencontré à l'Élysée le chancelier allemand.\n\n"
    "« Ça s'est très bien passé », a déclaré le ministre des Affaires étrangères après la réunion.\n"
)


def write(name: str, data: bytes | str) -> None:
    path = HOSTILE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def main() -> None:
    rng = random.Random(1234)
    write("empty.txt", b"")
    write("whitespace.txt", "   \n\t\n   \r\n  ")
    write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(256)) * 4)
    write("random.txt", bytes(rng.randrange(256) for _ in range(4096)))
    write(
        "invalid_utf8.txt",
        "“Talks were frank,” the minister said in Moscow. ".encode() + b"\xff\xfe\xc3\x28 broken bytes.\n",
    )
    write("latin1.txt", FRENCH.encode("latin-1"))
    write(
        "cp1252.txt",
        "\u201cWe agree,\u201d the envoy said \u2013 twice.\n".encode("cp1252") + FRENCH.encode("cp1252"),
    )
    write("utf16.txt", FRENCH.encode("utf-16"))  # with BOM
    write("crlf.txt", "Envoys meet in Geneva\r\n\r\nThe envoys met in Geneva on Monday.\r\nThey talked.\r\n")
    write("nfd.txt", "Cafe\u0301 diplomacy in Paris\n\nThe minister met his counterpart at a cafe\u0301.\n")
    write(
        "control_chars.txt",
        "The summit\x07 opened on\x0b Monday.\x1b\n\nLeaders\x00 arrived early.\n".replace("\x00", ""),
    )
    write("only_boilerplate.txt", "- Advertisement -\n\nShare:\nSubscribe to our newsletter\n")
    write(
        "bad_date.txt",
        "doc_id: bad-date\npublished: 2019-02-30\ntitle: A date that never was\n\nThe talks took place.\n",
    )
    write(
        "bad_date_words.txt", "doc_id: bad-date-words\npublished: 32 February 2019\n\nThe talks took place.\n"
    )
    write("future.txt", "doc_id: future\npublished: 2999-01-01\n\nThe talks will take place.\n")
    write("dup_a.txt", "doc_id: dup-1\n\nThe first copy of the article.\n")
    write("dup_b.txt", "doc_id: dup-1\n\nThe second copy, which is skipped.\n")
    write(
        "script_in_text.txt",
        "Hackers and diplomats\n\nThe page contained <script>alert(1)</script> and the minister laughed.\n",
    )
    write(
        "page.html",
        """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Ministers meet in Vienna</title>
<meta property="article:published_time" content="2019-04-24T10:15:00+02:00">
<link rel="canonical" href="https://example.org/news/vienna-talks">
<style>body { color: red }</style>
<script>alert(1)</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<h1>Ministers meet in Vienna</h1>
<p>The foreign ministers of Austria and Hungary met in Vienna on Wednesday.</p>
<script>document.write("tracking")</script>
<p>They discussed <b>energy</b> and migration.</p>
<p>- Advertisement -</p>
<footer>Copyright 2019 Example News. All rights reserved.</footer>
</body></html>
""",
    )
    write("empty.html", "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>")
    write("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    write("notes.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(64))
    write("no_extension", "A file without an extension.\n")
    write(".hidden.txt", "Hidden files are ignored.\n")
    good = {"id": "jl-good-1", "text": "Putin met Xi in Beijing.", "published": "2019-04-26"}
    lines = [
        json.dumps(good),
        '{"id": "jl-broken", "text": ',
        json.dumps(
            {
                "id": "jl-alias",
                "body": "Lavrov met Wang Yi.",
                "date": "2019-04-25",
                "headline": "Lavrov meets Wang",
            }
        ),
        json.dumps({"id": "jl-no-text", "title": "A record without text"}),
        json.dumps({"text": "A record without an id."}),
        json.dumps({"id": "jl-text-list", "text": ["not", "a", "string"]}),
        "[1, 2, 3]",
        "",
        json.dumps({"id": "jl-bad-date", "text": "Talks happened.", "published": "32 February 2019"}),
        json.dumps({"id": "jl-impossible", "text": "Talks happened.", "published": "2019-02-30"}),
        json.dumps({"id": "jl-future", "text": "Talks will happen.", "published": "2999-12-31"}),
        json.dumps({"id": "jl-good-1", "text": "A duplicate id."}),
        json.dumps({"id": 42, "text": "A numeric id is fine.", "published": None}),
        json.dumps({"id": "jl-empty", "text": "   "}),
        json.dumps({"id": "jl-last", "text": "The last good line."}),
    ]
    write("broken.jsonl", "\n".join(lines) + "\n")
    write(
        "list.json",
        json.dumps(
            [
                {"id": "js-1", "text": "Merkel met Macron in Aachen.", "published": "2019-01-22"},
                {"id": "js-2"},
                "not an object",
            ]
        ),
    )
    write("malformed.json", '{"id": "js-bad", "text": "unterminated')


if __name__ == "__main__":
    main()
