"""Writers: canonical bytes, faithful round trips, one graph per document, atomic replacement."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.config import BuildConfig
from kg.errors import OutputError
from kg.rdf import WRITERS, to_dataset, write_trig, write_turtle
from kg.rdf.iris import document_iri
from kg.vocab import HKG, RDFS
from test_rdf_build import LETTER, MINUTES, small_resolved

BASE = BuildConfig().base_iri
#: rdflib's own parsers still use its deprecated ConjunctiveGraph API internally.
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")
PARSE_FORMAT = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return to_dataset(small_resolved(), BuildConfig())


def _named(dataset: Dataset) -> dict[str, Graph]:
    default = dataset.default_graph.identifier
    return {str(g.identifier): g for g in dataset.graphs() if g.identifier != default and len(g)}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_rdf_write_twice_gives_identical_bytes(tmp_path, fmt):
    first = WRITERS[fmt](to_dataset(small_resolved(), BuildConfig()), tmp_path / f"a.{fmt}")
    second = WRITERS[fmt](to_dataset(small_resolved(), BuildConfig()), tmp_path / f"b.{fmt}")
    assert first.read_bytes() == second.read_bytes()


def test_rdf_write_identical_across_processes(tmp_path):
    """String hashing is randomised per process; the output must not depend on it."""
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from kg.config import BuildConfig\nfrom kg.rdf import to_dataset, WRITERS\n"
        "from test_rdf_build import small_resolved\n"
        "ds = to_dataset(small_resolved(), BuildConfig())\n"
        "for fmt, write in WRITERS.items(): write(ds, sys.argv[1] + '.' + fmt)\n"
    )
    root = Path(__file__).resolve().parent.parent
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], cwd=root, env=env, check=True)
    for fmt in WRITERS:
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes(), fmt


def test_rdf_write_turtle_round_trips(tmp_path, dataset):
    path = write_turtle(dataset, tmp_path / "graph.ttl")
    assert isomorphic(Graph().parse(path, format="turtle"), dataset.default_graph)


def test_rdf_write_turtle_is_readable(tmp_path, dataset):
    text = write_turtle(dataset, tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix hkg: <https://w3id.org/histkg/ontology#> ." in text
    assert "@prefix wd: <http://www.wikidata.org/entity/> ." in text
    assert "person:stalin a hkg:Person ;" in text
    assert "\n\nperson:stalin " in text
    assert "hkg:confidence 0.88" in text


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_rdf_write_dataset_round_trips(tmp_path, dataset, fmt):
    parsed = Dataset()
    parsed.parse(WRITERS[fmt](dataset, tmp_path / f"graph.{fmt}"), format=PARSE_FORMAT[fmt])
    assert isomorphic(parsed.default_graph, dataset.default_graph)
    expected, actual = _named(dataset), _named(parsed)
    assert sorted(actual) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(actual[name], graph), name


def test_rdf_write_trig_has_one_named_graph_per_document(tmp_path, dataset):
    parsed = Dataset()
    parsed.parse(write_trig(dataset, tmp_path / "graph.trig"), format="trig")
    assert sorted(_named(parsed)) == sorted(str(document_iri(d, BASE)) for d in (LETTER, MINUTES))


def test_rdf_write_plain_graph(tmp_path):
    graph = Graph()
    graph.add((URIRef(BASE + "person/lenin"), RDFS.label, Literal("Ленин", lang="ru")))
    for fmt, write in WRITERS.items():
        parsed = Dataset()
        parsed.parse(write(graph, tmp_path / f"g.{fmt}"), format=PARSE_FORMAT[fmt])
        assert isomorphic(parsed.default_graph, graph), fmt


def test_rdf_write_keeps_old_file_when_serialisation_fails(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old contents\n", encoding="utf-8")
    graph = Graph()
    graph.add((URIRef(BASE + "person/lenin"), RDFS.label, Literal("Lenin")))
    graph.add((URIRef("relative/iri"), RDFS.label, Literal("not an absolute IRI")))
    with pytest.raises(ValueError):
        write_turtle(graph, path)
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_rdf_write_keeps_old_file_when_replace_fails(tmp_path, monkeypatch, dataset):
    path = tmp_path / "graph.trig"
    path.write_text("old contents\n", encoding="utf-8")

    def fail(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="Permission denied"):
        write_trig(dataset, path)
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert os.listdir(tmp_path) == ["graph.trig"]


def test_rdf_write_missing_folder_is_output_error(tmp_path, dataset):
    with pytest.raises(OutputError, match="missing"):
        write_turtle(dataset, tmp_path / "missing" / "graph.ttl")


def test_rdf_write_uses_contract_prefixes_only_when_used(tmp_path):
    graph = Graph()
    graph.bind("hkg", str(HKG))
    graph.add((URIRef(BASE + "person/lenin"), RDFS.label, Literal("Lenin")))
    text = write_turtle(graph, tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix rdfs:" in text and "@prefix hkg:" not in text


def test_rdf_write_file_mode_follows_umask(tmp_path, dataset):
    mask = os.umask(0o022)
    try:
        path = write_turtle(dataset, tmp_path / "graph.ttl")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_rdf_write_stream_failure_keeps_old_file(tmp_path):
    """A writer that fails half-way through streaming leaves the old file and no temporary file."""
    from kg.files import open_atomic

    path = tmp_path / "graph.trig"
    path.write_text("old contents\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with open_atomic(path) as stream:
            stream.write(b"@prefix hkg: <https://w3id.org/histkg/ontology#> .\n")
            raise RuntimeError("serialiser failed")
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert os.listdir(tmp_path) == ["graph.trig"]
