"""Error classes fixed for issue 5 (TIMEX3 value F1), one invented sentence or more each."""

from __future__ import annotations

from datetime import date

import pytest

from kg.time import tag

DCT = date(2019, 4, 24)  # a Wednesday


def found(sentence: str, dct: date | None = DCT) -> list[tuple[str, str, str, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in tag(sentence, dct)]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Repairs to the pipeline will take two to three weeks.", "two to three weeks", "PXW"),
        ("The ceasefire talks lasted three or four days.", "three or four days", "PXD"),
        ("Observers expect elections in the next 12 to 18 months.", "the next 12 to 18 months", "PXM"),
        ("The plant will close for 5-10 years.", "5-10 years", "PXY"),
        ("The envoy shuttled for 2 to 3 hours between the camps.", "2 to 3 hours", "PTXH"),
    ],
)
def test_ranges_of_counts_are_one_duration(sentence: str, text: str, value: str) -> None:
    assert found(sentence) == [(text, "DURATION", value, None)]


def test_range_that_is_not_rising_is_the_last_count() -> None:
    assert found("The home side won 3-2 minutes before the whistle.")[0][1:3] == ("DURATION", "PT2M")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Border clashes have grown in recent years.", "PXY"),
        ("Aid convoys were blocked in recent weeks.", "PXW"),
        ("In recent days the two sides traded accusations.", "PXD"),
    ],
)
def test_recent_units_are_durations(sentence: str, value: str) -> None:
    assert found(sentence)[0][1:3] == ("DURATION", value)


def test_over_and_under_as_prepositions_are_no_modifiers() -> None:
    assert found("Trade has doubled over the past three years.") == [
        ("the past three years", "DURATION", "P3Y", None)
    ]
    assert found("The mandate ran for over two years.") == [
        ("over two years", "DURATION", "P2Y", "MORE_THAN")
    ]


def test_universal_time_is_written_with_z() -> None:
    assert found("The markets reopened at 14:30 GMT.") == [("14:30 GMT", "TIME", "2019-04-24T14:30Z", None)]
    assert found("The index fell 3% by 16:08 UTC.")[0][2] == "2019-04-24T16:08Z"
    assert found("The polls closed at 8 p.m. EST.")[0][2] == "2019-04-24T20:00"


def test_four_digit_universal_times() -> None:
    assert found("At 0800 UTC, the central banks cut rates.") == [
        ("0800 UTC", "TIME", "2019-04-24T08:00Z", None)
    ]
    assert found("The quake struck at 0735 GMT on Monday.")[0][1:3] == ("TIME", "2019-04-22T07:35Z")
    # not a year, and without a zone not a time
    assert found("The fortress was built in 1600.")[0][2] == "1600"


def test_bracketed_universal_time_restating_a_local_one_is_left_out() -> None:
    assert found("The blast occurred at 10:35 a.m. (0735 GMT) Monday, officials said.") == [
        ("10:35 a.m.", "TIME", "2019-04-22T10:35", None),
        ("Monday", "DATE", "2019-04-22", None),
    ]


def test_bare_clock_time_is_on_the_day_its_sentence_named() -> None:
    values = [t[2] for t in found("The jet made its first flight on Monday, landing at 6 p.m. in Seattle.")]
    assert values == ["2019-04-22", "2019-04-22T18:00"]
    # a new sentence falls back to the DCT
    values = [t[2] for t in found("The jet flew on Monday. The crew spoke at 6 p.m.")]
    assert values == ["2019-04-22", "2019-04-24T18:00"]


def test_would_points_a_weekday_forward() -> None:
    assert found("The minister said talks would resume on Friday.")[0][2] == "2019-04-26"


def test_ahead_of_does_not_outweigh_a_nearer_past_verb() -> None:
    sentence = "Just ahead of the summit, the ministry on Sunday issued a travel warning."
    assert found(sentence)[0][2] == "2019-04-21"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("In January nineteen ninety-seven a bomb went off.", "January nineteen ninety-seven", "1997-01"),
        (
            "The trial opens on June third, nineteen ninety-eight.",
            "June third, nineteen ninety-eight",
            "1998-06-03",
        ),
        ("The talks began on March fifth.", "March fifth", "2019-03-05"),
        ("They ended on the twenty-first of March.", "the twenty-first of March", "2019-03-21"),
        ("The fleet sailed on September the 11th.", "September the 11th", "2018-09-11"),
        ("The law took effect in May two thousand and one.", "May two thousand and one", "2001-05"),
    ],
)
def test_spoken_days_and_years_with_a_month(sentence: str, text: str, value: str) -> None:
    assert found(sentence) == [(text, "DATE", value, None)]


def test_spelt_out_day_needs_a_real_month() -> None:
    assert found("He may first consult his lawyers.") == []
    assert found("In September the 11-nation group met.")[0][0] == "September"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The envoys left their day-long meeting.", "day-long", "P1D"),
        ("The rivals ended a decades-long feud.", "a decades-long", "PXDE"),
        ("The army began a two-year-long campaign.", "two-year-long", "P2Y"),
    ],
)
def test_long_adjectives_are_durations(sentence: str, text: str, value: str) -> None:
    assert found(sentence) == [(text, "DURATION", value, None)]


