"""Event extraction on sentences written for the tests (real spaCy model)."""

from __future__ import annotations

import pytest


@pytest.fixture
def events(analyze):  # type: ignore[no-untyped-def]
    return lambda text, published="2019-04-24": analyze(text, published).events


def by_type(evs, etype):  # type: ignore[no-untyped-def]
    return [e for e in evs if e.type == etype]


def labels(ev):  # type: ignore[no-untyped-def]
    return [p.label for p in ev.participants]


def test_planned_meeting_with_place_and_weekday(events) -> None:  # type: ignore[no-untyped-def]
    (ev,) = by_type(
        events("Russian President Vladimir Putin will meet Xi Jinping in Beijing on Friday."), "MEETING"
    )
    assert set(labels(ev)) == {"Vladimir Putin", "Xi Jinping"}
    assert ev.place is not None and ev.place.label == "Beijing"
    assert ev.time is not None and ev.time.value == "2019-04-26"
    assert ev.status == "planned"
    assert ev.cameo and ev.plover


def test_happened_meeting_in_past_tense(events) -> None:  # type: ignore[no-untyped-def]
    (ev,) = by_type(events("Putin met Chinese President Xi Jinping in Beijing on Monday."), "MEETING")
    assert ev.status == "happened"
    assert ev.time is not None and ev.time.value == "2019-04-22"


@pytest.mark.parametrize(
    "text",
    [
        "Putin did not meet Xi Jinping in Beijing.",
        "If Putin meets Xi Jinping, the two sides could sign a deal.",
        "Putin hopes to visit Beijing one day.",
    ],
)
def test_negated_and_hypothetical_events_are_dropped(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in events(text) if e.type in {"MEETING", "VISIT"}]


def test_cancelled_visit(events) -> None:  # type: ignore[no-untyped-def]
    (ev,) = by_type(events("Tung Chee-hwa said he had scrapped plans to visit the United States."), "VISIT")
    assert ev.status == "cancelled"
    assert labels(ev)[0].casefold() == "tung chee-hwa"


def test_visit_to_a_city_has_the_country_as_host_and_the_city_as_place(events) -> None:  # type: ignore[no-untyped-def]
    (ev,) = by_type(events("Vladimir Putin will travel to Beijing next week."), "VISIT")
    roles = {p.role: p.label for p in ev.participants}
    assert roles == {"visitor": "Vladimir Putin", "host": "China"}
    assert ev.place is not None and ev.place.label == "Beijing"
    assert ev.time is not None and ev.time.value == "2019-W18"


def test_statement_speaker_and_outlet(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Russian President Vladimir Putin said in an interview with People\'s Daily that ties were "stable".'
    )
    (ev,) = by_type(events(text), "STATEMENT")
    roles = {p.role: p.label for p in ev.participants}
    assert roles == {"speaker": "Vladimir Putin", "audience": "People's Daily"}


def test_praised_person_is_not_a_speaker(events) -> None:  # type: ignore[no-untyped-def]
    assert not by_type(
        events("British Prime Minister Tony Blair was praised abroad on Saturday."), "STATEMENT"
    )


def test_agreement_parties(events) -> None:  # type: ignore[no-untyped-def]
    text = "Russia and China signed an agreement on energy cooperation in Moscow on Monday."
    (ev,) = by_type(events(text), "AGREEMENT")
    assert set(labels(ev)) == {"Russia", "China"}
    assert ev.cameo == "057"


def test_one_event_per_occurrence_within_a_document(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Vladimir Putin is expected to meet Xi Jinping in Beijing on April 26.\n\n"
        "Putin is to hold talks with his Chinese counterpart Xi Jinping during his visit to Beijing."
    )
    meetings = by_type(events(text), "MEETING")
    assert len(meetings) == 1
    assert meetings[0].more_sources, "the second sentence is kept as a further source"


def test_relative_dates_stay_unresolved_without_a_publication_date(events) -> None:  # type: ignore[no-untyped-def]
    (ev,) = by_type(
        events("Vladimir Putin will meet Xi Jinping in Beijing on Friday.", published=None), "MEETING"
    )
    assert ev.time is None or not ev.time.value[:1].isdigit()


