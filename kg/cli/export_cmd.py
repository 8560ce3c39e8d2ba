"""``kg export events`` and ``kg export entities``: JSON lines (the shared scorer's format), JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

import typer

from kg.cli.app import export_app

StoreOption = typer.Option(None, "--store", help="Store folder (default: $KG_STORE or ./.kg-store).")
FORMATS = ("jsonl", "json", "csv")


def _write(records: list[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        from kg.export.jsonl import write_jsonl

        write_jsonl(records, out)
    elif fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
    else:
        fields = sorted({k for r in records for k in r})
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for r in records:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                    for k, v in r.items()
                }
            )


def _export(kind: str, fmt: str, store: str | None, output: Path | None) -> None:
    from kg.export import records
    from kg.export.jsonl import entity_record, event_record
    from kg.store import open_store

    if fmt not in FORMATS:
        typer.echo(f"[E600] unsupported export format ({fmt!r}); use one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    with open_store(store, read_only=True) as st:
        rows = (
            [event_record(e) for e in records.events(st)]
            if kind == "events"
            else [entity_record(e) for e in records.entities(st)]
        )
    if output is None:
        _write(rows, fmt, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as f:
            _write(rows, fmt, f)
        typer.echo(f"wrote {len(rows)} {kind} to {output}", err=True)


@export_app.command("events")
def export_events(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv"),
    store: str = StoreOption,
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
) -> None:
    """Every cross-document event, one record a line, with all its sources."""
    _export("events", fmt, store, output)


@export_app.command("entities")
def export_entities(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv"),
    store: str = StoreOption,
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
) -> None:
    """Every entity with its aliases, Wikidata QID and mentions."""
    _export("entities", fmt, store, output)
