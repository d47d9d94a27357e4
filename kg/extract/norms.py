"""Old spellings read as modern ones: the ``kg_norms`` component.

Swedish archives are full of text from before the 1906 spelling reform
("hvilket", "af", "blifvit", "qvinna"). kg's Swedish pipeline is trained on
modern Swedish, and its tok2vec embeds each token's NORM, so ``kg_norms``
(first in the pipeline) sets the NORM of an old-spelled word to its modern
form: the model then reads "blifvit" as it reads "blivit". The text, offsets
and quotes stay as written. The rewrites are rows of ``kg/data/spelling_norms.tsv``.

Examples
--------
>>> modern("blifvit", "sv"), modern("Hvilket", "sv"), modern("af", "sv"), modern("chef", "sv")
('blivit', 'vilket', 'av', 'chef')
>>> import spacy
>>> nlp = spacy.blank("sv"); _ = nlp.add_pipe("kg_norms")
>>> [t.norm_ for t in nlp("Förslaget hade blifvit antaget af utskottet")]
['förslaget', 'hade', 'blivit', 'antaget', 'av', 'utskottet']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.tables import table_rows

NORMS_FILE = Path(__file__).resolve().parent.parent / "data" / "spelling_norms.tsv"


@lru_cache(maxsize=4)
def read_norms(lang: str, path: str | Path = NORMS_FILE) -> tuple[tuple[re.Pattern, str], ...]:
    """The (pattern, replacement) rows of ``lang``, in file order."""
    return tuple((re.compile(row["old"]), row["new"])
                 for row in table_rows(path) if row["lang"] == lang)


@lru_cache(maxsize=65536)
def modern(word: str, lang: str) -> str:
    """The modern spelling of ``word`` (lower-cased), or the word itself lower-cased."""
    form = word.lower()
    for pattern, new in read_norms(lang):
        form = pattern.sub(new, form)
    return form


@Language.factory("kg_norms", assigns=["token.norm"])
def make_norms(nlp: Language, name: str) -> "Norms":
    """Factory for :class:`Norms` (``nlp.add_pipe("kg_norms", first=True)``)."""
    return Norms(nlp.lang)


class Norms:
    """Set the NORM of every old-spelled word to its modern form."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_alpha:
                form = modern(token.text, self.lang)
                if form != token.lower_:
                    token.norm_ = form
        return doc
