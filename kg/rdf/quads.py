"""A dataset held lean: sorted integer rows over one table of terms.

An rdflib ``Dataset`` costs 600-900 bytes a statement and Python-level work on
every insert; a kg build has about two statements per word. :class:`Quads` keeps
each distinct term once (a pyoxigraph term, in canonical order, so a term's
index is its rank) and each statement as four integers in one NumPy array,
sorted canonically and without duplicates: graph (``-1`` for the default graph),
subject, predicate, object. Sorting is done once, in :func:`collect_quads`, and
every writer, the SHACL check and the network projection read the same rows.

Canonical order: the default graph first, then named graphs by IRI; within a
graph by subject, ``rdf:type`` first, then predicate, then object. Terms order
IRIs before blank nodes before literals, each by its lexical form (literals
then by datatype and language), comparing code points.

Examples
--------
"Lenin wrote to Stalin", said in one letter:

>>> from rdflib import Literal, URIRef
>>> from kg.vocab import HKG, RDF, RDFS
>>> lenin, stalin = URIRef("https://w3id.org/histkg/id/person/lenin"), URIRef("https://w3id.org/histkg/id/person/stalin")
>>> letter = URIRef("https://w3id.org/histkg/id/document/000_letter")
>>> said = [(lenin, HKG.metWith, stalin), (lenin, RDF.type, HKG.Person)]
>>> quads = collect_quads(said + [(lenin, RDFS.label, Literal("Lenin"))], [(letter, said)])
>>> len(quads), quads.graph_names()
(5, ['https://w3id.org/histkg/id/document/000_letter'])
>>> [q.predicate.value.split("#")[-1] for q in quads.iter_ox()]   # default graph first, rdf:type first
['type', 'label', 'metWith', 'type', 'metWith']
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager

from kg.rdf.layout import graph_block
from kg.vocab import RDF

Triple = tuple[object, object, object]
#: A term as its canonical sort key, one string: kind ("0" IRI, "1" blank node, "2" literal),
#: lexical form, NUL, datatype, NUL, language (see :func:`term_key`).
TermKey = str
_PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: Rows are converted to Python lists this many at a time (a whole list of lists would double memory).
_CHUNK = 65_536
_TYPE_KEY = f"0{RDF.type}\0\0"
#: Subjects of the throw-away triples that make pyoxigraph print each term once.
_PROBE = "urn:x-kg-term:"


class Quads:
    """A canonically sorted, duplicate-free RDF dataset (build it with :func:`collect_quads`).

    Parameters
    ----------
    terms : sequence
        pyoxigraph terms in canonical order; rows index into it (a build's are made
        from their keys only when read, see :class:`LazyTerms`).
    rows : numpy.ndarray
        ``(n, 4)`` int64: graph (``-1`` = default graph), subject, predicate, object; sorted, unique.
    namespaces : mapping of str to str
        Prefix name -> namespace IRI, the prefixes the writers may use.
    default_is_union : bool
        Whether the default graph holds every statement of the named graphs too
        (so that readers of the union can read the default graph alone).
    """

    def __init__(self, terms: Sequence, rows: np.ndarray, namespaces: Mapping[str, str], default_is_union: bool = False):
        self.terms = terms
        self.rows = rows
        self.namespaces = dict(sorted(namespaces.items()))
        self.default_is_union = default_is_union
        self._namespaces: dict[bool, set[str]] = {}
        self.spelled: tuple[tuple, np.ndarray] | None = None
        """(prefixes as sorted items, forms by term id or None): Turtle forms known
        before writing (from the runs, see :func:`assemble`); the writers spell the rest."""
        self.blocks: dict[int, str] = {}
        """Named graphs already laid out with the prefixes of ``spelled``, by graph id (:func:`~kg.rdf.layout.graph_block`)."""

    def __len__(self) -> int:
        return len(self.rows)

    def default_rows(self) -> np.ndarray:
        """The rows of the default graph (they come first)."""
        return self.rows[: int(np.searchsorted(self.rows[:, 0], 0))]

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, in canonical order."""
        return [self.terms[g].value for g in np.unique(self.rows[:, 0]).tolist() if g >= 0]

    def iter_ox(self, default_only: bool = False) -> Iterator[ox.Quad]:
        """Yield pyoxigraph quads in canonical order (only the default graph's with ``default_only``)."""
        terms, default = self.terms, ox.DefaultGraph()
        rows = self.default_rows() if default_only else self.rows
        for start in range(0, len(rows), _CHUNK):
            for g, s, p, o in rows[start : start + _CHUNK].tolist():
                yield ox.Quad(terms[s], terms[p], terms[o], default if g < 0 else terms[g])

    def used_prefixes(self, default_only: bool = False) -> dict[str, str]:
        """The bound prefixes whose namespace some IRI (or literal datatype) of the rows uses.

        A namespace bound under two names keeps the first name; names Turtle
        cannot spell are skipped.
        """
        used = self._used_namespaces(default_only)
        return {name: namespace for name, namespace in spellable_prefixes(self.namespaces).items() if namespace in used}

    def _used_namespaces(self, default_only: bool) -> set[str]:
        """The namespaces the rows use, worked out once per dataset (a pass over every term)."""
        if default_only not in self._namespaces:
            if not default_only and self.default_is_union:  # the named graphs add only their names
                found = self._used_namespaces(True) | {_namespace(name) for name in self.graph_names()}
            else:
                rows = self.default_rows() if default_only else self.rows
                found = {_namespace(iri) for iri in self._iris(self.used_ids(rows))}
            self._namespaces[default_only] = found
        return self._namespaces[default_only]

    def used_ids(self, rows: np.ndarray) -> np.ndarray:
        """The sorted ids of the terms ``rows`` use (a mask over the table: ``np.unique`` sorts, this does not)."""
        used = np.zeros(len(self.terms), dtype=bool)
        used[rows[:, 1:].ravel()] = True
        used[rows[rows[:, 0] >= 0, 0]] = True
        return np.flatnonzero(used)

    def to_dataset(self) -> Dataset:
        """The same statements and prefixes as an rdflib ``Dataset`` (for SHACL and tests)."""
        dataset = Dataset()
        dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
        for name, namespace in self.namespaces.items():
            dataset.bind(name, namespace, override=True, replace=True)
        convert = _RdflibTerms(self.terms)
        graphs = {-1: dataset.default_graph}
        for start in range(0, len(self.rows), _CHUNK):
            chunk = self.rows[start : start + _CHUNK].tolist()
            for g in {g for g, *_ in chunk} - graphs.keys():
                graphs[g] = dataset.graph(convert(g))
            dataset.addN((convert(s), convert(p), convert(o), graphs[g]) for g, s, p, o in chunk)
        return dataset

    def _iris(self, ids: np.ndarray) -> Iterator[str]:
        """The IRIs among ``ids`` and the datatypes of the typed literals among them."""
        for term in map(self.terms.__getitem__, ids.tolist()):
            if isinstance(term, ox.NamedNode):
                yield term.value
            elif isinstance(term, ox.Literal) and term.datatype.value not in (_STRING, _LANG_STRING):
                yield term.datatype.value