def test_listed_officials_are_separate_meetings(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In Turkey, Levy will also meet President Suleyman Demirel, Foreign Minister Tansu Ciller and "
        "army chief Ismail Karadayi."
    )
    meetings = by_type(events(text, "1997-04-08"), "MEETING")
    assert len(meetings) >= 2
    assert all(len(m.participants) == 2 for m in meetings)


def test_talks_that_are_the_purpose_of_a_trip_are_planned_and_undated(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "German Foreign Minister Frank-Walter Steinmeier arrived in Ankara on Monday for talks with "
        "Turkish leaders, including a meeting with Prime Minister Recep Tayyip Erdogan.",
        "2006-10-09",
    )
    (visit,) = by_type(evs, "VISIT")
    assert visit.status == "happened" and visit.time is not None and visit.time.value == "2006-10-09"
    meeting = next(e for e in by_type(evs, "MEETING") if any("Erdo" in x for x in labels(e)))
    assert meeting.status == "planned"
    assert meeting.time is None


def test_a_scheduled_meeting_joined_to_a_dated_clause_keeps_its_own_day(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Lavrov held talks in Hanoi on Friday and on Saturday was scheduled to meet with Vietnamese "
        "President Nguyen Minh Triet.",
        "2006-11-17",  # a Friday
    )
    meeting = next(e for e in by_type(evs, "MEETING") if "Nguyen Minh Triet" in labels(e))
    assert meeting.time is not None and meeting.time.value == "2006-11-18"
    assert meeting.status == "planned"


def test_a_date_modifying_the_trigger_dates_the_event(events) -> None:  # type: ignore[no-untyped-def]
    (summit,) = by_type(
        events("The SCO adopted its charter at this week's summit in Astana.", "2005-12-15"), "MEETING"
    )
    assert summit.time is not None and summit.time.value == "2005-W50"
    (treaty,) = by_type(
        events("He evoked the 1984 Joint Declaration agreement between Britain and China."), "AGREEMENT"
    )
    assert treaty.time is not None and treaty.time.value == "1984"


def test_a_date_modifying_another_noun_does_not_date_the_event(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Blair sealed agreement with EU leaders on a tighter 2007-2013 spending package.", "2005-12-17"
    )
    (deal,) = by_type(evs, "AGREEMENT")
    assert deal.time is None or not deal.time.value.startswith(("2007", "2013"))
    assert deal.status == "happened"


def test_one_speaker_on_two_days_gives_two_statements(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chinese Foreign Minister Li Zhaoxing said on Monday that Beijing opposed the sanctions against Iran.\n\n"
        "The sanctions were drafted by France and Britain and would ban trade in nuclear materials and "
        "missile parts, freeze the assets of a dozen companies and bar travel by their managers.\n\n"
        "Diplomats in New York expected a vote by the end of the week, after weeks of bargaining in which "
        "Russia and China watered down every draft the three European powers put before the council.\n\n"
        "Li said Beijing would keep talking to Tehran and to the European Union."
    )
    statements = [e for e in by_type(events(text, "2006-12-13"), "STATEMENT") if "Li Zhaoxing" in labels(e)]
    assert sorted(e.time.value for e in statements if e.time) == ["2006-12-11", "2006-12-13"]


def test_the_subject_of_the_clause_did_not_sign_a_participle_agreement(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "The Mexican Senate on Friday approved a free trade agreement signed last year.", "2005-12-17"
    )
    assert not by_type(evs, "AGREEMENT")
    (signed,) = by_type(
        events("Parliament approved the treaty signed by Chile and Peru in 2004."), "AGREEMENT"
    )
    assert set(labels(signed)) == {"Chile", "Peru"}


def test_they_after_a_meeting_are_its_two_sides(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "On Tuesday Lavrov is scheduled to meet his Japanese counterpart Taro Aso. "
        "They will sign a visa agreement, officials said.",
        "2006-11-20",
    )
    (deal,) = by_type(evs, "AGREEMENT")
    assert {"Taro Aso"} <= set(labels(deal)) and len(labels(deal)) == 2
    assert deal.status == "planned"


