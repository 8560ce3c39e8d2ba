"""Events by place: GeoJSON (one Point feature per place, with its events) and a self-contained
HTML map (Leaflet bundled and inlined; background tiles optional, off by default).

>>> from kg.export.testing import sample_store
>>> fc = geojson(sample_store())
>>> beijing = next(f for f in fc["features"] if f["properties"]["label"] == "Beijing")
>>> beijing["geometry"]["coordinates"], beijing["properties"]["event_count"]
([116.39723, 39.9075], 2)
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.errors import ExportError
from kg.export.data import GraphData, QueryStore, load_graph_data, parse_date
from kg.export.page import asset, escape, fill_template, inline_script, inline_style, json_script

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "\u00a9 OpenStreetMap contributors"


def geojson_from_data(
    data: GraphData, *, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: a Point per place with coordinates that hosts events."""
    by_place: dict[str, list[Any]] = {}
    for ev in data.events.values():
        if ev.place and ev.overlaps(start, end):
            by_place.setdefault(ev.place, []).append(ev)
    features = []
    skipped = 0
    for iri in sorted(by_place):
        place = data.entity(iri)
        if place.lat is None or place.lon is None:
            skipped += 1
            continue
        events = sorted(by_place[iri], key=lambda ev: ((ev.start or date.max).isoformat(), ev.id))
        features.append(
            {
                "type": "Feature",
                "id": iri,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": iri,
                    "label": place.label,
                    "qid": place.qid,
                    "geonames": place.geonames,
                    "event_count": len(events),
                    "events": [
                        {
                            "id": ev.id,
                            "label": data.event_label(ev),
                            "type": ev.type,
                            "status": ev.status,
                            "date": ev.date_value,
                            "start": ev.start.isoformat() if ev.start else None,
                            "end": ev.end.isoformat() if ev.end else None,
                            "actors": [data.entity(a).label for a in ev.actors],
                            "sentences": [s.sentence for s in ev.sources if s.sentence],
                        }
                        for ev in events
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "kg:placesWithoutCoordinates": skipped}


def geojson(
    store: QueryStore, *, start: date | str | None = None, end: date | str | None = None
) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of the events in ``store`` (see :func:`geojson_from_data`)."""
    data = load_graph_data(store, sources=True)
    return geojson_from_data(data, start=parse_date(start), end=parse_date(end))


def write_geojson(store: QueryStore, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`geojson` to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(geojson(store, **kwargs), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def tile_url(tiles: str | None) -> str | None:
    """The tile URL template for ``--tiles``: None/"none" -> no tiles, "osm" -> OpenStreetMap."""
    if tiles is None or tiles.strip().lower() in ("", "none"):
        return None
    if tiles.strip().lower() == "osm":
        return OSM_TILES
    if urlsplit(tiles).scheme not in ("http", "https"):
        raise ExportError("E600", reason=f"tiles {tiles!r}; give an http(s) URL template, 'osm' or 'none'")
    return tiles


def render_map(collection: dict[str, Any], *, tiles: str | None = None, title: str = "kg map") -> str:
    """The HTML page for a FeatureCollection (see :func:`geojson_from_data`)."""
    url = tile_url(tiles)
    img_src = ""
    if url:
        parts = urlsplit(url)
        img_src = " " + f"{parts.scheme}://{parts.netloc}".replace("{s}", "*")
    payload = {
        "geojson": collection,
        "tiles": url,
        "attribution": OSM_ATTRIBUTION if url == OSM_TILES else "",
    }
    parts_map = {
        "title": escape(title),
        "img_src": escape(img_src),
        "leaflet_css": inline_style(asset("leaflet.css")),
        "style": inline_style(asset("map.css")),
        "data": json_script(payload, "kg-data"),
        "leaflet": inline_script(asset("leaflet.js")),
        "app": inline_script(asset("map.js")),
    }
    return fill_template("map.html", parts_map)


def write_map(
    store: QueryStore,
    path: str | Path = "kg-map.html",
    *,
    geojson_path: str | Path | None = None,
    tiles: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    title: str = "kg map",
) -> list[Path]:
    """Write the HTML map (and the GeoJSON when ``geojson_path`` is given); return the files."""
    data = load_graph_data(store, sources=True)
    collection = geojson_from_data(data, start=parse_date(start), end=parse_date(end))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_map(collection, tiles=tiles, title=title), encoding="utf-8")
    written = [path]
    if geojson_path is not None:
        gpath = Path(geojson_path)
        gpath.parent.mkdir(parents=True, exist_ok=True)
        gpath.write_text(
            json.dumps(collection, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        written.append(gpath)
    return written
