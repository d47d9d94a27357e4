"""Shared fixtures: the bundled corpus, one corpus build per test session, small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(autouse=True)
def _doctest_kg(doctest_namespace):
    import kg

    doctest_namespace["kg"] = kg


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """Build the bundled corpus once per session: (output folder, BuildReport)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("corpus-build")
    report = build([CORPUS], out)
    return out, report


@pytest.fixture(scope="session")
def corpus_dataset(corpus_build):
    """The rdflib Dataset of the corpus build."""
    from kg.store import read_build

    return read_build(corpus_build[0])


def extract_text(text: str, lang: str, name: str = "snippet.txt"):
    """Ingest and extract a small text (helper for tests)."""
    from kg.extract import extract, make_nlp
    from kg.ingest import ingest
    from kg.model import SourceText

    return extract(ingest(SourceText(name, name, text), lang), make_nlp(lang))