def test_bare_short_units_after_a_preposition() -> None:
    assert found("Markets fell in just minutes.") == [("minutes", "DURATION", "PTXM", None)]
    assert found("The crisis spread within days.") == [("days", "DURATION", "PXD", None)]
    assert found("On days when prices fall, traders panic.") == []


def test_apostrophe_years() -> None:
    assert found("Shares hit their lowest level since '82.") == [("'82", "DATE", "1982", None)]
    assert found("The class of '05 met again.")[0][2] == "2005"
    assert found("Growth slowed in the '90s.")[0][2] == "199"


def test_lower_case_may_is_the_verb() -> None:
    assert found("This may change the vote.") == []
    assert found("The vote is set for this May.") == [("this May", "DATE", "2019-05", None)]


def test_month_with_a_relative_year_is_one_expression() -> None:
    assert found("Canada ratified the pact in February this year.") == [
        ("February this year", "DATE", "2019-02", None)
    ]
    assert found("The three states join in April next year.") == [
        ("April next year", "DATE", "2020-04", None)
    ]
    assert found("The attack on June 23 last year was condemned.") == [
        ("June 23 last year", "DATE", "2018-06-23", None)
    ]


def test_apostrophe_year_needs_a_preposition() -> None:
    assert found("Apple unveiled its iLife '11 suite.") == []


def test_fractions_decimals_and_idioms_are_no_times() -> None:
    assert found("Funds hold more than a quarter of the market.") == []
    assert found("Losses came after several quarters of growth.")[0][1:3] == ("DURATION", "PXQ")
    assert found("The index closed at 2082.1 points.") == []
    assert found("For Poland, high noon comes at last.") == []
    assert found("The vote closes at noon.")[0][2] == "2019-04-24T12:00"


def test_references_inside_compounds_are_no_times() -> None:
    assert found("The now-defunct airline left a current-account gap.") == []


def test_second_day_after_and_is_its_own_expression() -> None:
    assert found("The summit is held on April 24 and 25.") == [
        ("April 24", "DATE", "2019-04-24", None),
        ("25", "DATE", "2019-04-25", None),
    ]
    assert [t[2] for t in found("Polls open on May 3 or 4th, 1999.")] == ["1999-05-03", "1999-05-04"]
    assert [t[0] for t in found("Prices rose on March 3 and 25 percent fell.")] == ["March 3"]


def test_latest_unit_is_the_last_one() -> None:
    assert found("Sales rose in the latest fiscal year.") == [
        ("the latest fiscal year", "DATE", "2018", None)
    ]


# ---------------------------------------------------------------- second round


def test_abbreviation_full_stops_end_no_sentence_for_tense() -> None:
    # "Gen." must not cut the sentence before its past verb: the month is the last one
    sentence = "In January, a week after Gen. Odinga arrived, rebels shelled the airport."
    assert found(sentence, date(2019, 10, 25))[0][:3] == ("January", "DATE", "2019-01")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The court postponed until Monday any ruling on the appeal.", "2019-04-29"),
        ("Exiles have until Friday to register for the ballot.", "2019-04-26"),
        ("The summit was adjourned until Tuesday.", "2019-04-30"),
        ("Militias must disarm no later than Monday.", "2019-04-29"),
    ],
)
def test_deadline_weekdays_look_ahead(sentence: str, value: str) -> None:
    assert found(sentence)[0][2] == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The strike lasted until Monday.", "2019-04-22"),
        ("It was not until Monday that the envoy spoke.", "2019-04-22"),
        ("Until Monday, the ministry had denied the report.", "2019-04-22"),
        ("An earlier resolution gave the militia until March 31 to disarm.", "2019-03-31"),
    ],
)
def test_until_in_a_past_clause_stays_past(sentence: str, value: str) -> None:
    assert found(sentence)[0][2] == value


def test_planned_looks_ahead() -> None:
    assert found("Rebels planned a march in the capital on Saturday.")[0][2] == "2019-04-27"


def test_year_earlier_adjective_after_a() -> None:
    sentence = "Profit rose in the third quarter, against a year-earlier loss of $2 million."
    assert found(sentence, date(2019, 11, 2))[1][:3] == ("year-earlier", "DATE", "2018-Q3")


def test_current_quarter_is_the_dcts_own() -> None:
    assert found("The current quarter had begun well, he said.", date(2019, 11, 2))[0][2] == "2019-Q4"


def test_weekday_ending_a_headline_is_not_joined_to_the_dateline() -> None:
    text = "Bourses shut until Friday\nSeptember 19, 2019\nThe government has kept the bourses shut."
    assert [t[0] for t in found(text, date(2019, 9, 19))] == ["Friday", "September 19, 2019"]
    assert found("They met on Friday, September 13, 2019.")[0][0] == "Friday, September 13, 2019"


@pytest.mark.parametrize(
    "sentence",
    [
        "The newspaper Gazette Today quoted the envoy.",
        'The minister said on the broadcaster\'s "This Week" that talks would go on.',
    ],
)
def test_capitalised_day_words_in_mid_sentence_are_titles(sentence: str) -> None:
    assert found(sentence) == []


