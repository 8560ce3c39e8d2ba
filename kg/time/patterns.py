"""Regular-expression building blocks of the TIMEX3 grammar, made from the lexicon's word lists."""

from __future__ import annotations

import re

from kg.time.lexicon import lexicon

L = lexicon()


def alt(words: object, abbrev_dot: bool = False) -> str:
    """A non-capturing alternation of ``words`` (longest first; spaces match any whitespace)."""
    out = []
    for w in sorted({str(x) for x in words}, key=len, reverse=True):  # type: ignore[attr-defined]
        p = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]").replace(r"\-", r"[\s-]")
        if abbrev_dot and len(w) <= 4 and w not in ("may", "june", "july"):
            p += r"\.?"
        out.append(p)
    return "(?:" + "|".join(out) + ")"


MONTHS: dict[str, int] = L["months"]
WEEKDAYS: dict[str, int] = L["weekdays"]
SEASONS: dict[str, str] = L["seasons"]
PARTS: dict[str, str] = L["parts_of_day"]
NUMBERS: dict[str, float] = L["numbers"]
ORDINALS: dict[str, int] = L["ordinals"]
UNITS: dict[str, list] = L["units"]

MONTH = alt(MONTHS, abbrev_dot=True)
WEEKDAY = alt(WEEKDAYS)
SEASON = alt(SEASONS)
PART = alt(PARTS)
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUMWORD = rf"(?:(?:{_TENS})[\s-](?:{_ONES})|{alt(k for k in NUMBERS if k not in ('a', 'an'))})"
#: a simple fraction after a whole number: "2 1/2 years", "5-1/2 hours", "3½ days"
FRACTION = r"(?:\s+|-)?(?:1/2|1/4|3/4|[½¼¾])"
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:{FRACTION}(?![\d/])|\.\d+)?|{NUMWORD}(?:[\s-](?:hundred|thousand))?"
    r"|an?)"
)
VAGUE = alt(L["vague_numbers"])
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|millenni(?:um|a))"
)
ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
ZONE = r"(?:\s+(?:local\s+time|GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST))"
CLOCK = (
    r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?:\s*(?:hours|hrs|h)\b)?"
    # "0800 GMT", "1430 UTC": four-digit clock times only with a universal-time zone
    r"|(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)(?=\s+(?:GMT|UTC)\b)"
    r"|(?P<noon>noon|midnight|midday))"
)
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
#: a year read aloud (broadcast transcripts): "nineteen ninety-seven", "twenty ten", "two thousand and one"
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|twenty)[\s-](?:{_TENS}|{_TEENS})(?:[\s-](?:{_ONES}))?"
    rf"|two\s+thousand(?:\s+and)?\s+(?:{_TEENS}|{_ONES}))"
)
_DAY_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
#: "first" ... "thirty-first": day ordinals in words, with their numbers
DAY_ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_DAY_ORDINALS, start=1)}
DAY_ORDINAL_WORDS.update({f"twenty-{w}": 20 + i for i, w in enumerate(_DAY_ORDINALS[:9], start=1)})
DAY_ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31})
DAY_WORD = alt(DAY_ORDINAL_WORDS)
PREFIX = alt(L["prefix_mods"])
REFS = alt(k for k in L["references"] if k not in L["skip_references"])
SET_ADVERBS = alt(L["set_adverbs"])
HOLIDAY = alt(list(L["holidays"]) + ["thanksgiving day", "thanksgiving"])


def unit_key(word: str) -> str:
    """Singular lexicon key of a unit word ("centuries" -> "century")."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") else w


def number_value(word: str) -> float | None:
    """The number a numeral stands for ("twenty-five" -> 25, "1,200" -> 1200), None if vague."""
    w = re.sub(r"\s+", " ", word.lower()).replace(",", "")
    frac = re.fullmatch(r"(\d+)[ -]?(1/2|1/4|3/4|½|¼|¾)", w)
    if frac:
        part = {"1/2": 0.5, "½": 0.5, "1/4": 0.25, "¼": 0.25, "3/4": 0.75, "¾": 0.75}[frac[2]]
        return int(frac[1]) + part
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return float(NUMBERS[w])
    m = re.fullmatch(r"(.+?)[ -](hundred|thousand)", w)
    if m:
        base = number_value(m[1])
        return None if base is None else base * (100 if m[2] == "hundred" else 1000)
    m = re.fullmatch(rf"({_TENS})[ -]({_ONES})", w)
    if m:
        return float(NUMBERS[m[1]] + NUMBERS[m[2]])
    return None


def fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def year_value(text: str) -> int:
    """The year a written or spoken year names ("1997", "nineteen ninety-seven", "two thousand and one")."""
    t = re.sub(r"[\s-]+", " ", text.lower()).strip()
    if t.isdigit():
        return int(t)
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].replace(" and ", " ").strip()
        return 2000 + int(number_value(rest) or 0)
    century, rest = t.split(" ", 1)
    return (19 if century == "nineteen" else 20) * 100 + int(number_value(rest) or 0)


def day_value(word: str) -> int:
    """The day of month a day number or ordinal word names ("21st", "twenty-first" -> 21)."""
    w = re.sub(r"\s+", "-", re.sub(r"^the\s+", "", word.lower().strip()))
    if w in DAY_ORDINAL_WORDS:
        return DAY_ORDINAL_WORDS[w]
    return int(re.match(r"\d+", w).group())  # type: ignore[union-attr]
