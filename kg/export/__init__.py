"""Exports of the graph: NetworkX views and files, an interactive HTML page, a timeline, a map.

>>> from kg.export import bipartite_graph, actor_graph
>>> from kg.export.testing import sample_store
>>> B = bipartite_graph(sample_store())
>>> sorted({kind for _, kind in B.nodes(data="kind")})
['actor', 'event']
"""

from kg.export.data import GraphData, load_graph_data
from kg.export.graphfile import cytoscape, flatten, node_link, write_graph
from kg.export.graphs import (
    actor_graph,
    bipartite_graph,
    event_graph,
    graph_from_data,
    membership_graph,
    time_slice,
    view,
)
from kg.export.html import write_html
from kg.export.map import geojson, write_geojson, write_map
from kg.export.timeline import plot_timeline

__all__ = [
    "GraphData",
    "actor_graph",
    "bipartite_graph",
    "cytoscape",
    "event_graph",
    "flatten",
    "geojson",
    "graph_from_data",
    "load_graph_data",
    "membership_graph",
    "node_link",
    "plot_timeline",
    "time_slice",
    "view",
    "write_geojson",
    "write_graph",
    "write_html",
    "write_map",
]