def collect_quads(default: Iterable[Triple], named: Iterable[tuple[URIRef, Iterable[Triple]]] = (),
                  namespaces: Mapping[str, str] | None = None, *, named_in_default: bool = False) -> Quads:
    """Intern, sort and de-duplicate statements given as rdflib terms.

    Parameters
    ----------
    default : iterable of (subject, predicate, object)
        The default graph's triples (rdflib ``URIRef``, ``BNode`` or ``Literal``).
    named : iterable of (graph IRI, triples)
        Each named graph's IRI and triples; a graph named twice is merged.
    namespaces : mapping, optional
        Prefix name -> namespace for the writers.
    named_in_default : bool, default False
        Also put every named graph's triples into the default graph (a kg build's
        default graph holds everything its documents say), without making them twice.

    Returns
    -------
    Quads

    Raises
    ------
    TypeError
        If a term is not an rdflib IRI, blank node or literal.
    ValueError
        If an IRI or language tag is malformed (pyoxigraph's check).

    Examples
    --------
    A statement made twice is kept once:

    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG
    >>> t = (URIRef("https://w3id.org/histkg/id/person/kamenev"), HKG.supports,
    ...      URIRef("https://w3id.org/histkg/id/person/stalin"))
    >>> len(collect_quads([t, t]))
    1
    >>> letter = URIRef("https://w3id.org/histkg/id/document/000_letter")
    >>> len(collect_quads([], [(letter, [t])], named_in_default=True))   # in the letter's graph and the default graph
    2
    """
    runs = ((name, make_run(triples)) for name, triples in named)
    return assemble(default, runs, namespaces, named_in_default=named_in_default)


