/* kg map page: places with events as circle markers on Leaflet (bundled). Text from articles goes
 * into the DOM with textContent only; popups get DOM elements, never HTML strings. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var map = L.map("kg-map", { worldCopyJump: true, attributionControl: !!data.tiles });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution || "" }).addTo(map);
  } else {
    // no tiles: a light graticule for orientation
    for (var lat = -60; lat <= 60; lat += 30) {
      L.polyline([[lat, -180], [lat, 180]], { color: "#c9d3dc", weight: 1, interactive: false }).addTo(map);
    }
    for (var lon = -180; lon <= 180; lon += 30) {
      L.polyline([[-85, lon], [85, lon]], { color: "#c9d3dc", weight: 1, interactive: false }).addTo(map);
    }
  }
  var panel = document.getElementById("kg-panel");
  function showPlace(f) {
    var p = f.properties;
    clear(panel);
    panel.appendChild(el("h2", p.label + (p.qid ? " (" + p.qid + ")" : "")));
    panel.appendChild(el("p", p.event_count + " event(s)", "meta"));
    p.events.forEach(function (ev) {
      var box = el("div", null, "event");
      box.appendChild(el("div", ev.label));
      box.appendChild(el("div", [ev.type, ev.status, ev.date].filter(Boolean).join(" \u00b7 "), "meta"));
      (ev.sentences || []).forEach(function (s) { box.appendChild(el("blockquote", s, "sentence")); });
      panel.appendChild(box);
    });
  }
  var markers = [];
  data.geojson.features.forEach(function (f) {
    var c = f.geometry.coordinates;
    var n = f.properties.event_count;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: Math.min(6 + 3 * Math.sqrt(n), 30), color: "#8c2d2d", weight: 1,
      fillColor: "#e15759", fillOpacity: 0.75
    });
    marker.bindTooltip(el("span", f.properties.label + " (" + n + ")"), { direction: "top", permanent: true, className: "kg-label" });
    marker.on("click", function () { showPlace(f); });
    marker.addTo(map);
    markers.push(marker);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
  } else {
    map.setView([20, 0], 2);
  }
  window.kgMap = { map: map, markerCount: markers.length, showPlace: showPlace };
  document.body.setAttribute("data-marker-count", String(markers.length));
  document.getElementById("kg-counts").textContent = markers.length + " places";
})();