def test_capitalised_day_words_opening_a_sentence_stay() -> None:
    assert found("Talks failed. Today, the envoy flies home.")[0][:3] == ("Today", "DATE", "2019-04-24")
    assert found("April 24, 2019\nYesterday, the envoy flew home.")[1][:3] == (
        "Yesterday",
        "DATE",
        "2019-04-23",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The merger will be completed in October.",
        "The bonus would be paid on a date in October to holders of record.",
        "The merger should be completed in October.",
    ],
)
def test_passive_participles_are_no_past_cue(sentence: str) -> None:
    assert found(sentence, date(2019, 6, 24))[0][2] == "2019-10"


def test_a_unit_after_a_sentence_ending_in_a_number_is_no_rate() -> None:
    # "$2 a day" is a rate; "... in May 2011. A month later" starts a new sentence
    assert found("Rebels took the port in May 2011. A month later, they lost it.") == [
        ("May 2011", "DATE", "2011-05", None),
        ("A month", "DURATION", "P1M", None),
    ]
    assert found("Farmers earn $2 a day.") == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Exports fell in the first half of 2016.", "the first half of 2016", "2016-H1"),
        ("Exports fell in the first half of the year.", "the first half of the year", "2019-H1"),
        ("Exports will rise in the second half of the year.", "the second half of the year", "2019-H2"),
        ("Exports will rise in the first half of next year.", "the first half of next year", "2020-H1"),
    ],
)
def test_halves_of_a_year_are_h1_h2(sentence: str, text: str, value: str) -> None:
    assert found(sentence) == [(text, "DATE", value, None)]


def test_half_of_a_month_keeps_the_start_mod() -> None:
    assert found("The rains came in the first half of March.") == [
        ("the first half of March", "DATE", "2019-03", "START")
    ]


def test_days_earlier_count_back_from_the_last_day_named() -> None:
    # the reference time, not the DCT: Thursday before the Friday of the previous sentence
    assert found("The truce was signed on Friday. A day earlier, the army shelled the town.") == [
        ("Friday", "DATE", "2019-04-19", None),
        ("A day earlier", "DATE", "2019-04-18", None),
    ]
    # without a day named before, the DCT
    assert found("A day earlier, the army shelled the town.")[0][2] == "2019-04-23"
    # "ago" and figures compared "a year earlier" stay on the DCT
    assert found("Talks began on March 3. Two days ago, they collapsed.")[1][2] == "2019-04-22"
    assert found("The 2016 budget fell to 40 percent from 42 percent a year earlier.")[1][2] == "2018"


def test_the_next_year_in_a_past_narrative_follows_the_year_named() -> None:
    assert found("The accord was signed in 1995. The next year, fighting resumed.")[1][2] == "1996"
    assert found("The ministry will spend more over the next year.")[0][2] == "2020"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        (
            "Sales rose 8 percent in February compared with the same period last year.",
            "the same period last year",
            "2018-02",
        ),
        (
            "Profit fell in the first quarter from $3 million in the same period a year earlier.",
            "the same period a year earlier",
            "2018-Q1",
        ),
        (
            "Profit fell in the third quarter from $3 million in the same quarter of 2016.",
            "the same quarter of 2016",
            "2016-Q3",
        ),
        (
            "Exports fell in 2017 from the same period of the previous year.",
            "the same period of the previous year",
            "2016",
        ),
    ],
)
def test_the_same_period_a_year_before_is_the_stretch_talked_about(
    sentence: str, text: str, value: str
) -> None:
    assert (text, "DATE", value, None) in found(sentence)


def test_a_reported_next_year_is_no_past_narrative() -> None:
    # past reporting verb, but the year after the one named lies ahead of the DCT: the DCT's next year
    assert (
        found("Targets for fiscal 2020 were cut; the ministry projected growth in the next fiscal year.")[1][
            2
        ]
        == "2020"
    )


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Rebels shelled the port overnight, officials said.", "2019-04-23TNI"),
        ("Police detained 20 people overnight in the capital.", "2019-04-23TNI"),
        ("Troops will patrol the border overnight.", "2019-04-24TNI"),
        # the night before the day the story is at
        ("Markets fell on Friday after overnight losses in Tokyo.", "2019-04-18TNI"),
    ],
)
def test_overnight_is_the_night_before(sentence: str, value: str) -> None:
    assert ("overnight", "TIME", value, None) in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank raised overnight rates.",
        "The delegation made an overnight stop in Rome.",
        "Peace will not come overnight.",
    ],
)
def test_overnight_as_a_modifier_or_manner_is_no_time(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The ultimatum ran out at midnight Friday.", "midnight Friday", "2019-04-19T24:00"),
        ("The ultimatum ran out on Friday at midnight.", "Friday at midnight", "2019-04-19T24:00"),
        ("A curfew began at midnight.", "midnight", "2019-04-24T00:00"),
    ],
)
def test_midnight_of_a_named_day_is_its_end(sentence: str, text: str, value: str) -> None:
    assert found(sentence) == [(text, "TIME", value, None)]
