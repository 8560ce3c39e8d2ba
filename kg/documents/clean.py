"""Web boilerplate removal and light structure (header block, headline) for article text.

Patterns live in kg/data/boilerplate.yaml. Only whole lines that match are dropped; all other text
is kept exactly, since every later character offset refers to the cleaned text.

>>> clean_text("Putin met Xi.\\n\\n- Advertisement -\\n\\nThey talked.\\nShare:")
'Putin met Xi.\\n\\nThey talked.'
>>> guess_title("Putin meets Xi in Beijing\\n\\nPutin met Xi on Friday.")
'Putin meets Xi in Beijing'
>>> parse_header("doc_id: a1\\npublished: 2019-04-24\\n\\nBody.")
({'doc_id': 'a1', 'published': '2019-04-24'}, 'Body.')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from kg.config import data_path

#: keys of the header block a .txt may start with (the afp-dev format)
HEADER_KEYS = ("doc_id", "id", "published", "date", "title", "headline", "url", "source")
_HEADER_LINE = re.compile(r"(" + "|".join(HEADER_KEYS) + r")\s*:\s*(.*)", re.IGNORECASE)
#: longest first line that may be a headline (characters, words)
TITLE_MAX_CHARS = 160
TITLE_MAX_WORDS = 25


class Boilerplate:
    """The compiled boilerplate patterns of one YAML file."""

    def __init__(self, path: str | Path) -> None:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        self.max_line_chars = int(spec.get("max_line_chars", 300))
        patterns = [p for group in spec["patterns"].values() for p in group]
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    def is_boilerplate(self, line: str) -> bool:
        """True when the whole line (spaces aside) is boilerplate."""
        stripped = line.strip()
        return (
            bool(stripped) and len(stripped) <= self.max_line_chars and bool(self.regex.fullmatch(stripped))
        )


@lru_cache(maxsize=4)
def boilerplate(path: str | None = None) -> Boilerplate:
    """The patterns of ``path`` (default kg/data/boilerplate.yaml), compiled once."""
    return Boilerplate(path or data_path("boilerplate.yaml"))


def clean_text(text: str, patterns: Boilerplate | None = None) -> str:
    """``text`` without boilerplate lines, and without leading/trailing blank lines.

    When a dropped line stood between blank lines, one of the blank lines goes too, so paragraphs
    stay separated by exactly what separated them before. Expects \\n line endings.
    """
    patterns = patterns or boilerplate()
    lines = text.split("\n")
    kept: list[str] = []
    dropped_after_blank = False
    for line in lines:
        if patterns.is_boilerplate(line):
            dropped_after_blank = not kept or not kept[-1].strip()
            continue
        if dropped_after_blank and not line.strip():
            dropped_after_blank = False
            continue
        dropped_after_blank = False
        kept.append(line)
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``key: value`` block (ended by a blank line) from the body.

    Only known keys count, and the block must start on the first line, so ordinary text that
    happens to contain a colon is left alone.
    """
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1 :])
            return {}, text
        m = _HEADER_LINE.fullmatch(line.strip())
        if not m:
            return {}, text
        header[m[1].lower()] = m[2].strip()
    return {}, text


def guess_title(text: str) -> str | None:
    """The first line when it looks like a headline: short, followed by a blank line and more text,
    not ending like a sentence."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not first or not sep or not rest.startswith("\n") or not rest.strip():
        return None
    if len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS:
        return None
    if first[-1] in ".,;:!" or not any(c.isalpha() for c in first):
        return None
    return first
