"""The render stage over what the analyze stage hands it: the one-sentence example graph."""

from __future__ import annotations

import json
import re

import pytest

from kg.render import render_html

analyze = pytest.importorskip("kg.analyze", reason="the analyze stage is not available")


def test_render_analyze_example_graph_with_its_metrics():
    from kg.analyze.example import example_dataset

    G = analyze.to_networkx(example_dataset())
    metrics = {row["iri"]: row for row in analyze.centrality_table(G, 42)}
    page = render_html(G, metrics, title="Twelfth Congress")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, flags=re.S).group(1))
    assert sorted(data["entities"]) == sorted(G)
    assert sum(len(r["evidence"]) for r in data["relations"].values()) == G.number_of_edges()
    trotsky = data["entities"]["https://w3id.org/histkg/id/trotsky"]
    assert "Trotskij" in trotsky["alt_labels"] and "iri" not in trotsky["metrics"]
    assert trotsky["metrics"]["pagerank"] == metrics["https://w3id.org/histkg/id/trotsky"]["pagerank"]
