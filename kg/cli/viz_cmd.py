"""``kg export graph | html | timeline | map``: NetworkX files and visualizations (kg.export)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from kg.cli.app import app, export_app  # noqa: F401
from kg.errors import KGError

StoreOption = typer.Option(None, "--store", help="Store folder (default: $KG_STORE or ./.kg-store).")
StartOption = typer.Option(None, "--start", help="Only events overlapping from this ISO date.")
EndOption = typer.Option(None, "--end", help="Only events overlapping up to this ISO date.")


def _open(store: str | None) -> Any:
    from kg.store import open_store

    return open_store(store, read_only=True)


@contextmanager
def _store(store: str | None) -> Iterator[Any]:
    opened = _open(store)
    try:
        yield opened
    finally:
        close: Callable[[], None] | None = getattr(opened, "close", None)
        if close is not None:
            close()


def _fail(err: KGError) -> typer.Exit:
    typer.echo(str(err), err=True)
    return typer.Exit(1)


def _done(paths: list[Path]) -> None:
    for path in paths:
        typer.echo(str(path))


@export_app.command("graph")
def graph_cmd(
    view: str = typer.Option("actors", "--view", help="actors | events | bipartite"),
    fmt: str = typer.Option("graphml", "--format", help="graphml | gexf | json | cytoscape | csv"),
    store: str = StoreOption,
    output: Path = typer.Option(None, "--output", "-o", help="File (or folder for csv)."),
    start: str = StartOption,
    end: str = EndOption,
) -> None:
    """Write a NetworkX view of the graph (GraphML, GEXF, node-link JSON, Cytoscape.js, CSV)."""
    from kg.export.graphfile import FORMATS, write_graph
    from kg.export.graphs import view as build_view

    try:
        with _store(store) as opened:
            G = build_view(opened, view, start=start, end=end)
        ext = FORMATS.get(fmt.lower(), "")
        target = output or Path(f"kg-{view}{ext if fmt.lower() != 'csv' else ''}")
        _done(write_graph(G, target, fmt))
    except KGError as err:
        raise _fail(err) from err


@export_app.command("html")
def html_cmd(
    store: str = StoreOption,
    output: Path = typer.Option(Path("kg-graph.html"), "--output", "-o", help="HTML file."),
    start: str = StartOption,
    end: str = EndOption,
    title: str = typer.Option("kg graph", "--title"),
) -> None:
    """Write one self-contained interactive HTML page of actors and events."""
    from kg.export.html import write_html

    try:
        with _store(store) as opened:
            _done([write_html(opened, output, start=start, end=end, title=title)])
    except KGError as err:
        raise _fail(err) from err


@export_app.command("timeline")
def timeline_cmd(
    actor: str = typer.Option(..., "--actor", help="Name, alias, QID or IRI of an actor or organization."),
    store: str = StoreOption,
    output: Path = typer.Option(Path("kg-timeline.png"), "--output", "-o", help=".png, .svg or .pdf"),
    members: bool = typer.Option(False, "--members", help="Include the events of an organization's members."),
) -> None:
    """Plot an actor's events over time (lanes by event type, marker by status)."""
    from kg.export.timeline import plot_timeline

    try:
        with _store(store) as opened:
            _done([plot_timeline(opened, actor, output, members=members)])
    except KGError as err:
        raise _fail(err) from err


@export_app.command("map")
def map_cmd(
    store: str = StoreOption,
    output: Path = typer.Option(Path("kg-map.html"), "--output", "-o", help="HTML map."),
    geojson: Path = typer.Option(None, "--geojson", help="Also write the places as GeoJSON."),
    tiles: str = typer.Option("none", "--tiles", help="Tile URL template, 'osm', or 'none' (markers only)."),
    start: str = StartOption,
    end: str = EndOption,
) -> None:
    """Write a self-contained HTML map of events by place (and GeoJSON)."""
    from kg.export.map import write_map

    try:
        with _store(store) as opened:
            _done(write_map(opened, output, geojson_path=geojson, tiles=tiles, start=start, end=end))
    except KGError as err:
        raise _fail(err) from err
