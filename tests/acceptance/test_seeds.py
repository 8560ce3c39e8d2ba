"""Issue acceptance on the bundled seed articles: the facts the graph must hold, found by SPARQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests_support import shared_or_skip  # type: ignore[import-not-found]

PREFIX = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kgt: <https://w3id.org/kg/event-type/>
"""


def ask(store, body: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(store.query(PREFIX + "ASK { " + body + " }").boolean)


def test_planned_putin_xi_meeting_in_beijing(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert ask(
        seeds_store,
        """
        GRAPH <https://w3id.org/kg/id/graph/merged> {
          ?e a kg:Event ; kg:eventType kgt:MEETING ; kg:dateValue "2019-04-26" ; kg:currentStatus "planned" ;
             kg:hasActor ?putin, ?xi ; kg:place ?beijing }
        ?putin rdfs:label "Vladimir Putin" . ?xi rdfs:label "Xi Jinping" . ?beijing rdfs:label "Beijing" .""",
    )


def test_planned_xi_visit_to_russia_linked_to_spief(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert ask(
        seeds_store,
        """
        GRAPH <https://w3id.org/kg/id/graph/merged> {
          ?e a kg:Event ; kg:eventType kgt:VISIT ; kg:dateValue "2019-06" ; kg:currentStatus "planned" ;
             kg:participation [ kg:actor ?xi ; kg:role <https://w3id.org/kg/role/visitor> ] ;
             kg:participation [ kg:actor ?ru ; kg:role <https://w3id.org/kg/role/host> ] ;
             kg:partOfNamedEvent ?forum }
        ?xi rdfs:label "Xi Jinping" . ?ru rdfs:label "Russia" .
        ?forum rdfs:label "St. Petersburg International Economic Forum" .""",
    )


def test_putin_interview_to_peoples_daily(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert ask(
        seeds_store,
        """
        GRAPH <https://w3id.org/kg/id/graph/merged> {
          ?e a kg:Event ; kg:eventType kgt:STATEMENT ; kg:currentStatus "happened" ;
             kg:participation [ kg:actor ?putin ; kg:role <https://w3id.org/kg/role/speaker> ] ;
             kg:participation [ kg:actor ?pd ; kg:role <https://w3id.org/kg/role/audience> ] }
        ?putin rdfs:label "Vladimir Putin" . ?pd rdfs:label "People's Daily" .""",
    )


@pytest.mark.parametrize(
    "label", ["Shanghai Cooperation Organization", "BRICS", "G20", "Asia-Pacific Economic Cooperation"]
)
def test_organizations_are_organizations(seeds_store, label: str) -> None:  # type: ignore[no-untyped-def]
    assert ask(seeds_store, f'?m kg:refersTo ?o . ?o a kg:Organization ; rdfs:label "{label}" .')
    assert not ask(seeds_store, f'?o a kg:Place ; rdfs:label "{label}" .')


def test_six_events_three_with_two_sources(seeds_store) -> None:  # type: ignore[no-untyped-def]
    rows = seeds_store.query(
        PREFIX
        + """
        SELECT ?e (COUNT(DISTINCT ?doc) AS ?n) WHERE {
          GRAPH <https://w3id.org/kg/id/graph/merged> { ?e a kg:Event ; kg:hasMention ?m }
          ?m kg:inDocument ?doc } GROUP BY ?e"""
    ).rows
    assert len(rows) == 6
    assert sorted(int(r["n"]) for r in rows) == [1, 1, 1, 2, 2, 2]


def test_every_event_traces_to_a_source_sentence(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert not ask(
        seeds_store,
        """
        GRAPH <https://w3id.org/kg/id/graph/merged> { ?e a kg:Event }
        FILTER NOT EXISTS { GRAPH <https://w3id.org/kg/id/graph/merged> { ?e kg:hasMention ?m }
                            ?m kg:inSentence ?s . ?s kg:text ?t ; kg:start ?a . ?m kg:inDocument ?d }""",
    )


def test_rebuilding_the_same_input_duplicates_nothing(seeds_store, seeds_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kg.pipeline import build
    from kg.store import open_store

    first = build([seeds_dir], str(tmp_path), progress=False)
    with open_store(str(tmp_path)) as st:
        size = len(st)
    again = build([seeds_dir], str(tmp_path), progress=False)
    with open_store(str(tmp_path)) as st:
        assert len(st) == size
    assert first.documents == 2 and again.documents == 0 and again.unchanged == 2


def _score(gold: Path, store_dir: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    from kg.export import records
    from kg.export.jsonl import entity_record, event_record, write_jsonl
    from kg.store import open_store

    with open_store(store_dir, read_only=True) as st:
        with (tmp_path / "ev.jsonl").open("w") as f:
            write_jsonl((event_record(e) for e in records.events(st)), f)
        with (tmp_path / "en.jsonl").open("w") as f:
            write_jsonl((entity_record(e) for e in records.entities(st)), f)
    scorer = shared_or_skip("eval", "score_events.py")
    out = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(gold),
            str(tmp_path / "ev.jsonl"),
            str(tmp_path / "en.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_seed_scores(seeds_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = shared_or_skip("eval", "gold", "seeds.jsonl")
    folder = str(seeds_store.path) if hasattr(seeds_store, "path") else None
    if folder is None:
        pytest.skip("store path unknown")
    result = _score(gold, folder, tmp_path)
    assert result["events"]["f1"] >= 0.8
    assert result["entities"]["f1"] >= 0.9
    assert result["entities"]["split_extra"] == 0


@pytest.mark.slow
def test_afp_dev_scores_do_not_regress(tmp_path: Path) -> None:
    """A regression floor a little under the measured numbers (see the issue notes for the latest)."""
    from kg.pipeline import build

    corpus = shared_or_skip("corpora", "afp-dev", "afp-dev.jsonl")
    gold = shared_or_skip("eval", "gold", "afp-dev")
    build([corpus], str(tmp_path / "store"), progress=False)
    result = _score(gold, str(tmp_path / "store"), tmp_path)
    assert result["events"]["f1"] >= 0.55
    assert result["entities"]["f1"] >= 0.88