@dataclass(frozen=True, slots=True)
class Run:
    """One graph's statements laid out on their own, ready to be merged into a :class:`Quads`.

    A run is what the rdf stage keeps per document between builds: merging runs
    (:func:`assemble`) costs a lookup per distinct term and a few array operations,
    where making the statements again costs a few microseconds each.
    """

    terms: tuple[TermKey, ...]
    """The distinct terms, as :func:`term_key` values, in canonical order."""
    rows: np.ndarray
    """``(n, 3)`` int32 (subject, predicate, object) indices into ``terms``, canonically sorted, unique."""
    namespaces: frozenset[str] = frozenset()
    """The namespaces of its IRIs and literal datatypes (what decides the prefixes a file declares)."""
    prefixes: tuple[tuple[str, str], ...] = ()
    """The prefixes ``forms`` were spelled with: of those offered, each whose namespace begins
    one of its IRIs or datatypes (no other prefix can change how its terms are written)."""
    forms: str | None = None
    """How pyoxigraph writes each term in Turtle with ``prefixes``, one line each (one string
    unpickles many times faster than a tuple of them); None if not spelled."""
    block: str | None = None
    """The graph laid out as TriG with ``prefixes`` (:func:`~kg.rdf.layout.graph_block`), when made for a named graph."""


def make_run(triples: Iterable[Triple], prefixes: Mapping[str, str] | None = None, graph: URIRef | None = None) -> Run:
    """Lay out one graph's triples (rdflib terms) as a :class:`Run`; with ``prefixes``, spell its terms too.

    ``prefixes`` should be every prefix the files may declare (filtered as
    :meth:`Quads.used_prefixes` filters them): the spelled forms are used only by
    a dataset that declares the same ones among those that matter to this run.
    With ``graph`` as well, the run is also laid out as that named graph's TriG.

    Raises
    ------
    TypeError
        If a term is not an rdflib IRI, blank node or literal.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from kg.vocab import RDF, RDFS, HKG
    >>> lenin = URIRef("https://w3id.org/histkg/id/person/lenin")
    >>> run = make_run([(lenin, RDFS.label, Literal("Lenin")), (lenin, RDF.type, HKG.Person)] * 2)
    >>> len(run.rows), [split_key(key)[1].split("#")[-1] for key in run.terms]   # IRIs in code-point order
    (2, ['type', 'label', 'https://w3id.org/histkg/id/person/lenin', 'Person', 'Lenin'])
    >>> run.rows.tolist()   # (subject, predicate, object), rdf:type first
    [[2, 0, 3], [2, 1, 4]]
    """
    table = _TermTable()
    flat = array("q")
    for s, p, o in triples:
        flat.extend((table.id(s), table.id(p), table.id(o)))
    rank, ordered = _ranked_keys([term_key(term) for term in table.ids])
    rows = rank[np.frombuffer(flat, dtype=np.int64).reshape(-1, 3)] if len(flat) else np.zeros((0, 3), np.int64)
    terms = tuple(ordered)
    type_id = bisect.bisect_left(terms, _TYPE_KEY)
    type_id = type_id if terms[type_id:type_id + 1] == (_TYPE_KEY,) else None
    rows = _sorted_unique_triples(rows, -2 if type_id is None else type_id)
    if prefixes is None:
        return Run(terms, rows.astype(np.int32), key_namespaces(terms))
    named = () if graph is None else (term_key(graph),)
    chosen = _prefixes_for(tuple(sorted({*terms, *named})), spellable_prefixes(prefixes))
    forms = spell_terms([key_to_ox(key) for key in (*terms, *named)], dict(chosen))
    block = None
    if graph is not None:
        block = graph_block(rows, np.array(forms[: len(terms)], dtype=object), type_id, forms[-1])
    return Run(terms, rows.astype(np.int32), key_namespaces(terms), chosen, "\n".join(forms[: len(terms)]), block)


