"""``kg build``, ``kg eval`` and ``kg entities``: thin calls into :mod:`kg.pipeline` and :mod:`kg.export`."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.cli.app import app, export_app  # noqa: F401
from kg.config import DEFAULT_BATCH
from kg.errors import KGError

StoreOption = typer.Option(None, "--store", help="Store folder (default: $KG_STORE or ./.kg-store).")
console = Console(stderr=True)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        typer.echo(f"[E303] invalid date ({value!r}). Use an ISO date such as 2019-04-24.", err=True)
        raise typer.Exit(2) from exc


@app.command("build")
def build_cmd(
    inputs: list[Path] = typer.Argument(..., help=".txt/.jsonl/.json/.html files or folders of them."),
    store: str = StoreOption,
    endpoint: str = typer.Option(None, "--endpoint", help="Write to a SPARQL 1.1 endpoint instead (URL)."),
    published: str = typer.Option(None, "--published", help="Publication date for documents without one."),
    model: str = typer.Option(None, "--model", help="spaCy model package (default: $KG_SPACY_MODEL)."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Local worker processes for the NLP."),
    dask: str = typer.Option(None, "--dask", help="Dask scheduler address ('local' for a LocalCluster)."),
    batch_size: int = typer.Option(
        DEFAULT_BATCH, "--batch-size", min=1, help="Documents per store transaction."
    ),
    max_chars: int = typer.Option(2_000_000, "--max-chars", help="Refuse documents longer than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary table."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any document failed."),
    report: Path = typer.Option(None, "--report", help="Write the build report as JSON to this file."),
) -> None:
    """Build (or update) the knowledge graph of some articles into the store."""
    from kg.pipeline import build

    target = endpoint or store
    try:
        summary = build(
            [str(p) for p in inputs],
            target,
            published=_date(published),
            model=model,
            workers=workers,
            dask=dask,
            batch_size=batch_size,
            progress=not quiet,
            max_chars=max_chars,
        )
    except KGError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from err
    data = summary.as_dict()
    if report is not None:
        report.write_text(
            json.dumps({**data, "report": summary.report.to_dict()}, indent=2), encoding="utf-8"
        )
    if not quiet:
        table = Table(title="kg build", show_header=False)
        for key in (
            "documents",
            "unchanged",
            "skipped",
            "failed",
            "warnings",
            "entities",
            "events",
            "triples",
        ):
            table.add_row(key, str(data[key]))
        table.add_row("time", f"{data['seconds']:.1f} s")
        console.print(table)
    if summary.report.problems:
        console.print(summary.report.summary(limit=20 if quiet else 50), markup=False, highlight=False)
    else:
        typer.echo(json.dumps(data) if quiet else "", err=True, nl=not quiet)
    if summary.documents == 0 and summary.unchanged == 0:
        typer.echo("[E700] nothing could be built (no readable document).", err=True)
        raise typer.Exit(1)
    if strict and summary.report.failed:
        raise typer.Exit(1)


def _scorer(gold: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    for parent in [gold.resolve(), *gold.resolve().parents]:
        candidate = parent / "score_events.py"
        if candidate.exists():
            return candidate
    typer.echo("cannot find score_events.py next to the gold; give it with --scorer", err=True)
    raise typer.Exit(2)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold file (.jsonl) or folder of .json files."),
    inputs: list[Path] = typer.Argument(None, help="Articles to build first (else read the store)."),
    store: str = StoreOption,
    scorer: Path = typer.Option(None, "--scorer", help="score_events.py (default: found beside the gold)."),
    dump: Path = typer.Option(None, "--dump", help="Keep events.jsonl and entities.jsonl in this folder."),
) -> None:
    """Score the graph's events and entities against gold annotations with the shared scorer."""
    from kg.export import records
    from kg.export.jsonl import entity_record, event_record, write_jsonl
    from kg.pipeline import build
    from kg.store import open_store

    script = _scorer(gold, scorer)
    target = store
    if inputs:
        target = store or tempfile.mkdtemp(prefix="kg-eval-")
        build([str(p) for p in inputs], target, progress=False)
    out = dump or Path(tempfile.mkdtemp(prefix="kg-eval-out-"))
    out.mkdir(parents=True, exist_ok=True)
    with open_store(target, read_only=True) as st:
        with (out / "events.jsonl").open("w", encoding="utf-8") as f:
            write_jsonl((event_record(e) for e in records.events(st)), f)
        with (out / "entities.jsonl").open("w", encoding="utf-8") as f:
            write_jsonl((entity_record(e) for e in records.entities(st)), f)
    result = subprocess.run(
        [sys.executable, str(script), str(gold), str(out / "events.jsonl"), str(out / "entities.jsonl")],
        capture_output=True,
        text=True,
    )
    sys.stdout.write(result.stdout)
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise typer.Exit(result.returncode)


@app.command("entities")
def entities_cmd(
    store: str = StoreOption,
    type_: str = typer.Option(None, "--type", help="Only this type (PERSON, COUNTRY, ORGANIZATION ...)."),
    limit: int = typer.Option(50, "--limit", help="Rows to show (0 = all)."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List entities with their mention counts and Wikidata links."""
    from kg.export import records
    from kg.store import open_store

    with open_store(store, read_only=True) as st:
        ents = records.entities(st)
    if type_:
        ents = [e for e in ents if e.type == type_.upper()]
    ents.sort(key=lambda e: (-len(e.mentions), e.label))
    if limit:
        ents = ents[:limit]
    if as_json:
        for e in ents:
            typer.echo(
                json.dumps(
                    {
                        "label": e.label,
                        "type": e.type,
                        "mentions": len(e.mentions),
                        "wikidata": e.wikidata,
                        "aliases": e.aliases,
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table(title="entities")
    for col in ("label", "type", "mentions", "wikidata", "aliases"):
        table.add_column(col)
    for e in ents:
        table.add_row(
            e.label,
            e.type,
            str(len(e.mentions)),
            f"https://www.wikidata.org/wiki/{e.wikidata}" if e.wikidata else "",
            ", ".join(e.aliases[:4]),
        )
    Console().print(table)
