"""The map of the seeds' graph shows Beijing's and Russia's events; its GeoJSON loads with shapely (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import shape

from kg.export.map import write_map


def test_seeds_map_and_geojson(seeds_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = write_map(seeds_store, tmp_path / "map.html", geojson_path=tmp_path / "map.geojson")
    data = json.loads((tmp_path / "map.geojson").read_text(encoding="utf-8"))
    places = {}
    for feature in data["features"]:
        point = shape(feature["geometry"])
        places[json.dumps(feature["properties"], ensure_ascii=False)] = (point.x, point.y)
    text = " ".join(places)
    assert "Beijing" in text and "Russia" in text
    beijing = next(xy for props, xy in places.items() if "Beijing" in props)
    assert abs(beijing[0] - 116.4) < 1 and abs(beijing[1] - 39.9) < 1
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Beijing" in html and '<script src="http' not in html
    assert len(files) == 2
