"""The signed network and its structural balance over the contract fixture."""

from pathlib import Path

import pytest
import rdflib

from kg.analyze import signed_network, structural_balance, to_networkx

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
ID = "https://w3id.org/histkg/id/"


@pytest.fixture(scope="module")
def S():
    return signed_network(to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig")))


def test_signed_network_nodes_and_signs(S):
    assert {t for _, t in S.nodes(data="type")} == {"Person", "Organisation"}
    assert S[ID + "person/bukharin"][ID + "person/stalin"]["sign"] == -1
    assert S[ID + "organisation/central-committee"][ID + "person/lenin"]["sign"] == 1
    assert S.number_of_edges() == 10


def test_signed_balance_finds_unbalanced_triangles(S):
    balance = structural_balance(S)
    assert [t["labels"] for t in balance["unbalanced"]] == [
        ["Kamenev", "Stalin", "Trotsky"],
        ["Lenin", "Stalin", "Trotsky"],
    ]
    assert [t["labels"] for t in balance["balanced"]] == [
        ["Bukharin", "Stalin", "Zinoviev"],
        ["Kamenev", "Stalin", "Zinoviev"],
    ]
    for triangle in balance["unbalanced"]:
        assert triangle["signs"].count(-1) % 2 == 1


def test_signed_balance_camps(S):
    balance = structural_balance(S)
    assert ["Kamenev", "Stalin", "Zinoviev"] in balance["camp_labels"]
    assert [f["labels"] for f in balance["frustrated"]] == [["Stalin", "Trotsky"]]
    assert balance["unaligned"] == [ID + "organisation/politburo"]
    assert "triangle" in balance["method"]


def test_signed_tie_cancels_out():
    ttl = """@prefix hkg: <https://w3id.org/histkg/ontology#> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    <urn:a> a hkg:Person . <urn:b> a hkg:Person .
    <urn:e1> a hkg:Assertion ; rdf:subject <urn:a> ; rdf:predicate hkg:supports ; rdf:object <urn:b> .
    <urn:e2> a hkg:Assertion ; rdf:subject <urn:b> ; rdf:predicate hkg:opposes ; rdf:object <urn:a> ."""
    S = signed_network(to_networkx(rdflib.Graph().parse(data=ttl)))
    assert S["urn:a"]["urn:b"] == {"sign": 0, "positive": 1, "negative": 1}
    assert structural_balance(S)["unaligned"] == ["urn:a", "urn:b"]
