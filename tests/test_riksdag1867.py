"""kg on a real Riksdag record of 1867 (Första kammaren, 16 February; ``tests/data/riksdag1867``),
annotated whole by a reader who had not seen kg's rules.

Swedish of before the 1906 spelling reform, titled speakers ("H. Exc. Herr Friherre De Geer",
"Herr Landgren, Lars"), a committee's memorial debated point by point. Measured blind the first
time (entities P 0.34 R 0.28 F1 0.31, relations 0 of 34); one general fix followed (a month
next to a number is a date, not a person). The floors guard today's figures; the targets are
xfail until kg reads such records well.
"""

from __future__ import annotations

import pytest

from kg.evaluate import evaluate_build
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "riksdag1867"
RECORD = FOLDER / "prot-1867--fk--0216.txt"


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    from kg.config import BuildConfig
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("riksdag1867")
    build([RECORD], out, BuildConfig(cache=False))
    return evaluate_build(FOLDER, out)  # the folder's one *.json is the record's annotation


def test_riksdag1867_read_as_swedish_with_its_named_speakers(scores):
    assert scores["entities"]["Person"]["tp"] >= 6


def test_riksdag1867_entities_floor(scores):
    assert scores["entity_overall"]["f1"] >= 0.28, scores["entity_overall"]


@pytest.mark.xfail(reason="titles and honorifics of 1867 (H. Exc., Friherre, Mine Herrar, Högloflige Kammaren) "
                          "are taken for persons; the chambers, committees and Kongl. Maj:t are not found")
def test_riksdag1867_entities_reach_the_target(scores):
    assert scores["entity_overall"]["precision"] >= 0.8 and scores["entity_overall"]["f1"] >= 0.6


@pytest.mark.xfail(reason="no relation of the debate is found: speakers are introduced by a heading line "
                          "('Herr Björck:') and what they oppose is a numbered point of a memorial")
def test_riksdag1867_relations_found(scores):
    assert scores["relation_overall"]["tp"] >= 5


def test_riksdag1867_annotation_quotes_the_text():
    """Every mention and evidence quote of the annotation is in the record (line breaks joined)."""
    import json
    import re

    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    raw = RECORD.read_text(encoding="utf-8")
    text, joined = norm(raw), norm(re.sub(r"-[ \t]*\n\s*", "-", raw))
    gold = json.loads((FOLDER / "prot-1867--fk--0216.json").read_text(encoding="utf-8"))
    quotes = [m for e in gold["entities"] for m in e["mentions"]] + [r["evidence"] for r in gold["relations"]]
    assert [q for q in quotes if norm(q) not in text and norm(q) not in joined] == []
