"""to_dataset: the contract's default graph, the per-document graphs, the evidence."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from kg.config import BuildConfig
from kg.model import DateValue, Document, Entity, Evidence, Fact, Mention, Resolved
from kg.rdf import to_dataset, validate
from kg.rdf.iris import document_iri, mint_iri
from kg.vocab import DCTERMS, HKG, OA, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = BuildConfig().base_iri
LETTER = "000_letter.txt"
MINUTES = "001_minutes.txt"
LETTER_TEXT = "To the Central Committee.\nI propose that Stalin be removed. Lenin"
MINUTES_TEXT = "Den 6 oktober 1922 antog Centralkommittén Stalins resolution om autonomisering."


def _document(doc_id: str, text: str, lang: str, **meta) -> Document:
    return Document(doc_id, doc_id, text, text, tuple(range(len(text) + 1)), lang, **meta)


def _mention(doc_id: str, text: str, form: str, label: str, key: str) -> Mention:
    start = text.index(form)
    return Mention(doc_id, start, start + len(form), form, label, key=key, method="authority")


def _fact(subject: str, predicate: str, obj: str, doc_id: str, text: str, quote: str) -> Fact:
    start = text.index(quote)
    evidence = Evidence(doc_id, start, start + len(quote), quote, f"rule:{predicate}", 0.875)
    return Fact(subject, predicate, obj, evidence)


def small_resolved() -> Resolved:
    """Two documents: Lenin's letter to the Central Committee, and minutes of its plenum."""
    letter = _document(LETTER, LETTER_TEXT, "en", title="Letter to the Congress",
                       created=DateValue("1922-12-24", "date"))
    minutes = _document(MINUTES, MINUTES_TEXT, "sv")
    lenin = Entity("person:lenin", "Person", "Lenin", qid="Q1394", doc_ids=(LETTER,),
                   mentions=(_mention(LETTER, LETTER_TEXT, "Lenin", "Person", "person:lenin"),))
    stalin = Entity("person:stalin", "Person", "Stalin", alt_labels=("Stalins",), qid="Q855",
                    doc_ids=(LETTER, MINUTES),
                    mentions=(_mention(LETTER, LETTER_TEXT, "Stalin", "Person", "person:stalin"),
                              _mention(MINUTES, MINUTES_TEXT, "Stalins", "Person", "person:stalin")))
    cc = Entity("organisation:central-committee", "Organisation", "Central Committee", "en",
                alt_labels=("Centralkommittén",), doc_ids=(LETTER, MINUTES),
                mentions=(_mention(LETTER, LETTER_TEXT, "Central Committee", "Organisation",
                                   "organisation:central-committee"),
                          _mention(MINUTES, MINUTES_TEXT, "Centralkommittén", "Organisation",
                                   "organisation:central-committee")))
    date = DateValue("1922-10-06", "date", edtf="1922-10-06")
    autonomisation = Entity("resolution:autonomisation", "Resolution", "resolution om autonomisering", "sv",
                            doc_ids=(MINUTES,), date=date,
                            mentions=(_mention(MINUTES, MINUTES_TEXT, "resolution om autonomisering",
                                               "Resolution", "resolution:autonomisation"),))
    facts = (
        _fact(f"document:{LETTER}", "addressedTo", "organisation:central-committee", LETTER, LETTER_TEXT,
              "To the Central Committee."),
        _fact("organisation:central-committee", "adopted", "resolution:autonomisation", MINUTES, MINUTES_TEXT,
              MINUTES_TEXT[:-1]),
        _fact("person:stalin", "drafted", "resolution:autonomisation", MINUTES, MINUTES_TEXT,
              "Stalins resolution om autonomisering"),
    )
    entities = (cc, lenin, stalin, autonomisation)
    return Resolved((letter, minutes), entities, facts, authors=((LETTER, "person:lenin"),))


@pytest.fixture(scope="module")
def dataset():
    return to_dataset(small_resolved(), BuildConfig())


def test_rdf_build_conforms_to_shapes(dataset):
    assert validate(dataset) == []


def test_rdf_build_conforms_with_rdfs_inference(dataset):
    assert validate(dataset.default_graph, inference="rdfs") == []


