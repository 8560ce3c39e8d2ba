"""HTML page (in a real headless chromium), timeline plots, map + GeoJSON, and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import shape
from typer.testing import CliRunner

from kg.export import bipartite_graph, geojson, plot_timeline, write_html, write_map
from kg.export.page import json_for_html

EXTERNAL_SRC = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?:", re.I)


def test_json_for_html_escapes():
    text = json_for_html({"s": "</script><img src=x onerror=alert(1)> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["s"].startswith("</script>")


def test_html_is_self_contained_and_inert(store, tmp_path):
    page = write_html(store, tmp_path / "g.html").read_text(encoding="utf-8")
    assert not EXTERNAL_SRC.search(page)
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "vis-network" in page and 'type="application/json"' in page


@pytest.mark.browser
def test_html_in_browser(store, tmp_path, browser):
    path = write_html(store, tmp_path / "g.html")
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgGraph && window.kgGraph.nodeCount > 0")
    B = bipartite_graph(store)
    assert page.evaluate("window.kgGraph.nodeCount") == B.number_of_nodes()
    assert page.evaluate("window.kgGraph.network.body.nodeIndices.length") == B.number_of_nodes()
    assert page.locator("#kg-network canvas").count() == 1
    # the panel shows hostile sentences and titles as text
    page.evaluate('window.kgGraph.showEvent("https://w3id.org/kg/id/event/e3")')
    panel = page.inner_text("#kg-panel")
    assert "Xi Jinping visited Pyongyang <script>window.__pwned=1</script>" in panel
    assert "onerror" in panel
    page.evaluate('window.kgGraph.showActor("https://w3id.org/kg/id/entity/evil")')
    assert "Evil <script>" in page.inner_text("#kg-panel")
    assert page.locator("#kg-panel img, #kg-panel script").count() == 0
    assert page.locator("#kg-panel a[href^=javascript]").count() == 0
    # the actor view: one edge per co-occurring pair; the slider narrows it
    page.select_option("#kg-view", "actors")
    assert page.evaluate("window.kgGraph.nodeCount") == 8
    assert page.evaluate("window.kgGraph.edgeCount") == 11
    page.evaluate(
        "() => { const i = document.getElementById('kg-to'); i.value = '0'; i.dispatchEvent(new Event('input')); }"
    )
    page.uncheck("#kg-undated")
    assert page.evaluate("window.kgGraph.nodeCount") == 2  # 2019-04-25: Putin and Kim
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []
    assert all(url.startswith("file:") for url in requests)
    page.close()


def test_timeline_png_and_svg(store, tmp_path):
    png = plot_timeline(store, "Putin", tmp_path / "putin.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    svg = plot_timeline(store, "Q56226", tmp_path / "kim.svg")
    text = svg.read_text()
    assert text.lstrip().startswith(("<?xml", "<svg")) and "<svg" in text and svg.stat().st_size > 5000
    org = plot_timeline(store, "SCO", tmp_path / "sco.svg", members=True)
    assert org.stat().st_size > 5000
    # deterministic SVG
    again = plot_timeline(store, "Q56226", tmp_path / "kim2.svg")
    assert again.read_bytes() == svg.read_bytes()


def test_timeline_errors(store, tmp_path):
    from kg.errors import ExportError

    with pytest.raises(ExportError, match="E601"):
        plot_timeline(store, "Nobody Atall", tmp_path / "x.png")
    with pytest.raises(ExportError, match="E600"):
        plot_timeline(store, "Putin", tmp_path / "x.gif")


def test_geojson_with_shapely(store, count, tmp_path):
    collection = geojson(store)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == count("count_places") == 3
    beijing = next(f for f in collection["features"] if f["properties"]["label"] == "Beijing")
    point = shape(beijing["geometry"])
    assert (
        point.geom_type == "Point"
        and point.x == pytest.approx(116.4, abs=0.1)
        and point.y == pytest.approx(39.9, abs=0.1)
    )
    assert {e["type"] for e in beijing["properties"]["events"]} == {"MEETING", "STATEMENT"}
    html_path, geo_path = write_map(store, tmp_path / "m.html", geojson_path=tmp_path / "m.geojson")
    loaded = json.loads(geo_path.read_text(encoding="utf-8"))
    assert all(shape(f["geometry"]).is_valid for f in loaded["features"])
    assert len(loaded["features"]) == 3


def test_map_offline_by_default(store, tmp_path):
    [path] = write_map(store, tmp_path / "m.html")
    page = path.read_text(encoding="utf-8")
    assert not EXTERNAL_SRC.search(page)
    assert "<img src=x" not in page
    with_tiles = write_map(store, tmp_path / "t.html", tiles="osm")[0].read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in with_tiles and not EXTERNAL_SRC.search(with_tiles)


@pytest.mark.browser
def test_map_in_browser(store, tmp_path, browser):
    [path] = write_map(store, tmp_path / "m.html")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgMap && window.kgMap.markerCount > 0")
    assert page.evaluate("window.kgMap.markerCount") == 3
    assert page.locator("path.leaflet-interactive").count() == 3
    for i in range(3):
        page.locator("path.leaflet-interactive").nth(i).click(force=True)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []
    page.close()


def test_cli_commands(store_dir, tmp_path):
    import networkx as nx

    from kg.cli import app

    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["export", *args, "--store", str(store_dir)])
        assert result.exit_code == 0, result.output + str(result.exception)
        return result.output

    run("graph", "--view", "actors", "--format", "graphml", "--output", str(tmp_path / "a.graphml"))
    assert nx.read_graphml(tmp_path / "a.graphml").number_of_nodes() == 8
    run(
        "graph",
        "--view",
        "events",
        "--format",
        "gexf",
        "--output",
        str(tmp_path / "e.gexf"),
        "--start",
        "2019-06-01",
    )
    assert nx.read_gexf(tmp_path / "e.gexf").number_of_nodes() == 2
    out = run("graph", "--view", "bipartite", "--format", "csv", "--output", str(tmp_path / "b"))
    assert "b-nodes.csv" in out and (tmp_path / "b-edges.csv").exists()
    run("html", "--output", str(tmp_path / "g.html"))
    run("timeline", "--actor", "Xi Jinping", "--output", str(tmp_path / "xi.svg"))
    run("map", "--output", str(tmp_path / "m.html"), "--geojson", str(tmp_path / "m.geojson"))
    assert (
        (tmp_path / "g.html").exists()
        and (tmp_path / "xi.svg").exists()
        and (tmp_path / "m.geojson").exists()
    )
    bad = runner.invoke(
        app, ["export", "graph", "--format", "dot", "--store", str(store_dir), "-o", str(tmp_path / "x")]
    )
    assert bad.exit_code == 1 and "E600" in bad.output
    bad = runner.invoke(app, ["export", "timeline", "--actor", "Nobody", "--store", str(store_dir)])
    assert bad.exit_code == 1 and "E601" in bad.output
