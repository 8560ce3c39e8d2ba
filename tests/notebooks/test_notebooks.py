"""The notebooks of notebooks/ run top to bottom in a fresh kernel and show what they promise.

Each notebook is executed once (nbclient, kernel ``python3`` = the interpreter running pytest, from
the repository root) against the bundled data/seeds only. A cell that raises fails the test; the
tagged cells (``metadata.tags``) must show their key output: a non-empty table, a figure, a line.

CI needs a ``python3`` kernelspec for the venv's interpreter (ipykernel provides one; to install it
explicitly: ``.venv/bin/python -m ipykernel install --sys-prefix``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell (the first build loads the spaCy model)

#: tag -> what the tagged cell must show: ("table", min body rows, texts it contains),
#: ("text", texts in its printed output) or ("image",)
EXPECTED: dict[str, dict[str, tuple[Any, ...]]] = {
    "01_build_and_explore.ipynb": {
        "summary": ("table", 1, ["documents", "events", "entities"]),
        "entities-table": ("table", 5, ["Vladimir Putin", "Xi Jinping", "wikidata.org/wiki/Q"]),
        "events-table": ("table", 3, ["MEETING", "VISIT", "Vladimir Putin", "planned"]),
        "who-met-whom": ("table", 1, ["Xi Jinping", "Vladimir Putin", "MEETING"]),
        "provenance": ("table", 1, ["Putin"]),
        "provenance-sparql": ("table", 1, ["meeting"]),
        "provenance-check": ("text", ["trigger='meeting'"]),
        "events-dataframe": ("table", 3, ["MEETING"]),
    },
    "02_sparql_and_networks.ipynb": {
        "named-list": ("table", 5, ["who_met_whom", "actor_timeline", "org_member_events"]),
        "named-central": ("table", 2, ["Vladimir Putin"]),
        "named-range": ("table", 1, ["meeting"]),
        "named-timeline": ("table", 1, ["Vladimir Putin"]),
        "centrality": ("table", 2, ["Vladimir Putin", "betweenness"]),
        "communities": ("text", ["modularity:", "community 1:"]),
        "meets": ("table", 1, ["Vladimir Putin + Xi Jinping"]),
        "time-slice": ("table", 1, ["2019-04-26"]),
        "memberships": ("table", 4, ["Shanghai Cooperation Organization", "BRICS", "China", "Russia"]),
        "named-org": ("table", 1, ["Xi Jinping"]),
        "timeline-file": ("image",),
        "timeline-inline": ("image",),
        "graphml": ("text", ["actors.graphml"]),
    },
}


@cache
def executed(name: str) -> Any:
    """The notebook ``name`` after a top-to-bottom run in a fresh kernel (errors kept as outputs)."""
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,  # collect every error, report them all below
        resources={"metadata": {"path": str(ROOT)}},
    )
    client.execute()
    return nb


def tagged(nb: Any, tag: str) -> Any:
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def text_of(cell: Any) -> str:
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(str(out.get("data", {}).get("text/plain", "")))
            parts.append(str(out.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


def html_tables(cell: Any) -> list[str]:
    return [
        str(out.data["text/html"])
        for out in cell.outputs
        if out.output_type in ("execute_result", "display_data") and "text/html" in out.get("data", {})
    ]


def body_rows(html: str) -> int:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return body.group(1).count("<tr") if body else 0


def test_notebooks_found() -> None:
    assert set(EXPECTED) <= set(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs(name: str) -> None:
    """Notebooks are committed clean: no outputs, no execution counts (small repo, clean diffs)."""
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.get('id')} has outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_errors(name: str) -> None:
    nb = executed(name)
    errors = [
        f"cell {cell.get('id')}: {out.ename}: {out.evalue}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors, "\n".join(errors)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count is not None for c in code)


@pytest.mark.slow
@pytest.mark.parametrize("name,tag", [(name, tag) for name, tags in sorted(EXPECTED.items()) for tag in tags])
def test_notebook_key_outputs(name: str, tag: str) -> None:
    cell = tagged(executed(name), tag)
    assert not [o for o in cell.outputs if o.output_type == "error"], f"{tag} raised"
    kind, *spec = EXPECTED[name][tag]
    if kind == "table":
        min_rows, texts = spec
        tables = html_tables(cell)
        assert tables, f"{tag}: no table shown"
        assert max(body_rows(t) for t in tables) >= min_rows, f"{tag}: table has fewer than {min_rows} rows"
        shown = text_of(cell)
        for text in texts:
            assert text in shown, f"{tag}: {text!r} not shown"
    elif kind == "text":
        shown = text_of(cell)
        for text in spec[0]:
            assert text in shown, f"{tag}: {text!r} not shown"
    else:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"{tag}: no image shown"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_html_is_only_escaped_tables(name: str) -> None:
    """Article text reaches the page only through pandas' escaped tables, never as raw HTML."""
    nb = executed(name)
    for cell in nb.cells:
        for html in html_tables(cell) if cell.cell_type == "code" else []:
            assert "<table" in html and "<script" not in html.lower(), (
                f"cell {cell.get('id')}: raw HTML output"
            )
