"""Discover persons, bodies and places that no list knows.

Both languages: the pipeline's statistical NER (``en_core_web_sm``, ``kg_sv``),
corrected by rules (an ORG must contain a body word, or in Swedish a word
ending in one; possessives and titles are trimmed). Then capitalisation cues,
for names the model misses. Swedish writes nationality adjectives,
months and titles in lower case, so a capital letter mid-sentence marks a proper
name; a title before it ("kamrat Zeigner", "general Müller") or a Russian,
Georgian or Ukrainian surname ending makes it a person, a place preposition
("i Tbilisi") a place.

The cue words live in ``kg/data/name_cues.tsv``.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("sv"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
<...>
>>> doc = nlp("Han talade med kamrat Zeigner i Dresden och med Brandlerov.")
>>> [(c.text, c.label, c.method) for c in capital_candidates(doc, read_cues("sv"))]
[('Zeigner', 'Person', 'cue:person-title'), ('Dresden', 'Place', 'cue:place-preposition'), ('Brandlerov', 'Person', 'cue:person-suffix')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.dates import MONTHS
from kg.extract.tables import table_rows

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "name_cues.tsv"
#: NER labels kg takes, by pipeline: en_core_web_sm (OntoNotes), kg_sv (the Swedish NER
#: corpus: PER, ORG, LOC) and spaCy's Swedish pipelines (PRS).
_NER_TYPES = {"PERSON": "Person", "PER": "Person", "PRS": "Person", "GPE": "Place", "LOC": "Place",
              "ORG": "Organisation"}
_TRIM = ("the ", "The ", "comrade ", "Comrade ", "comrades ", "Comrades ")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the cleaned text that may name an entity."""

    start: int
    end: int
    text: str
    label: str
    method: str
    confidence: float
    key: str | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue words of one language."""

    person_titles: frozenset[str]
    place_prepositions: frozenset[str]
    body_words: frozenset[str]
    person_suffixes: tuple[str, ...]
    body_suffixes: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def read_cues(lang: str, path: str | Path = CUES_FILE) -> Cues:
    """The cue table of ``lang`` (rows for ``*`` apply to every language)."""
    kinds: dict[str, set[str]] = {}
    for row in table_rows(path):
        if row["lang"] in (lang, "*"):
            kinds.setdefault(row["kind"], set()).add(row["word"].casefold())
    get = lambda k: frozenset(kinds.get(k, ()))  # noqa: E731
    suffixes = tuple(sorted(kinds.get("person-suffix", ()), key=len, reverse=True))
    bodies = tuple(sorted(kinds.get("body-suffix", ()), key=len, reverse=True))
    return Cues(get("person-title"), get("place-preposition"), get("body-word"), suffixes, bodies)


def ner_candidates(doc, cues: Cues) -> list[Candidate]:
    """The pipeline's NER entities, typed and trimmed; unlikely names dropped.

    Examples
    --------
    >>> from kg.extract.nlp import make_nlp
    >>> doc = make_nlp("sv")("Friherre Fabian Wrede talade i Stockholm mot Bondeförbundet.")
    >>> [(c.text, c.label) for c in ner_candidates(doc, read_cues("sv"))]
    [('Fabian Wrede', 'Person'), ('Stockholm', 'Place'), ('Bondeförbundet', 'Organisation')]
    """
    found = []
    common = lowercase_words(doc)
    for ent in doc.ents:
        label = _NER_TYPES.get(ent.label_)
        span = _trimmed(ent, cues.person_titles if label == "Person" else frozenset())
        if label is None or span is None or not _plausible(span, label, cues, common):
            continue
        found.append(Candidate(span.start_char, span.end_char, span.text, label, f"ner:{ent.label_}", 0.6))
    return found


def lowercase_words(doc) -> frozenset[str]:
    """Words the document writes in lower case: a capitalised one of them is not a name."""
    return frozenset(t.text for t in doc if t.is_alpha and t.text.islower())


def _plausible(span, label: str, cues: Cues, common: frozenset[str]) -> bool:
    """Reject NER spans that are common words, plurals, numbers or headless bodies."""
    if not span.text[:1].isupper() or any(c.isdigit() for c in span.text):
        return False
    if span[-1].tag_ in ("NNS", "NNPS") and label != "Place":
        return False
    if len(span) == 1 and (span.text.lower() in common or _dated_month(span[0])):
        return False
    if label == "Organisation":
        return bool({t.lower_ for t in span} & cues.body_words) or any(
            t.lower_.endswith(cues.body_suffixes) for t in span if cues.body_suffixes)
    return label != "Person" or all(t.text[:1].isupper() or t.text in ("-", "von", "de", "van") for t in span)


def _trimmed(span, titles: frozenset[str] = frozenset()):
    # Drop a leading article or title and a trailing possessive: "the C.C.’s" -> "C.C.",
    # "Friherre Fabian Wrede" -> "Fabian Wrede".
    while len(span) and ((span[0].text + " ") in _TRIM or span[0].lower_ in titles):
        span = span[1:]
    while len(span) and span[-1].text in ("’s", "'s", "’", "'", ",", "."):
        span = span[:-1]
    # A person's name is proper nouns: "Er Lenin" under a letter is the salutation and Lenin.
    while len(span) > 1 and titles and span[0].pos_ in ("NOUN", "PRON", "DET", "ADJ"):
        span = span[1:]
    return span if len(span) else None


def capital_candidates(doc, cues: Cues) -> list[Candidate]:
    """Capitalised words mid-sentence that a cue marks as a person or a place."""
    found = []
    common = lowercase_words(doc)
    for token in doc:
        if not _is_name_word(token) or token.is_sent_start or token.text.lower() in common or _dated_month(token):
            continue
        typed = _typed_by_cue(token, cues)
        if typed:
            label, method, confidence = typed
            found.append(Candidate(token.idx, token.idx + len(token.text), token.text, label, method, confidence))
    return found


def _dated_month(token) -> bool:
    """A month name next to a number is a date's ("den 16 Februari 1867"), not a name, however spelt.

    Examples
    --------
    >>> from kg.extract.nlp import make_nlp
    >>> doc = make_nlp("sv")("Lördagen den 16 Februari 1867 talade Herr Beckman.")
    >>> [t.text for t in doc if _dated_month(t)]
    ['Februari']
    """
    if token.lower_ not in _MONTH_NAMES:
        return False
    doc = token.doc
    return any(0 <= j < len(doc) and doc[j].like_num for j in (token.i - 1, token.i + 1))


_MONTH_NAMES = frozenset(name for names in MONTHS.values() for name in names)


def _is_name_word(token) -> bool:
    text = token.text
    return len(text) > 2 and text[:1].isupper() and text[1:2].islower() and text.isalpha()


def _typed_by_cue(token, cues: Cues):
    prev = token.nbor(-1).lower_ if token.i > 0 else ""
    word = token.text.casefold().removesuffix("s")
    if prev in cues.person_titles:
        return "Person", "cue:person-title", 0.7
    if word.endswith(cues.person_suffixes) and len(word) > 4:
        return "Person", "cue:person-suffix", 0.5
    if prev in cues.place_prepositions:
        return "Place", "cue:place-preposition", 0.5
    return None
