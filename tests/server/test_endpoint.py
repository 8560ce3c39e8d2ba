"""The SPARQL endpoint: a real uvicorn subprocess, queried over HTTP with SPARQLWrapper and httpx."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
from store.helpers import Server, sample_quads

from kg.query import named, run_named
from kg.store import open_store
from kg.store.remote import RemoteStore

EVIL = '<script>alert("x")</script> & <b>bold</b>'
MERGED = URIRef("https://w3id.org/kg/id/graph/merged")
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DOCS = (
    "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?id ?published WHERE "
    "{ ?d kg:docId ?id ; kg:published ?published } ORDER BY ?id"
)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served")
    with open_store(folder) as st:
        st.add_quads(sample_quads())
        st.add_quads([(URIRef("https://w3id.org/kg/id/entity/evil"), URIRef(LABEL), Literal(EVIL), MERGED)])
    return folder


@pytest.fixture(scope="module")
def server(store_dir: Path):
    srv = Server(store_dir, "--timeout", "2", "--limit", "50", "--max-request", "20000")
    yield srv
    srv.stop()


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "/query")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_sparqlwrapper_select_json(server: Server) -> None:
    data = wrapper(server, DOCS, JSON).query().convert()
    assert data["head"]["vars"] == ["id", "published"]
    rows = data["results"]["bindings"]
    assert [r["id"]["value"] for r in rows] == ["a1", "a2", "a3"]
    assert rows[0]["published"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"


def test_sparqlwrapper_select_xml_and_csv(server: Server) -> None:
    doc = wrapper(server, DOCS, XML).query().convert()
    ids = [n.firstChild.data for n in doc.getElementsByTagName("literal")][::2]
    assert ids == ["a1", "a2", "a3"]
    text = wrapper(server, DOCS, CSV).query().convert().decode()
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "published"],
        ["a1", "2019-04-24"],
        ["a2", "2019-04-27"],
        ["a3", "2019-05-10"],
    ]


def test_post_forms_tsv_and_ask(server: Server) -> None:
    resp = httpx.post(
        server.url + "/query", data={"query": DOCS}, headers={"Accept": "text/tab-separated-values"}
    )
    assert resp.status_code == 200
    assert resp.text.splitlines()[0] == "?id\t?published"
    resp = httpx.post(
        server.url + "/sparql",
        content="ASK { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert resp.json()["boolean"] is True
    resp = httpx.get(server.url + "/query", params={"query": DOCS, "format": "csv"})
    assert resp.headers["content-type"].startswith("text/csv")


def test_construct_as_turtle_and_ntriples(server: Server) -> None:
    query = (
        "PREFIX kg: <https://w3id.org/kg/ontology#> CONSTRUCT { ?d kg:docId ?id } WHERE { ?d kg:docId ?id }"
    )
    result = wrapper(server, query, TURTLE).query()
    graph = Graph().parse(data=result.response.read(), format="turtle")
    assert sorted(str(o) for o in graph.objects()) == ["a1", "a2", "a3"]
    resp = httpx.get(
        server.url + "/query", params={"query": query}, headers={"Accept": "application/n-triples"}
    )
    assert len(resp.text.strip().splitlines()) == 3


def test_update_is_refused_when_read_only(server: Server) -> None:
    sw = SPARQLWrapper(server.url + "/query", updateEndpoint=server.url + "/update")
    sw.setMethod(POST)
    sw.setQuery("DROP ALL")
    with pytest.raises((SPARQLWrapperException, Exception)) as err:
        sw.query()
    assert "403" in str(err.value) or "E406" in str(err.value)
    for url, kwargs in [
        ("/update", {"data": {"update": "DROP ALL"}}),
        ("/query", {"data": {"update": "DROP ALL"}}),
        ("/query", {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}),
    ]:
        resp = httpx.post(server.url + url, **kwargs)
        assert resp.status_code == 403
        assert "read-only" in resp.text
    count = httpx.get(server.url + "/query", params={"query": "ASK { ?s ?p ?o }"}).json()
    assert count["boolean"] is True


def test_slow_query_is_stopped_with_a_clear_error(server: Server) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    resp = httpx.get(server.url + "/query", params={"query": slow}, timeout=120)
    assert resp.status_code == 503
    assert "E402" in resp.text and "stopped" in resp.text
    # the server is still there and answers the next query
    assert httpx.get(server.url + "/query", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_result_and_request_size_limits(server: Server) -> None:
    resp = httpx.get(server.url + "/query", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(resp.json()["results"]["bindings"]) == 50
    assert resp.headers["x-kg-truncated"] == "true"
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30000
    resp = httpx.post(
        server.url + "/query", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert resp.status_code == 413
    resp = httpx.post(server.url + "/query", data={"query": big})
    assert resp.status_code == 413


def test_bad_query_is_400(server: Server) -> None:
    resp = httpx.get(server.url + "/query", params={"query": "SELECT WHERE {"})
    assert resp.status_code == 400
    assert "E401" in resp.text


def test_html_page_escapes_values(server: Server) -> None:
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and "<form" in page.text and "<script" not in page.text
    query = f"SELECT ?l WHERE {{ <https://w3id.org/kg/id/entity/evil> <{LABEL}> ?l }}"
    page = httpx.get(server.url + "/", params={"query": query})
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page.text
    assert "<script" not in page.text and "<b>" not in page.text
    page = httpx.get(server.url + "/", params={"query": '"</textarea><script>x</script>'})
    assert "<script" not in page.text


def test_remote_store_runs_named_queries_with_safe_params(server: Server) -> None:
    remote = RemoteStore(server.url + "/query", read_only=True)
    rows = run_named(remote, "actor_timeline", {"actor": "putin"}).rows
    assert [r["event"].rsplit("/", 1)[1] for r in rows] == ["e2", "e1", "e4"]
    assert run_named(remote, "actor_timeline", {"actor": '"} ; DROP ALL ; {"'}).rows == []
    assert remote.query(named("resolve_entity").sparql, {"key": "Q7747"}).rows[0]["label"] == "Vladimir Putin"
    assert remote.document_hashes() == {"a1": "hash-a1", "a2": "hash-a2", "a3": "hash-a3"}
    remote.close()


def test_serve_command_is_registered() -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--store", "--host", "--port", "--timeout", "--limit", "--allow-update"):
        assert option in result.output


def test_missing_store_folder_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import StoreError
    from kg.server import Settings, create_app

    with pytest.raises(StoreError) as err:
        create_app(Settings(tmp_path / "nope"))
    assert err.value.code == "E400"


def test_update_allowed_server_accepts_updates(tmp_path: Path) -> None:
    srv = Server(tmp_path / "rw", "--allow-update")
    try:
        sw = SPARQLWrapper(srv.url + "/query", updateEndpoint=srv.url + "/update")
        sw.setMethod(POST)
        sw.setQuery('INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> "o" } }')
        sw.query()
        resp = httpx.get(srv.url + "/query", params={"query": "SELECT ?o WHERE { ?s ?p ?o }"})
        assert [b["o"]["value"] for b in resp.json()["results"]["bindings"]] == ["o"]
    finally:
        srv.stop()