def test_a_tour_with_stops_in_two_countries_is_a_visit_to_each(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "The tour of Lithuanian President Valdas Adamkus, which included stops in Georgia and Armenia, "
        "ended on Friday.",
        "2006-11-17",
    )
    hosts = sorted(p.label for e in by_type(evs, "VISIT") for p in e.participants if p.role == "host")
    assert hosts == ["Armenia", "Georgia"]
    assert all(e.participants[0].label == "Valdas Adamkus" for e in by_type(evs, "VISIT"))


def test_telling_a_leader_during_a_visit_is_a_meeting(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Senator Biden told President Hosni Mubarak during a visit to Egypt last week that Washington "
        "would keep its aid.",
        "2006-11-20",
    )
    (meeting,) = by_type(evs, "MEETING")
    assert {"Hosni Mubarak"} <= set(labels(meeting))
    assert not [e for e in by_type(evs, "STATEMENT") if "Hosni Mubarak" in labels(e)]


def test_a_hope_is_not_an_event(events) -> None:  # type: ignore[no-untyped-def]
    evs = events('"I am hopeful that the president of Kenya will be able to visit Uganda," he said.')
    assert not by_type(evs, "VISIT")


def test_only_statements_on_foreign_affairs_count(events) -> None:  # type: ignore[no-untyped-def]
    domestic = events(
        "Opposition leader Kemal Derviş said on Sunday that the election in Turkey would be rigged.",
        "2006-12-11",
    )
    assert not by_type(domestic, "STATEMENT")
    foreign = events(
        "Opposition leader Kemal Derviş said on Sunday that the European Union should open talks with Turkey.",
        "2006-12-11",
    )
    assert by_type(foreign, "STATEMENT")
    official = events(
        "Turkish Foreign Minister Ali Babacan said on Sunday that the election was fair.", "2006-12-11"
    )
    assert by_type(official, "STATEMENT")


def test_their_meeting_is_the_meeting_of_the_named_pair(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Lavrov will hold talks with his Serbian counterpart Vuk Draskovic on plans drawn up by "
        "Vladimir Putin and Jacques Chirac during their meeting with Gerhard Schroeder in Paris in "
        "September, officials said.",
        "2005-12-04",
    )
    talks = next(e for e in by_type(evs, "MEETING") if "Vuk Draskovic" in labels(e))
    assert talks.time is None or talks.time.value != "2005-09"
    paris = next(e for e in by_type(evs, "MEETING") if "Jacques Chirac" in labels(e))
    assert {"Vladimir Putin", "Jacques Chirac", "Gerhard Schroeder"} <= set(labels(paris))
    assert "Lavrov" not in " ".join(labels(paris))
    assert paris.time is not None and paris.time.value == "2005-09"


def test_she_stands_for_the_woman_the_text_named(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign ministry spokeswoman Tasnim Aslam told reporters that Pakistan wanted calm. "
        "The talks will follow a meeting of Pervez Musharraf with George W. Bush in Washington, she said."
    )
    speakers = {e.participants[0].label for e in by_type(events(text, "2006-12-04"), "STATEMENT")}
    assert "George W. Bush" not in speakers
    assert "Tasnim Aslam" in speakers


def test_a_sentence_opening_with_a_pronoun_goes_on_in_the_previous_time(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Chile and Peru, long at odds over their sea border, restored full ties last year. "
        "They signed a fisheries agreement despite protests by fishermen.",
        "2006-12-04",
    )
    (deal,) = by_type(evs, "AGREEMENT")
    assert deal.time is not None and deal.time.value == "2005"


def test_talks_on_the_sidelines_of_a_summit_take_its_date_and_place(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Thabo Mbeki discussed the crisis in talks with French President Jacques Chirac, on the sidelines "
        "of a summit held at the weekend in Bamako.",
        "2005-12-05",
    )
    talks = next(e for e in by_type(evs, "MEETING") if "Jacques Chirac" in labels(e))
    assert talks.place is not None and talks.place.label == "Bamako"
    assert talks.time is not None and talks.time.value == "2005-W48-WE"


