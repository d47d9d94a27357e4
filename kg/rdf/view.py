"""A read-only, rdflib-flavoured view of the union of a :class:`~kg.rdf.quads.Quads`.

:class:`GraphView` answers rdflib's ``subjects(p, o)``, ``objects(s, p)`` and
``value(s, p)`` from the integer rows, so a reader needs no rdflib store and no
copy of the statements; only the terms it is handed back become rdflib terms.

The network projection (:func:`kg.analyze.to_networkx`) asks the same questions
thousands of times, once per entity and per assertion; it uses the bulk form
instead, by term id: :meth:`GraphView.subject_ids` and
:meth:`GraphView.objects_by_subject` answer for many subjects at once with a few
NumPy operations over the rows, and :meth:`GraphView.text` spells a term id as
``str()`` of its rdflib term without building that term when it need not.

Examples
--------
"Kamenev sided with Stalin":

>>> from rdflib import Literal, URIRef
>>> from kg.rdf.quads import LazyTerms, collect_quads
>>> from kg.vocab import HKG, RDF, RDFS
>>> kamenev = URIRef("https://w3id.org/histkg/id/person/kamenev")
>>> stalin = URIRef("https://w3id.org/histkg/id/person/stalin")
>>> view = GraphView(collect_quads([(kamenev, HKG.supports, stalin), (kamenev, RDF.type, HKG.Person),
...                                 (kamenev, RDFS.label, Literal("Kamenev", lang="en"))]))
>>> list(view.subjects(RDF.type, HKG.Person)) == [kamenev]
True
>>> view.value(kamenev, RDFS.label)
rdflib.term.Literal('Kamenev', lang='en')

The same by term id, for many subjects at once:

>>> persons = view.subject_ids(RDF.type, HKG.Person)
>>> labels = view.objects_by_subject(persons, RDFS.label)
>>> [(view.text(p), [(view.text(l), view.language(l)) for l in labels[p]]) for p in persons]
[('https://w3id.org/histkg/id/person/kamenev', [('Kamenev', 'en')])]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pyoxigraph as ox
import rdflib
from rdflib.term import XSDToPython

from kg.rdf.quads import _LANG_STRING, _STRING, LazyTerms, Quads, _RdflibTerms, split_key, term_index, to_ox

#: The datatypes whose lexical forms rdflib reads with ``int()`` (xsd:integer and its kin).
_INTEGERS = frozenset(str(datatype) for datatype, cast in XSDToPython.items() if cast is int)


class GraphView:
    """The union of every graph of ``quads``: each (subject, predicate, object) once.

    Parameters
    ----------
    quads : kg.rdf.quads.Quads
        The dataset to read.

    Notes
    -----
    Rows are held sorted by subject; every statement of one subject is one run of
    rows, and within a run the objects of one predicate come in canonical order
    (by term id), so "the first object" is the same on every run.
    """

    def __init__(self, quads: Quads):
        self._rows = quads.default_rows()[:, 1:] if quads.default_is_union else _union(quads.rows)
        self._subjects = np.ascontiguousarray(self._rows[:, 0])
        self._terms, self._rdflib, self._ids = quads.terms, _RdflibTerms(quads.terms), {}
        # term keys (kind, lexical form, datatype, language: kg.rdf.quads.term_key) where the terms are made lazily from them
        self._keys = quads.terms.keys if isinstance(quads.terms, LazyTerms) else None
        self._by_predicate: dict[int, np.ndarray] = {}

    def subjects(self, predicate, object) -> Iterator:
        """Subjects of the statements with ``predicate`` and ``object``, in canonical order."""
        return map(self._term, self.subject_ids(predicate, object))

    def objects(self, subject, predicate) -> Iterator:
        """Objects of the statements with ``subject`` and ``predicate``, in canonical order."""
        s = self._id(subject)
        if s is None:
            return iter(())
        return map(self._term, self.object_ids([s], predicate)[1].tolist())

    def value(self, subject, predicate, default=None):
        """The first object of ``subject`` and ``predicate`` in canonical order, else ``default``."""
        return next(self.objects(subject, predicate), default)

    def subject_ids(self, predicate, object) -> list[int]:
        """Ids of the subjects of the statements with ``predicate`` and ``object``, in canonical order.

        Parameters
        ----------
        predicate, object : rdflib term
            The predicate and object the statements share.

        Returns
        -------
        list of int
            Term ids (indices into ``quads.terms``); empty when no statement matches.

        Examples
        --------
        >>> from rdflib import URIRef
        >>> from kg.rdf.quads import collect_quads
        >>> from kg.vocab import HKG, RDF
        >>> lenin, stalin = URIRef("urn:x:lenin"), URIRef("urn:x:stalin")
        >>> view = GraphView(collect_quads([(lenin, RDF.type, HKG.Person), (stalin, RDF.type, HKG.Person)]))
        >>> [view.text(i) for i in view.subject_ids(RDF.type, HKG.Person)]
        ['urn:x:lenin', 'urn:x:stalin']
        >>> view.subject_ids(RDF.type, HKG.Meeting)
        []
        """
        o = self._id(object)
        rows = self._rows_with(predicate)
        if o is None or not len(rows):
            return []
        return self._rows[rows[self._rows[rows, 2] == o], 0].tolist()

    def object_ids(self, subjects: Iterable[int], predicate) -> tuple[np.ndarray, np.ndarray]:
        """Every statement with ``predicate`` about one of ``subjects``, as two aligned id arrays.

        Parameters
        ----------
        subjects : iterable of int
            Term ids of the subjects, in any order, repeats allowed.
        predicate : rdflib term
            The predicate of the statements.

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            Subject ids and object ids, sorted by subject, then object (canonical order).

        Examples
        --------
        >>> from rdflib import Literal, URIRef
        >>> from kg.rdf.quads import collect_quads
        >>> from kg.vocab import HKG, RDF, RDFS
        >>> lenin = URIRef("urn:x:lenin")
        >>> view = GraphView(collect_quads([(lenin, RDF.type, HKG.Person), (lenin, RDFS.label, Literal("Lenin")),
        ...                                 (lenin, RDFS.label, Literal("Ленин"))]))
        >>> persons = view.subject_ids(RDF.type, HKG.Person)
        >>> s, o = view.object_ids(persons + persons, RDFS.label)
        >>> [view.text(i) for i in s.tolist()], [view.text(i) for i in o.tolist()]
        (['urn:x:lenin', 'urn:x:lenin'], ['Lenin', 'Ленин'])
        """
        p = self._id(predicate)
        if p is None:
            nothing = np.empty(0, dtype=np.int64)
            return nothing, nothing
        rows = self._rows_about(subjects)
        rows = rows[self._rows[rows, 1] == p]
        return self._rows[rows, 0], self._rows[rows, 2]

    def objects_by_subject(self, subjects: Iterable[int], predicate) -> dict[int, list[int]]:
        """Map each of ``subjects`` that has ``predicate`` to its objects' ids, in canonical order.

        Examples
        --------
        >>> from rdflib import Literal, URIRef
        >>> from kg.rdf.quads import collect_quads
        >>> from kg.vocab import HKG, RDF, RDFS
        >>> lenin, stalin = URIRef("urn:x:lenin"), URIRef("urn:x:stalin")
        >>> view = GraphView(collect_quads([(lenin, RDF.type, HKG.Person), (stalin, RDF.type, HKG.Person),
        ...                                 (lenin, RDFS.label, Literal("Lenin"))]))
        >>> persons = view.subject_ids(RDF.type, HKG.Person)
        >>> {view.text(s): [view.text(o) for o in found]
        ...  for s, found in view.objects_by_subject(persons, RDFS.label).items()}  # Stalin has none
        {'urn:x:lenin': ['Lenin']}
        """
        found: dict[int, list[int]] = {}
        for s, o in zip(*(ids.tolist() for ids in self.object_ids(subjects, predicate))):
            found.setdefault(s, []).append(o)
        return found

    def text(self, index: int) -> str:
        """``str()`` of a term's rdflib form: the IRI, the blank node label or the literal's lexical form.

        A typed literal reads as rdflib spells it, which may normalise its lexical
        form (``"01"^^xsd:integer`` reads ``"1"``); every other term as stored.

        Examples
        --------
        A literal as a parser left it (rdflib would have normalised it on the way in):

        >>> integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        >>> terms = [ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:start"), ox.Literal("01", datatype=integer)]
        >>> view = GraphView(Quads(terms, np.array([[-1, 0, 1, 2]]), {}))
        >>> [view.text(i) for i in range(3)]
        ['urn:x:a', 'urn:x:start', '1']
        """
        if self._keys is not None:  # a build's terms: read the key, make no term
            kind, value, datatype, _ = split_key(self._keys[index])
            if kind != 2:
                return value
            datatype = datatype or _STRING
        else:
            term = self._terms[index]
            if not isinstance(term, ox.Literal):
                return term.value
            value, datatype = term.value, term.datatype.value
        if datatype in _INTEGERS:  # thousands of offsets: skip building each literal
            return _integer_text(value)
        return value if datatype in (_STRING, _LANG_STRING) else str(self._rdflib(index))

    def language(self, index: int) -> str:
        """The language tag of a literal, ``""`` for any other term."""
        if self._keys is not None:
            return self._keys[index].rpartition("\0")[2]
        term = self._terms[index]
        return (term.language or "") if isinstance(term, ox.Literal) else ""

    def is_iri(self, index: int) -> bool:
        """Whether a term is an IRI (not a blank node or a literal)."""
        if self._keys is not None:
            return self._keys[index][0] == "0"
        return isinstance(self._terms[index], ox.NamedNode)

    def _rows_with(self, predicate) -> np.ndarray:
        """Indices of the rows with ``predicate``, in row order (one scan per predicate, kept)."""
        p = self._id(predicate)
        if p is None:
            return np.empty(0, dtype=np.int64)
        if p not in self._by_predicate:
            self._by_predicate[p] = np.flatnonzero(self._rows[:, 1] == p)
        return self._by_predicate[p]

    def _rows_about(self, subjects: Iterable[int]) -> np.ndarray:
        """Indices of the rows whose subject is one of ``subjects``, in row order.

        Each subject's rows are one run ``[lo, hi)`` of the subject-sorted rows; the
        runs are spelled out with ``repeat`` and ``arange`` rather than a Python loop.
        """
        ids = np.unique(np.fromiter(subjects, dtype=np.int64))
        lo = np.searchsorted(self._subjects, ids)
        sizes = np.searchsorted(self._subjects, ids, "right") - lo
        run_starts = np.cumsum(sizes) - sizes
        return np.repeat(lo - run_starts, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)

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


def _integer_text(lexical: str) -> str:
    """An integer literal's lexical form as rdflib spells it: normalised by ``str(int())`` when that reads it.

    rdflib does this when it builds the literal (``rdflib.NORMALIZE_LITERALS``);
    a form ``int()`` cannot read is kept as it is.

    Examples
    --------
    >>> _integer_text("007"), _integer_text(" +5"), _integer_text("five")
    ('7', '5', 'five')
    """
    if not rdflib.NORMALIZE_LITERALS:
        return lexical
    try:
        return str(int(lexical))
    except ValueError:
        return lexical


def _union(rows: np.ndarray) -> np.ndarray:
    """(subject, predicate, object) rows of every graph, each once, sorted by subject."""
    rows = rows[:, 1:]
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return rows[keep]
