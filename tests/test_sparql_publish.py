"""kg publish against a fake Graph Store (stdlib HTTP server in a thread): requests, refusals, no server."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import PublishError
from kg.sparql import DEFAULT_GRAPH, ONTOLOGY_GRAPH, publish
from kg.sparql.serve import free_port
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "graphs" / "analysis_fixture.trig"
DOCS = ["https://w3id.org/histkg/id/document/001_1f54935782d342ab",
        "https://w3id.org/histkg/id/document/003_3a73ba2d94f2b768"]


class _GraphStore(BaseHTTPRequestHandler):
    """Records every PUT; answers ``status`` with ``body``."""

    def do_PUT(self):  # noqa: N802 (the stdlib's name)
        data = self.rfile.read(int(self.headers["Content-Length"]))
        graph = parse_qs(urlsplit(self.path).query)["graph"][0]
        self.server.puts.append((urlsplit(self.path).path, graph, self.headers["Content-Type"], data))
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def fake_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GraphStore)
    server.puts, server.status, server.body = [], 204, b""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def build(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "graph.trig")
    return tmp_path


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/store"


def test_sparql_publish_puts_one_graph_each(build, fake_store):
    written = publish(build, _url(fake_store))
    graphs = [graph for _, graph, _, _ in fake_store.puts]
    assert graphs == [ONTOLOGY_GRAPH, DEFAULT_GRAPH, *DOCS] == [g for g, _ in written]
    assert {path for path, *_ in fake_store.puts} == {"/store"}
    assert all(kind.startswith("text/turtle") for _, _, kind, _ in fake_store.puts)
    for (_, graph, _, data), (_, triples) in zip(fake_store.puts, written):
        assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) == triples > 0


def test_sparql_publish_graph_option(build, fake_store):
    result = CliRunner().invoke(app, ["publish", str(build), "--store", _url(fake_store),
                                      "--graph", "http://example.org/kg"])
    assert result.exit_code == 0, result.output
    assert fake_store.puts[1][1] == "http://example.org/kg"
    assert "published 4 graphs" in result.output
    fake_store.puts.clear()
    assert CliRunner().invoke(app, ["publish", str(build), "--store", _url(fake_store)]).exit_code == 0
    assert fake_store.puts[1][1] == DEFAULT_GRAPH  # the CLI's default is the library's


def test_sparql_publish_refused_gives_status_and_first_line(build, fake_store):
    fake_store.status, fake_store.body = 400, b"\nParse error at line 3\nsecond line\n"
    with pytest.raises(PublishError) as refused:
        publish(build, _url(fake_store))
    assert str(refused.value) == f"{_url(fake_store)}: HTTP 400 Bad Request: Parse error at line 3"


def test_sparql_publish_unreachable_is_one_line_exit_1(build):
    url = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(app, ["publish", str(build), "--store", url])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {url}: cannot connect (Connection refused)"


def test_sparql_publish_missing_build(tmp_path, fake_store):
    result = CliRunner().invoke(app, ["publish", str(tmp_path), "--store", _url(fake_store)])
    assert result.exit_code == 1 and "no build here" in result.output
    assert fake_store.puts == []
