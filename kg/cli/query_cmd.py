"""``kg query`` (SPARQL text, a .rq file or a named query) and ``kg serve`` (the SPARQL endpoint)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from kg.cli.app import app, export_app  # noqa: F401
from kg.errors import KGError


def _parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: give parameters as NAME=VALUE")
        key, value = item.split("=", 1)
        params[key.strip()] = value
    return params


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


@app.command("query")
def query_command(
    query: str = typer.Argument(None, help="SPARQL text, a .rq file, or a named query's name."),
    name: str = typer.Option(None, "--name", "-n", help="Run a named query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="Query parameter NAME=VALUE (repeatable)."),
    store: str = typer.Option(None, "--store", help="Store folder, 'memory:' or endpoint URL [$KG_STORE]."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    timeout: float = typer.Option(None, "--timeout", help="Stop the query after this many seconds."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
) -> None:
    """Run a SPARQL query on the store and print its rows."""
    from kg.query import list_named, run_query
    from kg.store import open_store

    if list_:
        for q in list_named():
            typer.echo(f"{q.name}: {q.description}")
            for p in q.params:
                typer.echo(
                    f"    --param {p.name}=...  {p.meaning} ({p.type}{', optional' if p.optional else ''})"
                )
        return
    text = name or query
    if not text:
        raise typer.BadParameter("give a query, a .rq file, --name NAME or --list")
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("--format is table, json or csv")
    try:
        with open_store(store, read_only=not (store or "").startswith("memory:")) as st:
            result = run_query(st, text, _parse_params(param), timeout=timeout)
    except KGError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    if result.kind == "ask":
        typer.echo("true" if result.boolean else "false")
        return
    if result.kind == "graph":
        from kg.store.results import serialize

        sys.stdout.write(serialize(result, "application/n-triples").decode())
        return
    rows = result.rows
    if fmt == "json":
        typer.echo(
            json.dumps([{k: _plain(v) for k, v in r.items()} for r in rows], ensure_ascii=False, indent=1)
        )
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.variables)
        for r in rows:
            writer.writerow(["" if r[v] is None else _plain(r[v]) for v in result.variables])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.variables, show_lines=False)
        for r in rows:
            table.add_row(*("" if r[v] is None else str(_plain(r[v])) for v in result.variables))
        Console(width=200).print(table)
        typer.echo(f"{len(rows)} row(s)")


@app.command("serve")
def serve_command(
    store: Path = typer.Option(None, "--store", help="Oxigraph store folder [$KG_STORE or ./.kg-store]."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop queries after this many seconds."),
    limit: int = typer.Option(10000, "--limit", help="Return at most this many rows / triples."),
    max_request: int = typer.Option(1_000_000, "--max-request", help="Largest request body in bytes."),
    workers: int = typer.Option(2, "--workers", help="Query worker processes."),
    allow_update: bool = typer.Option(
        False, "--allow-update", help="Accept SPARQL UPDATE (refused by default)."
    ),
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint (/query, /update) with a query page at /."""
    from kg.server import serve

    serve(
        store,
        host=host,
        port=port,
        timeout=timeout,
        limit=limit,
        max_request=max_request,
        workers=workers,
        allow_update=allow_update,
    )