def test_rdf_build_entity_description(dataset):
    g = dataset.default_graph
    stalin, cc = mint_iri("person:stalin", BASE), mint_iri("organisation:central-committee", BASE)
    assert str(stalin) == "https://w3id.org/histkg/id/person/stalin"
    assert (stalin, RDF.type, HKG.Person) in g
    assert (stalin, RDFS.label, Literal("Stalin")) in g
    assert (stalin, SKOS.altLabel, Literal("Stalins")) in g
    assert (stalin, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q855")) in g
    assert set(g.objects(stalin, HKG.mentionedIn)) == {document_iri(LETTER, BASE), document_iri(MINUTES, BASE)}
    assert (cc, RDFS.label, Literal("Central Committee", lang="en")) in g


def test_rdf_build_resolution_date(dataset):
    g = dataset.default_graph
    resolution = mint_iri("resolution:autonomisation", BASE)
    assert g.value(resolution, HKG.date) == Literal("1922-10-06", datatype=XSD.date)
    assert g.value(resolution, HKG.edtf) == Literal("1922-10-06")


def test_rdf_build_document_description(dataset):
    g = dataset.default_graph
    letter = document_iri(LETTER, BASE)
    assert str(letter) == "https://w3id.org/histkg/id/document/000_letter"
    assert g.value(letter, DCTERMS.identifier) == Literal(LETTER)
    assert g.value(letter, DCTERMS.language) == Literal("en")
    assert g.value(letter, DCTERMS.title) == Literal("Letter to the Congress", lang="en")
    assert g.value(letter, DCTERMS.created) == Literal("1922-12-24", datatype=XSD.date)
    assert g.value(letter, DCTERMS.creator) == mint_iri("person:lenin", BASE)


def test_rdf_build_document_subject_maps_to_document_iri(dataset):
    g = dataset.default_graph
    cc = mint_iri("organisation:central-committee", BASE)
    assert (document_iri(LETTER, BASE), HKG.addressedTo, cc) in g


def test_rdf_build_one_assertion_per_fact(dataset):
    g = dataset.default_graph
    assertions = sorted(g.subjects(RDF.type, HKG.Assertion))
    assert len(assertions) == 3
    for node in assertions:
        triple = (g.value(node, RDF.subject), g.value(node, RDF.predicate), g.value(node, RDF.object))
        assert triple in g
        assert g.value(node, HKG.confidence) == Literal("0.88", datatype=XSD.decimal)
        assert g.value(node, PROV.wasDerivedFrom) in {document_iri(LETTER, BASE), document_iri(MINUTES, BASE)}


def test_rdf_build_quotes_are_the_source_text(dataset):
    g = dataset.default_graph
    texts = {document_iri(LETTER, BASE): LETTER_TEXT, document_iri(MINUTES, BASE): MINUTES_TEXT}
    for node in g.subjects(RDF.type, HKG.Assertion):
        text = texts[g.value(node, PROV.wasDerivedFrom)]
        start, end = g.value(node, HKG.charStart).toPython(), g.value(node, HKG.charEnd).toPython()
        assert text[start:end] == str(g.value(node, HKG.quote))


def test_rdf_build_mention_annotations(dataset):
    g = dataset.default_graph
    annotations = list(g.subjects(RDF.type, OA.Annotation))
    assert len(annotations) == 6
    for node in annotations:
        target = g.value(node, OA.hasTarget)
        source = g.value(target, OA.hasSource)
        text = {document_iri(LETTER, BASE): LETTER_TEXT, document_iri(MINUTES, BASE): MINUTES_TEXT}[source]
        selectors = {g.value(s, RDF.type): s for s in g.objects(target, OA.hasSelector)}
        position, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
        start, end = g.value(position, OA.start).toPython(), g.value(position, OA.end).toPython()
        assert text[start:end] == str(g.value(quote, OA.exact))


def test_rdf_build_annotations_can_be_left_out():
    dataset = to_dataset(small_resolved(), BuildConfig(), annotations=False)
    assert not list(dataset.default_graph.subjects(RDF.type, OA.Annotation))
    assert validate(dataset) == []


def test_rdf_build_no_blank_nodes(dataset):
    for s, p, o, _ in dataset.quads():
        assert not isinstance(s, BNode) and not isinstance(o, BNode)


def test_rdf_build_one_named_graph_per_document(dataset):
    named = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    assert named == {document_iri(LETTER, BASE), document_iri(MINUTES, BASE)}


def test_rdf_build_named_graphs_are_subsets_of_default(dataset):
    default = set(dataset.default_graph)
    for graph in dataset.graphs():
        assert set(graph) <= default


def test_rdf_build_named_graph_holds_what_the_document_says(dataset):
    minutes = dataset.graph(document_iri(MINUTES, BASE))
    stalin = mint_iri("person:stalin", BASE)
    assert (stalin, HKG.drafted, mint_iri("resolution:autonomisation", BASE)) in minutes
    assert (stalin, HKG.mentionedIn, document_iri(MINUTES, BASE)) in minutes
    assert (stalin, HKG.mentionedIn, document_iri(LETTER, BASE)) not in minutes
    assert (stalin, SKOS.altLabel, Literal("Stalins")) in minutes
    assert mint_iri("person:lenin", BASE) not in set(minutes.subjects())
    assert len(list(minutes.subjects(RDF.type, HKG.Assertion))) == 2


def test_rdf_build_base_iri_is_configurable():
    dataset = to_dataset(small_resolved(), BuildConfig(base_iri="http://example.org/kg/"))
    assert (URIRef("http://example.org/kg/person/lenin"), RDF.type, HKG.Person) in dataset.default_graph


def test_rdf_build_rejects_unknown_predicate():
    resolved = small_resolved()
    bad = Fact("person:stalin", "admired", "person:lenin", resolved.facts[0].evidence)
    with pytest.raises(ValueError, match="admired"):
        to_dataset(Resolved(resolved.documents, resolved.entities, (bad,)), BuildConfig())


def test_rdf_build_binds_contract_prefixes(dataset):
    prefixes = dict(dataset.namespaces())
    for name in ("hkg", "rdfs", "skos", "owl", "dcterms", "prov", "oa", "xsd", "wd", "person", "document"):
        assert name in prefixes
    assert str(prefixes["wd"]) == "http://www.wikidata.org/entity/"
