"""Relations from cue rules, phrase shapes, headings and pronouns, in Swedish and English."""

import pytest

from tests.conftest import extract_text


def _triples(text, lang):
    ex = extract_text(text, lang)
    name = lambda m: "doc" if m is None else " ".join(m.text.split())  # noqa: E731
    return {(name(r.subject), r.predicate, name(r.object)) for r in ex.relations}


@pytest.mark.parametrize("lang, text, expected", [
    ("sv", "Centralkommittén antog förslaget.", ("Centralkommittén", "adopted", "förslaget")),
    ("sv", "Resolutionen antogs av kommittén den 23 september.", ("kommittén", "adopted", "Resolutionen")),
    ("sv", "Med utgångspunkt från detta utarbetade kommittén ett nytt resolutionsförslag.",
     ("kommittén", "drafted", "nytt resolutionsförslag")),
    ("sv", "Mdivani röstade emot resolutionen.", ("Mdivani", "votedAgainst", "resolutionen")),
    ("sv", "Zinovjev gick emot Stalin.", ("Zinovjev", "opposes", "Stalin")),
    ("sv", "Politbyrån i RKP(b):s CK tillsatte en kommission.", ("Politbyrån", "partOf", "CK")),
    ("sv", "Rykov, medlem av politbyrån, teg.", ("Rykov", "memberOf", "politbyrån")),
    ("sv", "Kommissionen bestod av Stalin, Kujbysjev och Rakovskij.", ("Kujbysjev", "memberOf", "Kommissionen")),
    ("en", "Stalin drafted the commission’s resolution.", ("Stalin", "drafted", "resolution")),
    ("en", "In a special point the commission rejected the resolution.", ("commission", "rejected", "resolution")),
    ("en", "The C.C. plenum fully supported Lenin.", ("C.C.", "supports", "Lenin")),
    ("en", "Lenin, who was unable to attend, wrote a note to Kamenev.", ("Lenin", "corresponded", "Kamenev")),
    ("en", "The Secretariat of the C.C. sent the papers to all members of the C.C.",
     ("Secretariat of the C.C.", "partOf", "C.C.")),
    ("en", "The commission met on September 23. It approved the draft.", ("commission", "adopted", "draft")),
    ("en", "Kamenev had a conversation with Zinoviev in July.", ("Kamenev", "metWith", "Zinoviev")),
])
def test_extract_relations_found(lang, text, expected):
    assert expected in _triples(text, lang)


@pytest.mark.parametrize("lang, text, absent", [
    ("sv", "Mdivani röstade inte emot resolutionen.", ("Mdivani", "votedAgainst", "resolutionen")),
    ("sv", "Imorgon skall jag träffa Mdivani, sade Kamenev.", ("Kamenev", "metWith", "Mdivani")),
    ("en", "Zinoviev would never have opposed Stalin.", ("Zinoviev", "opposes", "Stalin")),
    ("en", "Trotsky did not attack Kamenev.", ("Trotsky", "opposes", "Kamenev")),
])
def test_extract_relations_negated_or_hypothetical_not_asserted(lang, text, absent):
    assert absent not in _triples(text, lang)


def test_extract_relations_heading_author_and_addressees():
    text = "VI Lenin\n\nBrev till L. B. Kamenev\n\nKamrat Kamenev! Jag pratade med Sokolnikov igår.\n"
    triples = _triples(text, "sv")
    assert ("VI Lenin", "authored", "doc") in triples
    assert ("doc", "addressedTo", "L. B. Kamenev") in triples
    assert ("VI Lenin", "metWith", "Sokolnikov") in triples


def test_extract_relations_evidence_is_verbatim():
    text = "Stalin drafted the\ncommission’s resolution. Nothing else."
    ex = extract_text(text, "en")
    for rel in ex.relations:
        ev = rel.evidence
        assert text[ev.start:ev.end] == ev.quote
        assert ev.method.startswith("rule:") and 0 < ev.confidence <= 1


def test_extract_relations_minutes_list_who_was_present():
    text = ("Protokoll från politbyråns sammanträde den 14 oktober 1926\n\n"
            "Närvarande: Stalin, Bucharin och Rykov.\n\nSammanträdet leddes av Rykov.\n")
    triples = _triples(text, "sv")
    for name in ("Stalin", "Bucharin", "Rykov"):
        assert (name, "participatedIn", "sammanträde") in triples
    assert ("sammanträde", "heldBy", "politbyråns") in triples
    assert ("Rykov", "chaired", "Sammanträdet") in triples


def test_extract_relations_possessive_draft():
    assert ("Bucharins", "drafted", "förslag") in _triples("Politbyrån godkände Bucharins förslag.", "sv")
    assert not any(p == "drafted" for _, p, _ in _triples("Lenin’s proposals were ignored.", "en"))
