"""kg on full Swedish documents it was not tuned on: the three corpus documents outside the
development set, annotated whole and blind to kg (``tests/data/fulldocs/README.md``).

These are quality figures of whole real documents, not snippets. The floors sit just under
what the shipped rules measure, so that a change that loses ground fails; kg's targets
(relation F1 0.35, entity precision 0.86) are not reached yet and are kept as xfail.
The rules were revised while reading these documents' miss lists, so the figures are not
blind ones (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import pytest

from kg.evaluate import evaluate_build, format_report
from tests.conftest import ROOT

FULLDOCS = ROOT / "tests" / "data" / "fulldocs"


@pytest.fixture(scope="module")
def scores(corpus_build):
    result = evaluate_build(FULLDOCS, corpus_build[0])
    print(format_report(result))
    return result


def test_fulldocs_entities_floor(scores):
    overall = scores["entity_overall"]
    assert overall["precision"] >= 0.80 and overall["f1"] >= 0.72, overall


def test_fulldocs_relations_floor(scores):
    overall = scores["relation_overall"]
    assert overall["precision"] >= 0.55 and overall["f1"] >= 0.18, overall


@pytest.mark.parametrize("doc", ["002_99f1e413f9fe1655.txt", "003_3a73ba2d94f2b768.txt", "004_38aa1d9582bd5dfb.txt"])
def test_fulldocs_every_document_scored(scores, doc):
    assert scores["documents"][doc]["entities"]["gold"] > 40


@pytest.mark.xfail(reason="relation F1 0.19: most stated relations on these documents are said through "
                          "phrases kg does not read (a decision described, a pronoun's subject, an opinion)")
def test_fulldocs_relations_reach_the_target(scores):
    assert scores["relation_overall"]["f1"] >= 0.35


@pytest.mark.xfail(reason="entity precision 0.82: generic resolutions and bodies without a gold counterpart")
def test_fulldocs_entity_precision_reaches_the_target(scores):
    assert scores["entity_overall"]["precision"] >= 0.86
