"""centrality_table and communities over the contract fixture."""

from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analyze import METRIC_COLUMNS, centrality_table, communities, eigenvector_scores
from kg.analyze import modularity, to_networkx

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
ID = "https://w3id.org/histkg/id/"


@pytest.fixture(scope="module")
def G():
    return to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))


def test_metrics_columns_and_rows(G):
    rows = centrality_table(G)
    assert [row["iri"] for row in rows] == sorted(G)
    assert all(tuple(row) == METRIC_COLUMNS for row in rows)
    for row in rows:
        for name in ("betweenness", "pagerank", "eigenvector"):
            assert row[name] == round(row[name], 6)


def test_metrics_values(G):
    rows = {row["iri"][len(ID) :]: row for row in centrality_table(G)}
    assert max(rows.values(), key=lambda r: r["betweenness"])["label"] == "Stalin"
    assert rows["person/stalin"]["degree"] == 8 and rows["person/stalin"]["weighted_degree"] == 10
    moscow = rows["place/moscow"]  # no relations: the graph is disconnected
    assert (moscow["degree"], moscow["core"], moscow["eigenvector"]) == (0, 0, 0.0)
    assert rows["meeting/twelfth-party-congress"]["first_year"] == 1923
    assert (rows["person/lenin"]["first_year"], rows["person/lenin"]["last_year"]) == (1922, 1988)
    assert abs(sum(r["pagerank"] for r in rows.values()) - 1) < 1e-4


def test_metrics_deterministic(G):
    assert centrality_table(G, seed=7) == centrality_table(G, seed=7)


def test_metrics_eigenvector_disconnected():
    H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    H.add_node("z")
    scores = eigenvector_scores(H)
    assert scores["z"] == 0.0 and scores["b"] > scores["a"] > 0
    assert eigenvector_scores(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


def test_metrics_communities_seeded(G):
    parts = communities(G, seed=42)
    assert list(parts) == list(G) and parts == communities(G, seed=42)
    assert sorted(set(parts.values())) == list(range(len(set(parts.values()))))
    assert 0 < modularity(G, parts) < 1
    assert modularity(nx.empty_graph(2), {0: 0, 1: 1}) == 0.0


def test_analyze_metrics_betweenness_by_component_is_networkx():
    """Per-component betweenness gives networkx's numbers (several components, isolates)."""
    import networkx as nx

    from kg.analyze.metrics import betweenness_scores

    H = nx.gnm_random_graph(300, 280, seed=8)
    H.add_nodes_from(range(300, 340))
    assert nx.number_connected_components(H) > 5
    ours, theirs = betweenness_scores(H), nx.betweenness_centrality(H)
    assert list(ours) == list(theirs)
    assert all(abs(ours[node] - theirs[node]) < 1e-12 for node in H)
    assert sum(value > 0 for value in ours.values()) > 50


def test_analyze_metrics_betweenness_estimated_above_threshold():
    import networkx as nx

    from kg.analyze.metrics import betweenness_scores

    H = nx.barabasi_albert_graph(400, 2, seed=3)
    exact = nx.betweenness_centrality(H)
    estimate = betweenness_scores(H, seed=5, exact_up_to=100, samples=100)
    assert estimate == betweenness_scores(H, seed=5, exact_up_to=100, samples=100)
    assert estimate != exact
    top = max(exact, key=exact.get)
    assert abs(estimate[top] - exact[top]) < 0.25 * exact[top]


@pytest.mark.parametrize("make", [
    lambda: nx.karate_club_graph(),
    lambda: nx.barabasi_albert_graph(300, 2, seed=3),
    lambda: nx.relabel_nodes(nx.gnm_random_graph(200, 600, seed=5), str),
    lambda: nx.Graph([("lenin", "lenin"), ("lenin", "stalin"), ("stalin", "kamenev")]),  # a self-loop
], ids=["karate", "barabasi", "gnm-strings", "self-loop"])
def test_power_iteration_same_as_networkx(make):
    import random

    from kg.analyze.metrics import power_iteration

    H = make()
    rng = random.Random(1)
    for u, v in H.edges():
        H[u][v]["weight"] = rng.choice([1, 1, 2, 3])
    ours, theirs = power_iteration(H, max_iter=1000), nx.eigenvector_centrality(H, max_iter=1000, weight="weight")
    assert list(ours) == list(theirs)
    assert max(abs(ours[n] - theirs[n]) for n in H) < 1e-12


def test_power_iteration_fails_to_converge_like_networkx():
    from kg.analyze.metrics import power_iteration

    H = nx.path_graph(50)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(H, max_iter=3)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        power_iteration(H, max_iter=3)
