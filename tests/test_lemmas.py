"""kg_lookup_lemmatizer gives exactly the lemmas of spaCy's lookup lemmatizer."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kg.extract import lemmas
from kg.extract.lemmas import FACTORY, lookup_table
from kg.extract.nlp import make_nlp
from kg.ingest.language import detect_language

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SWEDISH = sorted(p for p in CORPUS.glob("*.txt") if detect_language(p.read_text(encoding="utf-8")) == "sv")


@pytest.fixture(scope="module")
def spacy_lemmatizer():
    """What kg used before: spaCy's lemmatizer in lookup mode (about 3 s to initialize)."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@pytest.fixture(scope="module")
def kg_lemmatizer():
    nlp = spacy.blank("sv")
    nlp.add_pipe(FACTORY)
    return nlp


def test_corpus_has_swedish_texts():
    assert len(SWEDISH) >= 3


@pytest.mark.parametrize("path", SWEDISH, ids=lambda p: p.name)
def test_same_lemmas_as_spacy_on_corpus(path, spacy_lemmatizer, kg_lemmatizer):
    text = path.read_text(encoding="utf-8")
    expected = [(t.text, t.lemma_) for t in spacy_lemmatizer(text)]
    got = [(t.text, t.lemma_) for t in kg_lemmatizer(text)]
    assert len(got) == len(expected) > 500
    assert got == expected
    # Not vacuous: the table changes a good share of the tokens.
    assert sum(text != lemma for text, lemma in got) > len(got) // 10


def test_same_lemmas_as_spacy_for_every_table_entry(spacy_lemmatizer):
    """Every form spaCy's table knows, and its lower- and upper-case variants."""
    spacy_table = spacy_lemmatizer.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    ours = lookup_table("sv")
    assert len(ours) == len(spacy_table) > 600_000
    forms = list(ours)
    sample = forms[::50]
    for form in forms + [f.lower() for f in sample] + [f.capitalize() for f in sample]:
        assert lemmas.lookup_lemma(ours, form) == spacy_table.get(form, form), form


def test_snippet_lemmas(kg_lemmatizer):
    doc = kg_lemmatizer("Stalins brev till partimedlemmarna skrevs i Moskva. Var det där ? Det var det.")
    assert [(t.text, t.lemma_) for t in doc] == [
        ("Stalins", "Stalin"),
        ("brev", "brev"),
        ("till", "till"),
        ("partimedlemmarna", "partimedlem"),
        ("skrevs", "skriva"),
        ("i", "i"),
        ("Moskva", "Moskva"),
        (".", "."),
        # Case-sensitive, as spaCy's lookup: "Var"/"Det" are not in the table, "var"/"det" are.
        ("Var", "Var"),
        # "det" is also the name of a spaCy symbol; the table still has it.
        ("det", "en"),
        ("där", "där"),
        ("?", "?"),
        ("Det", "Det"),
        ("var", "vara"),
        ("det", "en"),
        (".", "."),
    ]


def test_existing_lemma_kept_unless_overwrite():
    nlp = spacy.blank("sv")
    doc = nlp("antog antog")
    doc[0].lemma_ = "ANTA"
    lemmas.LookupLemmatizer(lookup_table("sv"))(doc)
    assert [t.lemma_ for t in doc] == ["ANTA", "anta"]
    lemmas.LookupLemmatizer(lookup_table("sv"), overwrite=True)(doc)
    assert [t.lemma_ for t in doc] == ["anta", "anta"]


def test_make_nlp_uses_it():
    nlp = make_nlp("sv")
    assert nlp.pipe_names[0] == FACTORY
    assert nlp.get_pipe(FACTORY).table is lookup_table("sv")


def test_table_read_once_per_process(monkeypatch):
    reads = []

    def fake_read(path):
        reads.append(path)
        return {"antog": "anta"}

    monkeypatch.setattr(lemmas, "load_language_data", fake_read)
    lookup_table.cache_clear()
    try:
        pipelines = [spacy.blank("sv") for _ in range(3)]
        components = [nlp.add_pipe(FACTORY) for nlp in pipelines]
        assert len(reads) == 1
        assert str(reads[0]).endswith("sv_lemma_lookup.json")
        assert all(c.table is components[0].table for c in components)
        assert [t.lemma_ for t in pipelines[2]("antog")] == ["anta"]
    finally:
        # The next caller reads the real table again.
        lookup_table.cache_clear()
