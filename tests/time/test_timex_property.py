"""Property tests: tag/normalize never crash, values follow the TIMEX3 grammar, offsets agree."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.time import normalize, tag
from kg.time.calendar import VALUE_RE

WORDS = [
    "on",
    "Friday",
    "last",
    "next",
    "week",
    "the",
    "end",
    "of",
    "June",
    "April",
    "26",
    "2019",
    "three",
    "years",
    "ago",
    "every",
    "year",
    "now",
    "recently",
    "1990s",
    "first",
    "quarter",
    "this",
    "summer",
    "at",
    "10:30",
    "a.m.",
    "weekend",
    "early",
    "mid-",
    "said",
    "will",
    "May",
    "may",
    "31,",
    "Oct.",
    "fall",
    "the past",
    "nearly",
    "two",
    "days",
    "tonight",
    "Q3",
    "fiscal",
    "1989",
    "half",
    "$",
    "%",
]
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))
dcts = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
tenses = st.sampled_from([None, "past", "present", "future"])


def check(tv, text):
    assert text[tv.start : tv.end] == tv.text
    assert tv.type in ("DATE", "TIME", "DURATION", "SET")
    assert VALUE_RE.match(tv.value), tv.value
    if tv.begin is not None:
        assert tv.end_day is not None and tv.begin <= tv.end_day


@settings(max_examples=300, deadline=None)
@given(texts, dcts, tenses)
def test_tag_is_total_and_consistent(text, dct, tense):
    found = tag(text, dct, tense_of=(lambda _o: tense) if tense else None)
    last_end = -1
    for tv in found:
        check(tv, text)
        assert tv.start >= last_end
        last_end = tv.end


@settings(max_examples=200, deadline=None)
@given(texts, dcts, tenses)
def test_normalize_is_total(text, dct, tense):
    tv = normalize(text, dct, tense)
    if tv is not None:
        check(tv, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_scan_equals_full_scan(text):
    from kg.time.tagger import _compiled, _matches

    scanner, _ = _compiled()
    assert [m.span() for m in _matches(scanner, text)] == [m.span() for m in scanner.finditer(text)]
