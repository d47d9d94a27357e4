"""The analyze stage: networks, measures, communities, balance, time slices and paths.

Everything starts from :func:`to_networkx`, which turns a contract graph (rdflib) into a
typed networkx multigraph; the other functions take that multigraph or a view of it and
return plain dicts, rows or networkx graphs. :func:`write_analysis` writes the files.
"""

from kg.analyze.communities import communities, modularity
from kg.analyze.example import example_dataset
from kg.analyze.export import write_analysis
from kg.analyze.metrics import METRIC_COLUMNS, betweenness_scores, centrality_table, eigenvector_scores, weighted_pagerank
from kg.analyze.paths import Hop, evidence_path, find_node
from kg.analyze.project import (
    bipartite_network,
    bipartite_projection,
    person_network,
    to_networkx,
    to_simple_graph,
)
from kg.analyze.signed import signed_network, structural_balance
from kg.analyze.timeslices import centrality_over_time, slice_by_document, slice_by_year

__all__ = [
    "METRIC_COLUMNS",
    "Hop",
    "betweenness_scores",
    "bipartite_network",
    "bipartite_projection",
    "centrality_over_time",
    "centrality_table",
    "communities",
    "eigenvector_scores",
    "evidence_path",
    "example_dataset",
    "find_node",
    "modularity",
    "person_network",
    "signed_network",
    "slice_by_document",
    "slice_by_year",
    "structural_balance",
    "to_networkx",
    "to_simple_graph",
    "weighted_pagerank",
    "write_analysis",
]
