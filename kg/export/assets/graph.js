/* kg interactive graph page: reads the JSON data block, draws it with vis-network.
 * Safety: text from articles is only ever put into the DOM with textContent (never innerHTML),
 * vis-network draws labels on a canvas, and no node/edge gets an HTML "title". */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var COLORS = data.colors;
  var entities = {};
  data.entities.forEach(function (e) { entities[e.id] = e; });
  var events = {};
  data.events.forEach(function (e) { events[e.id] = e; });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function colorOf(type) { return COLORS[type] || COLORS.Other; }
  function short(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

  // ----- time filter: two sliders over the sorted distinct event days -----
  var days = [];
  data.events.forEach(function (e) {
    if (e.start && days.indexOf(e.start) < 0) { days.push(e.start); }
    if (e.end && days.indexOf(e.end) < 0) { days.push(e.end); }
  });
  days.sort();
  var fromInput = document.getElementById("kg-from");
  var toInput = document.getElementById("kg-to");
  var undated = document.getElementById("kg-undated");
  var viewSelect = document.getElementById("kg-view");
  var rangeLabel = document.getElementById("kg-range");
  fromInput.max = toInput.max = String(Math.max(days.length - 1, 0));
  fromInput.value = "0";
  toInput.value = String(Math.max(days.length - 1, 0));
  if (!days.length) { fromInput.disabled = toInput.disabled = true; }

  function visibleEvents() {
    var lo = days.length ? days[Math.min(+fromInput.value, +toInput.value)] : null;
    var hi = days.length ? days[Math.max(+fromInput.value, +toInput.value)] : null;
    rangeLabel.textContent = days.length ? lo + " \u2013 " + hi : "no dated events";
    return data.events.filter(function (e) {
      var first = e.start || e.end, last = e.end || e.start;
      if (!first) { return undated.checked; }
      return !(lo && last < lo) && !(hi && first > hi);
    });
  }

  // ----- graph building -----
  function buildElements(view, evs) {
    var nodes = [], edges = [], seen = {};
    function addActor(id) {
      if (seen[id]) { return; }
      seen[id] = true;
      var ent = entities[id] || { id: id, label: id, type: "Other" };
      nodes.push({ id: id, label: short(ent.label, 40), group: ent.type, shape: "dot", size: 14,
                   color: colorOf(ent.type), font: { color: "#222" } });
    }
    if (view === "bipartite") {
      evs.forEach(function (ev) {
        nodes.push({ id: ev.id, label: short(ev.type + (ev.start ? " " + ev.start : ""), 40), group: "Event",
                     shape: "box", color: colorOf("Event"), font: { color: "#fff" } });
        ev.actors.forEach(function (pair) {
          addActor(pair[0]);
          edges.push({ id: ev.id + "|" + pair[0] + "|" + pair[1], from: pair[0], to: ev.id,
                       label: pair[1], value: 1, arrows: "to", font: { size: 9, color: "#666" } });
        });
      });
    } else {
      var pairs = {};
      evs.forEach(function (ev) {
        var ids = [];
        ev.actors.forEach(function (pair) { if (ids.indexOf(pair[0]) < 0) { ids.push(pair[0]); } });
        ids.sort();
        ids.forEach(addActor);
        for (var i = 0; i < ids.length; i++) {
          for (var j = i + 1; j < ids.length; j++) {
            var key = ids[i] + "|" + ids[j];
            if (!pairs[key]) { pairs[key] = { id: key, from: ids[i], to: ids[j], events: [] }; }
            pairs[key].events.push(ev.id);
          }
        }
      });
      Object.keys(pairs).sort().forEach(function (key) {
        var p = pairs[key];
        edges.push({ id: p.id, from: p.from, to: p.to, value: p.events.length, events: p.events,
                     label: p.events.length > 1 ? String(p.events.length) : undefined });
      });
    }
    return { nodes: nodes, edges: edges };
  }

  var container = document.getElementById("kg-network");
  var nodesDS = new vis.DataSet([]);
  var edgesDS = new vis.DataSet([]);
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, {
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 250 } },
    edges: { scaling: { min: 1, max: 10 }, color: { color: "#9aa", highlight: "#333" }, smooth: false },
    nodes: { borderWidth: 1 },
    interaction: { hover: true, tooltipDelay: 100000 }
  });
  network.on("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

  var api = { nodeCount: 0, edgeCount: 0, network: network, nodes: nodesDS, edges: edgesDS, data: data };
  window.kgGraph = api;

  function render() {
    var built = buildElements(viewSelect.value, visibleEvents());
    nodesDS.clear(); edgesDS.clear();
    nodesDS.add(built.nodes); edgesDS.add(built.edges);
    api.nodeCount = nodesDS.length; api.edgeCount = edgesDS.length;
    document.body.setAttribute("data-node-count", String(api.nodeCount));
    document.getElementById("kg-counts").textContent = api.nodeCount + " nodes, " + api.edgeCount + " edges";
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(250);
  }

  // ----- side panel -----
  var panel = document.getElementById("kg-panel");
  function showEvent(id) {
    var ev = events[id];
    if (!ev) { return; }
    clear(panel);
    panel.appendChild(el("h2", ev.label));
    var meta = el("p", null, "meta");
    meta.appendChild(el("span", ev.type + (ev.status ? " \u00b7 " + ev.status : "")));
    if (ev.date || ev.start) { meta.appendChild(el("span", " \u00b7 " + (ev.date || ev.start))); }
    if (ev.placeLabel) { meta.appendChild(el("span", " \u00b7 " + ev.placeLabel)); }
    panel.appendChild(meta);
    var who = el("ul", null, "actors");
    ev.actors.forEach(function (pair) {
      var ent = entities[pair[0]] || { label: pair[0] };
      who.appendChild(el("li", ent.label + " (" + pair[1] + ")"));
    });
    panel.appendChild(who);
    panel.appendChild(el("h3", "Sources (" + ev.sources.length + ")"));
    ev.sources.forEach(function (src) {
      var box = el("div", null, "source");
      var head = el("div", null, "source-head");
      var url = safeUrl(src.url);
      var title = src.title || src.docId || "document";
      if (url) {
        var a = el("a", title);
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        head.appendChild(a);
      } else {
        head.appendChild(el("span", title));
      }
      if (src.published) { head.appendChild(el("span", " \u00b7 " + src.published, "date")); }
      box.appendChild(head);
      box.appendChild(el("blockquote", src.sentence || "(no sentence)", "sentence"));
      panel.appendChild(box);
    });
  }
  function eventList(title, ids) {
    clear(panel);
    panel.appendChild(el("h2", title));
    var list = el("ul", null, "events");
    ids.forEach(function (id) {
      var ev = events[id];
      if (!ev) { return; }
      var li = el("li");
      var button = el("button", ev.label, "link");
      button.type = "button";
      button.addEventListener("click", function () { showEvent(id); });
      li.appendChild(button);
      list.appendChild(li);
    });
    panel.appendChild(list);
  }
  function showActor(id) {
    var ent = entities[id];
    if (!ent) { return; }
    var ids = visibleEvents().filter(function (ev) {
      return ev.actors.some(function (pair) { return pair[0] === id; });
    }).map(function (ev) { return ev.id; });
    eventList(ent.label + " \u2014 " + ent.type + (ent.qid ? " (" + ent.qid + ")" : ""), ids);
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (events[id]) { showEvent(id); } else { showActor(id); }
    } else if (params.edges.length) {
      var edge = edgesDS.get(params.edges[0]);
      if (edge && edge.events) {
        var a = entities[edge.from] || { label: edge.from }, b = entities[edge.to] || { label: edge.to };
        eventList(a.label + " & " + b.label, edge.events);
      } else if (edge && events[edge.to]) {
        showEvent(edge.to);
      }
    }
  });
  api.showEvent = showEvent;
  api.showActor = showActor;

  // ----- legend and controls -----
  var legend = document.getElementById("kg-legend");
  Object.keys(COLORS).forEach(function (type) {
    var item = el("span", null, "legend-item");
    var swatch = el("span", null, "swatch");
    swatch.style.background = COLORS[type];
    item.appendChild(swatch);
    item.appendChild(el("span", type));
    legend.appendChild(item);
  });
  [fromInput, toInput].forEach(function (input) { input.addEventListener("input", render); });
  undated.addEventListener("change", render);
  viewSelect.addEventListener("change", render);
  render();
})();
