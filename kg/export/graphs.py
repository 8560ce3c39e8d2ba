"""NetworkX views of the knowledge graph.

Build the actor-event bipartite graph from the store once, then derive the other views from it
(networkx style: building here, writing in :mod:`kg.export.graphfile`):

* :func:`bipartite_graph` - ``MultiDiGraph``: actor -> event edges keyed by participant role.
* :func:`actor_graph` - actors linked by shared events (``weight`` = number of shared events).
* :func:`event_graph` - events linked by shared actors (``weight`` = number of shared actors).
* :func:`membership_graph` - member -> organization edges with since/until.
* :func:`time_slice` - a read-only view of a bipartite graph restricted to a date range.

Node ids are IRIs. Dates are ISO strings (``"2019-04-26"``) so every view can be written as is.

>>> from kg.export.testing import sample_store
>>> B = bipartite_graph(sample_store())
>>> A = actor_graph(B)
>>> putin, xi = "https://w3id.org/kg/id/entity/Q7747", "https://w3id.org/kg/id/entity/Q15031"
>>> A.nodes[putin]["label"], A.edges[putin, xi]["weight"]
('Vladimir Putin', 1)
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from kg.export.data import GraphData, QueryStore, load_graph_data, parse_date

EVENT, ACTOR = "event", "actor"


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def graph_from_data(data: GraphData) -> nx.MultiDiGraph:
    """The bipartite MultiDiGraph of already loaded :class:`GraphData`."""
    G = nx.MultiDiGraph(name="kg actor-event graph")
    for iri in data.actor_ids:
        ent = data.entity(iri)
        G.add_node(
            iri,
            **_clean(
                {
                    "kind": ACTOR,
                    "bipartite": 0,
                    "type": ent.type,
                    "label": ent.label,
                    "qid": ent.qid,
                    "subtype": ent.subtype,
                }
            ),
        )
    for iri, ev in data.events.items():
        place = data.entities.get(ev.place) if ev.place else None
        G.add_node(
            iri,
            **_clean(
                {
                    "kind": EVENT,
                    "bipartite": 1,
                    "type": ev.type,
                    "label": data.event_label(ev),
                    "status": ev.status,
                    "date": ev.date_value,
                    "start": ev.start.isoformat() if ev.start else None,
                    "end": ev.end.isoformat() if ev.end else None,
                    "place": ev.place,
                    "place_label": place.label if place else None,
                    "confidence": ev.confidence,
                }
            ),
        )
        for actor, roles in ev.actors.items():
            for role in roles:
                G.add_edge(actor, iri, key=role, role=role)
    return G


def bipartite_graph(
    store: QueryStore, *, start: date | str | None = None, end: date | str | None = None
) -> nx.MultiDiGraph:
    """The actor-event graph: actor nodes (``kind="actor"``, ``bipartite=0``, type, label, qid),
    event nodes (``kind="event"``, ``bipartite=1``, type, label, status, date, start, end, place)
    and one edge actor -> event per participant role (edge key and attribute ``role``).

    With ``start``/``end`` the graph is restricted to events whose dates overlap the range (a copy
    of :func:`time_slice`).

    >>> from kg.export.testing import sample_store
    >>> B = bipartite_graph(sample_store())
    >>> e2 = "https://w3id.org/kg/id/event/e2"
    >>> sorted(role for _, _, role in B.in_edges(e2, keys=True))
    ['host', 'visitor']
    >>> B.nodes[e2]["type"], B.nodes[e2]["start"]
    ('MEETING', '2019-04-25')
    """
    G = graph_from_data(load_graph_data(store))
    if start is not None or end is not None:
        return nx.MultiDiGraph(time_slice(G, start, end))
    return G


def _node_dates(attrs: dict[str, Any]) -> tuple[date | None, date | None]:
    first = parse_date(attrs.get("start")) or parse_date(attrs.get("end"))
    last = parse_date(attrs.get("end")) or first
    return first, last


def time_slice(B: nx.MultiDiGraph, start: date | str | None = None, end: date | str | None = None) -> Any:
    """A read-only subgraph view of bipartite graph ``B`` for the date range [start, end].

    Keeps the events whose ``[start, end]`` overlaps the range (open ends allowed; undated events
    are dropped once a range is given) and the actors of the kept events.

    >>> from kg.export.testing import sample_store
    >>> B = bipartite_graph(sample_store())
    >>> S = time_slice(B, "2019-04-01", "2019-04-30")
    >>> sorted(S.nodes[n]["start"] for n in S if S.nodes[n]["kind"] == "event")
    ['2019-04-25', '2019-04-26']
    """
    lo, hi = parse_date(start), parse_date(end)
    if lo is None and hi is None:
        return nx.subgraph_view(B)
    events = set()
    for node, attrs in B.nodes(data=True):
        if attrs.get("kind") != EVENT:
            continue
        first, last = _node_dates(attrs)
        if first is None or last is None:
            continue
        if (hi is None or first <= hi) and (lo is None or last >= lo):
            events.add(node)
    actors = {u for ev in events for u in B.predecessors(ev)}
    keep = events | actors
    return nx.subgraph_view(B, filter_node=lambda n: n in keep)


def _events_and_actors(B: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    events = sorted(n for n, k in B.nodes(data="kind") if k == EVENT)
    actors = sorted(n for n, k in B.nodes(data="kind") if k == ACTOR)
    return events, actors


def actor_graph(B: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked by the events they share: ``weight`` = number of shared events, ``events`` and
    ``dates`` (sorted lists, one entry per event) on each edge. Every actor of ``B`` is a node.

    >>> from kg.export.testing import sample_store
    >>> A = actor_graph(bipartite_graph(sample_store()))
    >>> kim = "https://w3id.org/kg/id/entity/Q56226"
    >>> sorted(A.nodes[n]["label"] for n in A[kim])[:3]
    ['China', 'Evil <script>window.__pwned=1</script> Org', 'Moon Jae-in']
    """
    A = nx.Graph(name="kg actor graph")
    events, actors = _events_and_actors(B)
    for a in actors:
        A.add_node(a, **B.nodes[a])
    for ev in events:
        attrs = B.nodes[ev]
        members = sorted(set(B.predecessors(ev)))
        for u, v in combinations(members, 2):
            if not A.has_edge(u, v):
                A.add_edge(u, v, weight=0, events=[], dates=[])
            data = A.edges[u, v]
            data["weight"] += 1
            data["events"].append(ev)
            data["dates"].append(attrs.get("start") or attrs.get("date") or "")
    return A


