"""Canonical, atomic RDF files: Turtle, TriG, N-Quads and JSON-LD.

Every writer sorts before it serialises (graphs: default first, then by IRI;
then subject, ``rdf:type`` first, predicate, object), so the same dataset gives
byte-identical files in every process. Serialisation is pyoxigraph's, which
writes statements in the order given and is several times faster than
rdflib's; the Turtle and TriG get sorted prefixes and a blank line between subjects. A file is
rendered in memory, written to a temporary file next to the target and moved
over it with ``os.replace``: if anything fails, the old file stays as it was.

Examples
--------
>>> from kg.rdf.write import WRITERS
>>> sorted(WRITERS)
['jsonld', 'nq', 'trig', 'ttl']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kg.files import write_atomic
from kg.vocab import RDF

Quad = tuple[object, object, object, object]

_PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def write_turtle(dataset: Graph, path: str | Path) -> Path:
    """Write the default graph (or a plain graph) as sorted Turtle.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
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
    quads = _sorted_quads(dataset.default_graph if isinstance(dataset, Dataset) else dataset)
    triples = [ox.Triple(s, p, o) for s, p, o, _ in _ox_quads(quads)]
    prefixes = _prefixes(dataset, quads)
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return write_atomic(path, _layout(text, prefixes))


def write_trig(dataset: Graph, path: str | Path) -> Path:
    """Write the default graph and every named graph as sorted TriG.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
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
    >>> ds = Dataset()
    >>> doc = URIRef("https://w3id.org/histkg/id/document/000_a")
    >>> _ = ds.graph(doc).add((doc, RDF.type, HKG.Document))
    >>> out = write_trig(ds, Path(tempfile.mkdtemp()) / "graph.trig")
    >>> "<https://w3id.org/histkg/id/document/000_a> {" in out.read_text(encoding="utf-8")
    True
    """
    quads = _sorted_quads(dataset)
    prefixes = _prefixes(dataset, quads)
    text = ox.serialize(_ox_quads(quads), format=ox.RdfFormat.TRIG, prefixes=prefixes)
    return write_atomic(path, _layout(text, prefixes))


def write_nquads(dataset: Graph, path: str | Path) -> Path:
    """Write the default graph and every named graph as sorted N-Quads, one statement a line.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
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
    return write_atomic(path, ox.serialize(_ox_quads(_sorted_quads(dataset)), format=ox.RdfFormat.N_QUADS))


def write_jsonld(dataset: Graph, path: str | Path) -> Path:
    """Write the default graph and every named graph as expanded JSON-LD.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
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
    return write_atomic(path, ox.serialize(_ox_quads(_sorted_quads(dataset)), format=ox.RdfFormat.JSON_LD) + b"\n")


#: Writers by format name (the file extension); ``BuildConfig.formats`` names these.
WRITERS: dict[str, Callable[[Graph, str | Path], Path]] = {
    "ttl": write_turtle,
    "trig": write_trig,
    "nq": write_nquads,
    "jsonld": write_jsonld,
}


def _sorted_quads(data: Graph) -> list[Quad]:
    """All statements in canonical order; the graph is ``None`` for the default graph."""
    if not isinstance(data, Dataset):
        return sorted(((s, p, o, None) for s, p, o in data), key=_quad_key)
    default = data.default_graph.identifier
    quads = [
        (s, p, o, None if graph.identifier == default else graph.identifier)
        for graph in data.graphs()
        for s, p, o in graph
    ]
    return sorted(quads, key=_quad_key)


def _quad_key(quad: Quad) -> tuple:
    s, p, o, g = quad
    return ("" if g is None else "1" + str(g), _term_key(s), p != RDF.type, str(p), _term_key(o))


def _term_key(term: object) -> tuple[int, str, str, str]:
    if isinstance(term, Literal):
        return 2, str(term), str(term.datatype or ""), term.language or ""
    return (1 if isinstance(term, BNode) else 0), str(term), "", ""


def _ox_quads(quads: Iterable[Quad]) -> Iterator[ox.Quad]:
    """rdflib terms -> pyoxigraph quads (IRIs converted once each)."""
    cache: dict[object, object] = {}

    def convert(term: object) -> object:
        if term not in cache:
            cache[term] = _ox_term(term)
        return cache[term]

    for s, p, o, g in quads:
        graph = ox.DefaultGraph() if g is None else convert(g)
        yield ox.Quad(convert(s), convert(p), convert(o), graph)


def _ox_term(term: object) -> object:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    raise TypeError(f"cannot serialise RDF term {term!r}")


def _prefixes(data: Graph, quads: list[Quad]) -> dict[str, str]:
    """The prefixes bound in ``data`` that some IRI of ``quads`` uses, sorted by name."""
    iris = {term for quad in quads for term in quad if isinstance(term, URIRef)}
    iris |= {term.datatype for _, _, term, _ in quads if isinstance(term, Literal) and term.datatype}
    used = {_namespace_of(iri) for iri in iris}
    chosen: dict[str, str] = {}
    for name, namespace in sorted(data.namespaces()):
        if str(namespace) in used and _PREFIX_NAME.fullmatch(name) and str(namespace) not in chosen.values():
            chosen[name] = str(namespace)
    return chosen


def _namespace_of(iri: URIRef) -> str:
    """The IRI up to and including its last ``#`` or ``/``."""
    text = str(iri)
    return text[: max(text.rfind("#"), text.rfind("/")) + 1]


def _layout(text: bytes, prefixes: dict[str, str]) -> bytes:
    """Sorted ``@prefix`` lines, then a blank line between subjects and graphs.

    pyoxigraph escapes line breaks inside literals, so every line is structure.
    """
    lines = [line for line in text.decode("utf-8").split("\n") if not line.startswith("@prefix ")]
    out = [f"@prefix {name}: <{namespace}> ." for name, namespace in sorted(prefixes.items())]
    for line in lines:
        previous = out[-1] if out else ""
        if line and line != "}" and (previous.endswith(" .") or previous == "}"):
            out.append("")
        out.append(line)
    return "\n".join(out).encode("utf-8")
