"""Every named query on tests/data/sample.trig, on Oxigraph and rdflib; safe parameter binding; the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from store.helpers import sample_quads
from typer.testing import CliRunner

from kg.errors import QueryError
from kg.query import list_named, named, parse_query, rows, run_named, run_query
from kg.store import open_store

E = "https://w3id.org/kg/id/event/"
ENT = "https://w3id.org/kg/id/entity/"
NAMES = {
    "actor_timeline",
    "central_actors",
    "events_in_range",
    "moved_events",
    "org_member_events",
    "planned_unconfirmed",
    "resolve_entity",
    "statements_by_outlet",
    "visits_by_country",
    "who_met_whom",
}  # (other issues add more, e.g. quotes_by_speaker)


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    st = open_store(tmp_path / "store" if request.param == "oxigraph" else "memory:")
    st.add_quads(sample_quads())
    yield st
    st.close()


def pick(result, *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in result.rows]


def test_list_named_has_every_query_with_its_header() -> None:
    queries = {q.name: q for q in list_named()}
    assert set(queries) >= NAMES
    for q in queries.values():
        assert q.description
        assert Path(q.path or "").name == f"{q.name}.rq"
    assert [(p.name, p.type) for p in queries["events_in_range"].params] == [
        ("start", "date"),
        ("end", "date"),
    ]
    assert [(p.name, p.type) for p in queries["actor_timeline"].params] == [("actor", "entity")]


def test_who_met_whom(store) -> None:
    result = run_named(store, "who_met_whom")
    assert pick(result, "aLabel", "bLabel", "date", "placeLabel", "event") == [
        ("China", "Vladimir Putin", "2019-04-25/2019-04-27", "Beijing", E + "e2"),
        ("Vladimir Putin", "Xi Jinping", "2019-04-26", "Beijing", E + "e1"),
        ('Kevin "K" O\'Brien {x}', "Sergey Lavrov", "2019-05-02", "Moscow", E + "e7"),
        # the never-merged event mention (fallback)
        ("Narendra Modi", "Xi Jinping", "2019-05-09", "Moscow", "https://w3id.org/kg/id/mention/a3-9"),
    ]


@pytest.mark.parametrize("actor", ["Putin", "vladimir putin", "Q7747", ENT + "putin"])
def test_actor_timeline_by_label_alias_qid_or_iri(store, actor: str) -> None:
    result = run_named(store, "actor_timeline", {"actor": actor})
    assert pick(result, "dateStart", "event", "type", "role", "status", "placeLabel") == [
        (date(2019, 4, 25), E + "e2", "visit", "visitor", "happened", "Beijing"),
        (date(2019, 4, 26), E + "e1", "meeting", "participant", "happened", "Beijing"),
        (date(2019, 5, 5), E + "e4", "meeting", "participant", "planned", None),
    ]


def test_org_member_events(store) -> None:
    result = run_named(store, "org_member_events", {"org": "BRICS"})
    assert pick(result, "event", "memberLabel", "actorLabel") == [
        (E + "e3", "Russia", "Sergey Lavrov"),
        (E + "e2", "China", "China"),
        (E + "e2", "Russia", "Vladimir Putin"),
        (E + "e1", "China", "Xi Jinping"),
        (E + "e1", "Russia", "Vladimir Putin"),
        (E + "e6", "China", "Xi Jinping"),
        (E + "e7", "Russia", "Sergey Lavrov"),
        (E + "e4", "China", "Xi Jinping"),
        (E + "e4", "India", "Narendra Modi"),
        (E + "e4", "Russia", "Vladimir Putin"),
        ("https://w3id.org/kg/id/mention/a3-9", "China", "Xi Jinping"),
        ("https://w3id.org/kg/id/mention/a3-9", "India", "Narendra Modi"),
        (E + "e5", "India", "Narendra Modi"),
        (E + "e5", "Russia", "Sergey Lavrov"),
    ]
    assert run_named(store, "org_member_events", {"org": "Q39568"}).rows == result.rows
    assert run_named(store, "org_member_events", {"org": "TASS"}).rows == []


def test_visits_by_country(store) -> None:
    result = run_named(store, "visits_by_country")
    assert pick(result, "visitorCountryLabel", "hostCountryLabel", "visits") == [("Russia", "China", 1)]


def test_statements_by_outlet(store) -> None:
    result = run_named(store, "statements_by_outlet")
    assert pick(result, "outletLabel", "event", "speakerLabel", "quote", "docId") == [
        ("TASS", E + "e3", "Sergey Lavrov", "We welcome the talks.", "a1"),
        ("Xinhua", E + "e6", "Xi Jinping", "Friendship has no limits.", "a2"),
    ]


def test_events_in_range_overlap(store) -> None:
    result = run_named(store, "events_in_range", {"start": "2019-04-27", "end": "2019-05-02"})
    # e2 (25-27 April) overlaps on its last day
    assert pick(result, "dateStart", "dateEnd", "event", "type") == [
        (date(2019, 4, 25), date(2019, 4, 27), E + "e2", "visit"),
        (date(2019, 4, 27), date(2019, 4, 27), E + "e6", "statement"),
        (date(2019, 5, 2), date(2019, 5, 2), E + "e7", "meeting"),
    ]
    assert run_named(store, "events_in_range", {"start": "2020-01-01", "end": "2020-12-31"}).rows == []


def test_central_actors(store) -> None:
    result = run_named(store, "central_actors")
    assert pick(result, "label", "degree", "events") == [
        ("Narendra Modi", 3, 3),
        ("Vladimir Putin", 3, 3),
        ("Xi Jinping", 2, 3),
        ("Sergey Lavrov", 2, 2),
        ("China", 1, 1),
        ('Kevin "K" O\'Brien {x}', 1, 1),
    ]


def test_planned_unconfirmed(store) -> None:
    result = run_named(store, "planned_unconfirmed")
    # e4 was planned for 5 May; the latest source is of 10 May. e5 (15 June) is still ahead.
    assert pick(result, "day", "event", "type", "latest") == [
        (date(2019, 5, 5), E + "e4", "meeting", date(2019, 5, 10)),
    ]


def test_moved_events(store) -> None:
    result = run_named(store, "moved_events")
    assert pick(result, "event", "asOf", "dateValue", "docId") == [
        (E + "e5", date(2019, 4, 24), "2019-06-01", "a1"),
        (E + "e5", date(2019, 5, 10), "2019-06-15", "a3"),
    ]


INJECTIONS = [
    'Putin"',
    "Putin' ",
    'Putin") } ; DROP ALL ; { ("',
    "} ; DROP ALL ; {",
    '"} ; DROP ALL ; {"',
    "Putin\n} DELETE WHERE { ?s ?p ?o } #",
    'x" || true || "',
    "?actor",
    "<https://w3id.org/kg/id/entity/putin>",
    "\\u0022) } ; CLEAR ALL ; #",
]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_parameters_cannot_inject(store, evil: str) -> None:
    before = len(store)
    assert run_named(store, "actor_timeline", {"actor": evil}).rows == []
    assert run_named(store, "org_member_events", {"org": evil}).rows == []
    assert run_named(store, "resolve_entity", {"key": evil}).rows == []
    assert run_query(store, "SELECT ?x WHERE { BIND(?p AS ?x) }", {"p": evil}).rows == [{"x": evil}]
    assert len(store) == before


def test_a_name_full_of_syntax_matches_exactly(store) -> None:
    result = run_named(store, "actor_timeline", {"actor": 'Kevin "K" O\'Brien {x}'})
    assert pick(result, "event", "actorLabel") == [(E + "e7", 'Kevin "K" O\'Brien {x}')]


def test_parameter_errors(store) -> None:
    with pytest.raises(QueryError) as err:
        run_named(store, "actor_timeline", {})
    assert err.value.code == "E404"
    with pytest.raises(QueryError) as err:
        run_named(store, "events_in_range", {"start": "2019-13-01", "end": "2019-12-31"})
    assert err.value.code == "E404"
    with pytest.raises(QueryError) as err:
        run_named(store, "events_in_range", {"start": "2019-01-01", "end": "2019-12-31", "x": "1"})
    assert err.value.code == "E404"
    with pytest.raises(QueryError) as err:
        named("no_such_query")
    assert err.value.code == "E403"


def test_header_parsing_and_ad_hoc_params(store) -> None:
    q = parse_query(
        "# name: t\n# description: d\n# param n: a number (integer, optional)\nSELECT ?n WHERE {}"
    )
    assert (q.name, q.params[0].type, q.params[0].optional) == ("t", "integer", True)
    assert run_query(store, "SELECT ?x WHERE { BIND(STR(?p) AS ?x) }", {"p": "a}b"}).rows == [{"x": "a}b"}]


def test_rows_and_dataframe_helpers(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as st:
        st.add_quads(sample_quads())
    got = rows(tmp_path / "s", "moved_events")
    assert [r["dateValue"] for r in got] == ["2019-06-01", "2019-06-15"]


# -- CLI ------------------------------------------------------------------------------------------


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    with open_store(tmp_path / "store") as st:
        st.add_quads(sample_quads())
    return tmp_path / "store"


def cli(*args: str):
    from kg.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_list() -> None:
    result = cli("query", "--list")
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert name in result.output
    assert "--param actor=" in result.output


def test_cli_named_query_json(store_dir: Path) -> None:
    result = cli(
        "query",
        "--name",
        "actor_timeline",
        "--param",
        "actor=Putin",
        "--store",
        str(store_dir),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["event"] for r in data] == [E + "e2", E + "e1", E + "e4"]
    assert data[0]["dateStart"] == "2019-04-25"


def test_cli_sparql_text_csv_and_file(store_dir: Path, tmp_path: Path) -> None:
    text = "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?id WHERE { ?d kg:docId ?id } ORDER BY ?id"
    result = cli("query", text, "--store", str(store_dir), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["id", "a1", "a2", "a3"]
    rq = tmp_path / "q.rq"
    rq.write_text("# param actor: who (string)\n" + named("actor_timeline").sparql)
    result = cli("query", str(rq), "-p", "actor=Xi", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "row(s)" in result.output and "e6" in result.output


def test_cli_errors_are_clear(store_dir: Path) -> None:
    result = cli("query", "SELECT WHERE {", "--store", str(store_dir))
    assert result.exit_code == 1
    assert "E401" in result.output
    result = cli("query", "--name", "nope", "--store", str(store_dir))
    assert "E403" in result.output


def test_any_text_binds_as_itself(tmp_path: Path) -> None:
    """Property: whatever the text, a bound parameter comes back unchanged on every backend."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    stores = [open_store("memory:"), open_store(tmp_path / "prop")]
    alphabet = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    special = st.sampled_from(
        ['"', "'", "\\", "\\u0022", "\\U00000022", "}", "{", "\n", "\r", "#", " ; DROP ALL ; "]
    )
    text = st.lists(st.one_of(special, st.text(alphabet, max_size=5)), max_size=8).map("".join)

    @settings(max_examples=150, deadline=None)
    @given(text)
    def check(value: str) -> None:
        for store in stores:
            assert run_query(store, "SELECT ?x WHERE { BIND(?p AS ?x) }", {"p": value}).rows == [{"x": value}]

    check()
    for store in stores:
        store.close()