def event_graph(B: nx.MultiDiGraph) -> nx.Graph:
    """Events linked by the actors they share: ``weight`` = number of shared actors, ``actors`` the
    sorted list of their ids. Every event of ``B`` is a node.

    >>> from kg.export.testing import sample_store
    >>> E = event_graph(bipartite_graph(sample_store()))
    >>> e1, e2 = "https://w3id.org/kg/id/event/e1", "https://w3id.org/kg/id/event/e2"
    >>> E.edges[e1, e2]["weight"], E.edges[e1, e2]["actors"]
    (1, ['https://w3id.org/kg/id/entity/Q7747'])
    """
    E = nx.Graph(name="kg event graph")
    events, actors = _events_and_actors(B)
    for ev in events:
        E.add_node(ev, **B.nodes[ev])
    for a in actors:
        linked = sorted(set(B.successors(a)))
        for u, v in combinations(linked, 2):
            if not E.has_edge(u, v):
                E.add_edge(u, v, weight=0, actors=[])
            E.edges[u, v]["weight"] += 1
            E.edges[u, v]["actors"].append(a)
    return E


def membership_graph(store: QueryStore) -> nx.DiGraph:
    """Member -> organization edges (``since``, ``until``, ``citation`` as ISO strings / text).

    >>> from kg.export.testing import sample_store
    >>> M = membership_graph(sample_store())
    >>> sco = "https://w3id.org/kg/id/entity/Q485207"
    >>> sorted(M.nodes[m]["label"] for m in M.predecessors(sco)), M.nodes[sco]["type"]
    (['China', 'Russia'], 'Organization')
    """
    data = load_graph_data(store)
    M = nx.DiGraph(name="kg membership graph")
    for ms in data.memberships:
        for iri in (ms.member, ms.organization):
            ent = data.entity(iri)
            M.add_node(iri, **_clean({"type": ent.type, "label": ent.label, "qid": ent.qid}))
        M.add_edge(
            ms.member,
            ms.organization,
            **_clean(
                {
                    "membership": ms.id,
                    "since": ms.since.isoformat() if ms.since else None,
                    "until": ms.until.isoformat() if ms.until else None,
                    "citation": ms.citation,
                }
            ),
        )
    return M


VIEWS = ("bipartite", "actors", "events")


def view(
    store: QueryStore, name: str, *, start: date | str | None = None, end: date | str | None = None
) -> Any:
    """One of the views by name ("bipartite", "actors", "events"), optionally time sliced.

    >>> from kg.export.testing import sample_store
    >>> view(sample_store(), "events", start="2019-06-01").number_of_nodes()
    2
    """
    from kg.errors import ExportError

    B = bipartite_graph(store, start=start, end=end)
    if name == "bipartite":
        return B
    if name == "actors":
        return actor_graph(B)
    if name == "events":
        return event_graph(B)
    raise ExportError("E600", reason=f"view {name!r}; choose one of {', '.join(VIEWS)}")
