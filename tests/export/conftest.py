"""Fixtures of the export tests: the hand-made sample graph in a real Oxigraph store folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rdflib

from kg.store import open_store

DATA = Path(__file__).resolve().parents[1] / "data" / "export_sample.trig"
QUERIES = Path(__file__).parent / "queries"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Oxigraph store folder holding tests/data/export_sample.trig."""
    folder = tmp_path_factory.mktemp("export-store")
    ds = rdflib.Dataset()
    ds.parse(DATA, format="trig")
    with open_store(folder) as store:
        store.add_quads(ds.quads())
        store.flush()
    return folder


@pytest.fixture
def store(store_dir: Path) -> Any:
    opened = open_store(store_dir, read_only=True)
    yield opened
    opened.close()


@pytest.fixture
def count(store: Any) -> Any:
    """``count(name)``: run tests/export/queries/{name}.rq on the store and return its single ?n."""

    def run(name: str) -> int:
        return int(store.query((QUERIES / f"{name}.rq").read_text()).rows[0]["n"])

    return run


@pytest.fixture(scope="session")
def browser() -> Any:
    """A headless Debian chromium driven by playwright; skips when /usr/bin/chromium is absent."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
