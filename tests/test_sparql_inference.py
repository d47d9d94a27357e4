"""RDFS inference: a client that knows only FOAF, W3C ORG, schema.org and PROV still finds the entities.

The graph plus ``ontology/hkg.ttl``, expanded with owlrl's RDFS closure, answers a
query that never mentions ``hkg:``.
"""

from __future__ import annotations

import owlrl
import pytest
from rdflib import Dataset, Graph

from kg.rdf import write_turtle
from kg.vocab import ONTOLOGY_DIR
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "graphs" / "analysis_fixture.trig"
STANDARD_ONLY = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?kind ?x WHERE {
  { ?x a foaf:Person , schema:Person , prov:Person . BIND("person" AS ?kind) }
  UNION { ?x a org:Organization . BIND("organisation" AS ?kind) }
  UNION { ?x a sem:Event . BIND("event" AS ?kind) }
  UNION { ?x a prov:Entity . ?x a foaf:Document . BIND("document" AS ?kind) }
}"""


def closure(graph_ttl) -> Graph:
    """graph.ttl + the ontology, RDFS closure applied."""
    graph = Graph()
    graph.parse(graph_ttl, format="turtle")
    graph.parse(ONTOLOGY_DIR / "hkg.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
    return graph


def kinds(graph: Graph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for kind, x in graph.query(STANDARD_ONLY):
        found.setdefault(str(kind), set()).add(str(x))
    return found


@pytest.fixture(scope="module")
def fixture_ttl(tmp_path_factory):
    """The fixture's default graph written as a build's graph.ttl."""
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    return write_turtle(dataset, tmp_path_factory.mktemp("inference") / "graph.ttl")


def test_sparql_inference_standard_vocabularies_find_the_entities(fixture_ttl):
    found = kinds(closure(fixture_ttl))
    persons = {iri.rsplit("/", 1)[-1] for iri in found["person"]}
    assert persons == {"lenin", "stalin", "trotsky", "kamenev", "zinoviev", "bukharin"}
    assert {iri.rsplit("/", 1)[-1] for iri in found["organisation"]} == {"central-committee", "politburo"}
    assert len(found["event"]) == 2 and len(found["document"]) == 2


def test_sparql_inference_needs_the_ontology(fixture_ttl):
    """Without the alignments nothing is a foaf:Person: the answer comes from inference."""
    graph = Graph()
    graph.parse(fixture_ttl, format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
    assert "person" not in kinds(graph)
