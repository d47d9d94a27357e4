"""The shipped queries in queries/: each parses, states its question, and is listed in the README."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from tests.conftest import ROOT

QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def test_sparql_queries_there_are_at_least_twelve():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_sparql_queries_parse_and_state_their_question(path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# Question: ") and first.rstrip().endswith("?"), first
    prepareQuery(text)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_sparql_queries_are_listed_in_the_readme(path):
    readme = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    question = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# Question: ").strip()
    assert f"`{path.name}`" in readme and question in readme
