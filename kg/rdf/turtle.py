"""Sorted Turtle and TriG, streamed from :class:`~kg.rdf.quads.Quads` rows.

pyoxigraph writes each term (prefixed names, escapes, bare numbers); this module
only lays the statements out, which the canonical order makes simple: a subject's
statements are consecutive, so are a predicate's objects and a graph's subjects.
Building a pyoxigraph ``Quad`` per statement for its own serialiser costs about
3 µs each, more than the rest of writing together; laying out precomputed term
forms costs a fraction of that.

The layout is pyoxigraph's with a blank line between subjects and between graphs::

    @prefix hkg: <https://w3id.org/histkg/ontology#> .

    person:stalin a hkg:Person ;
    	hkg:mentionedIn document:001 , document:002 .

    document:001 {
    	person:stalin a hkg:Person .
    }

Examples
--------
"Lenin was a member of the Central Committee":

>>> from rdflib import URIRef
>>> from kg.rdf.quads import collect_quads
>>> from kg.vocab import HKG, RDF
>>> lenin = URIRef("https://w3id.org/histkg/id/person/lenin")
>>> quads = collect_quads([(lenin, RDF.type, HKG.Person),
...                        (lenin, HKG.memberOf, URIRef("https://w3id.org/histkg/id/org/cc"))],
...                       namespaces={"hkg": str(HKG), "person": "https://w3id.org/histkg/id/person/"})
>>> text = b"".join(iter_turtle(quads, quads.used_prefixes())).decode()
>>> print(text.replace("\\t", "    "), end="")   # a tab indents each further predicate
@prefix hkg: <https://w3id.org/histkg/ontology#> .
@prefix person: <https://w3id.org/histkg/id/person/> .
<BLANKLINE>
person:lenin a hkg:Person ;
    hkg:memberOf <https://w3id.org/histkg/id/org/cc> .
"""

from __future__ import annotations

from collections.abc import Iterator
from weakref import WeakKeyDictionary

import numpy as np
import pyoxigraph as ox

from kg.rdf.layout import Layout, end_graph, graph_block
from kg.rdf.quads import Quads, spell_terms, term_index
from kg.vocab import RDF

_CHUNK = 65_536
#: Term forms already spelled, per dataset (dropped with it) and prefixes.
_FORMS: WeakKeyDictionary = WeakKeyDictionary()


def iter_turtle(quads: Quads, prefixes: dict[str, str]) -> Iterator[bytes]:
    """Yield the default graph as sorted Turtle, in UTF-8 chunks.

    Parameters
    ----------
    quads : kg.rdf.quads.Quads
        The statements; only the default graph is written.
    prefixes : dict
        Prefix name -> namespace, declared first and used for every IRI they cover.

    Yields
    ------
    bytes
        Consecutive pieces of the file.
    """
    return (piece for where, piece in _pieces(quads, quads.default_rows(), prefixes) if where != "trig")


def iter_trig(quads: Quads, prefixes: dict[str, str]) -> Iterator[bytes]:
    """Yield the default graph, then every named graph in a ``{ }`` block, as sorted TriG.

    Parameters
    ----------
    quads : kg.rdf.quads.Quads
        The statements.
    prefixes : dict
        Prefix name -> namespace.

    Yields
    ------
    bytes
        Consecutive pieces of the file.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.rdf.quads import collect_quads
    >>> from kg.vocab import HKG, RDF
    >>> doc = URIRef("https://w3id.org/histkg/id/document/000_a")
    >>> quads = collect_quads([], [(doc, [(doc, RDF.type, HKG.Document)])], {"hkg": str(HKG)})
    >>> text = b"".join(iter_trig(quads, quads.used_prefixes())).decode()
    >>> print(text.replace("\\t", "    "), end="")
    @prefix hkg: <https://w3id.org/histkg/ontology#> .
    <BLANKLINE>
    <https://w3id.org/histkg/id/document/000_a> {
        <https://w3id.org/histkg/id/document/000_a> a hkg:Document .
    }
    """
    return (piece for where, piece in _pieces(quads, quads.rows, prefixes) if where != "ttl")