def test_a_trip_is_not_dated_by_the_meeting_held_on_it(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Haniya, on his first trip to Iran as prime minister, met on Sunday with Ali Khamenei.", "2006-12-11"
    )
    (visit,) = by_type(evs, "VISIT")
    assert visit.time is None
    (meeting,) = by_type(evs, "MEETING")
    assert meeting.time is not None and meeting.time.value == "2006-12-10"


def test_a_mission_to_a_place_is_a_visit(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Indonesian Foreign Minister Hassan Wirajuda will lead a mission to Yangon next month.", "2005-12-15"
    )
    (visit,) = by_type(evs, "VISIT")
    assert [p.label for p in visit.participants] == ["Hassan Wirajuda", "Myanmar"]
    assert visit.status == "planned" and visit.time is not None and visit.time.value == "2006-01"
    assert not by_type(events("The UN mission has 5,000 troops."), "VISIT")


def test_joining_leaders_is_a_meeting(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Thabo Mbeki will travel to Abidjan on Monday, joining Nigerian President Olusegun Obasanjo in a bid "
        "to end the deadlock.",
        "2005-12-04",
    )
    (meeting,) = by_type(evs, "MEETING")
    assert set(labels(meeting)) == {"Thabo Mbeki", "Olusegun Obasanjo"}
    assert meeting.status == "planned"


def test_the_apposition_of_a_speaker_is_not_the_speaker(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Razali Ismail, the representative of UN chief Kofi Annan, warned that Myanmar must free Suu Kyi."
    )
    assert "Kofi Annan" not in {e.participants[0].label for e in by_type(evs, "STATEMENT")}


def test_an_activist_counts_on_foreign_affairs_only(events) -> None:  # type: ignore[no-untyped-def]
    foreign = events(
        "Debbie Stothard said that ASEAN should demand a dialogue with the Myanmar junta.", "2005-12-15"
    )
    assert [e.participants[0].label for e in by_type(foreign, "STATEMENT")] == ["Debbie Stothard"]
    domestic = events(
        "Ataur Rahman said the walk-out in Dhaka was a major blow for Bangladesh.", "2006-12-11"
    )
    assert not by_type(domestic, "STATEMENT")


def test_an_unanswered_invitation_to_visit_is_a_planned_visit(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Relations stayed cool, as Prime Minister Necmettin Erbakan has still not responded to an invitation "
        "by Netanyahu to visit Israel.",
        "1997-04-08",
    )
    (visit,) = by_type(evs, "VISIT")
    assert [p.label for p in visit.participants] == ["Necmettin Erbakan", "Israel"]
    assert visit.status == "planned"


def test_a_ministry_speaks_through_its_spokeswoman(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Minister Khurshid Kasuri will visit Kabul this week for talks with Afghan leaders, "
        "Pakistan's foreign ministry said Monday.\n\n"
        "The visit is part of regular contacts between the two countries, the ministry's spokeswoman "
        "Tasnim Aslam told reporters."
    )
    statements = by_type(events(text, "2006-12-04"), "STATEMENT")
    assert [e.participants[0].label for e in statements] == ["Tasnim Aslam"]


def test_leaders_gathering_is_a_meeting_but_a_crowd_is_not(events) -> None:  # type: ignore[no-untyped-def]
    (meeting,) = by_type(
        events("President Jacques Chirac and African leaders have gathered in Bamako."), "MEETING"
    )
    assert meeting.place is not None and meeting.place.label == "Bamako"
    assert not by_type(events("Thousands of protesters gathered in Bamako on Sunday."), "MEETING")


