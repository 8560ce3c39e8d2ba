"""Event lifecycle: planned, then happened / postponed / cancelled, merged across sources with a history.

Small articles written for these tests (publication dates matter: the latest is 10 May 2019).
"""

from __future__ import annotations

from typing import Any

import pytest

import kg

PLANNED = {
    "id": "lc-planned",
    "published": "2019-04-24",
    "text": "MOSCOW - Russian President Vladimir Putin is expected to meet Chinese President Xi Jinping "
    "in Beijing on April 26. The two leaders will discuss trade and security.",
}
HAPPENED = {
    "id": "lc-happened",
    "published": "2019-04-26",
    "text": "BEIJING - Russian President Vladimir Putin and Chinese President Xi Jinping held talks in "
    "Beijing on Friday. The leaders discussed trade and security.",
}
VISIT_PLANNED = {
    "id": "lc-visit-planned",
    "published": "2019-04-20",
    "text": "PARIS - French President Emmanuel Macron will visit Japan on May 3, the Elysee Palace said. "
    "Macron plans to meet Japanese Prime Minister Shinzo Abe in Tokyo.",
}
VISIT_POSTPONED = {
    "id": "lc-visit-postponed",
    "published": "2019-04-30",
    "text": "PARIS - Macron's visit to Japan, planned for May 3, was postponed to June 10, the Elysee Palace "
    "said on Tuesday. No reason was given.",
}
CANCEL_PLANNED = {
    "id": "lc-cancel-planned",
    "published": "2019-05-02",
    "text": "ANKARA - Turkish President Recep Tayyip Erdogan will visit Germany on May 20, his office said. "
    "He is expected to meet Chancellor Angela Merkel in Berlin.",
}
CANCELLED = {
    "id": "lc-cancelled",
    "published": "2019-05-10",
    "text": "ANKARA - Turkish President Recep Tayyip Erdogan's visit to Germany, planned for May 20, was called "
    "off, his office said. The office gave no reason.",
}
UNCONFIRMED = {
    "id": "lc-unconfirmed",
    "published": "2019-05-01",
    "text": "NEW DELHI - Indian Prime Minister Narendra Modi will meet Bangladeshi Prime Minister Sheikh Hasina "
    "in Dhaka on May 8. The two leaders will discuss water sharing.",
}
ARTICLES = [PLANNED, HAPPENED, VISIT_PLANNED, VISIT_POSTPONED, CANCEL_PLANNED, CANCELLED, UNCONFIRMED]

HISTORY = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?status ?asOf ?docId ?dateValue WHERE {
  ?event kg:key ?key ; kg:statusRecord ?r .
  ?r kg:status ?status ; kg:asOf ?asOf ; kg:fromDocument/kg:docId ?docId .
  OPTIONAL { ?r kg:dateValue ?dateValue }
}
ORDER BY ?asOf ?docId
"""
CURRENT = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?current WHERE { ?event kg:key ?key ; kg:currentStatus ?current }
"""


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    g = kg.build_texts(ARTICLES, store="memory:", progress=False)
    yield g
    g.close()


def _event(graph: Any, etype: str, *names: str) -> Any:
    found = [
        e
        for e in graph.events()
        if e.type == etype and all(any(n in p.label for p in e.participants) for n in names)
    ]
    assert len(found) == 1, [(e.type, [p.label for p in e.participants]) for e in graph.events()]
    return found[0]


def _history(graph: Any, key: str) -> list[tuple[str, str, str, str | None]]:
    rows = graph.query(HISTORY, key=key)
    return [(r["status"], r["asOf"].isoformat(), r["docId"], r.get("dateValue")) for r in rows]


def _current(graph: Any, key: str) -> str:
    [row] = graph.query(CURRENT, key=key)
    return str(row["current"])


