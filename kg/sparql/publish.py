"""Uploading a build to a SPARQL 1.1 Graph Store Protocol endpoint.

Any server that implements the Graph Store HTTP Protocol takes the upload:
Oxigraph (``http://host:7878/store``), Fuseki (``http://host:3030/DATASET/data``),
GraphDB (``http://host:7200/repositories/REPO/rdf-graphs/service``), Virtuoso
(``http://host:8890/sparql-graph-crud``). Each graph is sent with one
``PUT URL?graph=IRI`` carrying Turtle:

* every document's named graph under the document's IRI (what that document says);
* the build's default graph (everything, ``graph.ttl``) under :data:`DEFAULT_GRAPH`
  or the IRI given with ``--graph``, because many servers treat their own default
  graph specially (as the union of all graphs, or read-only);
* the ontology ``ontology/hkg.ttl`` under ``https://w3id.org/histkg/ontology``.

``PUT`` replaces a graph's content, so publishing the same build twice leaves
the server exactly as after the first time. Only the standard library speaks HTTP.

Examples
--------
The analysis fixture gives four uploads: the ontology, the default graph and the
two documents' graphs, with their numbers of triples:

>>> from kg.sparql.query import FIXTURE, read_store
>>> [(graph.rsplit("/", 2)[-2], n) for graph, _, n in iter_payloads(read_store(FIXTURE))][1:]
[('graph', 72), ('document', 140), ('document', 196)]
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.sparql.query import ONTOLOGY_GRAPH, read_store
from kg.sparql.remote import send
from kg.vocab import PREFIXES

#: Where the build's default graph goes when no ``--graph`` is given.
DEFAULT_GRAPH = "https://w3id.org/histkg/id/graph/default"


def publish(build_dir: str | Path, store_url: str, *, graph: str = DEFAULT_GRAPH,
            timeout: float = 120) -> list[tuple[str, int]]:
    """Upload a build to a Graph Store Protocol endpoint, one ``PUT`` per graph.

    Parameters
    ----------
    build_dir : str or pathlib.Path
        A build folder holding ``graph.trig``.
    store_url : str
        The Graph Store endpoint, for Oxigraph ``http://host:port/store``.
    graph : str, optional
        The graph IRI that receives the build's default graph.
    timeout : float, optional
        Seconds to wait for each response.

    Returns
    -------
    list of (str, int)
        Each graph IRI written and its number of triples, in upload order.

    Raises
    ------
    InputError
        If the folder holds no build.
    PublishError
        If the server cannot be reached or refuses a graph (the status and the
        first line of its answer); graphs sent before the failure stay uploaded.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from kg.sparql.query import FIXTURE
    >>> build = Path(tempfile.mkdtemp())
    >>> _ = shutil.copy(FIXTURE, build / "graph.trig")
    >>> publish(build, "http://127.0.0.1:9/store")
    Traceback (most recent call last):
    ...
    kg.errors.PublishError: http://127.0.0.1:9/store: cannot connect (Connection refused)
    """
    trig = Path(build_dir) / "graph.trig"
    if not trig.is_file():
        raise InputError(str(trig), "no build here; run `kg build` first")
    written = []
    for iri, body, triples in iter_payloads(read_store(trig), graph):
        put_graph(store_url, iri, body, timeout=timeout)
        written.append((iri, triples))
    return written


def iter_payloads(store: ox.Store, graph: str = DEFAULT_GRAPH) -> Iterator[tuple[str, bytes, int]]:
    """The graphs to upload: ontology, default graph, then documents by IRI.

    Parameters
    ----------
    store : pyoxigraph.Store
        A build as :func:`kg.sparql.query.read_store` loads it.
    graph : str, optional
        The target IRI of the store's default graph.

    Yields
    ------
    tuple of (str, bytes, int)
        The target graph IRI, its content as Turtle, and its number of triples.

    Examples
    --------
    >>> from kg.sparql.query import FIXTURE, read_store
    >>> iri, body, n = next(iter_payloads(read_store(FIXTURE)))
    >>> iri, body.startswith(b"@prefix")
    ('https://w3id.org/histkg/ontology', True)
    """
    named = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    sources = [(ONTOLOGY_GRAPH, ox.NamedNode(ONTOLOGY_GRAPH)), (graph, ox.DefaultGraph())]
    sources += [(iri, ox.NamedNode(iri)) for iri in named if iri != ONTOLOGY_GRAPH]
    for target, source in sources:
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, source))
        body = store.dump(format=ox.RdfFormat.TURTLE, from_graph=source, prefixes=PREFIXES)
        yield target, body, triples


def put_graph(store_url: str, graph: str, body: bytes, *, timeout: float = 120) -> None:
    """Replace one graph on a Graph Store endpoint: ``PUT store_url?graph=<graph>``.

    Parameters
    ----------
    store_url : str
        The Graph Store endpoint (may already carry a query string).
    graph : str
        The IRI of the graph to replace.
    body : bytes
        The new content, as Turtle.
    timeout : float, optional
        Seconds to wait for the response.

    Raises
    ------
    PublishError
        If the server cannot be reached or answers with an error status.

    Examples
    --------
    >>> put_graph("http://127.0.0.1:9/store", "https://w3id.org/histkg/ontology", b"")
    Traceback (most recent call last):
    ...
    kg.errors.PublishError: http://127.0.0.1:9/store: cannot connect (Connection refused)
    """
    joiner = "&" if "?" in store_url else "?"
    url = f"{store_url}{joiner}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
    send(request, timeout=timeout)
