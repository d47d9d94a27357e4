"""The bulk projection of a build's Quads and the direct GraphML/GEXF writers: same output as before.

:func:`kg.analyze.to_networkx` reads a build's :class:`~kg.rdf.quads.Quads` through
:class:`kg.rdf.view.GraphView`'s bulk lookups and an rdflib graph statement by
statement; both must give the same multigraph, attribute types included. The
analysis files spell GraphML and GEXF without networkx's ElementTree; the text must
be the one networkx writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.analyze import centrality_table, to_networkx
from kg.analyze.export import _XML, _flat_records, _gexf, _graphml, _networkx_graph
from kg.authority import read_authority
from kg.config import BuildConfig
from kg.extract import extract, make_nlp
from kg.ingest import ingest, read_source
from kg.rdf import to_quads
from kg.rdf.quads import Quads, from_rdflib, to_rdflib
from kg.rdf.view import GraphView
from kg.vocab import HKG

from conftest import CORPUS

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
#: The three smaller texts of the bundled corpus (English and Swedish).
TEXTS = ("000_7faa08b1aca99881.txt", "001_1f54935782d342ab.txt", "002_99f1e413f9fe1655.txt")


@pytest.fixture(scope="module")
def quads():
    """The Quads a build of three corpus texts projects its network from."""
    from kg.resolve import resolve

    documents = [ingest(read_source(CORPUS / name)) for name in TEXTS]
    extractions = [extract(document, make_nlp(document.lang)) for document in documents]
    return to_quads(resolve(extractions, read_authority()), BuildConfig())


@pytest.fixture(scope="module")
def G(quads):
    return to_networkx(quads)


def _typed(data: dict) -> list[tuple]:
    """Attributes with their types: ``==`` alone would take 1 for 1.0 and "" for nothing missing."""
    return [(key, type(value).__name__, value) for key, value in data.items()]


def _same_graph(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    assert list(G.nodes) == list(H.nodes)
    for node, data in G.nodes(data=True):
        assert _typed(data) == _typed(H.nodes[node]), node
    assert [e[:3] for e in G.edges(keys=True)] == [e[:3] for e in H.edges(keys=True)]
    for u, v, key, data in G.edges(keys=True, data=True):
        assert _typed(data) == _typed(H.edges[u, v, key]), key


def test_projection_is_not_empty(G):
    assert G.number_of_nodes() > 20 and G.number_of_edges() > 20
    assert all(data["docs"] and data["label"] for _, data in G.nodes(data=True))
    assert any(data["years"] for _, data in G.nodes(data=True))
    assert all(data["doc"] in TEXTS and 0 <= data["char_start"] < data["char_end"] for *_, data in G.edges(data=True))


def test_projection_same_from_quads_and_dataset(quads, G):
    _same_graph(G, to_networkx(quads.to_dataset()))


def test_projection_same_from_quads_without_union_default(quads, G):
    """Quads read from rdflib do not promise a union default graph: the view merges the graphs."""
    again = from_rdflib(quads.to_dataset())
    assert not again.default_is_union
    _same_graph(G, to_networkx(again))


def test_view_text_is_rdflib_str(quads):
    view = GraphView(quads)
    assert [view.text(i) for i in range(len(quads.terms))] == [str(to_rdflib(t)) for t in quads.terms]


@pytest.mark.parametrize("lexical", ["0", "007", " 5", "+5", "-3", "1_000", "٣", "5.0", "five", "", "9" * 5000,
                                     " 1.50", "1923-04-17"])
@pytest.mark.parametrize("datatype", ["integer", "nonNegativeInteger", "int", "decimal", "date", "string"])
def test_view_text_normalises_like_rdflib(lexical, datatype):
    """A literal as parsed, not as rdflib made it (rdflib would have normalised "007" already)."""
    terms = [ox.NamedNode(str(HKG.charStart)), ox.NamedNode("urn:x:a"),
             ox.Literal(lexical, datatype=ox.NamedNode(XSD_NS + datatype))]  # fmt: skip
    view = GraphView(Quads(terms, np.array([[-1, 1, 0, 2]]), {}))
    assert view.text(2) == str(to_rdflib(terms[2]))


def test_projection_same_on_the_analysis_fixture():
    """The hand-written fixture: labels in two languages, years from documents, a QID."""
    dataset = Dataset().parse(FIXTURE, format="trig")
    _same_graph(to_networkx(from_rdflib(dataset)), to_networkx(dataset))


def _networkx_files(nodes, edges) -> tuple[str, str]:
    """GraphML and GEXF as networkx's own writers spell the records."""
    flat = _networkx_graph(nodes, edges)
    gexf = _XML + "\n".join(nx.generate_gexf(flat)) + "\n"
    return (_XML + "\n".join(nx.generate_graphml(flat)) + "\n",
            re.sub(r' lastmodifieddate="[^"]*"', "", gexf, count=1))  # fmt: skip


def test_writers_spell_the_build_as_networkx(G):
    nodes, edges = _flat_records(G, centrality_table(G))
    assert (_graphml(nodes, edges), _gexf(nodes, edges)) == _networkx_files(nodes, edges)


ODD = "Marx & <Engels> \"1848\" 'Manifest'\tÅ ä 中 😀\r\n\x0b\x0c\x1c\u2028 end "
RECORDS = {
    "empty": ([], []),
    "bare": ([("a", {}), ("b", {})], [("a", "b", 0, {}), ("a", "b", 1, {})]),
    "odd text": ([(ODD, {"label": ODD, "quote": ODD, "blank": "", "space": " "})],
                 [(ODD, ODD, ODD, {"quote": ODD, "doc": ""})]),
    "numbers": ([("a", {"n": -3, "big": 10**30, "x": 1e-7, "inf": float("inf"), "nan": float("nan"),
                        "ninf": float("-inf"), "yes": True, "no": False})], []),
    "mixed types": ([("a", {"v": 1}), ("b", {"v": 1.5}), ("c", {"v": "s"})], [("a", "b", "k", {"v": 2})]),
    "label not str": ([("a", {"label": 5})], []),
    "numpy": ([("a", {"x": np.float64(0.5), "n": np.int64(3)})], []),
    # names GEXF reserves: networkx writes those
    "reserved": ([("a", {"pid": "b", "start": 1})], [("a", "a", "k", {"weight": 2, "label": "x"})]),
    "key named": ([("a", {}), ("b", {})], [("a", "b", "k", {"networkx_key": "x"})]),
}  # fmt: skip


@pytest.mark.parametrize("name", RECORDS)
def test_writers_spell_odd_records_as_networkx(name):
    nodes, edges = RECORDS[name]
    assert (_graphml(nodes, edges), _gexf(nodes, edges)) == _networkx_files(nodes, edges)
