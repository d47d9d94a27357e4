"""The ingest entry point: SourceText -> Document."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import UNKNOWN_LANG, InputError
from kg.ingest import ingest, iter_paths, read_source
from kg.model import SourceText

CORPUS = Path(__file__).parents[1] / "corpus"


def test_ingest_corpus_documents():
    docs = [ingest(read_source(p)) for p in iter_paths([CORPUS])]
    assert [d.lang for d in docs] == ["sv", "en", "sv", "sv", "sv"]
    for doc in docs:
        assert doc.doc_id == Path(doc.path).name
        assert len(doc.offsets) == len(doc.clean) + 1


def test_ingest_to_original_maps_a_clean_span():
    doc = ingest(read_source(next(CORPUS.glob("002_*.txt"))))
    start = doc.clean.index("sovjetkongressen gav")
    a, b = doc.to_original(start, start + len("sovjetkongressen"))
    assert doc.text[a:b] == "sovjet-\nkongressen"


@pytest.mark.parametrize("lang", [None, "de", "fr"])
def test_ingest_unknown_language(lang):
    source = SourceText("x.txt", "in/x.txt", "Der Parteitag beschloss, dass die Opposition ausgeschlossen wird.")
    with pytest.raises(InputError) as err:
        ingest(source, lang=lang)
    assert str(err.value) == f"in/x.txt: {UNKNOWN_LANG}"


def test_ingest_forced_language_wins():
    source = SourceText("x.txt", "x.txt", "Lenin skrev ett brev till Kamenev om Stalins förslag.")
    assert ingest(source, lang="en").lang == "en"
