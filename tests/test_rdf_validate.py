"""validate: the SHACL shapes catch what breaks the contract, and only that."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.config import BuildConfig
from kg.errors import OntologyError
from kg.rdf import to_dataset, validate
from kg.rdf.iris import document_iri, mint_iri
from kg.vocab import HKG, OWL, RDF, RDFS, XSD
from test_rdf_build import LETTER, small_resolved

BASE = BuildConfig().base_iri
LENIN, STALIN = mint_iri("person:lenin", BASE), mint_iri("person:stalin", BASE)
CC = mint_iri("organisation:central-committee", BASE)
RESOLUTION = mint_iri("resolution:autonomisation", BASE)


@pytest.fixture(scope="module")
def good() -> Graph:
    dataset = to_dataset(small_resolved(), BuildConfig(), annotations=False)
    graph = Graph()
    graph += dataset.default_graph
    return graph


def _broken(good: Graph, remove=(), add=()) -> list[dict[str, str]]:
    graph = Graph()
    graph += good
    for triple in remove:
        graph.remove(triple)
    for triple in add:
        graph.add(triple)
    return validate(graph)


def _assertion_of(graph: Graph, s, p, o):
    return next(a for a in graph.subjects(RDF.subject, s) if (a, RDF.predicate, p) in graph and (a, RDF.object, o) in graph)


def test_rdf_validate_good_graph_conforms(good):
    assert validate(good) == []


def test_rdf_validate_relation_without_assertion(good):
    rows = _broken(good, add=[(LENIN, HKG.memberOf, CC)])
    assert [(row["focus"], row["path"], row["value"]) for row in rows] == [
        (str(LENIN), str(HKG.memberOf), str(CC))
    ]
    assert "no hkg:Assertion" in rows[0]["message"]
    assert rows[0]["severity"].endswith("Violation")


def test_rdf_validate_entity_without_label(good):
    rows = _broken(good, remove=[(LENIN, RDFS.label, None)])
    assert [(row["focus"], row["path"]) for row in rows] == [(str(LENIN), str(RDFS.label))]


def test_rdf_validate_entity_without_document(good):
    rows = _broken(good, remove=[(LENIN, HKG.mentionedIn, None)])
    assert [(row["focus"], row["path"]) for row in rows] == [(str(LENIN), str(HKG.mentionedIn))]


def test_rdf_validate_two_labels_in_one_language(good):
    rows = _broken(good, add=[(CC, RDFS.label, Literal("the CC", lang="en"))])
    assert [row["path"] for row in rows] == [str(RDFS.label)]


def test_rdf_validate_two_core_classes(good):
    rows = _broken(good, add=[(LENIN, RDF.type, HKG.Organisation)])
    assert any("more than one core class" in row["message"] for row in rows)


def test_rdf_validate_relation_range(good):
    rows = _broken(good, add=[(STALIN, HKG.drafted, LENIN)])
    messages = {row["message"] for row in rows}
    assert "the object of hkg:drafted must be a hkg:Resolution" in messages


def test_rdf_validate_relation_domain(good):
    rows = _broken(good, add=[(RESOLUTION, HKG.memberOf, CC)])
    assert "the subject of hkg:memberOf must be a hkg:Person" in {row["message"] for row in rows}


def test_rdf_validate_date_datatype(good):
    rows = _broken(good, remove=[(RESOLUTION, HKG.date, None)],
                   add=[(RESOLUTION, HKG.date, Literal("6 oktober 1922"))])
    assert [row["path"] for row in rows] == [str(HKG.date)]


def test_rdf_validate_sameas_must_be_wikidata(good):
    rows = _broken(good, add=[(LENIN, OWL.sameAs, URIRef("http://dbpedia.org/resource/Lenin"))])
    assert [row["path"] for row in rows] == [str(OWL.sameAs)]


@pytest.mark.parametrize("prop, value", [
    (HKG.confidence, Literal("1.5", datatype=XSD.decimal)),
    (HKG.charStart, Literal(-1)),
    (HKG.charStart, Literal("4", datatype=XSD.string)),
    (HKG.quote, Literal(3)),
])
def test_rdf_validate_assertion_values(good, prop, value):
    assertion = _assertion_of(good, STALIN, HKG.drafted, RESOLUTION)
    rows = _broken(good, remove=[(assertion, prop, None)], add=[(assertion, prop, value)])
    assert rows and all(row["focus"] == str(assertion) for row in rows)


def test_rdf_validate_assertion_without_document(good):
    assertion = _assertion_of(good, STALIN, HKG.drafted, RESOLUTION)
    from kg.vocab import PROV

    rows = _broken(good, remove=[(assertion, PROV.wasDerivedFrom, None)])
    assert [(row["focus"], row["path"]) for row in rows] == [(str(assertion), str(PROV.wasDerivedFrom))]


def test_rdf_validate_assertion_of_unstated_triple(good):
    rows = _broken(good, remove=[(STALIN, HKG.drafted, RESOLUTION)])
    assert len(rows) == 1 and "does not state" in rows[0]["message"]


def test_rdf_validate_symmetric_relation_backed_either_way(good):
    assertion = _assertion_of(good, STALIN, HKG.drafted, RESOLUTION)
    stated = [(STALIN, HKG.metWith, LENIN), (assertion, RDF.predicate, HKG.metWith), (assertion, RDF.object, LENIN)]
    reverse = [(LENIN, HKG.metWith, STALIN)]
    drop = [(STALIN, HKG.drafted, RESOLUTION), (assertion, RDF.predicate, None), (assertion, RDF.object, None)]
    assert _broken(good, remove=drop, add=stated + reverse) == []


def test_rdf_validate_dataset_checks_named_graphs():
    dataset = to_dataset(small_resolved(), BuildConfig(), annotations=False)
    letter = dataset.graph(document_iri(LETTER, BASE))
    letter.add((LENIN, HKG.memberOf, CC))
    rows = validate(dataset)
    assert {row["graph"] for row in rows} == {str(document_iri(LETTER, BASE))}


def test_rdf_validate_missing_shapes_raise(tmp_path, good):
    with pytest.raises(OntologyError, match="shapes.ttl"):
        validate(good, ontology_dir=tmp_path)


def test_rdf_validate_subproperty_backed_under_rdfs_inference(good):
    """With RDFS entailment, ``chaired`` implies ``participatedIn``; its assertion backs both."""
    plenum = mint_iri("meeting:october-plenum", BASE)
    assertion = _assertion_of(good, STALIN, HKG.drafted, RESOLUTION)
    meeting = [(plenum, RDF.type, HKG.Meeting), (plenum, RDFS.label, Literal("October plenum")),
               (plenum, HKG.mentionedIn, document_iri(LETTER, BASE))]
    chaired = [(STALIN, HKG.chaired, plenum), (assertion, RDF.predicate, HKG.chaired), (assertion, RDF.object, plenum)]
    drop = [(STALIN, HKG.drafted, RESOLUTION), (assertion, RDF.predicate, None), (assertion, RDF.object, None)]
    graph = Graph()
    graph += good
    for triple in drop:
        graph.remove(triple)
    graph += meeting + chaired
    assert validate(graph, inference="rdfs") == []
    assert validate(graph) == []


def test_rdf_validate_sparql_shapes_hold_only_their_query():
    """validate() runs SPARQL-only shapes once over the whole graph; that needs them SPARQL-only."""
    from rdflib.namespace import SH

    from kg.vocab import ONTOLOGY_DIR

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    allowed = {RDF.type, RDFS.comment, SH.sparql, SH.targetClass, SH.targetSubjectsOf}
    for shape in set(shapes.subjects(SH.sparql, None)):
        assert set(shapes.predicates(shape)) <= allowed, shape


def test_rdf_validate_graph_wide_queries_match_pyshacl(good):
    """Same results as pySHACL's own focus-node-by-focus-node evaluation of every shape."""
    import pyshacl
    from rdflib.namespace import SH

    from kg.vocab import ONTOLOGY_DIR

    assertion = _assertion_of(good, STALIN, HKG.drafted, RESOLUTION)
    graph = Graph()
    graph += good
    graph += [(LENIN, HKG.memberOf, CC), (LENIN, HKG.metWith, STALIN), (assertion, RDF.object, CC)]
    _, report, _ = pyshacl.validate(graph, shacl_graph=Graph().parse(ONTOLOGY_DIR / "shapes.ttl"),
                                    ont_graph=Graph().parse(ONTOLOGY_DIR / "hkg.ttl"))
    expected = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.value) or ""))
                for r in report.subjects(RDF.type, SH.ValidationResult)}
    actual = {(row["focus"], row["value"]) for row in validate(graph)}
    assert actual == expected and len(actual) >= 4
