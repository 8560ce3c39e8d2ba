"""Find and normalise TIMEX3 expressions in English news text: :func:`tag` and :func:`normalize`.

>>> from datetime import date
>>> [(t.text, t.type, t.value) for t in tag("The talks ended on Friday.", date(2019, 4, 24))]
[('Friday', 'DATE', '2019-04-19')]
>>> normalize("the end of June", date(2019, 4, 24)).value
'2019-06'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date

from kg.records import TimeValue
from kg.time import calendar as cal
from kg.time.grammar import RULES, Ctx, Handler, Norm, remember
from kg.time.lexicon import lexicon
from kg.time.patterns import DAY_ORDINAL_WORDS, PREFIX
from kg.time.tense import tense_near

_QUANT_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}
_POS_MODS = {"START", "MID", "END"}
_GROUP = re.compile(r"\(\?P<\w+>")
#: "over the past year", "under this month's deal": "over"/"under" as prepositions, not MORE/LESS_THAN
_PREPOSITION_MOD = re.compile(r"(?:over|under)\s+(?:the|this|that|these|those|next|last|past|recent)\b", re.I)
#: "postponed until Tuesday", "have until Friday", "no later than March 3": a deadline ahead; not
#: "not until Monday" nor a clause that opens with it ("Until Thursday, they had ...", "but until ...")
_DEADLINE = re.compile(
    r"\b[a-z]+(?<!\bnot)(?<!\bbut)(?<!\band)(?<!\bthat)(?<!\bwhen)(?<!\bwhile)(?<!\bthough)"
    r"\s+(?:until|till|no\s+later\s+than)\s+(?:(?:early|late|mid)[\s-]+)?$",
    re.I,
)
#: what sets a deadline, so that "until" + weekday looks ahead even in a past-tense clause ("was
#: adjourned until Monday": the nearest one ahead); without one a past clause keeps its past ("the talks
#: lasted until Tuesday"), and so does a month date ("an earlier resolution gave Iran until August 31")
_DEADLINE_SETTER = re.compile(
    r"\b(?:postpon|delay|defer|adjourn|extend|suspend|put\s+off|push(?:ed)?\s+back|gave|give|given|grant|"
    r"ha(?:ve|s|d)|deadline|ultimatum|wait|expected|clos)\w*(?:\s+\S+){0,6}?\s+(?:until|till|no\s+later)\b",
    re.I,
)
#: "USA Today", ABC's "This Week": a capitalised day word inside a sentence is part of a name
_TITLE_WORDS = re.compile(r"(?:Today|Tonight|Tomorrow|Yesterday|This\s+Week|This\s+Morning)")
_TITLE_BEFORE = re.compile(r"[A-Za-z,'’][^\S\n]*[\"“]?[^\S\n]*$")


def _is_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a capitalised day word in mid-sentence: a title, not a time."""
    return (
        _TITLE_WORDS.fullmatch(text, start, end) is not None
        and _TITLE_BEFORE.search(text, max(0, start - 4), start) is not None
    )


_HALF_OF = re.compile(r"the\s+(first|second|latter|last)\s+half\s+of\b", re.I)
_YEAR_VALUE = re.compile(r"\d{4}")
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_LEADING = re.compile(r"^(?:on|in|at|by|during|since|until|from|for|over|before|after)\s+", re.I)


@functools.cache
def _compiled() -> tuple[re.Pattern[str], dict[str, tuple[str, re.Pattern[str], Handler]]]:
    """The one-pass scanner (all rules as one alternation) and each rule's own regex."""
    parts, rules = [], {}
    for i, (name, pattern, handler) in enumerate(RULES):
        key = f"r{i}"
        parts.append(f"(?P<{key}>{_GROUP.sub('(?:', pattern)})")
        rules[key] = (name, re.compile(pattern, re.I), handler)
    scanner = re.compile(
        rf"(?<![\w$£€])(?P<pre>{PREFIX}(?:\s+|-|\s*-\s*))?(?:{'|'.join(parts)})(?![\w])", re.I
    )
    return scanner, rules