def iter_turtle_and_trig(quads: Quads, prefixes: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """Yield the pieces of :func:`iter_turtle` and :func:`iter_trig` together, each laid out once.

    With the same prefixes, the TriG file is the Turtle file's text (the default
    graph comes first, written the same way) continued by the named graphs; laying
    the default graph out once saves a third of writing both.

    Yields
    ------
    tuple of (str, bytes)
        ``("both", piece)``, ``("ttl", piece)`` or ``("trig", piece)``: where the piece goes.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.rdf.quads import collect_quads
    >>> from kg.vocab import HKG, RDF
    >>> doc = URIRef("https://w3id.org/histkg/id/document/000_a")
    >>> quads = collect_quads([], [(doc, [(doc, RDF.type, HKG.Document)])], {"hkg": str(HKG)}, named_in_default=True)
    >>> pieces = list(iter_turtle_and_trig(quads, quads.used_prefixes()))
    >>> b"".join(p for where, p in pieces if where != "trig") == b"".join(iter_turtle(quads, quads.used_prefixes()))
    True
    >>> b"".join(p for where, p in pieces if where != "ttl") == b"".join(iter_trig(quads, quads.used_prefixes()))
    True
    """
    return _pieces(quads, quads.rows, prefixes)


def _header(prefixes: dict[str, str]) -> bytes:
    return "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in sorted(prefixes.items())).encode("utf-8")


def _type_id(quads: Quads) -> int | None:
    return term_index(quads.terms, ox.NamedNode(str(RDF.type)))


def _pieces(quads: Quads, rows: np.ndarray, prefixes: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """The text of ``rows`` (default graph first), each piece tagged with the files it belongs to.

    ``"both"``: the prefixes and the default graph; ``"ttl"``: what ends the Turtle file;
    ``"trig"``: what ends the default graph in TriG, and the named graphs.
    """
    header = _header(prefixes)
    if header:
        yield "both", header
    if len(rows) == 0:
        return
    split = int(np.searchsorted(rows[:, 0], 0))
    forms, type_id = _forms_of(quads, prefixes), _type_id(quads)
    layout = Layout(forms, type_id, started=bool(header))
    for start in range(0, split, _CHUNK):
        yield "both", layout.lay_out(rows[start : min(start + _CHUNK, split)]).encode("utf-8")
    yield "ttl", layout.close().encode("utf-8")
    started, end = bool(header) or split > 0, layout.close()
    for piece in _named_graphs(quads, rows[split:], forms, type_id, prefixes, started, end):
        yield "trig", piece


def _named_graphs(quads: Quads, rows: np.ndarray, forms: np.ndarray, type_id: int | None, prefixes: dict[str, str],
                  started: bool, end: str) -> Iterator[bytes]:
    """The named graphs of ``rows``, one ``{ }`` block each, after a default graph that ``end`` ends.

    A graph the rdf stage already laid out with these prefixes (:attr:`Quads.blocks`)
    is written as it is; the others are laid out here, the same way.
    """
    blocks = quads.blocks if quads.spelled is not None and quads.spelled[0] == tuple(sorted(prefixes.items())) else {}
    bounds = np.flatnonzero(np.diff(rows[:, 0])) + 1 if len(rows) else np.zeros(0, np.int64)
    for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(rows)]):
        if lo == hi:
            continue
        g = int(rows[lo, 0])
        block = blocks.get(g)
        if block is None:
            block = graph_block(rows[lo:hi, 1:], forms, type_id, forms[g])
        yield (end + ("\n" if started else "") + block).encode("utf-8")
        started, end = True, end_graph(g)
    yield end.encode("utf-8")


def _forms_of(quads: Quads, prefixes: dict[str, str]) -> np.ndarray:
    """How pyoxigraph writes every term ``quads`` uses, in Turtle with ``prefixes``, by term id.

    Made once per dataset and prefixes (a build writes ``graph.ttl`` and
    ``graph.trig`` with the same ones), starting from the forms the dataset
    already knows (:attr:`Quads.spelled`, from the runs); only the rest are
    spelled here, by :func:`~kg.rdf.quads.spell_terms`.
    """
    known = _FORMS.setdefault(quads, {})
    key = tuple(sorted(prefixes.items()))
    if key not in known:
        known.clear()  # one set of forms per dataset at a time: they take memory
        ids = quads.used_ids(quads.rows)
        if quads.spelled is not None and quads.spelled[0] == key:
            forms = quads.spelled[1].copy()
            ids = ids[np.equal(forms[ids], None)]
        else:
            forms = np.full(len(quads.terms), "", dtype=object)
        forms[ids] = spell_terms([quads.terms[i] for i in ids.tolist()], prefixes)
        known[key] = forms
    return known[key]
