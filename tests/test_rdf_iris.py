"""IRIs: minted from content, stable, one scheme for every kind of node."""

from __future__ import annotations

import dataclasses

import pytest

from kg.model import Evidence, Fact, Mention
from kg.rdf.iris import annotation_iri, assertion_iri, document_iri, id_prefixes, mint_iri, part_iri, wikidata_iri

BASE = "https://w3id.org/histkg/id/"


@pytest.mark.parametrize("key, expected", [
    ("person:stalin", "person/stalin"),
    ("organisation:central-committee", "organisation/central-committee"),
    ("meeting:x_congress", "meeting/x_congress"),
    ("organisation:centralkommittén", "organisation/centralkommittén"),
    ("person:троцкий", "person/троцкий"),
    ("place:tiflis city", "place/tiflis%20city"),
    ("resolution:a/b?c#d", "resolution/a%2Fb%3Fc%23d"),
    ("document:000_7faa08b1aca99881.txt", "document/000_7faa08b1aca99881"),
])
def test_rdf_iris_mint(key, expected):
    assert str(mint_iri(key, BASE)) == BASE + expected


def test_rdf_iris_mint_is_unicode_normalised():
    assert mint_iri("organisation:centralkommitte\u0301n", BASE) == mint_iri("organisation:centralkommittén", BASE)


@pytest.mark.parametrize("key", ["stalin", "person:", ":stalin", "Person:stalin", "person stalin"])
def test_rdf_iris_mint_rejects_malformed_keys(key):
    with pytest.raises(ValueError, match="kind:slug"):
        mint_iri(key, BASE)


def test_rdf_iris_document_key_and_file_name_agree():
    assert mint_iri("document:001_1f54935782d342ab.txt", BASE) == document_iri("001_1f54935782d342ab.txt", BASE)


def _fact(**changes) -> Fact:
    evidence = Evidence("001_x.txt", 4203, 4245, "Stalin drafted the commission's resolution", "rule:drafted-verb", 0.9)
    fact = Fact("person:stalin", "drafted", "resolution:autonomisation", evidence)
    evidence_changes = {k: v for k, v in changes.items() if k in ("doc_id", "start", "end", "quote", "method")}
    fact_changes = {k: v for k, v in changes.items() if k not in evidence_changes}
    return dataclasses.replace(fact, evidence=dataclasses.replace(evidence, **evidence_changes), **fact_changes)


def test_rdf_iris_assertion_is_a_content_hash():
    iri = assertion_iri(_fact(), BASE)
    assert iri == assertion_iri(_fact(), BASE)
    assert iri.startswith(BASE + "assertion/")
    digest = iri.rsplit("/", 1)[1]
    assert len(digest) == 16 and int(digest, 16) >= 0


@pytest.mark.parametrize("change", [
    {"subject": "person:lenin"}, {"predicate": "adopted"}, {"object": "resolution:other"},
    {"doc_id": "002_y.txt"}, {"start": 4204}, {"end": 4246},
])
def test_rdf_iris_assertion_changes_with_what_it_hashes(change):
    assert assertion_iri(_fact(**change), BASE) != assertion_iri(_fact(), BASE)


def test_rdf_iris_assertion_ignores_rule_and_wording():
    assert assertion_iri(_fact(method="rule:other", quote="same span"), BASE) == assertion_iri(_fact(), BASE)


def test_rdf_iris_annotation_and_parts():
    mention = Mention("001_x.txt", 0, 6, "Stalin", "Person", key="person:stalin")
    iri = annotation_iri("person:stalin", mention, BASE)
    assert iri.startswith(BASE + "annotation/")
    assert iri != annotation_iri("person:stalin", dataclasses.replace(mention, start=1), BASE)
    assert part_iri(iri, "target") == iri + "-target"


def test_rdf_iris_wikidata():
    assert str(wikidata_iri("Q855")) == "http://www.wikidata.org/entity/Q855"
    with pytest.raises(ValueError):
        wikidata_iri("855")


def test_rdf_iris_prefixes_per_kind():
    prefixes = id_prefixes(BASE, ["person", "organisation", "9bad"])
    assert prefixes["person"] == BASE + "person/"
    assert "9bad" not in prefixes and "document" in prefixes
