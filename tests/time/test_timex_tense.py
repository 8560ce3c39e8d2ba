"""Tense-aware anchoring: the same words, opposite tenses, different days and years."""

from __future__ import annotations

from datetime import date

from kg.time import normalize, tag

DCT = date(2019, 4, 24)  # Wednesday


def value(sentence: str, **kw) -> str:
    return tag(sentence, DCT, **kw)[0].value


def test_weekday_follows_tense():
    assert value("The envoy arrived on Friday.") == "2019-04-19"
    assert value("The envoy will arrive on Friday.") == "2019-04-26"
    assert value("The envoy is expected to arrive on Friday.") == "2019-04-26"
    assert value("The envoy met the premier on Monday.") == "2019-04-22"
    assert value("The envoy plans to meet the premier on Monday.") == "2019-04-29"


def test_explicit_weekday_modifiers():
    assert value("They met last Friday.") == "2019-04-19"
    assert value("They meet next Friday.") == "2019-04-26"
    assert value("They meet this Friday.") == "2019-04-26"


def test_month_year_follows_tense():
    assert value("Parliament voted on the bill in December.") == "2018-12"
    assert value("Parliament will vote on the bill in December.") == "2019-12"
    assert value("Parliament will vote on the bill in February.") == "2020-02"
    assert value("Parliament voted on the bill in February.") == "2019-02"
    assert value("They met last April.") == "2018-04"
    assert value("They meet next June.") == "2019-06"
    assert value("They met on March 3.") == "2019-03-03"
    assert value("They will meet on March 3.") == "2020-03-03"


def test_tense_callback_wins():
    sentence = "The envoy arrives on Friday."
    assert value(sentence, tense_of=lambda _o: "future") == "2019-04-26"
    assert value(sentence, tense_of=lambda _o: "past") == "2019-04-19"
    # None from the callback: the sentence's own cues decide
    assert tag("The envoy will arrive on Friday.", DCT, tense_of=lambda _o: None)[0].value == "2019-04-26"


def test_normalize_tense_argument():
    assert normalize("Friday", DCT, tense="future").value == "2019-04-26"
    assert normalize("Friday", DCT, tense="past").value == "2019-04-19"
    assert normalize("December", DCT, tense="past").value == "2018-12"
    assert normalize("December", DCT, tense="future").value == "2019-12"


def test_weekend_follows_tense():
    assert value("Protesters marched at the weekend.") == "2019-W16-WE"
    assert value("Protesters will march at the weekend.") == "2019-W17-WE"
