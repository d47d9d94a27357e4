"""Which part of the graph a page shows: pruning by PageRank, ego graphs, finding a node by name."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import QueryError
from kg.render import ego_graph, find_node, top_subgraph
from kg.render.subgraph import pagerank_of


def _chain() -> nx.MultiDiGraph:
    """ "Lenin met Trotsky, Trotsky met Zinoviev, Zinoviev met Kamenev" with names."""
    G = nx.MultiDiGraph()
    names = {"lenin": ("Lenin", ["V. I. Lenin"]), "trotsky": ("Lev Trotskij", ["Trotsky", "Trockij"]),
             "zinoviev": ("Zinovjev", ["Zinoviev"]), "kamenev": ("Kamenev", [])}
    for node, (label, alt) in names.items():
        G.add_node(node, label=label, alt_labels=alt)
    for a, b in [("lenin", "trotsky"), ("trotsky", "zinoviev"), ("zinoviev", "kamenev")]:
        G.add_edge(a, b, key=f"{a}-{b}", predicate="metWith")
        G.add_edge(a, b, key=f"{a}-{b}-2", predicate="metWith")
    return G


@pytest.mark.parametrize("limit", [1, 5, 17, 40])
def test_top_subgraph_holds_exactly_the_limit(limit):
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(60, 2, seed=3))
    ranks = pagerank_of(G)
    kept = top_subgraph(G, ranks, limit)
    assert len(kept) == limit
    assert max(ranks, key=ranks.get) in kept


def test_top_subgraph_keeps_the_top_node_with_its_neighbours():
    G = nx.MultiDiGraph([("hub", f"leaf{i}") for i in range(5)] + [("x", "y")])
    kept = top_subgraph(G, {"hub": 0.5, "x": 0.2, "y": 0.2}, 6)
    assert sorted(kept) == ["hub", "leaf0", "leaf1", "leaf2", "leaf3", "leaf4"]


def test_top_subgraph_returns_a_graph_that_fits_unchanged():
    G = _chain()
    assert top_subgraph(G, {}, 4) is G


def test_top_subgraph_keeps_every_evidence_edge():
    kept = top_subgraph(_chain(), {"trotsky": 1.0}, 3)
    assert kept.number_of_edges() == 4


@pytest.mark.parametrize("name", ["trotsky", "Lev Trotskij", "Trotsky", "trockij", "TRÓTSKY"])
def test_find_node_by_any_name_variant(name):
    assert find_node(_chain(), name) == "trotsky"


def test_find_node_unknown_name_raises_query_error():
    with pytest.raises(QueryError, match="Bukharin"):
        find_node(_chain(), "Bukharin")


@pytest.mark.parametrize(("hops", "expected"), [
    (0, ["trotsky"]),
    (1, ["lenin", "trotsky", "zinoviev"]),
    (2, ["kamenev", "lenin", "trotsky", "zinoviev"]),
])
def test_ego_graph_reaches_hops_in_both_directions(hops, expected):
    assert sorted(ego_graph(_chain(), "Trotsky", hops)) == expected


def test_ego_graph_keeps_parallel_evidence():
    assert ego_graph(_chain(), "lenin", 1).number_of_edges() == 2


def test_pagerank_of_empty_graph():
    assert pagerank_of(nx.MultiDiGraph()) == {}
