"""Issue 5: fractions, anaphoric anchors, year phrases, tense cues (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.time import tag
from kg.time.tense import tense_near

DCT = date(2019, 4, 24)  # a Wednesday


def found(sentence: str, dct: date | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(sentence, dct)]


def only(sentence: str, dct: date | None = DCT) -> tuple[str, str, str]:
    out = found(sentence, dct)
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The refugees waited 2 1/2 years for a visa.", "2 1/2 years", "P2Y6M"),
        ("The envoy stayed 5 1/2 hours in the capital.", "5 1/2 hours", "PT5H30M"),
        ("The shelling stopped for a minute and a half.", "a minute and a half", "PT1M30S"),
        ("The ceasefire held for one and a half days.", "one and a half days", "P1DT12H"),
        ("The audit took half a year.", "half a year", "P6M"),
        ("The blockade lasted 1.5 weeks.", "1.5 weeks", "P1.5W"),
        ("The reform needs a couple of years.", "a couple of years", "P2Y"),
        ("Trade may double in the next couple of years.", "the next couple of years", "P2Y"),
    ],
)
def test_durations(sentence, text, value):
    assert only(sentence) == (text, "DURATION", value)


def test_fraction_does_not_swallow_a_date():
    assert found("The envoy stayed 5 hours on 1/25/2019.") == [
        ("5 hours", "DURATION", "PT5H"),
        ("1/25/2019", "DATE", "2019-01-25"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The accord was signed on March 3, 2001. The next day, the rebels withdrew.",
            [("March 3, 2001", "DATE", "2001-03-03"), ("The next day", "DATE", "2001-03-04")],
        ),
        (
            "The border reopened in June 1998 and closed again later that year.",
            [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")],
        ),
        (
            "Troops left on 12 May 2004; the mayor resigned the same day.",
            [("12 May 2004", "DATE", "2004-05-12"), ("the same day", "DATE", "2004-05-12")],
        ),
        (
            "The pact collapsed in October 2010. Later that month, talks resumed.",
            [("October 2010", "DATE", "2010-10"), ("Later that month", "DATE", "2010-10")],
        ),
        (
            "The envoy arrived on Monday, June 3, 2002 and left the following morning.",
            [
                ("Monday, June 3, 2002", "DATE", "2002-06-03"),
                ("the following morning", "TIME", "2002-06-04TMO"),
            ],
        ),
        (
            "Exports fell in 2012. That year, imports rose.",
            [("2012", "DATE", "2012"), ("That year", "DATE", "2012")],
        ),
    ],
)
def test_anaphora_follows_the_last_date_named(sentence, expected):
    assert found(sentence) == expected


def test_anaphora_without_an_anchor():
    # no date named before: "that year" is left untagged, "the previous day" counts from the DCT
    assert found("That year was hard for the farmers.") == []
    assert only("The rebels had withdrawn the previous day.") == ("the previous day", "DATE", "2019-04-23")


def test_year_end_and_the_year():
    tv = tag("The ministry expects a deal by year end.", DCT)[0]
    assert (tv.text, tv.value, tv.mod) == ("year end", "2019", "END")
    assert only("Exports rose 4% for the year.") == ("the year", "DATE", "2019")
    assert only("Sales for the full year were flat.") == ("the full year", "DATE", "2019")
    assert found("Revenue rose in the fiscal year ended June 30.")[0] == (
        "the fiscal year",
        "DURATION",
        "P1Y",
    )


def test_month_with_a_following_year_phrase():
    dct = date(2019, 12, 3)
    # the year phrase is part of the expression (one TIMEX3, as the TimeML corpora have it)
    assert found("The process began in February this year.", dct) == [
        ("February this year", "DATE", "2019-02")
    ]
    assert found("The mission ended in March of last year.", dct)[0] == (
        "March of last year",
        "DATE",
        "2018-03",
    )


def test_holidays():
    assert only("The boy was rescued Thanksgiving Day clinging to a raft.", date(1999, 12, 1)) == (
        "Thanksgiving Day",
        "DATE",
        "1999-11-25",
    )
    assert only("Crowds gathered last Christmas.") == ("last Christmas", "DATE", "2018-12-25")
    assert only("The summit opens next Christmas Eve.") == ("next Christmas Eve", "DATE", "2019-12-24")


def test_recent():
    assert only("The recent attacks alarmed the envoys.") == ("recent", "DATE", "PAST_REF")
    assert only("Exports grew in recent years.") == ("recent years", "DURATION", "PXY")


def test_clock_with_a_date_and_week_of():
    assert only("The offer expires at 5 p.m. EST Nov. 9.", date(1989, 11, 1)) == (
        "5 p.m. EST Nov. 9",
        "TIME",
        "1989-11-09T17:00",
    )
    assert only("The court sits the week of March 6, 2000.") == (
        "the week of March 6, 2000",
        "DATE",
        "2000-W10",
    )


def test_halves_and_final_quarters():
    assert only("Profits will shrink in the last half of 2017.") == (
        "the last half of 2017",
        "DATE",
        "2017-H2",
    )
    assert only("Sales rose in the final quarter of 2016.") == (
        "the final quarter of 2016",
        "DATE",
        "2016-Q4",
    )
    assert only("Sales rose in the last quarter.") == ("the last quarter", "DATE", "2019-Q1")


@pytest.mark.parametrize(
    ("sentence", "phrase", "tense"),
    [
        # "next to" is a place, not a future cue
        ("Two men were hurt in the blast next to the embassy on Friday.", "Friday", "past"),
        # "as soon as" / "as early as" look ahead
        ("The convoy could leave as soon as Tuesday.", "Tuesday", "future"),
        # a deadline that "had been due" lies in the past
        ("The offer had been due to expire Friday.", "Friday", "past"),
        # a future cue earlier in the clause outweighs a nearer past participle
        ("The airline will add flights untouched by the crisis by August.", "August", "future"),
        # ... nor past a finite past verb of its own clause
        ("It will be his first trip since he was elected in January.", "January", "past"),
        ("Tension rose ahead of the election in December.", "December", "future"),
        # ... but not across a closing quote and a reporting verb
        ("Exiles will ``fight the ruling,'' the minister predicted Wednesday.", "Wednesday", "past"),
    ],
)
def test_tense_cues(sentence, phrase, tense):
    i = sentence.index(phrase)
    assert tense_near(sentence, i, i + len(phrase)) == tense


def test_sentence_start_expression_does_not_see_the_previous_sentence():
    text = "Officials will meet next week. In January, a bomb exploded."
    i = text.index("January")
    assert tense_near(text, i, i + len("January")) == "past"
    assert found(text, date(2019, 10, 25))[-1] == ("January", "DATE", "2019-01")


def test_the_day_in_market_reports():
    dct = date(2009, 2, 23)
    assert found("The index fell 3% to end the day at 7,114.", dct) == [("the day", "DATE", "2009-02-23")]
    assert found("For the day, the index closed down.", dct) == [("the day", "DATE", "2009-02-23")]
    assert found("Shares recovered later in the day.", dct) == [("later in the day", "DATE", "2009-02-23")]
    assert found("He left the day before.", dct) == []
    assert found("It was the day of the vote.", dct) == []


def test_daily_as_adjective_and_as_newspaper():
    assert only("Thousands joined a daily rally in the square.") == ("daily", "SET", "P1D")
    assert found("The officials resigned, the daily said.") == []
    assert found("The daily Le Monde ran the story.") == []


def test_award_titles_and_appositions_are_not_the_dct_year():
    assert found("She was named player of the year.") == []
    assert found("He moved in 1981, the year before the war.")[0] == ("1981", "DATE", "1981")
    assert len(found("He moved in 1981, the year before the war.")) == 1


def test_the_week_and_the_month_of_the_story():
    dct = date(2009, 2, 23)
    tv = tag("Troops will arrive by the end of the month.", dct)[0]
    assert (tv.text, tv.value, tv.mod) == ("the end of the month", "2009-02", "END")
    assert found("For the week, the index dropped 3.8%.", dct) == [("the week", "DATE", "2009-W09")]
    assert found("It was the week of reckoning.", dct) == []


def test_previous_and_following_units_follow_the_last_date_named():
    dct = date(2006, 12, 14)
    assert found("Retail sales rose in October 2006 from the previous month.", dct)[-1] == (
        "the previous month",
        "DATE",
        "2006-09",
    )
    assert found("The talks collapsed in 1994 and resumed the following year.", dct)[-1] == (
        "the following year",
        "DATE",
        "1995",
    )
    # nothing named before: counted from the DCT
    assert only("Sales fell from the previous month.", dct) == ("the previous month", "DATE", "2006-11")


def test_two_digit_decades_after_the():
    assert only("Cars of the 70s were boxy.") == ("the 70s", "DATE", "197")
    assert found("He is in his 70s.") == []


def test_term_references():
    assert only("Growth looks weak in the near term.") == ("the near term", "DATE", "FUTURE_REF")
    assert only("The plant is secure for the long term.") == ("the long term", "DATE", "FUTURE_REF")


def test_trading_and_business_days():
    assert only("Stocks fell for the past five trading days.") == (
        "the past five trading days",
        "DURATION",
        "P5D",
    )
    assert only("The bank must answer within 30 business days.") == ("30 business days", "DURATION", "P30D")


def test_month_day_with_a_following_year_phrase():
    assert found("He was arrested on June 23 last year.", date(1997, 4, 14))[0] == (
        "June 23 last year",
        "DATE",
        "1996-06-23",
    )


def test_or_so_before_ago():
    assert only("A week or so ago, the general flew in.") == ("A week or so ago", "DATE", "2019-W16")


def test_quarter_of_a_possessive_year():
    dct = date(1989, 10, 30)
    assert only("The split may take effect in next year's first quarter.", dct) == (
        "next year's first quarter",
        "DATE",
        "1990-Q1",
    )
    assert only("Profit fell in last year's fourth quarter.", dct) == (
        "last year's fourth quarter",
        "DATE",
        "1988-Q4",
    )
