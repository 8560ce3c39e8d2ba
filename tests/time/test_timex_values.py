"""TIMEX3 values of each kind of expression, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kg.time import as_interval, normalize, tag

DCT = date(2019, 4, 24)  # a Wednesday


def first(sentence: str, dct: date | None = DCT, **kw):
    found = tag(sentence, dct, **kw)
    assert found, f"nothing found in {sentence!r}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "type_", "value"),
    [
        ("The envoy arrives on April 26 for talks.", "April 26", "DATE", "2019-04-26"),
        ("The envoy arrives on 26 April for talks.", "26 April", "DATE", "2019-04-26"),
        ("Talks should end at the end of June.", "the end of June", "DATE", "2019-06"),
        ("In February, the council met twice.", "February", "DATE", "2019-02"),
        ("A decision is due later in June.", "June", "DATE", "2019-06"),
        ("The cabinet will decide later this week.", "later this week", "DATE", "2019-W17"),
        ("The envoys met last week.", "last week", "DATE", "2019-W16"),
        ("The rebels left two weeks ago.", "two weeks ago", "DATE", "2019-W15"),
        ("The premier will travel to Oslo on Monday.", "Monday", "DATE", "2019-04-29"),
        ("A statement released on Sunday urged calm.", "Sunday", "DATE", "2019-04-21"),
        ("The talks lasted three years.", "three years", "DURATION", "P3Y"),
        ("The forum gathers every year.", "every year", "SET", "P1Y"),
        ("Trade grew in the past 30 years.", "the past 30 years", "DURATION", "P30Y"),
        ("The country is now at peace.", "now", "DATE", "PRESENT_REF"),
        ("The pact was recently renewed.", "recently", "DATE", "PAST_REF"),
        ("The border was drawn in the 1990s.", "the 1990s", "DATE", "199"),
        ("The treaty dates from 2019.", "2019", "DATE", "2019"),
        ("Exports fell in the first quarter.", "the first quarter", "DATE", "2019-Q1"),
        ("The summit is planned for this summer.", "this summer", "DATE", "2019-SU"),
        ("The minister resigned yesterday.", "yesterday", "DATE", "2019-04-23"),
        ("The minister will resign tomorrow.", "tomorrow", "DATE", "2019-04-25"),
        ("The delegation landed Friday.", "Friday", "DATE", "2019-04-19"),
        ("The accord was signed on October 31, 2006.", "October 31, 2006", "DATE", "2006-10-31"),
        ("Turnout rose this year.", "this year", "DATE", "2019"),
        ("Turnout rose earlier this year.", "earlier this year", "DATE", "2019"),
        ("Prices rose last month.", "last month", "DATE", "2019-03"),
        ("Elections are due next year.", "next year", "DATE", "2020"),
        ("The vote opened at 10:30 a.m. Tuesday.", "10:30 a.m. Tuesday", "TIME", "2019-04-23T10:30"),
        ("Crowds gathered at the weekend.", "the weekend", "DATE", "2019-W16-WE"),
        ("The mission ended on 2019-03-02.", "2019-03-02", "DATE", "2019-03-02"),
        ("Exports fell in the third quarter of 2017.", "the third quarter of 2017", "DATE", "2017-Q3"),
        ("Growth slowed in the second half of 2018.", "the second half of 2018", "DATE", "2018-H2"),
        ("The bridge opened in the 19th century.", "the 19th century", "DATE", "18"),
        ("Relations thawed in May 2015.", "May 2015", "DATE", "2015-05"),
        ("The talks broke down last night.", "last night", "TIME", "2019-04-23TNI"),
        ("The envoy spoke this morning.", "this morning", "TIME", "2019-04-24TMO"),
        ("Ships sail daily from the port.", "daily", "SET", "P1D"),
        ("Ministers meet every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The siege lasted 36 hours.", "36 hours", "DURATION", "PT36H"),
        ("The truce held for several months.", "several months", "DURATION", "PXM"),
        ("The plan will take a decade.", "a decade", "DURATION", "P10Y"),
        ("The war ended 20 years ago.", "20 years ago", "DATE", "1999"),
        ("The region voted last summer.", "last summer", "DATE", "2018-SU"),
        ("The fleet returns in the future.", "the future", "DATE", "FUTURE_REF"),
        ("The talks are currently stalled.", "currently", "DATE", "PRESENT_REF"),
        ("Unrest grew in the mid-1980s.", "the mid-1980s", "DATE", "198"),
        ("The envoy will return on Christmas Day.", "Christmas Day", "DATE", "2019-12-25"),
    ],
)
def test_values(sentence, text, type_, value):
    tv = first(sentence)
    assert (tv.text, tv.type, tv.value) == (text, type_, value)
    assert sentence[tv.start : tv.end] == tv.text


def test_mods_and_spans():
    tv = first("Talks should end at the end of June.")
    assert tv.mod == "END" and tv.begin == date(2019, 6, 1) and tv.end_day == date(2019, 6, 30)
    tv = first("Growth picked up in early 2019.")
    assert (tv.text, tv.value, tv.mod) == ("early 2019", "2019", "START")
    tv = first("The truce held for nearly two years.")
    assert (tv.text, tv.value, tv.mod) == ("nearly two years", "P2Y", "LESS_THAN")
    tv = first("Turnout rose in mid-November.")
    assert (tv.value, tv.mod) == ("2018-11", "MID")


def test_begin_end_for_calendar_spans():
    cases = {
        "The envoys met last week.": (date(2019, 4, 15), date(2019, 4, 21)),
        "Exports fell in the first quarter.": (date(2019, 1, 1), date(2019, 3, 31)),
        "The summit is planned for this summer.": (date(2019, 6, 1), date(2019, 8, 31)),
        "The border was drawn in the 1990s.": (date(1990, 1, 1), date(1999, 12, 31)),
        "The minister resigned yesterday.": (date(2019, 4, 23), date(2019, 4, 23)),
        "Turnout rose this year.": (date(2019, 1, 1), date(2019, 12, 31)),
        "Prices rose last month.": (date(2019, 3, 1), date(2019, 3, 31)),
    }
    for sentence, span in cases.items():
        tv = first(sentence)
        assert (tv.begin, tv.end_day) == span, sentence
    for sentence in ("The talks lasted three years.", "The forum gathers every year.", "It is now over."):
        tv = first(sentence)
        assert tv.begin is None and tv.end_day is None


def test_intervals():
    tv = first("The summit runs April 25-27 in Oslo.")
    assert (tv.text, tv.value) == ("April 25-27", "2019-04-25/2019-04-27")
    assert (tv.begin, tv.end_day) == (date(2019, 4, 25), date(2019, 4, 27))
    tv = first("Talks on 25-27 April 2018 failed.")
    assert tv.value == "2018-04-25/2018-04-27"


def test_this_weekend_by_tense():
    assert first("Talks began this weekend.").value == "2019-W16-WE"
    assert first("Talks will begin this weekend.").value == "2019-W17-WE"


def test_set_quant():
    assert first("The forum gathers every year.").quant == "EVERY"
    assert first("The council meets each week.").quant == "EACH"


def test_weekend_interval():
    tv = normalize("the weekend", date(2005, 12, 5), tense="past")
    assert tv is not None and tv.value == "2005-W48-WE"
    assert as_interval(tv) == "2005-12-03/2005-12-04"
    assert as_interval(first("The envoys met last week.")) == "2019-04-15/2019-04-21"
    assert as_interval(first("The talks lasted three years.")) is None


def test_no_dct_leaves_relative_values_underspecified():
    assert first("Talks resume in June.", None).value == "XXXX-06"
    assert first("The envoys met last week.", None).value == "XXXX-WXX"
    assert first("The minister resigned yesterday.", None).value == "XXXX-XX-XX"
    assert first("It is now over.", None).value == "PRESENT_REF"
    tv = first("The accord was signed on October 31, 2006.", None)
    assert tv.value == "2006-10-31" and tv.begin == date(2006, 10, 31)
    tv = first("The envoys met last week.", None)
    assert tv.begin is None and tv.end_day is None


def test_normalize():
    assert normalize("three years", DCT).value == "P3Y"
    assert normalize("on April 26", DCT).value == "2019-04-26"
    assert normalize("In February", DCT, tense="past").value == "2019-02"
    assert normalize("nothing temporal here", DCT) is None
    assert normalize("", DCT) is None


def test_normalize_falls_back_to_dateparser():
    # a written-out format the grammar leaves to dateparser
    tv = normalize("2019.04.26", DCT)
    assert tv is not None and tv.value == "2019-04-26"


def test_sorted_and_non_overlapping():
    text = (
        "On Monday the minister said that in the past three years, and again last week, the two "
        "states met every year; the next round opens on June 3 and ends at the end of June 2020."
    )
    found = tag(text, DCT)
    assert len(found) >= 6
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for tv in found:
        assert text[tv.start : tv.end] == tv.text


def test_ages_and_money_are_not_times():
    assert tag("The 45-year-old envoy paid $2019 for 1,990 tickets.", DCT) == []


def test_expressions_beyond_the_calendar_do_not_crash() -> None:
    """Regression: Reuters-21578 doc 2572 crashed the build with OverflowError (date out of range)."""
    from datetime import date

    from kg.time import tag

    out = tag("Output fell 500,000 weeks ago and 99999999 years ago, officials said.", date(1987, 3, 4))
    assert all(t.value for t in out)