def test_planned_meeting_and_its_report_are_one_event_with_a_history(graph) -> None:  # type: ignore[no-untyped-def]
    ev = _event(graph, "MEETING", "Putin", "Xi")
    assert {m.doc_id for m in ev.mentions} == {"lc-planned", "lc-happened"}
    assert ev.date == "2019-04-26"
    assert _history(graph, ev.key) == [
        ("planned", "2019-04-24", "lc-planned", "2019-04-26"),
        ("happened", "2019-04-26", "lc-happened", "2019-04-26"),
    ]
    assert _current(graph, ev.key) == "happened"
    assert ev.status == "happened"


def test_postponed_visit_gets_its_new_date(graph) -> None:  # type: ignore[no-untyped-def]
    ev = _event(graph, "VISIT", "Macron", "Japan")
    assert {m.doc_id for m in ev.mentions} == {"lc-visit-planned", "lc-visit-postponed"}
    assert ev.date == "2019-06-10"
    assert [(s, d) for s, _, _, d in _history(graph, ev.key)] == [
        ("planned", "2019-05-03"),
        ("planned", "2019-06-10"),
    ]
    assert _current(graph, ev.key) == "planned"


def test_called_off_visit_is_cancelled(graph) -> None:  # type: ignore[no-untyped-def]
    ev = _event(graph, "VISIT", "Erdo", "Germany")
    assert {m.doc_id for m in ev.mentions} == {"lc-cancel-planned", "lc-cancelled"}
    assert [(s, doc) for s, _, doc, _ in _history(graph, ev.key)] == [
        ("planned", "lc-cancel-planned"),
        ("cancelled", "lc-cancelled"),
    ]
    assert _current(graph, ev.key) == "cancelled"
    assert ev.date == "2019-05-20"


def test_planned_unconfirmed_lists_only_the_unconfirmed_meeting(graph) -> None:  # type: ignore[no-untyped-def]
    modi = _event(graph, "MEETING", "Modi", "Hasina")
    rows = graph.named("planned_unconfirmed")
    assert [(r["event"].rsplit("/", 1)[-1], r["date"], r["type"]) for r in rows] == [
        (modi.key, "2019-05-08", "meeting")
    ]
    assert rows[0]["latest"].isoformat() == "2019-05-10"


def test_moved_events_lists_only_the_postponed_visit(graph) -> None:  # type: ignore[no-untyped-def]
    visit = _event(graph, "VISIT", "Macron", "Japan")
    rows = graph.named("moved_events")
    assert {r["event"].rsplit("/", 1)[-1] for r in rows} == {visit.key}
    assert [(r["docId"], r["dateValue"]) for r in rows] == [
        ("lc-visit-planned", "2019-05-03"),
        ("lc-visit-postponed", "2019-06-10"),
    ]
    assert {r["currentDate"] for r in rows} == {"2019-06-10"}


# -- variants of the reports ---------------------------------------------------------------------


def test_cancellation_reported_with_a_date_of_saying() -> None:
    """ "his office said on Friday" dates the saying, not the visit: the report still joins the visit."""
    report = dict(CANCELLED, text=CANCELLED["text"].replace("his office said.", "his office said on Friday."))
    with kg.build_texts([CANCEL_PLANNED, report], store="memory:", progress=False) as g:
        ev = _event(g, "VISIT", "Erdo", "Germany")
        assert {m.doc_id for m in ev.mentions} == {"lc-cancel-planned", "lc-cancelled"}
        assert all(d != "2019-05-10" for _, _, _, d in _history(g, ev.key))
        assert _current(g, ev.key) == "cancelled"


def test_cancellation_naming_only_the_surname() -> None:
    report = dict(
        CANCELLED, text=CANCELLED["text"].replace("Turkish President Recep Tayyip Erdogan's", "Erdogan's")
    )
    with kg.build_texts([CANCEL_PLANNED, report], store="memory:", progress=False) as g:
        ev = _event(g, "VISIT", "Erdo", "Germany")
        assert {m.doc_id for m in ev.mentions} == {"lc-cancel-planned", "lc-cancelled"}
