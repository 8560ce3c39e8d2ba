"""``kg export rdf`` and ``kg validate``: thin calls into :mod:`kg.rdf.export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.cli.app import app, export_app
from kg.errors import KGError
from kg.rdf.export import FORMATS, export_rdf, validate_store


@export_app.command("rdf")
def export_rdf_cmd(
    format: str = typer.Option("turtle", "--format", "-f", help="turtle | trig | nquads | jsonld"),
    store: str | None = typer.Option(None, "--store", help="store folder or SPARQL endpoint URL"),
    output: Path | None = typer.Option(None, "--output", "-o", help="file to write (default: stdout)"),
) -> None:
    """Write the whole graph in a standard RDF syntax (JSON-LD embeds kg's context)."""
    fmt = format.lower()
    if fmt not in FORMATS:
        typer.echo(
            f"[E600] unsupported export format ({format!r}); use one of {', '.join(FORMATS)}", err=True
        )
        raise typer.Exit(2)
    try:
        text = export_rdf(store, fmt)
    except KGError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from err
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output} ({fmt})", err=True)


@app.command("validate")
def validate_cmd(
    store: str | None = typer.Option(None, "--store", help="store folder or SPARQL endpoint URL"),
) -> None:
    """Check the graph against the kg SHACL shapes; exit 1 when it does not conform."""
    try:
        report = validate_store(store)
    except KGError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from err
    typer.echo(report.text())
    if not report.conforms:
        raise typer.Exit(1)
