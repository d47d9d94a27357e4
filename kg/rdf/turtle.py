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

from kg.rdf.quads import Quads, spell_terms, term_index
from kg.vocab import RDF

_CHUNK = 65_536
#: The graph "before" the first statement (-1 is the default graph, >= 0 a named graph).
_NONE = -2
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
    return _iter_text(quads, quads.default_rows(), prefixes)


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
    return _iter_text(quads, quads.rows, prefixes)


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
    header = _header(prefixes)
    if header:
        yield "both", header
    if len(quads.rows) == 0:
        return
    split = len(quads.default_rows())
    layout = _Layout(_forms_of(quads, prefixes), _type_id(quads), started=bool(header))
    for start in range(0, split, _CHUNK):
        yield "both", layout.lay_out(quads.rows[start : min(start + _CHUNK, split)]).encode("utf-8")
    yield "ttl", layout.close().encode("utf-8")
    for start in range(split, len(quads.rows), _CHUNK):
        yield "trig", layout.lay_out(quads.rows[start : start + _CHUNK]).encode("utf-8")
    yield "trig", layout.close().encode("utf-8")


def _header(prefixes: dict[str, str]) -> bytes:
    return "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in sorted(prefixes.items())).encode("utf-8")


def _type_id(quads: Quads) -> int | None:
    return term_index(quads.terms, ox.NamedNode(str(RDF.type)))


def _iter_text(quads: Quads, rows: np.ndarray, prefixes: dict[str, str]) -> Iterator[bytes]:
    header = _header(prefixes)
    if header:
        yield header
    if len(rows) == 0:
        return
    layout = _Layout(_forms_of(quads, prefixes), _type_id(quads), started=bool(header))
    for start in range(0, len(rows), _CHUNK):
        yield layout.lay_out(rows[start : start + _CHUNK]).encode("utf-8")
    yield layout.close().encode("utf-8")


class _Layout:
    """Statement rows -> Turtle/TriG text, a chunk of rows at a time.

    Each row becomes four pieces, chosen with NumPy masks rather than a Python loop
    (a loop costs about a microsecond a statement): what ends the previous statement
    and indents this one (``" , "``, ``" ;\\n\\t"``, ``" .\\n\\n"``, or the close and
    open of a graph), the subject and a space, the predicate and a space, the object.
    The open graph, subject and predicate carry over between chunks.
    """

    #: What leads a row, by (new subject, new predicate, in a named graph): see :meth:`lay_out`.
    LEADS = np.array([" , ", " ;\n\t", " .\n\n", " , ", " ;\n\t\t", " .\n\n\t"], dtype=object)

    def __init__(self, forms: np.ndarray, type_id: int | None, started: bool):
        self.forms = forms
        self.subjects = np.array([None if f is None else f + " " for f in forms.tolist()], dtype=object)
        self.predicates = self.subjects.copy()
        if type_id is not None:
            self.predicates[type_id] = "a "
        self.started, self.last = started, None

    def lay_out(self, rows: np.ndarray) -> str:
        g, s, p = rows[:, 0], rows[:, 1], rows[:, 2]
        before = np.empty((len(rows), 3), dtype=np.int64)
        before[0] = self.last if self.last is not None else (_NONE, -1, -1)
        before[1:] = rows[:-1, :3]
        new_graph = g != before[:, 0]
        new_subject = new_graph | (s != before[:, 1])
        new_predicate = new_subject | (p != before[:, 2])
        pieces = np.empty((len(rows), 4), dtype=object)
        # 0 " , ", 1 " ;\n\t", 2 " .\n\n", each + 3 in a named graph (one more tab of indent)
        pieces[:, 0] = self.LEADS[new_predicate.astype(np.int64) + new_subject + 3 * (g >= 0)]
        pieces[:, 1] = ""
        pieces[new_subject, 1] = self.subjects[s[new_subject]]
        pieces[:, 2] = ""
        pieces[new_predicate, 2] = self.predicates[p[new_predicate]]
        pieces[:, 3] = self.forms[rows[:, 3]]
        for i in np.flatnonzero(new_graph).tolist():
            pieces[i, 0] = self._switch_graph(int(before[i, 0]), int(g[i])) + ("\t" if g[i] >= 0 else "")
        self.last = rows[-1, :3].tolist()
        return "".join(pieces.ravel().tolist())

    def close(self) -> str:
        """End the last statement and graph."""
        return _end_graph(self.last[0] if self.last is not None else _NONE)

    def _switch_graph(self, previous: int, g: int) -> str:
        """End the ``previous`` graph's last statement, if any, and open graph ``g``."""
        text = _end_graph(previous) + ("\n" if self.started else "")
        self.started = True
        return text + (f"{self.forms[g]} {{\n" if g >= 0 else "")


def _end_graph(g: int) -> str:
    """What ends the last statement of graph ``g`` (``-1`` default, ``_NONE`` no statement yet)."""
    return "" if g == _NONE else " .\n" + ("}\n" if g >= 0 else "")


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