def test_airing_a_stand_at_a_summit_is_a_statement_dated_by_the_summit(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("The SCO aired its stand on Afghanistan at this week's summit in Astana.", "2005-12-15")
    (statement,) = by_type(evs, "STATEMENT")
    assert statement.time is not None and statement.time.value == "2005-W50"


def test_talks_held_at_a_ministry_include_the_ministry(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("Lavrov held talks on Friday at the Indian Ministry of External Affairs.", "2006-11-17")
    (talks,) = by_type(evs, "MEETING")
    assert any(p.type == "ORGANIZATION" and "External Affairs" in p.label for p in talks.participants)


@pytest.mark.parametrize("speaker", ["a Thai official", "Western diplomats", "a government source"])
def test_unnamed_sources_are_not_speakers(events, speaker: str) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        f"Trade between Poland and Thailand grew by a third last year, {speaker} said.", "1997-04-18"
    )
    assert not by_type(evs, "STATEMENT")


def test_a_finite_subordinate_clause_does_not_borrow_the_main_subject(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "France emerged as the main opponent of the plan as the 25-nation bloc struggles to reach an agreement.",
        "2005-12-14",
    )
    assert not by_type(evs, "AGREEMENT")


def test_touring_an_unnamed_site_is_not_a_visit(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Then President Alberto Fujimori arrived to tour the residence and embraced the freed hostages."
    )
    assert not by_type(evs, "VISIT")
    (visit,) = by_type(events("President Alberto Fujimori will tour Japan next week."), "VISIT")
    assert [p.label for p in visit.participants] == ["Alberto Fujimori", "Japan"]


def test_talks_dated_by_week_take_the_days_of_the_visit_they_belong_to(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pakistani Foreign Minister Khurshid Kasuri will visit Afghanistan this week for talks with "
        "Afghan leaders, the ministry said Monday.\n\n"
        "Kasuri's December 7-9 visit is part of regular contacts between the two countries."
    )
    evs = events(text, "2006-12-04")
    (talks,) = by_type(evs, "MEETING")
    assert talks.time is not None and talks.time.value == "2006-12-07/2006-12-09"


def test_who_visits_or_attends_a_meeting_takes_part_in_it(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("Vice President Al Gore held a meeting with Martin Lee which Bill Clinton visited briefly.")
    (meeting,) = by_type(evs, "MEETING")
    assert set(labels(meeting)) == {"Al Gore", "Martin Lee", "Bill Clinton"}


def test_an_object_pronoun_is_not_its_clauses_subject(events) -> None:  # type: ignore[no-untyped-def]
    evs = events(
        "Tung Chee-hwa said on Friday he was disappointed with Martin Lee and warned him to be careful.",
        "1997-04-18",
    )
    (statement,) = by_type(evs, "STATEMENT")
    assert [(p.label, p.role) for p in statement.participants][1:] == [("Martin Lee", "audience")]


def test_a_message_sent_is_not_dated_by_the_report(events) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Kim Young-sam sent a congratulatory message to Alberto Fujimori. "I pay my deep respect," '
        "Kim said in a written statement."
    )
    (statement,) = by_type(events(text, "1997-04-23"), "STATEMENT")
    assert statement.time is None


def test_a_demonym_inside_a_capitals_description_is_no_alias_of_the_city(analyze) -> None:  # type: ignore[no-untyped-def]
    from rdflib.namespace import SKOS

    from kg.rdf.writer import document_quads

    result = analyze("Leaders have gathered in the Malian capital, Bamako, for a summit.", "2005-12-03")
    aliases = {str(o) for s, p, o, _g in document_quads(result) if p == SKOS.altLabel and "bamako" in str(s)}
    assert "Malian" not in aliases


def test_a_pronoun_object_of_a_meeting_verb_does_not_loop(events) -> None:  # type: ignore[no-untyped-def]
    # "negotiate them": resolving "them" looked at the meeting verb's object, "them" again (a
    # RecursionError on 15 Reuters articles)
    evs = events(
        "Consumers had tried to dictate market shares rather than negotiate them, Jorio Dauster said."
    )
    assert not by_type(evs, "MEETING")


def test_trigger_scan_finds_verbs_nouns_and_multiword_triggers(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.events import trigger_tokens

    doc = nlp("Putin met Xi and gave a press conference after the talks. The meeting room was empty.")
    found = [(t.text, trig.lemma, trig.type) for t, trig in trigger_tokens(doc)]
    assert ("met", "meet", "MEETING") in found
    assert ("conference", "press conference", "STATEMENT") in found
    assert ("talks", "talk", "MEETING") in found
    assert [t.i for t, _ in trigger_tokens(doc)] == sorted(t.i for t, _ in trigger_tokens(doc))
    assert trigger_tokens(nlp("")) == []
