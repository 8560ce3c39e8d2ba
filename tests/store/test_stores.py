"""Every store backend behind the one interface: writes, atomicity, union default graph, round trips."""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import KGError, QueryError
from kg.store import open_store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore

from .helpers import Server, sample_quads

G1 = URIRef("https://w3id.org/kg/id/graph/doc/t1")
G2 = URIRef("https://w3id.org/kg/id/graph/doc/t2")
P = URIRef("https://w3id.org/kg/ontology#text")


def graph_quads(g: URIRef, n: int, tag: str = "") -> list:
    return [(URIRef(f"{g}/s{i}"), P, Literal(f'{tag}value {i} "q" {{}}\n'), g) for i in range(n)]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("remote-store")
    server = Server(folder, "--allow-update", "--max-request", "50000000")
    yield server
    server.stop()


@pytest.fixture(params=["oxigraph", "memory", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "oxigraph":
        st = open_store(tmp_path / "store")
        assert isinstance(st, OxigraphStore)
    elif request.param == "memory":
        st = open_store("memory:")
        assert isinstance(st, MemoryStore)
    else:
        server = request.getfixturevalue("endpoint")
        st = open_store(endpoint=server.url + "/query")
        assert isinstance(st, RemoteStore)
        st.update("DROP ALL")  # type: ignore[attr-defined]
    yield st
    st.close()


def test_replace_graphs_writes_and_rewrite_is_idempotent(store) -> None:
    store.replace_graphs({G1: graph_quads(G1, 5), G2: graph_quads(G2, 3)})
    assert len(store) == 8
    assert store.graphs() == {G1, G2}
    first = set(store.quads())
    store.replace_graphs({G1: graph_quads(G1, 5), G2: graph_quads(G2, 3)})
    assert len(store) == 8
    assert set(store.quads()) == first


def test_replace_graphs_replaces_only_the_named_graphs(store) -> None:
    store.replace_graphs({G1: graph_quads(G1, 5), G2: graph_quads(G2, 3)})
    store.replace_graphs({G1: graph_quads(G1, 2, "new ")})
    assert set(store.quads(G1)) == set(graph_quads(G1, 2, "new "))
    assert set(store.quads(G2)) == set(graph_quads(G2, 3))


def test_failed_batch_changes_nothing(store) -> None:
    store.replace_graphs({G1: graph_quads(G1, 4)})
    before = set(store.quads())

    def broken():
        yield from graph_quads(G2, 3)
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError):
        store.replace_graphs({G1: graph_quads(G1, 1, "x"), G2: broken()})
    bad_iri = [(URIRef("urn:bad iri"), P, Literal("x"), G2)]
    with pytest.raises((ValueError, KGError)):
        store.replace_graphs({G1: graph_quads(G1, 1, "x"), G2: bad_iri})
    assert set(store.quads()) == before


def test_drop_graphs(store) -> None:
    store.replace_graphs({G1: graph_quads(G1, 2), G2: graph_quads(G2, 2)})
    store.drop_graphs([G1, URIRef("urn:missing")])
    assert store.graphs() == {G2}
    assert len(store) == 2


def test_union_default_graph_and_document_hashes(store) -> None:
    quads = sample_quads()
    store.add_quads(quads)
    assert len(store) == len(quads)
    n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    assert n == len(quads)
    assert store.document_hashes() == {"a1": "hash-a1", "a2": "hash-a2", "a3": "hash-a3"}


def test_quads_round_trip(store) -> None:
    quads = sample_quads()
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q[3], []).append(q)
    store.replace_graphs(by_graph)
    assert set(store.quads()) == set(quads)
    merged = URIRef("https://w3id.org/kg/id/graph/merged")
    assert set(store.quads(merged)) == set(by_graph[merged])


def test_query_result_types_and_dataframe(store) -> None:
    store.add_quads(sample_quads())
    result = store.query(
        "PREFIX kg: <https://w3id.org/kg/ontology#> "
        "SELECT ?id ?published WHERE { ?d kg:docId ?id ; kg:published ?published } ORDER BY ?id"
    )
    assert result.variables == ["id", "published"]
    assert [r["id"] for r in result.rows] == ["a1", "a2", "a3"]
    assert result.rows[0]["published"].isoformat() == "2019-04-24"
    assert list(result.to_dataframe()["id"]) == ["a1", "a2", "a3"]
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    construct = store.query(
        "CONSTRUCT { ?d a ?c } WHERE { ?d a ?c . ?d <https://w3id.org/kg/ontology#docId> ?i }"
    )
    assert len(construct.triples) == 3


def test_invalid_query_is_a_query_error(store) -> None:
    with pytest.raises(QueryError) as err:
        store.query("SELECT WHERE {")
    assert err.value.code == "E401"


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_query_timeout_stops_a_slow_query(backend: str, tmp_path: Path) -> None:
    st = open_store(tmp_path / "s" if backend == "oxigraph" else "memory:")
    st.add_quads(sample_quads())
    with pytest.raises(QueryError) as err:
        st.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1)
    assert err.value.code == "E402"
    assert "stopped" in str(err.value)
    assert st.query("ASK { ?s ?p ?o }", timeout=60).boolean is True
    st.close()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    open_store(tmp_path / "s").close()
    with open_store(tmp_path / "s", read_only=True) as st, pytest.raises(KGError) as err:
        st.add_quads(graph_quads(G1, 1))
    assert err.value.code == "E406"


def _writer(path: str, ready) -> None:  # runs in a child process that gets killed mid-way
    st = OxigraphStore(path)
    batch = 0
    while True:
        graphs = {URIRef(f"https://w3id.org/kg/id/graph/doc/b{batch}-{i}"): None for i in range(20)}
        st.replace_graphs({g: graph_quads(g, 100) for g in graphs})
        batch += 1
        if batch == 3:
            ready.set()


def test_oxigraph_crash_leaves_committed_batches_whole(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    ready = ctx.Event()
    child = ctx.Process(target=_writer, args=(str(tmp_path / "s"), ready))
    child.start()
    try:
        assert ready.wait(120)
        time.sleep(0.3)
    finally:
        child.kill()
        child.join(10)
    with OxigraphStore(tmp_path / "s") as st:
        counts: dict = {}
        for _, _, _, g in st.quads():
            counts[g] = counts.get(g, 0) + 1
        assert len(counts) >= 60
        assert set(counts.values()) == {100}
        batches: dict = {}
        for g in counts:
            batches.setdefault(str(g).rsplit("-", 1)[0], 0)
            batches[str(g).rsplit("-", 1)[0]] += 1
        assert set(batches.values()) == {20}


def test_oxrdflib_opens_the_store_folder(tmp_path: Path) -> None:
    pytest.importorskip("oxrdflib")
    from rdflib import Dataset

    with open_store(tmp_path / "s") as st:
        st.add_quads(sample_quads())
    ds = Dataset(store="Oxigraph")
    ds.open(str(tmp_path / "s"))
    try:
        assert sum(1 for _ in ds.quads((None, None, None, None))) == len(sample_quads())
        rows = list(ds.query("SELECT ?id WHERE { GRAPH ?g { ?d <https://w3id.org/kg/ontology#docId> ?id } }"))
        assert sorted(str(r[0]) for r in rows) == ["a1", "a2", "a3"]
    finally:
        ds.close()
