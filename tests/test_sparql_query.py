"""kg query on the analysis fixture: rows, formats, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.sparql import read_query, run_query, to_text
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "graphs" / "analysis_fixture.trig"
PERSONS = """PREFIX hkg: <https://w3id.org/histkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?name WHERE { ?person a hkg:Person ; rdfs:label ?name FILTER(LANG(?name) = "en") }
ORDER BY ?name"""
runner = CliRunner()


@pytest.fixture()
def build(tmp_path):
    """A build folder whose graph.trig is the analysis fixture."""
    shutil.copy(FIXTURE, tmp_path / "graph.trig")
    return tmp_path


def _kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_sparql_query_returns_columns_and_rows(build):
    columns, rows = run_query(build, PERSONS)
    assert columns == ["person", "name"]
    assert [name for _, name in rows] == ["Bukharin", "Kamenev", "Lenin", "Stalin", "Trotsky", "Zinoviev"]
    assert rows[2][0] == "https://w3id.org/histkg/id/person/lenin"


def test_sparql_query_default_graph_or_union(build):
    """Without --union only the default graph is seen; the fixture keeps relations in document graphs."""
    text = "PREFIX hkg: <https://w3id.org/histkg/ontology#> SELECT DISTINCT ?s WHERE { ?s hkg:opposes ?o }"
    assert run_query(build, text)[1] == []
    assert len(run_query(build, text, union=True)[1]) == 3


def test_sparql_query_sees_the_ontology_graph(build):
    text = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label WHERE { GRAPH <https://w3id.org/histkg/ontology> {
        <https://w3id.org/histkg/ontology#Meeting> rdfs:label ?label FILTER(LANG(?label) = "sv") } }"""
    assert run_query(build, text)[1] == [("Möte",)]


def test_sparql_query_unbound_values_are_none(build):
    text = """PREFIX hkg: <https://w3id.org/histkg/ontology#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
    SELECT ?p ?qid WHERE { ?p a hkg:Person OPTIONAL { ?p owl:sameAs ?qid } } ORDER BY ?p"""
    rows = dict(run_query(build, text)[1])
    assert rows["https://w3id.org/histkg/id/person/kamenev"] is None
    assert rows["https://w3id.org/histkg/id/person/stalin"] == "http://www.wikidata.org/entity/Q855"


def test_sparql_query_malformed_is_a_query_error(build):
    with pytest.raises(QueryError, match=r"^broken\.rq: malformed SPARQL \(error at 1:"):
        run_query(build, "SELECT ?x WHERE { ?x ", name="broken.rq")


def test_sparql_query_missing_build_is_a_query_error(tmp_path):
    with pytest.raises(QueryError, match="graph.trig: no build here"):
        run_query(tmp_path, PERSONS)


def test_sparql_to_text_csv_quotes_and_blanks():
    text = to_text(["name", "quote"], [("Trotskij", 'sa "nej", två gånger'), ("Kamenev", None)], "csv")
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "quote"], ["Trotskij", 'sa "nej", två gånger'], ["Kamenev", ""]]


def test_sparql_to_text_json_is_a_list_of_records():
    text = to_text(["name", "qid"], [("Stalin", "Q855"), ("Kamenev", None)], "json")
    assert json.loads(text) == [{"name": "Stalin", "qid": "Q855"}, {"name": "Kamenev", "qid": None}]


def test_sparql_to_text_unknown_format():
    with pytest.raises(QueryError, match="--format xml"):
        to_text(["a"], [], "xml")


def test_sparql_read_query_file_or_text(tmp_path):
    path = tmp_path / "persons.rq"
    path.write_text(PERSONS, encoding="utf-8")
    assert read_query(str(path)) == (str(path), PERSONS)
    assert read_query(PERSONS) == ("query", PERSONS)
    with pytest.raises(QueryError, match="nowhere.rq: no such file"):
        read_query(str(tmp_path / "nowhere.rq"))


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_sparql_cli_query_formats(build, tmp_path, fmt):
    path = tmp_path / "persons.rq"
    path.write_text(PERSONS, encoding="utf-8")
    result = _kg("query", path, build, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        assert result.output.splitlines()[:2] == ["person,name", "https://w3id.org/histkg/id/person/bukharin,Bukharin"]
    elif fmt == "json":
        assert len(json.loads(result.output)) == 6
    else:
        assert "6 rows" in result.output and "Zinoviev" in result.output


def test_sparql_cli_malformed_query_names_the_file(build, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE { ?x", encoding="utf-8")
    result = _kg("query", path, build)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: malformed SPARQL")


def test_sparql_cli_unknown_format(build):
    result = _kg("query", "ASK {}", build, "--format", "xml")
    assert result.exit_code == 1 and "--format xml" in result.output
