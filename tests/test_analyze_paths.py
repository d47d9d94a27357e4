"""Evidence paths over the contract fixture."""

from pathlib import Path

import pytest
import rdflib

from kg.analyze import evidence_path, find_node, to_networkx
from kg.errors import QueryError

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
ID = "https://w3id.org/histkg/id/"


@pytest.fixture(scope="module")
def G():
    return to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))


def test_paths_every_hop_has_a_quote(G):
    paths = evidence_path(G, "Bukharin", "Lenin", k=3)
    assert len(paths) == 3 and len(paths[0]) == 2  # the shortest chain first
    for path in paths:
        assert path[0].u == ID + "person/bukharin" and path[-1].v == ID + "person/lenin"
        for hop, nxt in zip(path, path[1:]):
            assert hop.v == nxt.u
        for hop in path:
            assert hop.quote and hop.doc.endswith(".txt") and hop.predicate


def test_paths_inverse_direction_marked(G):
    [path] = evidence_path(G, "Twelfth Party Congress", "Trotskij", k=1)
    assert path == [
        (
            ID + "meeting/twelfth-party-congress",
            "^participatedIn",
            ID + "person/trotsky",
            "Trotskij hade röstat för alla resolutioner vid Tolfte kongressen",
            "003_3a73ba2d94f2b768.txt",
        )
    ]


def test_paths_most_confident_evidence(G):
    [[hop]] = evidence_path(G, "stalin", "LENIN", k=1)
    assert hop.quote == "Lenin’s conversation with Stalin"  # 0.85 beats 0.8 and 0.75


@pytest.mark.parametrize("name", ["Zinovjev", "zinoviev", ID + "person/zinoviev", "ZINOVJEVS"])
def test_paths_find_node_by_any_name(G, name):
    assert find_node(G, name) == ID + "person/zinoviev"


def test_paths_unknown_or_unreachable(G):
    with pytest.raises(QueryError, match="no entity"):
        find_node(G, "Sokolnikov")
    assert evidence_path(G, "Moscow", "Lenin") == []  # Moscow has no relations
    assert evidence_path(G, "Lenin", "Lenins") == []


def test_paths_find_node_folds_accents_and_refuses_ambiguity():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("person/smirnov-a", label="A. P. Smirnov", alt_labels=["Smirnov"])
    G.add_node("person/smirnov-i", label="I. N. Smirnov", alt_labels=["Smirnov"])
    G.add_node("person/trotsky", label="Leon Trotsky", alt_labels=["Trotskij"])
    assert find_node(G, "Trótskij") == "person/trotsky"
    assert find_node(G, "i. n. smirnov") == "person/smirnov-i"  # a preferred label wins
    with pytest.raises(QueryError, match="2 entities are called 'Smirnov': person/smirnov-a, person/smirnov-i"):
        find_node(G, "Smirnov")
