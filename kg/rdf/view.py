"""A read-only, rdflib-flavoured view of the union of a :class:`~kg.rdf.quads.Quads`.

The network projection (:func:`kg.analyze.to_networkx`) asks a graph three things:
``subjects(p, o)``, ``objects(s, p)`` and ``value(s, p)``. :class:`GraphView`
answers them from the integer rows by binary search, so the projection needs no
rdflib store and no copy of the statements; only the terms it is handed back
become rdflib terms.

Examples
--------
"Kamenev sided with Stalin":

>>> from rdflib import Literal, URIRef
>>> from kg.rdf.quads import collect_quads
>>> from kg.vocab import HKG, RDF, RDFS
>>> kamenev = URIRef("https://w3id.org/histkg/id/person/kamenev")
>>> stalin = URIRef("https://w3id.org/histkg/id/person/stalin")
>>> view = GraphView(collect_quads([(kamenev, HKG.supports, stalin), (kamenev, RDF.type, HKG.Person),
...                                 (kamenev, RDFS.label, Literal("Kamenev", lang="en"))]))
>>> list(view.subjects(RDF.type, HKG.Person)) == [kamenev]
True
>>> view.value(kamenev, RDFS.label)
rdflib.term.Literal('Kamenev', lang='en')
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from kg.rdf.quads import Quads, _RdflibTerms, term_index, to_ox


class GraphView:
    """The union of every graph of ``quads``: each (subject, predicate, object) once.

    Parameters
    ----------
    quads : kg.rdf.quads.Quads
        The dataset to read.
    """

    def __init__(self, quads: Quads):
        self._rows = quads.default_rows()[:, 1:] if quads.default_is_union else _union(quads.rows)
        self._subjects = np.ascontiguousarray(self._rows[:, 0])
        width = max(len(quads.terms), 1)
        pair = self._rows[:, 1] * width + self._rows[:, 2]
        self._by_pair = np.argsort(pair, kind="stable")
        self._pairs, self._width = pair[self._by_pair], width
        self._terms, self._rdflib, self._ids = quads.terms, _RdflibTerms(quads.terms), {}

    def subjects(self, predicate, object) -> Iterator:
        """Subjects of the statements with ``predicate`` and ``object``, in canonical order."""
        p, o = self._id(predicate), self._id(object)
        if p is None or o is None:
            return iter(())
        key = p * self._width + o
        lo, hi = np.searchsorted(self._pairs, key), np.searchsorted(self._pairs, key, "right")
        return map(self._term, self._rows[self._by_pair[lo:hi], 0].tolist())

    def objects(self, subject, predicate) -> Iterator:
        """Objects of the statements with ``subject`` and ``predicate``, in canonical order."""
        s, p = self._id(subject), self._id(predicate)
        if s is None or p is None:
            return iter(())
        lo, hi = np.searchsorted(self._subjects, s), np.searchsorted(self._subjects, s, "right")
        found = self._rows[lo:hi]
        return map(self._term, found[found[:, 1] == p, 2].tolist())

    def value(self, subject, predicate, default=None):
        """The first object of ``subject`` and ``predicate`` in canonical order, else ``default``."""
        return next(self.objects(subject, predicate), default)

    def _term(self, index: int):
        term = self._rdflib(index)
        self._ids[term] = index
        return term

    def _id(self, term) -> int | None:
        """The index of an rdflib term, or None when no statement uses it."""
        found = self._ids.get(term)
        if found is None and term is not None:
            found = term_index(self._terms, to_ox(term))
            if found is not None:
                self._ids[term] = found
        return found


def _union(rows: np.ndarray) -> np.ndarray:
    """(subject, predicate, object) rows of every graph, each once, sorted by subject."""
    rows = rows[:, 1:]
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return rows[keep]
