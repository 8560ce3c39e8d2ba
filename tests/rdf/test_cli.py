"""``kg export rdf`` and ``kg validate`` against a real Oxigraph store folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.namespaces import KG
from kg.rdf.serialize import parse, quads_of, to_nquads

store_mod = pytest.importorskip("kg.store")


def _store(path: Path, quads) -> str:
    store = store_mod.open_store(path)
    try:
        store.add_quads(quads)
        store.flush()
    finally:
        store.close()
    return str(path)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_rdf_in_every_format(tmp_path, quads, fmt) -> None:
    store = _store(tmp_path / "store", quads)
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(
        app, ["export", "rdf", "--format", fmt, "--store", store, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    back = parse(text, fmt)
    if fmt == "turtle":
        assert len(back) == len({(s, p, o) for s, p, o, _ in quads})
    else:
        assert to_nquads(quads_of(back)) == to_nquads(quads)
    if fmt == "jsonld":
        assert "@context" in json.loads(text)


def test_export_rdf_to_stdout_and_bad_format(tmp_path, quads) -> None:
    store = _store(tmp_path / "store", quads)
    result = CliRunner().invoke(app, ["export", "rdf", "--format", "nquads", "--store", store])
    assert result.exit_code == 0
    assert result.stdout == to_nquads(quads)
    bad = CliRunner().invoke(app, ["export", "rdf", "--format", "rdfxml", "--store", store])
    assert bad.exit_code == 2
    assert "E600" in bad.output


def test_validate_ok_and_broken(tmp_path, quads) -> None:
    good = _store(tmp_path / "good", quads)
    result = CliRunner().invoke(app, ["validate", "--store", good])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output

    broken = [q for q in quads if q[1] != KG.inDocument or "/event/" not in str(q[0])]
    bad = _store(tmp_path / "bad", broken)
    result = CliRunner().invoke(app, ["validate", "--store", bad])
    assert result.exit_code == 1
    assert "does not conform" in result.output
    assert "kg:inDocument" in result.output and "source" in result.output