def spellable_prefixes(namespaces: Mapping[str, str]) -> dict[str, str]:
    """The prefixes of ``namespaces`` a Turtle file can declare: valid names, each namespace once (first name)."""
    chosen: dict[str, str] = {}
    for name, namespace in sorted(namespaces.items()):
        if _PREFIX_NAME.fullmatch(name) and namespace not in chosen.values():
            chosen[name] = namespace
    return chosen


def _prefixes_for(terms: tuple[TermKey, ...], prefixes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The prefixes whose namespace begins one of the IRIs or datatypes of ``terms`` (IRIs come sorted)."""
    iris = [key[1:-2] for key in terms if key[0] == "0"]
    datatypes = {split_key(key)[2] for key in terms if key[0] == "2"} - {""}
    found = []
    for name, namespace in sorted(prefixes.items()):
        at = bisect.bisect_left(iris, namespace)
        if (at < len(iris) and iris[at].startswith(namespace)) or any(d.startswith(namespace) for d in datatypes):
            found.append((name, namespace))
    return tuple(found)


def key_namespaces(terms: Iterable[TermKey]) -> frozenset[str]:
    """The namespaces of the IRIs and literal datatypes among ``terms`` (the same as :meth:`Quads.used_prefixes` sees).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> sorted(key_namespaces([term_key(URIRef("urn:x:a/b")), term_key(Literal("1922", datatype=URIRef("urn:t#year")))]))
    ['urn:t#', 'urn:x:a/']
    """
    found = set()
    for key in terms:
        if key[0] == "0":
            found.add(_namespace(key[1:-2]))
        elif key[0] == "2":
            datatype = split_key(key)[2]
            if datatype and datatype not in (_STRING, _LANG_STRING):
                found.add(_namespace(datatype))
    return frozenset(found)


def spell_terms(terms: Sequence, prefixes: Mapping[str, str]) -> list[str]:
    """How pyoxigraph writes each of ``terms`` (pyoxigraph terms) in Turtle with ``prefixes``, in object position.

    One throw-away triple per term, ``<probe> <probe> term``, is serialised and the
    third field of each line read back: the term's text exactly as pyoxigraph spells it.

    Examples
    --------
    >>> spell_terms([ox.NamedNode("https://w3id.org/histkg/id/person/lenin"), ox.Literal("Ленин", language="ru")],
    ...             {"person": "https://w3id.org/histkg/id/person/"})
    ['person:lenin', '"Ленин"@ru']
    """
    probe = ox.NamedNode(_PROBE)
    triples = (ox.Triple(ox.NamedNode(f"{_PROBE}{i}"), probe, term) for i, term in enumerate(terms))
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes)).decode("utf-8")
    lines = [line for line in text.split("\n") if line and not line.startswith("@prefix ")]
    if len(lines) != len(terms):
        raise ValueError(f"expected one Turtle line per term, got {len(lines)} for {len(terms)}")
    return [line.split(" ", 2)[2][: -len(" .")] for line in lines]


class LazyTerms(Sequence):
    """Term keys in canonical order, read as pyoxigraph terms, each made when first read.

    A build's dataset has a few hundred thousand terms; the writers take most of
    their Turtle forms from the runs, so most are never made at all.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> terms = LazyTerms([term_key(URIRef("urn:x:lenin"))])
    >>> len(terms), terms[0], terms.made
    (1, <NamedNode value=urn:x:lenin>, [<NamedNode value=urn:x:lenin>])
    """

    __slots__ = ("keys", "made")

    def __init__(self, keys: list[TermKey]):
        self.keys = keys
        self.made: list = [None] * len(keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        term = self.made[index]
        if term is None:
            term = self.made[index] = key_to_ox(self.keys[index])
        return term


def assemble(default: Iterable[Triple], named: Iterable[tuple[URIRef, Run]],
             namespaces: Mapping[str, str] | None = None, *, named_in_default: bool = False) -> Quads:
    """Merge the default graph's triples and the named graphs' runs into one :class:`Quads`.

    Parameters
    ----------
    default : iterable of (subject, predicate, object)
        The default graph's triples, as rdflib terms.
    named : iterable of (graph IRI, Run)
        Each named graph's IRI and run; a graph named twice is merged.
    namespaces : mapping, optional
        Prefix name -> namespace for the writers.
    named_in_default : bool, default False
        Also put every named graph's statements into the default graph.

    Returns
    -------
    Quads

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG, RDF
    >>> letter = URIRef("https://w3id.org/histkg/id/document/000_letter")
    >>> run = make_run([(letter, RDF.type, HKG.Document)])
    >>> quads = assemble([(letter, RDF.type, HKG.Document)], [(letter, run)], named_in_default=True)
    >>> len(quads), quads.graph_names()
    (2, ['https://w3id.org/histkg/id/document/000_letter'])
    """
    table = _TermTable()
    flat = array("q")
    for s, p, o in default:
        flat.extend((table.id(s), table.id(p), table.id(o)))
    default_keys = [term_key(t) for t in table.ids]
    named = [(term_key(name), run) for name, run in named]
    # Every distinct key numbered in first-seen order, with C-level dict calls only
    # (the runs of a large corpus hold half a million keys).
    keys: dict[TermKey, int] = dict.fromkeys(default_keys)
    for name, run in named:
        keys[name] = None
        keys.update(dict.fromkeys(run.terms))
    keys = dict(zip(keys, range(len(keys))))
    number = keys.__getitem__
    ids = np.fromiter(map(number, default_keys), np.int64, len(default_keys))
    default_spo = [ids[np.frombuffer(flat, dtype=np.int64).reshape(-1, 3)]] if len(flat) else []
    graphs: list[tuple[int, np.ndarray, np.ndarray, Run]] = []
    for name, run in named:
        local = np.fromiter(map(number, run.terms), np.int64, len(run.terms))
        graphs.append((keys[name], local, local[run.rows], run))
    rank, ordered = _ranked_keys(list(keys))
    terms = LazyTerms(ordered)
    graphs.sort(key=lambda graph: int(rank[graph[0]]))
    # Every named graph's rows in ranks at once, each row tagged with its graph's rank.
    named_spo = rank[_concat([spo for _, _, spo, _ in graphs])]
    named_rows = _with_graph(named_spo, np.repeat(rank[np.array([g for g, *_ in graphs], dtype=np.int64)],
                                                  [len(spo) for _, _, spo, _ in graphs]))
    default_spo = rank[_concat(default_spo)]
    if named_in_default:
        default_spo = np.concatenate([default_spo, named_spo])
    parts = [_sorted_unique(_with_graph(default_spo, -1), terms)]
    if len({g for g, *_ in graphs}) == len(graphs):
        # A run is sorted and unique, and ranks keep the order of its terms: in the
        # order of their graphs' names the runs are the named graphs, sorted.
        parts.append(named_rows)
    else:  # a graph named twice: its runs are merged by sorting
        parts.append(_sorted_unique(named_rows, terms))
    quads = Quads(terms, np.concatenate(parts), namespaces or {}, named_in_default)
    if named_in_default:  # the default graph's terms are exactly the runs' and the default triples'
        quads._namespaces[True] = set(key_namespaces(default_keys)).union(*(run.namespaces for *_, run in graphs))
        _spelled(quads, [(int(rank[g]), rank[local], run) for g, local, _, run in graphs])
    return quads


def _spelled(quads: Quads, runs: list[tuple[int, np.ndarray, Run]]) -> None:
    """Give ``quads`` the Turtle forms and graph blocks the runs made with the prefixes the files will declare."""
    prefixes = quads.used_prefixes()
    forms = np.full(len(quads.terms), None, dtype=object)
    blocks = {}
    for g, ids, run in runs:
        if run.forms is not None and len(ids) and all(prefixes.get(n) == ns for n, ns in run.prefixes):
            forms[ids] = np.array(run.forms.split("\n"), dtype=object)
            if run.block is not None:
                blocks[g] = run.block
    quads.spelled = tuple(sorted(prefixes.items())), forms
    unique = len(blocks) == len({g for g, _, _ in runs})  # a graph named twice is laid out from its merged rows
    quads.blocks = blocks if unique else {}


def _concat(spo: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(spo) if spo else np.zeros((0, 3), np.int64)


def from_rdflib(data: Graph) -> Quads:
    """The statements and bound prefixes of an rdflib ``Graph`` or ``Dataset``.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from kg.vocab import HKG, RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/histkg/id/person/lenin"), RDF.type, HKG.Person))
    >>> len(from_rdflib(g)), from_rdflib(g).graph_names()
    (1, [])
    """
    namespaces = {name: str(namespace) for name, namespace in sorted(data.namespaces())}
    if not isinstance(data, Dataset):
        return collect_quads(data, (), namespaces)
    default = data.default_graph.identifier
    named = ((g.identifier, g) for g in data.graphs() if g.identifier != default)
    return collect_quads(data.default_graph, named, namespaces)


class _TermTable:
    """Distinct rdflib terms, numbered in first-seen order."""

    def __init__(self):
        self.ids: dict[object, int] = {}

    def id(self, term: object) -> int:
        found = self.ids.get(term)
        if found is None:
            if not isinstance(term, (URIRef, Literal, BNode)):
                raise TypeError(f"cannot serialise RDF term {term!r}")
            found = self.ids[term] = len(self.ids)
        return found


def _ranked_keys(keys: list[TermKey]) -> tuple[np.ndarray, list[TermKey]]:
    """``rank[id]`` of every term key (ids in the order given), and the keys in rank order."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(keys), dtype=np.int64)
    return rank, [keys[i] for i in order]


def _with_graph(spo: np.ndarray, g: int | np.ndarray) -> np.ndarray:
    """``spo`` rows with a graph column ``g`` (one rank, -1 for the default graph, or one per row) in front."""
    rows = np.empty((len(spo), 4), dtype=np.int64)
    rows[:, 0], rows[:, 1:] = g, spo
    return rows


def term_key(term: object) -> TermKey:
    """The canonical sort key of an rdflib term: IRIs, then blank nodes, then literals.

    One string, which sorts as the tuple (kind, lexical form, datatype, language)
    would: each part ends in a NUL, which sorts below every character a part can
    hold. A string is hashed once and compared in C, where a tuple is hashed on
    every dictionary lookup: a build looks up half a million keys.

    Raises
    ------
    ValueError
        If the term holds a NUL character (no RDF syntax kg writes can carry one).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> sorted([Literal("Lenin"), URIRef("urn:x:lenin")], key=term_key)
    [rdflib.term.URIRef('urn:x:lenin'), rdflib.term.Literal('Lenin')]
    >>> term_key(Literal("Ленин", lang="ru")), split_key(term_key(Literal("Ленин", lang="ru")))
    ('2Ленин\\x00\\x00ru', (2, 'Ленин', '', 'ru'))
    """
    if isinstance(term, Literal):
        key = f"2{term}\0{term.datatype or ''}\0{term.language or ''}"
    else:
        key = f"{1 if isinstance(term, BNode) else 0}{term}\0\0"
    if key.count("\0") != 2:
        raise ValueError(f"cannot serialise RDF term {term!r}: it holds a NUL character")
    return key


def split_key(key: TermKey) -> tuple[int, str, str, str]:
    """The parts of a :func:`term_key`: kind (0 IRI, 1 blank node, 2 literal), lexical form, datatype, language."""
    value, datatype, language = key[1:].split("\0")
    return int(key[0]), value, datatype, language


def key_to_ox(key: TermKey) -> object:
    """The pyoxigraph term of a :func:`term_key` value (the same as :func:`to_ox` of the term).

    Examples
    --------
    >>> from rdflib import Literal
    >>> key_to_ox(term_key(Literal("Ленин", lang="ru"))) == to_ox(Literal("Ленин", lang="ru"))
    True
    """
    kind, value, datatype, language = split_key(key)
    if kind == 2:
        if language:
            return ox.Literal(value, language=language)
        return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)
    return ox.BlankNode(value) if kind == 1 else ox.NamedNode(value)


