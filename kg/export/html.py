"""One self-contained interactive HTML page of the graph (vis-network bundled, no network needed).

Actors are coloured by entity type, events are boxes; a slider pair filters events by date, a
selector switches to the actor graph (edge width = number of shared events), and clicking an
event shows the sentences that report it. See :mod:`kg.export.page` for how article text is kept
inert.

>>> import tempfile, pathlib
>>> from kg.export.testing import sample_store
>>> out = write_html(sample_store(), pathlib.Path(tempfile.mkdtemp()) / "graph.html")
>>> text = out.read_text(encoding="utf-8")
>>> "<script>window.__pwned" in text, "cdn" in text.lower().split("<script>")[0]
(False, False)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from kg.export.data import GraphData, QueryStore, load_graph_data, parse_date
from kg.export.page import asset, escape, fill_template, inline_script, inline_style, json_script

#: node colours by entity type (colour-blind friendly Tableau palette)
COLORS = {
    "Person": "#4e79a7",
    "Country": "#59a14f",
    "Organization": "#f28e2b",
    "Place": "#b07aa1",
    "NamedEvent": "#9c755f",
    "Event": "#e15759",
    "Other": "#9d9d9d",
}


def page_data(data: GraphData, *, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """The JSON the page script reads: entities, events (with actors and source sentences)."""
    events = [ev for ev in data.events.values() if ev.overlaps(start, end)]
    actor_ids = sorted({a for ev in events for a in ev.actors})
    entities = []
    for iri in actor_ids:
        ent = data.entity(iri)
        entities.append({"id": iri, "label": ent.label, "type": ent.type, "qid": ent.qid})
    out_events = []
    for ev in events:
        place = data.entities.get(ev.place) if ev.place else None
        out_events.append(
            {
                "id": ev.id,
                "label": data.event_label(ev),
                "type": ev.type,
                "status": ev.status,
                "date": ev.date_value,
                "start": ev.start.isoformat() if ev.start else None,
                "end": ev.end.isoformat() if ev.end else None,
                "placeLabel": place.label if place else None,
                "actors": [[a, role] for a, roles in ev.actors.items() for role in roles],
                "sources": [
                    {
                        "docId": s.doc_id,
                        "title": s.title,
                        "published": s.published.isoformat() if s.published else None,
                        "url": s.url,
                        "sentence": s.sentence,
                    }
                    for s in ev.sources
                ],
            }
        )
    return {"colors": COLORS, "entities": entities, "events": out_events}


def render_html(payload: dict[str, Any], title: str = "kg graph") -> str:
    """The page for ``payload`` (see :func:`page_data`)."""
    parts = {
        "title": escape(title),
        "style": inline_style(asset("graph.css")),
        "data": json_script(payload, "kg-data"),
        "vis": inline_script(asset("vis-network.min.js")),
        "app": inline_script(asset("graph.js")),
    }
    return fill_template("graph.html", parts)


def write_html(
    store: QueryStore,
    path: str | Path = "kg-graph.html",
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    title: str = "kg graph",
) -> Path:
    """Write the interactive page of the graph in ``store`` to ``path`` and return the path."""
    data = load_graph_data(store, sources=True)
    payload = page_data(data, start=parse_date(start), end=parse_date(end))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(payload, title=title), encoding="utf-8")
    return path
