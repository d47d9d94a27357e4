"""Extraction measured against the development gold set (shared/gold), held at its level.

The floors sit just under what the rules reach today, so a change that loses
entities or relations fails here; raise them when the rules improve.
Measured 2026-11-23 (end of stop 10): entities P 0.84 R 0.91 F1 0.87; relations P 0.76 R 0.68 F1 0.72.
"""

import pytest

from kg.evaluate import evaluate_build, format_report, prf
from tests.conftest import GOLD

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not GOLD.is_dir(), reason="shared/gold is not beside the repository")]


@pytest.fixture(scope="module")
def report(corpus_build):
    result = evaluate_build(GOLD, corpus_build[0])
    print(format_report(result))
    return result


def test_evaluate_entity_f1_floor(report):
    # Issue 3: entity F1 >= 0.85 on the development set.
    assert report["entity_overall"]["f1"] >= 0.85


@pytest.mark.parametrize("kind, floor", [("Person", 0.88), ("Organisation", 0.82), ("Place", 0.9),
                                         ("Meeting", 0.7), ("Resolution", 0.5)])
def test_evaluate_entity_f1_per_type(report, kind, floor):
    assert report["entities"][kind]["f1"] >= floor


def test_evaluate_relation_f1_floor(report):
    # Issue 4: relation F1 >= 0.70 on the development set.
    assert report["relation_overall"]["f1"] >= 0.70


def test_evaluate_no_predicate_dropped(report):
    # Precision must not be bought by dropping whole predicates: every predicate the gold
    # uses is predicted at least once somewhere, except those listed with their reason
    # (tests/test_heldout.py checks the same predicates are found in held-out text).
    silent = {p for p, s in report["relations"].items() if s["gold"] and not s["predicted"]}
    assert silent <= {
        "chaired",  # "with V. M. Molotov in the chair" follows "the commission met", which names no meeting
        "votedAgainst",  # "(Mdivani voting against)" elides its object: what was carried is "Point 2" of the draft
    }, silent


def test_evaluate_prf_arithmetic():
    assert prf(0, 0, 0)["f1"] == 0.0
    assert prf(5, 10, 5) == {"tp": 5, "predicted": 10, "gold": 5, "precision": 0.5, "recall": 1.0, "f1": 0.667}


def test_evaluate_graph_file_scores_like_the_build(report, corpus_build):
    from_ttl = evaluate_build(GOLD, corpus_build[0], graph=corpus_build[0] / "graph.ttl")
    assert from_ttl["entity_overall"] == report["entity_overall"]
    assert from_ttl["relation_overall"] == report["relation_overall"]
    assert set(from_ttl["documents"]) == {"000_7faa08b1aca99881.txt", "001_1f54935782d342ab.txt"}
    assert "entities" in from_ttl["documents"]["000_7faa08b1aca99881.txt"]