def to_ox(term: object) -> object:
    """An rdflib term as a pyoxigraph term.

    Examples
    --------
    >>> from rdflib import Literal
    >>> to_ox(Literal("Ленин", lang="ru"))
    <Literal value=Ленин language=ru>
    """
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    raise TypeError(f"cannot serialise RDF term {term!r}")


def to_rdflib(term: object) -> object:
    """A pyoxigraph term as an rdflib term (a plain literal stays plain).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> to_rdflib(ox.Literal("1922", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))).n3()
    '"1922"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return URIRef(term.value)


def ox_key(term: object) -> TermKey:
    """:func:`term_key` of the rdflib form of a pyoxigraph term (the order of ``Quads.terms``)."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return f"2{term.value}\0{'' if datatype in (_STRING, _LANG_STRING) else datatype}\0{term.language or ''}"
    return f"{1 if isinstance(term, ox.BlankNode) else 0}{term.value}\0\0"


class _RdflibTerms:
    """Term id -> rdflib term, each converted once."""

    def __init__(self, terms: list):
        self.terms, self.done = terms, {}

    def __call__(self, index: int) -> object:
        found = self.done.get(index)
        if found is None:
            found = self.done[index] = to_rdflib(self.terms[index])
        return found


def _sorted_unique(rows: np.ndarray, terms: list) -> np.ndarray:
    """Rows in canonical order (graph, subject, rdf:type first, predicate, object), duplicates dropped.

    Where the term ids are small enough, subject, "not rdf:type", predicate and
    object are packed into one int64, so two stable sorts (by that, then by graph,
    which the rows of a build mostly come grouped by) replace a five-key lexsort.
    """
    type_id = term_index(terms, ox.NamedNode(str(RDF.type)))
    not_type = rows[:, 2] != (-2 if type_id is None else type_id)
    bits = max(len(terms).bit_length(), 1)
    if 3 * bits + 1 > 63:
        rows = rows[np.lexsort((rows[:, 3], rows[:, 2], not_type, rows[:, 1], rows[:, 0]))]
        return _unique_sorted(rows)
    key = (rows[:, 1] << (2 * bits + 1)) | (not_type.astype(np.int64) << (2 * bits)) | (rows[:, 2] << bits) | rows[:, 3]
    order = np.argsort(key, kind="stable")
    order = order[np.argsort(rows[order, 0], kind="stable")]
    # A row is a duplicate when both its graph and its packed key equal the previous row's.
    graphs, key = rows[order, 0], key[order]
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = (key[1:] != key[:-1]) | (graphs[1:] != graphs[:-1])
    return rows[order[keep]]


def _sorted_unique_triples(rows: np.ndarray, type_id: int) -> np.ndarray:
    """(subject, predicate, object) rows in canonical order (``type_id``'s first), duplicates dropped."""
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 1] != type_id, rows[:, 0]))]
    return _unique_sorted(rows)


def _unique_sorted(rows: np.ndarray) -> np.ndarray:
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return rows[keep]


def term_index(terms: list, term: object) -> int | None:
    """The index of pyoxigraph ``term`` in the canonically ordered ``terms`` (binary search), or None.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.vocab import HKG, RDF
    >>> quads = collect_quads([(URIRef("urn:x:lenin"), RDF.type, HKG.Person)])
    >>> term_index(quads.terms, ox.NamedNode("urn:x:lenin")), term_index(quads.terms, ox.NamedNode("urn:x:stalin"))
    (2, None)
    """
    key = ox_key(term)
    index = bisect.bisect_left(terms, key, key=ox_key)
    return index if index < len(terms) and terms[index] == term else None


def _namespace(iri: str) -> str:
    """The IRI up to and including its last ``#`` or ``/``."""
    return iri[: max(iri.rfind("#"), iri.rfind("/")) + 1]


