"""Mentions in small real-style passages: authority forms, transliterations, cues, patterns."""

import pytest

from tests.conftest import extract_text


def _found(text, lang):
    return {(m.text, m.label, m.key) for m in extract_text(text, lang).mentions}


@pytest.mark.parametrize("lang, text, expected", [
    ("sv", "Stalins kommission antog resolutionen.",
     {("Stalins", "Person", "person:stalin"), ("resolutionen", "Resolution", None)}),
    ("sv", "Sinowjew talade på tolfte partikongressen.",
     {("Sinowjew", "Person", "person:zinoviev"), ("tolfte partikongressen", "Meeting", "meeting:12th-party-congress-1923")}),
    ("sv", "Politbyrån i RKP(b):s CK sammanträdde i Moskva.",
     {("Politbyrån", "Organisation", "org:politburo"), ("CK", "Organisation", "org:central-committee"),
      ("Moskva", "Place", "place:moscow")}),
    ("en", "Comrade Trotsky wrote to the Politbureau.",
     {("Trotsky", "Person", "person:trotsky"), ("Politbureau", "Organisation", "org:politburo")}),
    ("en", "The plenary meeting of the C.C. approved the draft.",
     {("plenary meeting", "Meeting", None), ("C.C.", "Organisation", "org:central-committee"),
      ("draft", "Resolution", None)}),
])
def test_extract_mentions_known_entities(lang, text, expected):
    assert expected <= _found(text, lang)


@pytest.mark.parametrize("lang, text, name, label", [
    ("sv", "Brevet lämnades till kamrat Petersson i går.", "Petersson", "Person"),
    ("sv", "Han talade med general Müller om saken.", "Müller", "Person"),
    ("sv", "Mötet hölls sedan i Tammerfors.", "Tammerfors", "Place"),
    ("en", "The report was read by V. P. Nogovitsyn at the meeting.", "V. P. Nogovitsyn", "Person"),
])
def test_extract_mentions_discovers_unknown_names(lang, text, name, label):
    assert any(m.text == name and m.label == label for m in extract_text(text, lang).mentions)


def test_extract_mentions_lowercase_words_are_not_names():
    # "Republics" is written in lower case elsewhere in the text: a common word, not a person.
    text = "The republics agreed. Republics of the east joined later."
    assert not any(m.label == "Person" for m in extract_text(text, "en").mentions)


def test_extract_mentions_offsets_point_into_the_original():
    text = "Centralkom-\nmittén antog förslaget den 6 oktober 1922."
    ex = extract_text(text, "sv")
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text
    assert any(m.key == "org:central-committee" and "\n" in m.text for m in ex.mentions)


def test_extract_mentions_meeting_date():
    ex = extract_text("CK-plenum den 16 januari 1925 avsatte Trotskij.", "sv")
    plenum = next(m for m in ex.mentions if m.label == "Meeting")
    assert plenum.date.value == "1925-01-16" and plenum.date.datatype == "date"


def test_extract_long_document_in_segments():
    from kg.extract import SEGMENT_CHARS

    paragraph = "Stalin skrev till Kamenev om resolutionen.\n\n"
    text = paragraph * (SEGMENT_CHARS // len(paragraph) * 2 + 3)
    ex = extract_text(text, "sv")
    stalins = [m for m in ex.mentions if m.key == "person:stalin"]
    assert len(stalins) == text.count("Stalin")
    assert all(text[m.start:m.end] == "Stalin" for m in stalins)
