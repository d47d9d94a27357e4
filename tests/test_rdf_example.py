"""Linked Art style: a historical sentence, and the Turtle kg states for it (tests/data/graphs/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.config import BuildConfig
from kg.model import DateValue, Document, Entity, Evidence, Fact, Mention, Resolved
from kg.rdf import to_dataset, validate
from kg.rdf.iris import document_iri

GRAPHS = Path(__file__).parent / "data" / "graphs"
DOC = "000_example.txt"
TEXT = "Stalin drafted the resolution on autonomisation in September 1922."


def drafted_resolution() -> Resolved:
    """The sentence as extraction and resolution hand it to the rdf stage."""
    doc = Document(DOC, DOC, TEXT, TEXT, tuple(range(len(TEXT) + 1)), "en")
    september = DateValue("1922-09", "gYearMonth")
    stalin_at = Mention(DOC, 0, 6, "Stalin", "Person", key="person:stalin", method="authority")
    resolution_at = Mention(DOC, 19, 47, "resolution on autonomisation", "Resolution",
                            method="rule:resolution", confidence=0.8, date=september)
    stalin = Entity("person:stalin", "Person", "Stalin", qid="Q855", doc_ids=(DOC,), mentions=(stalin_at,))
    resolution = Entity("resolution:autonomisation", "Resolution", "resolution on autonomisation", "en",
                        doc_ids=(DOC,), date=september, mentions=(resolution_at,))
    evidence = Evidence(DOC, 0, 66, TEXT[:66], "rule:drafted-verb", 0.9)
    fact = Fact("person:stalin", "drafted", "resolution:autonomisation", evidence)
    return Resolved((doc,), (resolution, stalin), (fact,))


def _expected(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(GRAPHS / name, format="turtle")
    return graph


def _assert_isomorphic(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(f"only in kg's graph:\n{only_actual.serialize(format='nt')}\n"
                    f"only in the expected graph:\n{only_expected.serialize(format='nt')}")


def test_rdf_example_sentence_graph():
    dataset = to_dataset(drafted_resolution(), BuildConfig(), annotations=False)
    _assert_isomorphic(dataset.default_graph, _expected("drafted_resolution.ttl"))


def test_rdf_example_sentence_graph_with_mentions():
    dataset = to_dataset(drafted_resolution(), BuildConfig())
    expected = _expected("drafted_resolution.ttl", "drafted_resolution_mentions.ttl")
    _assert_isomorphic(dataset.default_graph, expected)
    _assert_isomorphic(dataset.graph(document_iri(DOC, BuildConfig().base_iri)), expected)


@pytest.mark.parametrize("names", [("drafted_resolution.ttl",),
                                   ("drafted_resolution.ttl", "drafted_resolution_mentions.ttl")])
def test_rdf_example_expected_graphs_conform(names):
    assert validate(_expected(*names)) == []
