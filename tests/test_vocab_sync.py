"""kg/vocab.py and ontology/hkg.ttl name the same terms, and every term is documented."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, get_annotations

from kg.vocab import HKG, ONTOLOGY_DIR, RELATION_PREDICATES, SYMMETRIC

NS = str(HKG._NS)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
#: Terms no standard vocabulary has a same-direction counterpart for (said in their comments).
UNALIGNED = {"method", "confidence", "pipeline"}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "hkg.ttl")


def defined_terms(graph: Graph) -> set[str]:
    return {
        str(s)[len(NS) :]
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if str(s).startswith(NS) and str(s) != NS
    }


def test_vocab_sync_names_equal_ontology_terms(ontology):
    in_code = set(get_annotations(HKG))
    in_ontology = defined_terms(ontology)
    missing = sorted(in_ontology - in_code)
    extra = sorted(in_code - in_ontology)
    hint = "\n".join(f"    {name}: URIRef" for name in missing)
    assert not missing, f"add to HKG in kg/vocab.py:\n{hint}"
    assert not extra, f"not defined in ontology/hkg.ttl: {extra}"


def test_vocab_sync_relation_predicates_are_object_properties(ontology):
    props = {str(s)[len(NS) :] for s in ontology.subjects(RDF.type, OWL.ObjectProperty)}
    assert set(RELATION_PREDICATES) <= props
    assert len(set(RELATION_PREDICATES)) == len(RELATION_PREDICATES) == 21


def test_vocab_sync_symmetric_properties(ontology):
    symmetric = {str(s)[len(NS) :] for s in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == set(SYMMETRIC)


@pytest.mark.parametrize("name", sorted(get_annotations(HKG)))
def test_vocab_sync_term_documented(ontology, name):
    term = HKG[name]
    langs = {lit.language for lit in ontology.objects(term, RDFS.label) if isinstance(lit, Literal)}
    assert {"en", "sv"} <= langs, f"hkg:{name} needs rdfs:label@en and @sv"
    assert ontology.value(term, RDFS.comment), f"hkg:{name} needs an rdfs:comment"
    assert ontology.value(term, RDFS.isDefinedBy) == HKG._NS[""], f"hkg:{name} needs rdfs:isDefinedBy hkg:"


@pytest.mark.parametrize("name", sorted(set(get_annotations(HKG)) - UNALIGNED))
def test_vocab_sync_term_aligned(ontology, name):
    term = HKG[name]
    supers = set(ontology.transitive_objects(term, RDFS.subClassOf)) | set(
        ontology.transitive_objects(term, RDFS.subPropertyOf)
    )
    external = {s for s in supers if not str(s).startswith(NS)}
    assert external, f"hkg:{name} needs an rdfs:subClassOf/subPropertyOf alignment to a standard term"


@pytest.mark.parametrize("name", sorted(RELATION_PREDICATES))
def test_vocab_sync_relation_has_domain_and_range(ontology, name):
    assert ontology.value(HKG[name], RDFS.domain) is not None
    assert ontology.value(HKG[name], RDFS.range) is not None
