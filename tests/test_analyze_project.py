"""to_networkx and the derived views, over the hand-written contract fixture."""

from pathlib import Path

import pytest
import rdflib

from kg.analyze import bipartite_network, bipartite_projection, person_network, to_networkx

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
ID = "https://w3id.org/histkg/id/"
NODE_KEYS = {"label", "type", "alt_labels", "qid", "docs", "years", "date"}
EDGE_KEYS = {"predicate", "quote", "doc", "char_start", "char_end", "confidence", "method"}


@pytest.fixture(scope="module")
def G():
    return to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))


def test_project_counts(G):
    assert G.number_of_nodes() == 12
    assert G.number_of_edges() == 26  # 29 assertions, 3 of them about a Document


def test_project_node_schema(G):
    for node, data in G.nodes(data=True):
        assert set(data) == NODE_KEYS, node
        assert data["type"] in {"Person", "Organisation", "Meeting", "Resolution", "Place"}
        assert data["alt_labels"] == sorted(data["alt_labels"])
        assert data["docs"] == sorted(data["docs"]) and data["years"] == sorted(data["years"])
        assert all(isinstance(y, int) for y in data["years"])
    assert not any(n.startswith(ID + "document/") for n in G)


def test_project_node_values(G):
    trotsky = G.nodes[ID + "person/trotsky"]
    assert trotsky["label"] == "Trotsky"  # the @en label wins over @sv
    assert trotsky["alt_labels"] == ["Trotskij", "Trotskijs"]
    assert trotsky["qid"] == "Q33391" and G.nodes[ID + "person/kamenev"]["qid"] == ""
    congress = G.nodes[ID + "meeting/twelfth-party-congress"]
    assert congress["date"] == "1923-04-17" and congress["years"] == [1923]  # own date first
    assert G.nodes[ID + "person/lenin"]["years"] == [1922, 1988]  # from its documents
    assert G.nodes[ID + "person/lenin"]["docs"] == [
        "001_1f54935782d342ab.txt",
        "003_3a73ba2d94f2b768.txt",
    ]


def test_project_edge_schema(G):
    for u, v, key, data in G.edges(keys=True, data=True):
        assert set(data) == EDGE_KEYS, key
        assert key.startswith(ID + "assertion/")
        assert isinstance(data["char_start"], int) and data["char_end"] > data["char_start"]
        assert 0 < data["confidence"] <= 1 and data["quote"] and data["doc"].endswith(".txt")


def test_project_quotes_match_the_corpus(G):
    corpus = Path(__file__).parent.parent / "corpus"
    for *_, data in G.edges(data=True):
        text = (corpus / data["doc"]).read_text(encoding="utf-8")
        assert text[data["char_start"] : data["char_end"]] == data["quote"]


def test_project_sorted_and_deterministic(G):
    again = to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))
    assert list(G.nodes) == sorted(G.nodes) == list(again.nodes)
    keys = [k for *_, k in G.edges(keys=True)]
    assert keys == [k for *_, k in again.edges(keys=True)]
    assert list(G.nodes(data=True)) == list(again.nodes(data=True))


def test_project_graph_and_dataset_agree(G):
    union = rdflib.Graph()
    for s, p, o, _ in rdflib.Dataset().parse(FIXTURE, format="trig").quads():
        union.add((s, p, o))
    H = to_networkx(union)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_project_blank_node_assertions_get_stable_keys():
    ttl = """@prefix hkg: <https://w3id.org/histkg/ontology#> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    <urn:a> a hkg:Person . <urn:b> a hkg:Person .
    [] a hkg:Assertion ; rdf:subject <urn:a> ; rdf:predicate hkg:metWith ; rdf:object <urn:b> ."""
    keys = [list(to_networkx(rdflib.Graph().parse(data=ttl)).edges(keys=True)) for _ in "ab"]
    assert keys[0] == keys[1] and keys[0][0][2].startswith("_:a")


def test_project_person_network_weights(G):
    P = person_network(G)
    assert sorted(P) == sorted(n for n, t in G.nodes(data="type") if t == "Person")
    lenin, stalin = ID + "person/lenin", ID + "person/stalin"
    assert P[lenin][stalin]["weight"] == 3  # two meetings in 001, an opposition in 003
    assert P[lenin][stalin]["relations"] == ["metWith", "opposes"]
    tie = P[ID + "person/bukharin"][ID + "person/trotsky"]  # only the congress
    assert tie["weight"] == 1 and tie["meetings"] == [ID + "meeting/twelfth-party-congress"]
    # one passage states both Kamenev's alliance with Stalin and his opposition to Trotsky,
    # but they are different pairs; the troika passage counts once for Zinoviev-Stalin
    assert P[ID + "person/stalin"][ID + "person/zinoviev"]["weight"] == 2


def test_project_bipartite_views(G):
    B = bipartite_network(G, "Organisation")
    assert {n for n, side in B.nodes(data="bipartite") if side == 1} == {
        ID + "organisation/central-committee",
        ID + "organisation/politburo",
    }
    assert B.degree(ID + "organisation/politburo") == 3
    M = bipartite_projection(bipartite_network(G, "Meeting"), "Person")
    assert M.number_of_edges() == 6  # four persons at the Twelfth Congress
    with pytest.raises(ValueError):
        bipartite_network(G, "Place")
