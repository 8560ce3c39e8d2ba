"""``kg timex``: tag TimeML documents with TIMEX3s, or show the time expressions of a text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer

from kg.cli.app import app, export_app  # noqa: F401
from kg.errors import TimeMLError
from kg.records import to_dict


@app.command("timex")
def timex(
    input_dir: Path | None = typer.Argument(None, help="Folder of TimeML documents (.tml, .TE3input)."),
    output_dir: Path | None = typer.Argument(None, help="Folder for the tagged documents."),
    text: str | None = typer.Option(None, "--text", help="Tag this text instead of TimeML files."),
    dct: str | None = typer.Option(None, "--dct", help="Document creation time (ISO date) for --text."),
    as_json: bool = typer.Option(False, "--json", help="Print the expressions of --text as JSON."),
) -> None:
    """Recognise and normalise time expressions (TIMEX3), TempEval-3 task A style."""
    from kg.time import tag
    from kg.time.timeml import tag_dir

    if text is not None:
        try:
            anchor = date.fromisoformat(dct) if dct else None
        except ValueError:
            typer.echo(str(TimeMLError("E303", reason=str(dct))), err=True)
            raise typer.Exit(2) from None
        found = tag(text, anchor)
        if as_json:
            typer.echo(json.dumps([to_dict(t) for t in found], ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table("type", "value", "mod", "start", "end", "text")
        for t in found:
            table.add_row(t.type, t.value, t.mod or "", str(t.start), str(t.end), t.text)
        Console().print(table)
        return
    if input_dir is None or output_dir is None:
        typer.echo("give INPUT_DIR and OUTPUT_DIR, or --text (see kg timex --help)", err=True)
        raise typer.Exit(2)
    if not input_dir.is_dir():
        typer.echo(f"not a folder: {input_dir}", err=True)
        raise typer.Exit(2)
    done, errors = tag_dir(input_dir, output_dir)
    for err in errors:
        typer.echo(str(err), err=True)
    typer.echo(f"tagged {done} document(s) into {output_dir}; {len(errors)} failed")
    if errors:
        raise typer.Exit(1)
