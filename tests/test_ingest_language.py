"""Language detection: Swedish, English, and neither."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.ingest.clean import clean_text
from kg.ingest.language import detect_language

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.txt"))
EXPECTED = {"000": "sv", "001": "en", "002": "sv", "003": "sv", "004": "sv"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_language_corpus(path):
    clean, _ = clean_text(path.read_text(encoding="utf-8"))
    assert detect_language(clean) == EXPECTED[path.name[:3]]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Lenin skrev ett brev till Kamenev om Stalins förslag.", "sv"),
        ("Det är viktigt att vi inte ger vind i seglen åt oavhängighetsanhängarna.", "sv"),
        ("Kamenev var en tillräckligt erfaren politiker för att omedelbart inse läget.", "sv"),
        ("Stalin has agreed to delay submission of the resolution to the Political Bureau.", "en"),
        ("The commission met on September 23 and 24, 1922, with Molotov in the chair.", "en"),
        # German and French: other function words win, so neither Swedish nor English.
        ("Der Parteitag beschloss im Dezember 1927, dass die Opposition aus der Partei "
         "ausgeschlossen wird, und Trotzki wurde nach Alma-Ata verbannt.", None),
        ("Lenin schrieb einen Brief an Kamenew über die Kommission und den Entwurf von Stalin.", None),
        ("Le comité central a décidé en octobre que Trotski serait exclu du parti et envoyé à Alma-Ata.", None),
        ("Lénine écrivit une lettre à Kamenev sur la question des nationalités et de l'autonomisation.", None),
        # Too little to go on.
        ("", None),
        ("1922 1923 1924", None),
        ("Stalin skrev resolutionen.", None),
    ],
)
def test_language_sentences(text, lang):
    assert detect_language(text) == lang


def test_language_random_bytes_are_no_language():
    rng = random.Random(7)
    for _ in range(20):
        noise = bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1")
        assert detect_language(noise) is None


def test_language_german_fixture():
    german = (Path(__file__).parent / "data" / "bad" / "german.txt").read_text(encoding="utf-8")
    assert detect_language(german) is None
