"""Cleaning PDF-pasted text: the artefact rules, and the offset map back to the original."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.ingest.clean import clean_text
from kg.model import SourceText

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.txt"))
# What cleaning may drop besides whitespace: line-end hyphens, footnote numbers and references.
DROPPABLE = set("-0123456789[]*")


def _corpus(prefix: str) -> tuple[str, str, tuple[int, ...]]:
    text = next(p for p in CORPUS if p.name.startswith(prefix)).read_text(encoding="utf-8")
    return (text, *clean_text(text))


def _dropped(clean_span: str, original_span: str) -> list[str]:
    """Characters of the original span not matched by the clean span, or None if it is no subsequence."""
    source = iter(re.sub(r"\s", "", original_span))
    dropped = []
    for char in re.sub(r"\s", "", clean_span):
        for candidate in source:
            if candidate == char:
                break
            dropped.append(candidate)
        else:
            return None
    return dropped + list(source)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_clean_offsets_point_at_the_same_characters(path):
    text = path.read_text(encoding="utf-8")
    clean, offsets = clean_text(text)
    assert len(offsets) == len(clean) + 1 and offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    for i, char in enumerate(clean):
        if char in " \n":
            assert text[offsets[i]].isspace(), (i, text[offsets[i] - 10 : offsets[i] + 10])
        else:
            assert text[offsets[i]] == char, i


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_clean_random_spans_match_original_modulo_artefacts(path):
    text = path.read_text(encoding="utf-8")
    clean, offsets = clean_text(text)
    rng = random.Random(path.name)
    for _ in range(300):
        start = rng.randrange(len(clean) - 1)
        end = rng.randrange(start + 1, min(len(clean), start + 400) + 1)
        original = text[offsets[start] : offsets[end - 1] + 1]
        dropped = _dropped(clean[start:end], original)
        assert dropped is not None, (clean[start:end], original)
        assert set(dropped) <= DROPPABLE, (dropped, original)


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_clean_joins_hyphenated_line_breaks(prefix):
    _, clean, _ = _corpus(prefix)
    assert not re.search(r"\w-\n", clean)
    assert "\n" not in clean.replace("\n\n", "")  # one paragraph per line


@pytest.mark.parametrize(
    "prefix, joined",
    [
        ("002", "Andra allryska sovjetkongressen gav"),
        ("002", "tre ansedda medlemmar av vänstersocialistrevolutionärernas grupp"),
        ("002", "Bland arbetar- och soldatmassorna"),  # elided compound keeps its hyphen
        ("000", "i Sovjetrepublikernas union i Europa"),  # capitalised first part, lowercase second
        ("000", "centralkommitténs politbyrå tills jag kommit"),
        ("000", "likaberättigade med SSR Ukraina m. fl."),  # footnote marker line dropped mid-line
        ("003", "som Trotskij hade en kopia av – var."),
        ("003", "enlighet med Lenin-Trotskijs ”block”"),  # capitalised second part keeps the hyphen
        ("004", "inte sammanfallit med maktförskjutningarna i partiet"),  # hyphen lost in the paste
        ("004", "om en termidorianskbonapartistisk utveckling"),
    ],
)
def test_clean_corpus_words_joined(prefix, joined):
    assert joined in _corpus(prefix)[1]


def test_clean_nbsp_heavy_text_has_plain_spaces():
    text, clean, _ = _corpus("004")
    assert text.count("\u00a0") > 1000
    assert "\u00a0" not in clean and "\u202f" not in clean
    assert "  " not in clean and " \n" not in clean


@pytest.mark.parametrize(
    "prefix, paragraph",
    [
        ("000", "SSR = Socialistisk sovjetrepublik. – Red."),  # unnumbered note after a footnote block
        ("003", "Ibidem, s. 209-210."),
        ("003", "Brev från Fotieva, 16 april 1923, Trotskijarkiven, T 793."),
        ("004", "3 Lev Mechlis var en av Stalins personliga sekreterare."),
        ("004", "* Sovjetunionens kommunistiska parti. [I engelska ursprungstexten står ”AUCP”, "
         "vilket måste vara ett feltryck. öa.]"),
    ],
)
def test_clean_footnote_blocks_are_paragraphs_of_their_own(prefix, paragraph):
    assert paragraph in _corpus(prefix)[1].split("\n\n")


@pytest.mark.parametrize(
    "prefix, start",
    [
        ("000", "Det är viktigt att vi inte ger vind i seglen"),  # the page resumes after the notes
        ("003", "Om jag inför Tolfte kongressen agerat"),
        ("004", "Hur tänker Stalin?"),
        ("004", "obetydlig roll."),
    ],
)
def test_clean_running_text_resumes_in_a_new_paragraph(prefix, start):
    assert any(p.startswith(start) for p in _corpus(prefix)[1].split("\n\n"))


def test_clean_header_lines_stay_apart():
    _, clean, _ = _corpus("000")
    assert clean.startswith(
        "VI Lenin\n\nOm Sovjetunionens bildande\n\n"
        "Brev till L. B. Kamenev för politbyråmedlemmarna i RKP(b):s centralkommitté\n\nDen 26 september\n\n"
    )
    assert "\n\nEr Lenin\n\n" in clean


DOUBLE = "Stalin har gått med på att uppskjuta resolutionens föreläggande för centralkommitténs "


@pytest.mark.parametrize(
    "original, expected",
    [
        ("", ""),
        ("  \n\n ", ""),
        ("Lenin  skrev\u00a0till\u202fKamenev.  \n", "Lenin skrev till Kamenev."),
        # Hyphenated line breaks: joined, or kept for names, abbreviations, conjunctions.
        ("Andra allryska sovjet-\nkongressen gav bolsjevikpartiet majoritet i går", "Andra allryska sovjetkongressen gav bolsjevikpartiet majoritet i går"),
        ("Andra allryska sovjet-\r\nkongressen gav bolsjevikpartiet majoritet i går\r\n", "Andra allryska sovjetkongressen gav bolsjevikpartiet majoritet i går"),
        ("Lenin skrev om ett block Lenin-\nTrotskij mot byråkratin i partiet i går", "Lenin skrev om ett block Lenin-Trotskij mot byråkratin i partiet i går"),
        ("Under åren 1921-\n1922 växte partiets apparat snabbt i hela landet", "Under åren 1921-1922 växte partiets apparat snabbt i hela landet"),
        ("Frågan gick till RKP(b):s CK-\nplenum den 6 oktober och sedan vidare", "Frågan gick till RKP(b):s CK-plenum den 6 oktober och sedan vidare"),
        ("Bland arbetar- \noch soldatmassorna fanns ingen vacklan alls i staden", "Bland arbetar- och soldatmassorna fanns ingen vacklan alls i staden"),
        ("a well-known man and a well-\nknown woman met at the congress", "a well-known man and a well-known woman met at the congress"),
        # Footnote markers: lines of digits dropped, glued references dropped.
        ("Lenin skrev till Kamenev och\n12\nStalin svarade honom genast i går", "Lenin skrev till Kamenev och Stalin svarade honom genast i går"),
        ("Letter to the Politbureau[1] on the question of the Union", "Letter to the Politbureau on the question of the Union"),
        ("Han bröt loss Kalinin från högern.1\u00a0De är båda för de nya ägarna", "Han bröt loss Kalinin från högern. De är båda för de nya ägarna"),
        ("Resolutionen antogs den 23-24 september 1922, s. 151-152.", "Resolutionen antogs den 23-24 september 1922, s. 151-152."),
        # One paragraph per line (a web copy): every line break is a paragraph break.
        ("Comrade Kamenev, Stalin has sent you the resolution.\nIf he has not, take it.\n",
         "Comrade Kamenev, Stalin has sent you the resolution.\n\nIf he has not, take it."),
        # Double-spaced PDF paste: blank lines are soft; a short sentence end or indentation breaks.
        (DOUBLE + "polit-\n\nbyrå tills jag kommit.\n\n  Jag kommer måndagen den 2 oktober och stannar i\n\nMoskva.",
         DOUBLE + "politbyrå tills jag kommit.\n\nJag kommer måndagen den 2 oktober och stannar i Moskva."),
        ("Första stycket slutar här med en mening som är lång nog.\n* * *\nAndra stycket.",
         "Första stycket slutar här med en mening som är lång nog.\n\n* * *\n\nAndra stycket."),
    ],
)
def test_clean_snippets(original, expected):
    clean, offsets = clean_text(original)
    assert clean == expected
    assert len(offsets) == len(clean) + 1


def test_clean_is_linear_on_a_long_single_line():
    line = "Lenin\u00a0skrev  till Kamenev den 26 september 1922.1 "
    clean, offsets = clean_text(line * 20_000)
    assert clean.count("Lenin skrev till Kamenev") == 20_000
    assert offsets[-1] == len(line) * 20_000


def test_clean_keeps_the_lines_of_a_short_letter():
    # One paragraph per line with blank lines between looks double-spaced, but its open
    # lines are a salutation, a closing and a signature, not lines wrapped at a margin.
    text = ("Top secret. Personal.\n\nDear Comrade Trotsky,\n\nIt is my earnest request that you should "
            "undertake the defence of the Georgian case in the Party C.C.\n\nWith best comradely greetings,\n"
            "Lenin\nMarch 5, 1923")
    clean = ingest(SourceText("x.txt", "x.txt", text), "en").clean
    assert "Dear Comrade Trotsky,\n" in clean and "\nLenin\n" in clean
