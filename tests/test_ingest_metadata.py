"""Title, author and date of writing, from the corpus and from small headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest, read_source
from kg.ingest.metadata import read_metadata
from kg.model import DateValue

CORPUS = Path(__file__).parents[1] / "corpus"

EXPECTED = {
    "000": (
        "Om Sovjetunionens bildande. Brev till L. B. Kamenev för politbyråmedlemmarna i RKP(b):s centralkommitté",
        "VI Lenin",
        DateValue("1922-09-26", "date"),  # "Den 26 september" + "Skrivet den 26 september 1922."
    ),
    "001": (
        "Letter to L. B. Kamenev for Members of the Politbureau",
        "Lenin",  # the signature after "Yours,"
        None,  # "26.IX." states no year, and the header gives none
    ),
    "002": (
        "Från Rysslands socialdemokratiska arbetarpartis (bolsjevikerna) Centralkommitté. "
        "Till alla partimedlemmar och till alla Rysslands arbetande klasser",
        "V I Lenin",
        DateValue("1917-11-18", "date", "1917-11-18/1917-11-19"),
    ),
    "003": (None, None, None),  # a book chapter: starts with running text
    "004": ("Faran för bonapartism och oppositionens roll", "Leo Trotskij", DateValue("1928-10-21", "date")),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_metadata_corpus(prefix):
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    doc = ingest(read_source(path))
    assert (doc.title, doc.author, doc.created) == EXPECTED[prefix]


@pytest.mark.parametrize(
    "clean, lang, expected",
    [
        (
            "J. V. Stalin\n\nOm partiets uppgifter\n\n(2 december 1923)\n\nKamrater! Vi måste tala.",
            "sv",
            ("Om partiets uppgifter", "J. V. Stalin", DateValue("1923-12-02", "date")),
        ),
        (  # a dated heading without a year borrows it from the header
            "Karl Radek\n\nBrev från Berlin 1923\n\nDen 5 mars\n\nKära vänner, här är läget.",
            "sv",
            ("Brev från Berlin 1923", "Karl Radek", DateValue("1923-03-05", "date")),
        ),
        (  # ... or from the colophon, which is less precise here
            "Den 26 september\n\nKamrat! Jag skriver kort.\n\nSkrivet i september 1922.",
            "sv",
            (None, None, DateValue("1922-09-26", "date")),
        ),
        (
            "To the Members of the Politbureau\n\nComrades, the matter is urgent.\n\nYours,\n\nLenin\n\n"
            "Written: 26 September 1922",
            "en",
            ("To the Members of the Politbureau", "Lenin", DateValue("1922-09-26", "date")),
        ),
        (  # no header at all
            "Den 6 mars 1923 fick Trotskij en kopia på Lenins brev till Mdivani och dennes georgiska kamrater.",
            "sv",
            (None, None, None),
        ),
        ("", "sv", (None, None, None)),
    ],
)
def test_metadata_headers(clean, lang, expected):
    assert read_metadata(clean, lang) == expected


def test_metadata_title_is_not_a_function_word_name():
    title, author, _ = read_metadata("The Question of Nationalities\n\nComrades, we met.", "en")
    assert (title, author) == ("The Question of Nationalities", None)
