"""Canonical, atomic RDF files: Turtle, TriG, N-Quads and JSON-LD.

Every writer takes a :class:`~kg.rdf.quads.Quads` (the build's lean, already
sorted dataset) or an rdflib ``Graph``/``Dataset`` (sorted here), so the same
statements give byte-identical files in every process. Terms are written by
pyoxigraph; Turtle and TriG are laid out by :mod:`kg.rdf.turtle` (sorted
prefixes, a blank line between subjects), N-Quads and JSON-LD by pyoxigraph's
serialiser. Every file is streamed, never held in memory whole. A file is written to a temporary file next to the
target and moved over it with ``os.replace`` only when complete: if anything
fails, the old file stays as it was.

Examples
--------
>>> from kg.rdf.write import WRITERS
>>> sorted(WRITERS)
['jsonld', 'nq', 'trig', 'ttl']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.files import open_atomic
from kg.rdf.quads import Quads, from_rdflib
from kg.rdf.turtle import iter_trig, iter_turtle, iter_turtle_and_trig

#: What the writers accept: the build's lean dataset, or any rdflib graph or dataset.
RdfData = Quads | Graph


def write_turtle(dataset: RdfData, path: str | Path) -> Path:
    """Write the default graph (or a plain graph) as sorted Turtle.

    Parameters
    ----------
    dataset : kg.rdf.quads.Quads, rdflib.Dataset or rdflib.Graph
        For a dataset, only its default graph is written (the contract's ``graph.ttl``).
    path : str or pathlib.Path
        The file to write; replaced atomically.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written (the previous file, if any, is left intact).

    Examples
    --------
    "Lenin was a member of the Central Committee":

    >>> import tempfile
    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG
    >>> g = Graph()
    >>> g.bind("hkg", str(HKG))
    >>> _ = g.add((URIRef("https://w3id.org/histkg/id/person/lenin"), HKG.memberOf,
    ...            URIRef("https://w3id.org/histkg/id/organisation/cc")))
    >>> out = write_turtle(g, Path(tempfile.mkdtemp()) / "graph.ttl")
    >>> print(out.read_text(encoding="utf-8"), end="")
    @prefix hkg: <https://w3id.org/histkg/ontology#> .
    <BLANKLINE>
    <https://w3id.org/histkg/id/person/lenin> hkg:memberOf <https://w3id.org/histkg/id/organisation/cc> .
    """
    quads = as_quads(dataset)
    return _write_chunks(iter_turtle(quads, quads.used_prefixes(default_only=True)), path)


def write_trig(dataset: RdfData, path: str | Path) -> Path:
    """Write the default graph and every named graph as sorted TriG.

    Parameters
    ----------
    dataset : kg.rdf.quads.Quads, rdflib.Dataset or rdflib.Graph
        A plain graph is written as the default graph.
    path : str or pathlib.Path
        The file to write; replaced atomically.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written (the previous file, if any, is left intact).

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Dataset, URIRef
    >>> from kg.vocab import HKG, RDF
    >>> ds = Dataset()
    >>> doc = URIRef("https://w3id.org/histkg/id/document/000_a")
    >>> _ = ds.graph(doc).add((doc, RDF.type, HKG.Document))
    >>> out = write_trig(ds, Path(tempfile.mkdtemp()) / "graph.trig")
    >>> "<https://w3id.org/histkg/id/document/000_a> {" in out.read_text(encoding="utf-8")
    True
    """
    quads = as_quads(dataset)
    return _write_chunks(iter_trig(quads, quads.used_prefixes()), path)


def write_turtle_and_trig(dataset: RdfData, ttl: str | Path, trig: str | Path) -> tuple[Path, Path]:
    """Write the same files as :func:`write_turtle` and :func:`write_trig`, faster.

    When both use the same prefixes (as in every kg build, whose default graph
    holds everything), the default graph is laid out once and streamed into both
    files; otherwise each is written on its own.

    Returns
    -------
    tuple of pathlib.Path
        The two paths written.

    Raises
    ------
    OutputError
        If a file cannot be written (the Turtle file, written last, is then left as it was).

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Dataset, URIRef
    >>> from kg.vocab import HKG, RDF
    >>> ds = Dataset()
    >>> doc = URIRef("https://w3id.org/histkg/id/document/000_a")
    >>> _ = ds.graph(doc).add((doc, RDF.type, HKG.Document))
    >>> folder = Path(tempfile.mkdtemp())
    >>> ttl, trig = write_turtle_and_trig(ds, folder / "graph.ttl", folder / "graph.trig")
    >>> trig.read_bytes() == write_trig(ds, folder / "alone.trig").read_bytes()
    True
    """
    quads = as_quads(dataset)
    prefixes = quads.used_prefixes()
    if quads.used_prefixes(default_only=True) != prefixes:
        return write_turtle(quads, ttl), write_trig(quads, trig)
    with open_atomic(ttl) as ttl_stream, open_atomic(trig) as trig_stream:
        for where, piece in iter_turtle_and_trig(quads, prefixes):
            if where != "trig":
                ttl_stream.write(piece)
            if where != "ttl":
                trig_stream.write(piece)
    return Path(ttl), Path(trig)


def write_nquads(dataset: RdfData, path: str | Path) -> Path:
    """Write the default graph and every named graph as sorted N-Quads, one statement a line.

    Parameters
    ----------
    dataset : kg.rdf.quads.Quads, rdflib.Dataset or rdflib.Graph
        A plain graph is written as the default graph.
    path : str or pathlib.Path
        The file to write; replaced atomically.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written (the previous file, if any, is left intact).

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG, RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/histkg/id/person/lenin"), RDF.type, HKG.Person))
    >>> write_nquads(g, Path(tempfile.mkdtemp()) / "graph.nq").read_text().count("\\n")
    1
    """
    with open_atomic(path) as stream:
        ox.serialize(as_quads(dataset).iter_ox(), stream, ox.RdfFormat.N_QUADS)
    return Path(path)


def write_jsonld(dataset: RdfData, path: str | Path) -> Path:
    """Write the default graph and every named graph as expanded JSON-LD.

    Parameters
    ----------
    dataset : kg.rdf.quads.Quads, rdflib.Dataset or rdflib.Graph
        A plain graph is written as the default graph.
    path : str or pathlib.Path
        The file to write; replaced atomically.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written (the previous file, if any, is left intact).

    Examples
    --------
    >>> import json, tempfile
    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG, RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/histkg/id/person/lenin"), RDF.type, HKG.Person))
    >>> json.loads(write_jsonld(g, Path(tempfile.mkdtemp()) / "graph.jsonld").read_text())[0]["@id"]
    'https://w3id.org/histkg/id/person/lenin'
    """
    with open_atomic(path) as stream:
        ox.serialize(as_quads(dataset).iter_ox(), stream, ox.RdfFormat.JSON_LD)
        stream.write(b"\n")
    return Path(path)


#: Writers by format name (the file extension); ``BuildConfig.formats`` names these.
WRITERS: dict[str, Callable[[RdfData, str | Path], Path]] = {
    "ttl": write_turtle,
    "trig": write_trig,
    "nq": write_nquads,
    "jsonld": write_jsonld,
}


def as_quads(data: RdfData) -> Quads:
    """``data`` as canonically sorted :class:`~kg.rdf.quads.Quads` (rdflib input is converted).

    Examples
    --------
    >>> len(as_quads(Graph()))
    0
    """
    return data if isinstance(data, Quads) else from_rdflib(data)


def _write_chunks(chunks, path: str | Path) -> Path:
    """Stream ``chunks`` of bytes into ``path``, atomically."""
    with open_atomic(path) as stream:
        for chunk in chunks:
            stream.write(chunk)
    return Path(path)
