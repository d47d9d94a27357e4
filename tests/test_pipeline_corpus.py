"""The bundled corpus built end to end: the foundation's must-holds (issue 2)."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef

from kg.vocab import DCTERMS, HKG, PROV, RDF, RDFS
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow

DOCS = sorted(p.name for p in CORPUS.glob("*.txt"))


def test_pipeline_writes_every_output(corpus_build):
    out, report = corpus_build
    for name in ("graph.ttl", "graph.trig", "graph.html", "metrics.csv", "communities.csv", "graph.graphml"):
        assert (out / name).stat().st_size > 0, name
    assert report.documents == len(DOCS) == 5
    assert not list(out.glob(".kg-build-*")), "staging folder left behind"


def test_pipeline_validates_against_shapes(corpus_dataset):
    from kg.rdf import validate

    assert validate(corpus_dataset) == []


def _normalised(text: str) -> str:
    # The quote may differ from the file only by whitespace and joined hyphenation.
    return re.sub(r"-\s+|\s+", "", text)


def test_pipeline_assertion_offsets_match_source(corpus_dataset):
    texts = {p.name: p.read_text("utf-8") for p in CORPUS.glob("*.txt")}
    assertions = list(corpus_dataset.subjects(RDF.type, HKG.Assertion))
    assert len(assertions) > 50
    for a in assertions:
        doc = corpus_dataset.value(a, PROV.wasDerivedFrom)
        name = str(corpus_dataset.value(doc, DCTERMS.identifier))
        start = int(corpus_dataset.value(a, HKG.charStart))
        end = int(corpus_dataset.value(a, HKG.charEnd))
        quote = str(corpus_dataset.value(a, HKG.quote))
        assert texts[name][start:end] == quote or _normalised(texts[name][start:end]) == _normalised(quote)


def test_pipeline_build_is_deterministic(corpus_build, tmp_path):
    from kg.pipeline import build

    build([CORPUS], tmp_path)
    for name in ("graph.ttl", "graph.trig", "graph.html", "metrics.csv"):
        assert (tmp_path / name).read_bytes() == (corpus_build[0] / name).read_bytes(), name


def _persons_in(dataset, doc_name: str) -> set[str]:
    doc = next(d for d in dataset.subjects(DCTERMS.identifier, None)
               if str(dataset.value(d, DCTERMS.identifier)) == doc_name)
    return {str(dataset.value(e, RDFS.label)) for e in dataset.subjects(HKG.mentionedIn, doc)
            if (e, RDF.type, HKG.Person) in dataset}


@pytest.mark.parametrize("doc_name, expected", [
    ("000_7faa08b1aca99881.txt", {"Vladimir Lenin", "Lev Kamenev", "Joseph Stalin", "Grigory Zinoviev"}),
    ("001_1f54935782d342ab.txt", {"Vladimir Lenin", "Lev Kamenev", "Joseph Stalin", "Vyacheslav Molotov"}),
    ("002_99f1e413f9fe1655.txt", {"Vladimir Lenin", "Lev Kamenev", "Grigory Zinoviev"}),
    ("003_3a73ba2d94f2b768.txt", {"Leon Trotsky", "Joseph Stalin", "Lev Kamenev", "Nadezhda Krupskaya"}),
    ("004_38aa1d9582bd5dfb.txt", {"Leon Trotsky", "Joseph Stalin", "Nikolai Bukharin", "Grigory Zinoviev"}),
])
def test_pipeline_finds_main_figures(corpus_dataset, doc_name, expected):
    assert expected <= _persons_in(corpus_dataset, doc_name)


def test_pipeline_documents_carry_metadata(corpus_dataset):
    ids = {str(o) for o in corpus_dataset.objects(None, DCTERMS.identifier)}
    assert set(DOCS) <= ids
    for doc in corpus_dataset.subjects(RDF.type, HKG.Document):
        assert str(corpus_dataset.value(doc, DCTERMS.language)) in ("sv", "en")


def test_pipeline_cross_language_identity(corpus_dataset):
    # Zinovjev (sv) and Zinoviev (en) are one entity with its Wikidata identity.
    zinoviev = URIRef("https://w3id.org/histkg/id/person/zinoviev")
    docs = set(corpus_dataset.objects(zinoviev, HKG.mentionedIn))
    assert len(docs) >= 3
    names = {str(o) for o in corpus_dataset.objects(zinoviev, None) if hasattr(o, "language")}
    assert {"Zinovjev", "Zinoviev"} <= names
