"""The typer applications every command module registers on (``kg`` and ``kg export``)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kg",
    help="Turn diplomatic news into a knowledge graph: build, query, serve and export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(
    help="Write the graph out: events, entities, rdf, graph, html, timeline, map.", no_args_is_help=True
)
app.add_typer(export_app, name="export")
