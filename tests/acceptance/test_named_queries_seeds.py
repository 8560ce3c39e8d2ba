"""Every named query on the seeds' graph, with its expected rows (issue 8), and the membership query
returning the SCO and BRICS members named in the seeds (issue 12)."""

from __future__ import annotations

import pytest

from kg.query import list_named, run_named


def rows(store, name: str, **params: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return run_named(store, name, params).rows


def test_every_named_query_is_tested_here() -> None:
    tested = {
        "actor_timeline",
        "central_actors",
        "events_in_range",
        "moved_events",
        "org_member_events",
        "planned_unconfirmed",
        "quotes_by_speaker",
        "resolve_entity",
        "statements_by_outlet",
        "visits_by_country",
        "who_met_whom",
    }
    assert {q.name for q in list_named()} <= tested


def test_actor_timeline(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {
        (r["type"], r["role"], r["date"], r["status"])
        for r in rows(seeds_store, "actor_timeline", actor="Vladimir Putin")
    }
    assert got == {
        ("statement", "speaker", None, "happened"),
        ("statement", "speaker", "2019-02", "happened"),
        ("visit", "visitor", "2019-04-26", "planned"),
        ("meeting", "participant", "2019-04-26", "planned"),
    }


def test_actor_timeline_by_qid_or_alias(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert rows(seeds_store, "actor_timeline", actor="Putin") == rows(
        seeds_store, "actor_timeline", actor="Vladimir Putin"
    )


def test_central_actors(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "central_actors")
    assert got[0]["label"] == "Vladimir Putin" and int(got[0]["events"]) == 4
    assert {r["label"] for r in got} >= {"Xi Jinping", "China", "Russia"}


def test_events_in_range(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {
        (r["type"], r["placeLabel"], str(r["dateStart"]))
        for r in rows(seeds_store, "events_in_range", start="2019-04-01", end="2019-04-30")
    }
    assert got == {("visit", "Beijing", "2019-04-26"), ("meeting", "Beijing", "2019-04-26")}
    assert rows(seeds_store, "events_in_range", start="2019-06-01", end="2019-06-30")
    assert not rows(seeds_store, "events_in_range", start="2018-01-01", end="2018-12-31")


def test_lifecycle_queries_are_empty_on_the_seeds(seeds_store) -> None:  # type: ignore[no-untyped-def]
    # the seeds only announce events after their publication day: nothing is overdue, nothing moved
    assert rows(seeds_store, "planned_unconfirmed") == []
    assert rows(seeds_store, "moved_events") == []


@pytest.mark.parametrize("org", ["SCO", "Shanghai Cooperation Organization", "BRICS"])
def test_org_member_events_and_memberships(seeds_store, org: str) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "org_member_events", org=org)
    assert {r["memberLabel"] for r in got} == {"China", "Russia"}
    assert {r["type"] for r in got} >= {"meeting", "visit", "statement"}


def test_quotes_by_speaker_about_the_sco(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "quotes_by_speaker", speaker="Putin", topic="SCO")
    assert got and all(r["speakerLabel"] == "Vladimir Putin" for r in got)
    assert any("United Nations" in r["quote"] and "People's Daily" in (r["outlets"] or "") for r in got)
    assert {r["docId"] for r in got} == {"000_330f7470159142de", "001_5588d5af335d558f"}


def test_resolve_entity(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert [r["label"] for r in rows(seeds_store, "resolve_entity", key="SCO")] == [
        "Shanghai Cooperation Organization"
    ]


def test_statements_by_outlet(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "statements_by_outlet")
    assert {r["outletLabel"] for r in got} == {"seed"}
    assert {r["speakerLabel"] for r in got} >= {"Vladimir Putin", "Hua Chunying"}


def test_visits_by_country(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {
        (r["visitorCountryLabel"], r["hostCountryLabel"], int(r["visits"]))
        for r in rows(seeds_store, "visits_by_country")
    }
    assert got == {("China", "Russia", 1), ("Russia", "China", 1)}


def test_who_met_whom_lists_only_meetings_that_happened(seeds_store) -> None:  # type: ignore[no-untyped-def]
    # the Putin-Xi talks are only announced (planned) in the seeds
    assert rows(seeds_store, "who_met_whom") == []
