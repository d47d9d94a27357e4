"""The corpus build in a real Oxigraph server: kg publish, the shipped queries over HTTP, kg serve.

A session fixture builds the corpus once with the command line (all four RDF
formats); a module fixture starts ``oxigraph serve`` on a free port of 127.0.0.1
with a bounded wait and stops it afterwards.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.sparql import DEFAULT_GRAPH, query_endpoint, read_store, select
from kg.sparql.serve import find_oxigraph, free_port
from kg.vocab import HKG, ONTOLOGY_DIR
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
PERSONS = "PREFIX hkg: <https://w3id.org/histkg/ontology#> " \
          "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a hkg:Person } }"
READY_SECONDS = 30


def _kg_command() -> list[str]:
    beside = Path(sys.executable).with_name("kg")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "kg"]


@pytest.fixture(scope="session")
def sparql_build(tmp_path_factory) -> Path:
    """`kg build corpus/ --out TMP --formats ttl,trig,nq,jsonld`, once per session."""
    out = tmp_path_factory.mktemp("sparql-build")
    done = subprocess.run([*_kg_command(), "build", str(CORPUS), "--out", str(out),
                           "--formats", "ttl,trig,nq,jsonld"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return out


def _wait_until_answers(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "oxigraph serve exited early"
        try:
            query_endpoint(url, "ASK {}", timeout=2)
            return
        except KgError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {READY_SECONDS} s")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An empty `oxigraph serve` on a free port: its base URL."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-store")
    process = subprocess.Popen([str(find_oxigraph()), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answers(f"{base}/query", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def published(oxigraph, sparql_build):
    result = CliRunner().invoke(app, ["publish", str(sparql_build), "--store", f"{oxigraph}/store"])
    assert result.exit_code == 0, result.output
    return oxigraph


@pytest.fixture(scope="module")
def local_store(sparql_build):
    return read_store(sparql_build / "graph.trig")


def _as_set(rows) -> set[tuple[str, ...]]:
    return {tuple("" if value is None else value for value in row) for row in rows}


def _dataset_hash(base: str) -> tuple[int, str]:
    """Number of quads on the server and a hash of its canonical, sorted N-Quads."""
    request = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=60) as response:
        dataset = ox.Dataset(ox.parse(response.read(), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)  # the ontology has blank nodes
    lines = sorted(str(quad) for quad in dataset)
    return len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def test_sparql_server_person_count_matches_local_trig(published, sparql_build):
    dataset = Dataset()
    dataset.parse(sparql_build / "graph.trig", format="trig")
    local = {s for g in dataset.graphs() for s in g.subjects(RDF.type, HKG.Person)}
    (count,), = query_endpoint(f"{published}/query", PERSONS)[1]
    assert int(count) == len(local) > 0


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_sparql_server_query_same_rows_as_embedded(published, local_store, path):
    text = path.read_text(encoding="utf-8")
    columns, remote = query_endpoint(f"{published}/query", text, default_graph=DEFAULT_GRAPH)
    local_columns, local = select(local_store, text, name=path.name)
    assert remote, f"{path.name} returns no rows over HTTP"
    assert columns == local_columns
    assert _as_set(remote) == _as_set(local)


def test_sparql_server_second_publish_changes_nothing(published, sparql_build):
    before = _dataset_hash(published)
    result = CliRunner().invoke(app, ["publish", str(sparql_build), "--store", f"{published}/store"])
    assert result.exit_code == 0, result.output
    assert _dataset_hash(published) == before and before[0] > 0


def test_sparql_server_unreachable_is_one_line_exit_1(sparql_build):
    url = f"http://127.0.0.1:{free_port()}/store"
    done = subprocess.run([*_kg_command(), "publish", str(sparql_build), "--store", url],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {url}: cannot connect (Connection refused)"
    assert "Traceback" not in done.stderr + done.stdout


def test_sparql_server_kg_serve_answers_and_stops_on_ctrl_c(sparql_build, local_store):
    port = free_port()
    before = set(Path(tempfile.gettempdir()).glob("kg-serve-*"))
    process = subprocess.Popen([*_kg_command(), "serve", str(sparql_build), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = process.stdout.readline()  # printed once the server answers
        assert line.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/query", process.stderr.read()
        text = (ROOT / "queries" / "wikidata_links.rq").read_text(encoding="utf-8")
        remote = query_endpoint(f"http://127.0.0.1:{port}/query", text)[1]
        assert _as_set(remote) == _as_set(select(local_store, text)[1]) != set()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "stopped" in out
    assert set(Path(tempfile.gettempdir()).glob("kg-serve-*")) <= before
    with pytest.raises(KgError, match="cannot connect"):
        query_endpoint(f"http://127.0.0.1:{port}/query", "ASK {}", timeout=2)


def test_sparql_server_exports_hold_the_same_dataset(sparql_build):
    """`kg build --formats ttl,trig,nq,jsonld`: N-Quads and JSON-LD hold the TriG's quads."""
    def quads(name, fmt):
        return set(ox.parse(path=str(sparql_build / name), format=fmt))

    trig = quads("graph.trig", ox.RdfFormat.TRIG)
    assert trig and quads("graph.nq", ox.RdfFormat.N_QUADS) == trig == quads("graph.jsonld", ox.RdfFormat.JSON_LD)
    default = {q.triple for q in trig if q.graph_name == ox.DefaultGraph()}
    assert {q.triple for q in quads("graph.ttl", ox.RdfFormat.TURTLE)} == default


def test_sparql_server_rdfs_inference_on_the_corpus(sparql_build):
    """After RDFS closure, foaf:Person alone finds every hkg:Person of graph.ttl."""
    graph = Graph()
    graph.parse(sparql_build / "graph.ttl", format="turtle")
    persons = set(graph.subjects(RDF.type, HKG.Person))
    graph.parse(ONTOLOGY_DIR / "hkg.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
    rows = graph.query("PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX org: <http://www.w3.org/ns/org#> "
                       "SELECT DISTINCT ?p WHERE { ?p a foaf:Person }")
    assert {row.p for row in rows} == persons != set()
    assert set(graph.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Organization")))
