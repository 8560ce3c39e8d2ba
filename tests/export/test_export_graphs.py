"""NetworkX views built from a real Oxigraph store match the RDF (counts by SPARQL)."""

from __future__ import annotations

import doctest
import importlib
import json
from pathlib import Path

import networkx as nx
import pytest

from kg.export import (
    actor_graph,
    bipartite_graph,
    event_graph,
    membership_graph,
    time_slice,
    view,
    write_graph,
)
from kg.export.graphfile import csv_paths, flatten

PUTIN = "https://w3id.org/kg/id/entity/Q7747"
XI = "https://w3id.org/kg/id/entity/Q15031"
KIM = "https://w3id.org/kg/id/entity/Q56226"


def test_bipartite_round_trip(store, count):
    B = bipartite_graph(store)
    events = [n for n, k in B.nodes(data="kind") if k == "event"]
    actors = [n for n, k in B.nodes(data="kind") if k == "actor"]
    assert len(events) == count("count_events") == 6
    assert len(actors) == count("count_actors") == 8
    assert all(B.nodes[u]["kind"] == "actor" and B.nodes[v]["kind"] == "event" for u, v in B.edges())
    e2 = "https://w3id.org/kg/id/event/e2"
    assert {(u, k) for u, _, k in B.in_edges(e2, keys=True)} == {(PUTIN, "host"), (KIM, "visitor")}
    assert B.nodes[PUTIN]["qid"] == "Q7747" and B.nodes[PUTIN]["type"] == "Person"
    assert B.nodes[e2]["start"] == "2019-04-25" and B.nodes[e2]["status"] == "happened"


def test_actor_and_event_graphs(store, count):
    B = bipartite_graph(store)
    A = actor_graph(B)
    assert A.number_of_nodes() == count("count_actors")
    assert A.number_of_edges() == count("count_actor_pairs")
    edge = A.edges[PUTIN, XI]
    assert edge["weight"] == 1 and edge["events"] == ["https://w3id.org/kg/id/event/e1"]
    assert edge["dates"] == ["2019-04-26"]
    E = event_graph(B)
    assert E.number_of_nodes() == count("count_events")
    assert E.number_of_edges() == count("count_event_pairs")
    assert E.edges["https://w3id.org/kg/id/event/e3", "https://w3id.org/kg/id/event/e4"]["weight"] == 1


def test_membership_graph(store):
    M = membership_graph(store)
    sco = "https://w3id.org/kg/id/entity/Q485207"
    assert sorted(M.predecessors(sco)) == [
        "https://w3id.org/kg/id/entity/Q148",
        "https://w3id.org/kg/id/entity/Q159",
    ]
    assert M.edges["https://w3id.org/kg/id/entity/Q159", sco]["since"] == "2001-06-15"


def test_time_slice_by_overlap(store):
    B = bipartite_graph(store)
    S = time_slice(B, "2019-06-15", "2019-06-20")  # e3 starts on the 20th, e4 spans June
    events = sorted(n for n in S if S.nodes[n]["kind"] == "event")
    assert events == ["https://w3id.org/kg/id/event/e3", "https://w3id.org/kg/id/event/e4"]
    assert all(S.nodes[a]["kind"] == "actor" for a in S.predecessors(events[0]))
    assert "https://w3id.org/kg/id/entity/Q21001" not in S  # only in the undated e5
    assert time_slice(B).number_of_nodes() == B.number_of_nodes()
    assert time_slice(B, start="2019-06-22").number_of_nodes() == 4  # e4 + its three actors
    assert view(store, "actors", end="2019-04-25").number_of_edges() == 1


@pytest.mark.parametrize("name", ["bipartite", "actors", "events"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cytoscape"])
def test_files_read_back(store, tmp_path, name, fmt):
    G = view(store, name)
    [path] = write_graph(G, tmp_path / f"g.{fmt}", fmt)
    if fmt == "graphml":
        H = nx.read_graphml(path)
    elif fmt == "gexf":
        H = nx.read_gexf(path)
    elif fmt == "json":
        H = nx.node_link_graph(json.loads(path.read_text()), edges="links")
    else:
        H = nx.cytoscape_graph(json.loads(path.read_text()))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert set(H.nodes) == set(G.nodes)
    if name == "actors" and fmt in ("graphml", "gexf"):
        assert H.nodes[PUTIN]["label"] == "Vladimir Putin"
        assert H.edges[PUTIN, KIM]["weight"] == 1
        assert H.edges[PUTIN, KIM]["events"] == "https://w3id.org/kg/id/event/e2"


def test_flatten_only_scalars(store):
    F = flatten(actor_graph(bipartite_graph(store)))
    values = [v for _, a in F.nodes(data=True) for v in a.values()]
    values += [v for *_, a in F.edges(data=True) for v in a.values()]
    assert values and all(isinstance(v, str | int | float | bool) for v in values)


def test_csv_two_files(store, tmp_path):
    import csv

    G = view(store, "bipartite")
    nodes, edges = write_graph(G, tmp_path / "out.csv", "csv")
    assert (nodes.name, edges.name) == ("out-nodes.csv", "out-edges.csv")
    assert len(list(csv.DictReader(nodes.open()))) == G.number_of_nodes()
    rows = list(csv.DictReader(edges.open()))
    assert len(rows) == G.number_of_edges() and {"source", "target", "key", "role"} <= set(rows[0])
    folder = tmp_path / "dir"
    folder.mkdir()
    assert csv_paths(folder) == (folder / "nodes.csv", folder / "edges.csv")


def test_unknown_format_and_view(store, tmp_path):
    from kg.errors import ExportError

    with pytest.raises(ExportError, match="E600"):
        write_graph(nx.Graph(), tmp_path / "x", "dot")
    with pytest.raises(ExportError, match="E600"):
        view(store, "places")


def test_empty_store(tmp_path):
    from kg.store import open_store

    with open_store(tmp_path / "empty") as empty:
        B = bipartite_graph(empty)
        assert B.number_of_nodes() == 0 and actor_graph(B).number_of_nodes() == 0


@pytest.mark.parametrize(
    "module",
    [
        "kg.export",
        "kg.export.data",
        "kg.export.graphs",
        "kg.export.graphfile",
        "kg.export.page",
        "kg.export.html",
        "kg.export.timeline",
        "kg.export.map",
        "kg.export.testing",
    ],
)
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and (result.attempted > 0 or module == "kg.export.page")


def test_export_queries_are_data_files():
    queries = Path(__file__).resolve().parents[2] / "kg" / "export" / "queries"
    assert {p.stem for p in queries.glob("*.rq")} >= {"events", "event_actors", "entities", "memberships"}