_TOKEN = re.compile(r"[A-Za-z]+|\d|['’](?=\d)")
_NOT_BEFORE = set("$£€_")


@functools.cache
def _first_words() -> frozenset[str]:
    """Every lower-case word a time expression (or its modifier) can begin with."""
    lex = lexicon()
    words: set[str] = {"q"}
    for key in (
        "months",
        "weekdays",
        "seasons",
        "parts_of_day",
        "numbers",
        "ordinals",
        "holidays",
        "references",
        "set_adverbs",
        "prefix_mods",
    ):
        words.update(re.split(r"[\s'’-]", str(k).lower())[0] for k in lex[key])
    words.update(re.split(r"[\s'’-]", str(k).lower())[0] for k in lex["vague_numbers"])
    words.update(lex["first_words"])
    words.update(w.split("-")[0] for w in DAY_ORDINAL_WORDS)
    return frozenset(words)


def _matches(scanner: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """scanner.finditer(text), tried only at the starts of words that can begin an expression.

    Same matches as finditer (the scanner itself refuses starts inside words), several times faster
    on news text because most words cannot start a time expression.
    """
    first = _first_words()
    pos = 0
    for tok in _TOKEN.finditer(text):
        s = tok.start()
        if s < pos:
            continue
        word = tok.group()
        if word[0].isalpha():
            if word.lower() not in first:
                continue
        elif s and (text[s - 1].isalnum() or text[s - 1] in _NOT_BEFORE):
            continue
        m = scanner.match(text, s)
        if m is not None and m.end() > s:
            yield m
            pos = m.end()


def tag(
    text: str,
    dct: date | None,
    *,
    tense_of: Callable[[int], str | None] | None = None,
) -> list[TimeValue]:
    """Every time expression in ``text`` (sorted, non-overlapping), normalised against ``dct``.

    ``tense_of(offset)`` may give "past" | "present" | "future" for the clause at a character
    offset; without it (or when it answers None) cheap cue words of the sentence decide.

    >>> from datetime import date
    >>> [t.value for t in tag("He will travel to Oslo on Monday.", date(2019, 4, 24))]
    ['2019-04-29']
    """
    scanner, rules = _compiled()
    mods = lexicon()["prefix_mods"]
    state: dict[str, object] = {}
    out: list[TimeValue] = []
    taken = 0  # end of the last expression found beside a match ("April 24 and 25")
    for m in _matches(scanner, text):
        if m.start() < taken:
            continue
        key = m.lastgroup
        if key is None or key not in rules:
            continue
        name, rule_re, handler = rules[key]
        cs, ce = m.span(key)
        inner = rule_re.fullmatch(text, cs, ce)
        if inner is None:  # cannot happen unless a rule relies on context outside its span
            continue

        def tense(start: int = cs, end: int = ce) -> str | None:
            if _DEADLINE.search(text, max(0, start - 40), start) and (
                tense_near(text, start, end) != "past"
                or (
                    _WEEKDAY.search(text, start, end)
                    and _DEADLINE_SETTER.search(text, max(0, start - 80), start)
                )
            ):
                return "future"  # "have until Tuesday": a deadline looks ahead
            if tense_of is not None:
                t = tense_of(start)
                if t is not None:
                    return t
            return tense_near(text, start, end)

        ctx = Ctx(
            dct=dct,
            tense_fn=tense,
            state=state,
            text=text[cs:ce],
            before=text[max(0, cs - 30) : cs],
            after=text[ce : ce + 30],
            doc=text,
            start=cs,
        )
        try:
            norm = handler(inner.groupdict(), ctx)
        except (ValueError, OverflowError):
            # "700,000 weeks ago": arithmetic past the calendar's range; the phrase is not a usable date
            continue
        if norm is None or _is_title(text, cs, ce):
            continue
        remember(state, norm, ce)
        start = cs
        mod = norm.mod
        pre = m.group("pre")
        if pre:
            pmod = mods.get(re.sub(r"\s+", " ", pre.lower()).strip(" -"))
            keep = (
                pmod in _QUANT_MODS
                and (norm.type in ("DURATION", "TIME") or norm.counted)
                and not _PREPOSITION_MOD.match(pre + text[cs:ce])
            ) or (pmod in _POS_MODS and norm.type in ("DATE", "TIME") and not norm.counted)
            if keep:
                start, mod = m.start(), pmod
                half = _HALF_OF.match(pre)
                if half and norm.type == "DATE" and _YEAR_VALUE.fullmatch(norm.value):
                    # "the first half of 2012", "the first half of the year": TIMEX3 writes halves "-H1"
                    norm.value, mod = f"{norm.value}-H{1 if half.group(1).lower() == 'first' else 2}", None
        out.append(_make(text[start:ce], start, ce, norm, mod))
        if name == "month_day" and _DAY_VALUE.fullmatch(norm.value):
            second = _second_day(text, ce, norm)
            if second is not None:
                if second.value[:4] != norm.value[:4]:  # "May 3 or 4, 1999": the year is both days'
                    norm.value = second.value[:4] + norm.value[4:]
                    out[-1] = _make(out[-1].text, out[-1].start, out[-1].end, norm, out[-1].mod)
                out.append(second)
                remember(state, Norm("DATE", second.value), second.end)
                taken = second.end
    return out


#: "on April 24 and 25": a second day of the same month, its own expression
_AND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(\d{1,2})(?:st|nd|rd|th)?(?![\w%-]|[.,/:]\d|\s*(?:percent|[ap]\.?m\b))"
    r"(?:\s*,?\s+((?:1[6-9]|20)\d\d)(?!\d))?"
)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _second_day(text: str, end: int, first: Norm) -> TimeValue | None:
    """The day after "and" that follows a month-day expression, in the first one's month and year."""
    m = _AND_DAY.match(text, end)
    if m is None:
        return None
    day = int(m.group(1))
    if not int(first.value[8:]) < day <= 31:
        return None
    value = f"{m.group(2) or first.value[:4]}{first.value[4:8]}{day:02d}"
    if cal.span_of(value) is None:
        return None
    return _make(text[m.start(1) : m.end()], m.start(1), m.end(), Norm("DATE", value), None)


