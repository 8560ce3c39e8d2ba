"""Write a NetworkX view to a file: GraphML, GEXF, node-link JSON, Cytoscape.js JSON or CSV.

GraphML and GEXF only carry str/int/float/bool attributes, so :func:`flatten` turns lists into
";"-joined strings and drops ``None``; the JSON formats keep lists.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph(); G.add_edge("a", "b", weight=2, events=["e1", "e2"])
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_graph(G, folder / "g.graphml", "graphml")]
['g.graphml']
>>> nx.read_graphml(folder / "g.graphml").edges["a", "b"]["events"]
'e1;e2'
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ExportError

FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "cytoscape": ".cyjs", "csv": ".csv"}
SEPARATOR = ";"


def flat_value(value: Any) -> str | int | float | bool | None:
    """A value GraphML/GEXF can hold: lists joined with ";", dates as ISO, dicts as JSON."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if isinstance(value, Iterable):
        return SEPARATOR.join(str(flat_value(v)) for v in value)
    return str(value)


def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: fv for k, v in attrs.items() if (fv := flat_value(v)) is not None}


def flatten(G: Any) -> Any:
    """A copy of ``G`` whose graph, node and edge attributes are all str/int/float/bool."""
    H = G.__class__()
    H.graph.update(_flat_attrs(dict(G.graph)))
    for n, attrs in G.nodes(data=True):
        H.add_node(n, **_flat_attrs(attrs))
    if G.is_multigraph():
        for u, v, k, attrs in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **_flat_attrs(attrs))
    else:
        for u, v, attrs in G.edges(data=True):
            H.add_edge(u, v, **_flat_attrs(attrs))
    return H


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def node_link(G: Any) -> dict[str, Any]:
    """d3-style node-link data (``nodes`` and ``links``); read back with
    ``nx.node_link_graph(data, edges="links")``."""
    return _jsonable(nx.node_link_data(G, edges="links"))


def cytoscape(G: Any) -> dict[str, Any]:
    """Cytoscape.js JSON (``elements.nodes`` / ``elements.edges``, each ``{"data": {...}}``); node
    ``name`` is the label, every edge gets an ``id``. Read back with ``nx.cytoscape_graph``."""
    data = _jsonable(nx.cytoscape_data(G, name="label"))
    for i, edge in enumerate(data["elements"]["edges"]):
        edge["data"].setdefault("id", f"edge{i}")
    return data


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Where the node and edge CSV files go: ``DIR/nodes.csv`` + ``DIR/edges.csv`` for a folder
    (an existing one, or a path ending in "/"), else ``PATH-nodes.csv`` + ``PATH-edges.csv``."""
    if path.is_dir() or str(path).endswith(("/", "\\")):
        return path / "nodes.csv", path / "edges.csv"
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return stem.parent / f"{stem.name}-nodes.csv", stem.parent / f"{stem.name}-edges.csv"


def _write_csv(G: Any, path: Path) -> list[Path]:
    nodes_path, edges_path = csv_paths(path)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    node_rows = [{"id": n, **_flat_attrs(a)} for n, a in G.nodes(data=True)]
    if G.is_multigraph():
        edge_rows = [
            {"source": u, "target": v, "key": k, **_flat_attrs(a)}
            for u, v, k, a in G.edges(keys=True, data=True)
        ]
        edge_head = ["source", "target", "key"]
    else:
        edge_rows = [{"source": u, "target": v, **_flat_attrs(a)} for u, v, a in G.edges(data=True)]
        edge_head = ["source", "target"]
    for target, rows, head in ((nodes_path, node_rows, ["id"]), (edges_path, edge_rows, edge_head)):
        extra = sorted({k for row in rows for k in row} - set(head))
        with target.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=head + extra)
            writer.writeheader()
            writer.writerows(rows)
    return [nodes_path, edges_path]


def write_graph(G: Any, path: str | Path, fmt: str = "graphml") -> list[Path]:
    """Write ``G`` to ``path`` in format ``fmt`` (graphml, gexf, json, cytoscape, csv); return the
    files written (two for csv)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError("E600", reason=f"{fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "csv":
        return _write_csv(G, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flatten(G), path, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        nx.write_gexf(flatten(G), path, encoding="utf-8", prettyprint=True)
    else:
        payload = node_link(G) if fmt == "json" else cytoscape(G)
        path.write_text(
            json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
        )
    return [path]
