"""Serialization: every syntax parses back to the same quads; JSON-LD never fetches a context."""

from __future__ import annotations

import json

import pytest

from kg.errors import KGError
from kg.rdf.namespaces import MERGED_GRAPH
from kg.rdf.ontology import CONTEXT_IRI, context
from kg.rdf.serialize import parse, quads_of, serialize, to_nquads


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_round_trip_keeps_every_quad(quads, fmt) -> None:
    text = serialize(quads, fmt)
    back = quads_of(parse(text, fmt))
    assert len(back) == len(set(quads))
    assert to_nquads(back) == to_nquads(quads)


def test_turtle_is_the_union_of_all_graphs(quads) -> None:
    back = parse(serialize(quads, "turtle"), "turtle")
    assert len(back) == len({(s, p, o) for s, p, o, _ in quads})


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_output_is_deterministic(quads, fmt) -> None:
    assert serialize(quads, fmt) == serialize(list(reversed(quads)), fmt)


def test_jsonld_embeds_the_local_context(quads) -> None:
    doc = json.loads(serialize(quads, "jsonld"))
    assert doc["@context"] == context()
    graphs = {g["id"] for g in doc["@graph"]}  # "id" is the context's alias of "@id"
    assert str(MERGED_GRAPH) in graphs


def test_jsonld_with_the_published_context_iri_uses_the_local_copy() -> None:
    data = {
        "@context": CONTEXT_IRI,
        "@id": "kgr:doc/a1",
        "@type": "Document",
        "docId": "a1",
        "published": "2019-04-24",
    }
    back = quads_of(parse(json.dumps(data), "jsonld"))
    assert len(back) == 3
    assert any(str(o) == "https://w3id.org/kg/ontology#Document" for _, _, o, _ in back)


@pytest.mark.parametrize(
    "ctx",
    [
        "http://169.254.169.254/latest/meta-data/",
        ["https://example.org/ctx.jsonld"],
        {"@import": "http://x/"},
    ],
)
def test_remote_contexts_are_refused_not_fetched(ctx) -> None:
    data = {"@context": ctx, "@id": "http://example.org/a", "http://example.org/p": "x"}
    with pytest.raises(KGError) as err:
        parse(json.dumps(data), "jsonld")
    assert err.value.code == "E501"


def test_unknown_format_is_an_error(quads) -> None:
    with pytest.raises(KGError) as err:
        serialize(quads, "rdfxml")
    assert err.value.code == "E501"


def test_every_syntax_is_identical_across_processes() -> None:
    """Hash randomisation (set/dict order) must not leak into any output."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (
        "import hashlib, sys\n"
        "from tests.rdf.conftest import _doc_a, _doc_b, _events, build_quads\n"
        "from kg.rdf.serialize import serialize\n"
        "r = [_doc_a(), _doc_b()]\n"
        "q = build_quads(r, _events(r))\n"
        "print(' '.join(hashlib.sha256(serialize(q, f).encode()).hexdigest()"
        " for f in ('nquads', 'trig', 'turtle', 'jsonld')))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", script], cwd=root, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
