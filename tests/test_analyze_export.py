"""write_analysis: the files, their columns, atomic and byte-identical writes."""

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analyze import METRIC_COLUMNS, to_networkx, write_analysis
from kg.errors import OutputError

FIXTURE = Path(__file__).parent / "data" / "graphs" / "analysis_fixture.trig"
FILES = ["balance.json", "communities.csv", "graph.gexf", "graph.graphml", "metrics.csv",
         "timeslices.csv"]  # fmt: skip


def _graph():
    return to_networkx(rdflib.Dataset().parse(FIXTURE, format="trig"))


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis")
    summary = write_analysis(_graph(), folder, seed=42)
    assert summary["nodes"] == 12 and summary["edges"] == 26
    assert summary["communities"] >= 2 and 0 < summary["modularity"] < 1
    return folder


def test_export_files(out):
    assert sorted(p.name for p in out.iterdir()) == FILES  # and no temporary files left


def test_export_metrics_columns(out):
    with open(out / "metrics.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == METRIC_COLUMNS and len(rows) == 13
    with open(out / "communities.csv", newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["iri", "label", "type", "community"]


def test_export_byte_identical(out, tmp_path):
    write_analysis(_graph(), tmp_path, seed=42)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_export_graph_files_read_back(out):
    for G in (nx.read_graphml(out / "graph.graphml"), nx.read_gexf(out / "graph.gexf")):
        assert G.number_of_nodes() == 12 and G.number_of_edges() == 26
    stalin = nx.read_graphml(out / "graph.graphml").nodes["https://w3id.org/histkg/id/person/stalin"]
    assert stalin["years"] == "1922|1988" and stalin["alt_labels"] == "J. V. Stalin|Stalins|Stalin’s"
    assert "community" in stalin and "lastmodifieddate" not in (out / "graph.gexf").read_text()


def test_export_balance_json(out):
    balance = json.loads((out / "balance.json").read_text(encoding="utf-8"))
    assert len(balance["unbalanced"]) == 2 and len(balance["camps"]) == 2


def test_export_into_a_file_fails(tmp_path):
    target = tmp_path / "taken"
    target.write_text("not a folder")
    with pytest.raises(OutputError, match="not a directory"):
        write_analysis(_graph(), target)


def test_export_failure_keeps_old_outputs(out, tmp_path, monkeypatch):
    write_analysis(_graph(), tmp_path)
    before = (tmp_path / "metrics.csv").read_bytes()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.analyze.export.os.replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        write_analysis(_graph(), tmp_path)
    assert (tmp_path / "metrics.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == FILES
