"""Time slices over the contract fixture."""

from pathlib import Path

import pytest
import rdflib

from kg.analyze import centrality_over_time, slice_by_document, slice_by_year, to_networkx
from kg.analyze.timeslices import TIMESLICE_COLUMNS

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
ID = "https://w3id.org/histkg/id/"


@pytest.fixture(scope="module")
def G():
    return to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))


@pytest.mark.parametrize("year, size", [(1922, 9), (1923, 1), (1988, 8), (1917, 0)])
def test_timeslices_slice_by_year_keeps_that_years_nodes(G, year, size):
    H = slice_by_year(G, year)
    assert H.number_of_nodes() == size
    assert all(year in years for _, years in H.nodes(data="years"))
    assert all(u in H and v in H for u, v in H.edges())
    expected = {n for n, years in G.nodes(data="years") if year in years}
    assert set(H) == expected


def test_timeslices_slice_is_a_copy(G):
    H = slice_by_year(G, 1922)
    H.remove_node(ID + "person/lenin")
    assert ID + "person/lenin" in G


def test_timeslices_slice_by_document(G):
    H = slice_by_document(G, "001_1f54935782d342ab.txt")
    assert ID + "person/trotsky" not in H
    assert {d for *_, d in H.edges(data="doc")} == {"001_1f54935782d342ab.txt"}
    assert H.number_of_edges() == 9


def test_timeslices_centrality_over_time(G):
    rows = centrality_over_time(G)
    assert all(tuple(row) == TIMESLICE_COLUMNS for row in rows)
    assert sorted({row["year"] for row in rows}) == [1922, 1988]  # 1923 has no persons
    stalin = {row["year"]: row for row in rows if row["label"] == "Stalin"}
    assert stalin[1988]["degree_change"] == stalin[1988]["degree"] - stalin[1922]["degree"]
    trotsky = [row for row in rows if row["label"] == "Trotsky"]
    assert [r["year"] for r in trotsky] == [1988] and trotsky[0]["degree_change"] == trotsky[0]["degree"]
