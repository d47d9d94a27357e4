"""Exact betweenness on sparse matrices (kg.analyze.brandes) against networkx's own."""

import random

import networkx as nx
import numpy as np
import pytest

from kg.analyze import brandes
from kg.analyze.metrics import betweenness_scores

TOLERANCE = 1e-9


def _with_isolates(H: nx.Graph, count: int) -> nx.Graph:
    H = H.copy()
    H.add_nodes_from(f"alone-{i}" for i in range(count))
    return H


def _string_names(H: nx.Graph, seed: int) -> nx.Graph:
    """The same graph with string nodes, added in a shuffled order."""
    names = {node: f"https://w3id.org/histkg/id/n{node}" for node in H}
    nodes, edges = list(H), list(H.edges())
    random.Random(seed).shuffle(nodes)
    random.Random(seed + 1).shuffle(edges)
    S = nx.Graph()
    S.add_nodes_from(names[node] for node in nodes)
    S.add_edges_from((names[u], names[v]) for u, v in edges)
    return S


GRAPHS = {
    "gnp sparse, many components": lambda: nx.gnp_random_graph(300, 0.006, seed=1),
    "gnp dense": lambda: nx.gnp_random_graph(120, 0.2, seed=2),
    "gnm with isolated nodes": lambda: _with_isolates(nx.gnm_random_graph(250, 230, seed=3), 40),
    "barabasi_albert": lambda: nx.barabasi_albert_graph(400, 2, seed=4),
    "barabasi_albert, string names":
        lambda: _string_names(nx.barabasi_albert_graph(300, 1, seed=5), 5),
    "gnp, string names": lambda: _string_names(nx.gnp_random_graph(200, 0.01, seed=6), 6),
    "three components and isolates": lambda: _with_isolates(nx.disjoint_union_all(
        [nx.barabasi_albert_graph(150, 2, seed=7), nx.path_graph(40), nx.star_graph(30)]), 25),
    "long path": lambda: nx.path_graph(300),
    "star": lambda: nx.star_graph(50),
    "complete": lambda: nx.complete_graph(40),
    "cycle": lambda: nx.cycle_graph(101),
    "grid (path counts beyond 2**53)":
        lambda: nx.convert_node_labels_to_integers(nx.grid_2d_graph(30, 30)),
    "tree": lambda: nx.balanced_tree(3, 5),
    "many small components": lambda: nx.disjoint_union_all(
        [nx.path_graph(3), nx.star_graph(4), nx.cycle_graph(5)] * 40 + [nx.path_graph(2)] * 10),
    "path of three": lambda: nx.path_graph(["zinoviev", "kamenev", "stalin"]),
    "no edges": lambda: nx.empty_graph(7),
    "two nodes": lambda: nx.path_graph(2),
    "empty": lambda: nx.Graph(),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_betweenness_is_networkx(name):
    H = GRAPHS[name]()
    ours, theirs = betweenness_scores(H), nx.betweenness_centrality(H)
    assert list(ours) == list(theirs) == list(H)
    assert all(type(value) is float for value in ours.values())
    assert max((abs(ours[node] - theirs[node]) for node in H), default=0.0) < TOLERANCE


def test_betweenness_found_somewhere():
    """The comparison above is not vacuous: the graphs have nodes between others."""
    H = GRAPHS["three components and isolates"]()
    ours = betweenness_scores(H)
    assert sum(value > 0 for value in ours.values()) > 100
    assert max(ours.values()) > 0.05


@pytest.mark.parametrize("block_entries", [1, 7, 300, 2**15, 2**22])
def test_betweenness_does_not_depend_on_block_size(block_entries):
    """One source at a time, a few, or all of them at once: the same numbers."""
    H = nx.barabasi_albert_graph(150, 2, seed=9)
    raw = brandes.betweenness(brandes.adjacency(list(H.edges()), len(H)), block_entries)
    theirs = nx.betweenness_centrality(H, normalized=False)
    assert np.allclose(raw / 2, [theirs[node] for node in H], rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("pack_nodes", [1, 10, 128, 10_000])
def test_betweenness_does_not_depend_on_packing(monkeypatch, pack_nodes):
    """Small components searched alone or together give networkx's scores."""
    monkeypatch.setattr(brandes, "PACK_NODES", pack_nodes)
    trees = [nx.barabasi_albert_graph(size, 1, seed=size) for size in range(3, 40)]
    H = nx.disjoint_union_all(trees + [nx.path_graph(60), nx.empty_graph(5)])
    ours, theirs = betweenness_scores(H), nx.betweenness_centrality(H)
    assert max(abs(ours[node] - theirs[node]) for node in H) < TOLERANCE


def test_betweenness_ignores_self_loops_and_parallel_edges():
    H = nx.MultiGraph(nx.barabasi_albert_graph(80, 2, seed=10))
    H.add_edges_from([(0, 0), (5, 5), (1, 2), (1, 2), (3, 4)])
    ours, theirs = betweenness_scores(H), nx.betweenness_centrality(H)
    assert max(abs(ours[node] - theirs[node]) for node in H) < TOLERANCE


def test_betweenness_is_deterministic():
    """The same graph gives the same floats, bit for bit, also when built again."""
    first = betweenness_scores(GRAPHS["barabasi_albert, string names"]())
    again = betweenness_scores(GRAPHS["barabasi_albert, string names"]())
    assert first == again


def test_betweenness_estimate_is_still_networkx():
    """Above the exact limit the sampled estimate is networkx's, seeded."""
    H = nx.barabasi_albert_graph(300, 2, seed=11)
    estimate = betweenness_scores(H, seed=3, exact_up_to=100, samples=50)
    assert estimate == nx.betweenness_centrality(H, k=50, seed=3)
    assert estimate != nx.betweenness_centrality(H)


def test_betweenness_rejects_directed_graphs():
    with pytest.raises(nx.NetworkXNotImplemented):
        betweenness_scores(nx.DiGraph([(0, 1), (1, 2), (2, 3)]))