def _make(text: str, start: int, end: int, norm: Norm, mod: str | None) -> TimeValue:
    begin = end_day = None
    if norm.type in ("DATE", "TIME"):
        span = cal.span_of(norm.value)
        if span:
            begin, end_day = span
    return TimeValue(
        text=text,
        start=start,
        end=end,
        type=norm.type,
        value=norm.value,
        begin=begin,
        end_day=end_day,
        mod=mod,
        quant=norm.quant,
    )


def normalize(expression: str, dct: date | None, tense: str | None = None) -> TimeValue | None:
    """The TIMEX3 value of one expression (the longest one found in it), else dateparser's reading.

    >>> from datetime import date
    >>> normalize("three years", date(2019, 4, 24)).value
    'P3Y'
    >>> normalize("in February", date(2019, 4, 24), tense="past").value
    '2019-02'
    """
    found = tag(expression, dct, tense_of=lambda _offset: tense)
    best = max(found, key=lambda t: (t.end - t.start, -t.start)) if found else None
    rest = _LEADING.sub("", expression.strip())
    if best is not None and len(best.text) >= len(rest):
        return best
    from kg.time.fallback import parse_with_period

    parsed = parse_with_period(rest, dct) if rest else None
    if parsed is None:
        return best
    day, period = parsed
    value = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(
        period, day.isoformat()
    )
    stripped = expression.strip()
    start = expression.index(stripped) if stripped else 0
    return _make(stripped, start, start + len(stripped), Norm("DATE", value), None)


def as_interval(tv: TimeValue) -> str | None:
    """A week-end (or other calendar span) value as "YYYY-MM-DD/YYYY-MM-DD", as event gold writes it.

    >>> from datetime import date
    >>> as_interval(normalize("the weekend", date(2005, 12, 5), tense="past"))
    '2005-12-03/2005-12-04'
    """
    return cal.as_interval_value(tv.value)
