"""Project the RDF graph of the contract onto networkx graphs.

:func:`to_networkx` is the one place where rdflib meets networkx: it reads the entities
and the ``hkg:Assertion`` evidence nodes and returns a typed multigraph whose nodes are
entity IRIs and whose edges are assertions. Every other view of this module is derived
from that multigraph, never from the RDF again.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from itertools import combinations

import networkx as nx
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph

from kg.analyze._vocab import CORE_CLASSES, DCTERMS, HKG, OWL, PROV, RDF, RDFS, SKOS, WIKIDATA

#: Predicates that put a person at a meeting (co-participation ties, bipartite views).
PARTICIPATION: tuple[str, ...] = ("participatedIn", "chaired")
#: Predicates that tie a person to an organisation.
AFFILIATION: tuple[str, ...] = ("memberOf", "leads", "worksFor")
_BIPARTITE = {"Meeting": PARTICIPATION, "Organisation": AFFILIATION}
_YEAR = re.compile(r"-?\d{4}")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Return the typed multigraph of a contract graph: entities as nodes, assertions as edges.

    Parameters
    ----------
    graph : rdflib.Graph, rdflib.Dataset or kg.rdf.Quads
        A graph that follows ``shared/CONTRACT.md``; a Dataset is read as the union of
        its default and named graphs. A build's :class:`~kg.rdf.Quads` is read in place
        (through :class:`kg.rdf.view.GraphView`), without an rdflib copy.

    Returns
    -------
    networkx.MultiDiGraph
        One node per entity IRI of the five core classes, with ``label``, ``type``,
        ``alt_labels``, ``qid``, ``docs``, ``years`` and ``date``; one edge per
        ``hkg:Assertion`` between two such entities, keyed by the assertion IRI, with
        ``predicate``, ``quote``, ``doc``, ``char_start``, ``char_end``, ``confidence``
        and ``method``. Assertions about documents (``authored``, ``addressedTo``) are
        left out. Nodes and edges are added in sorted order.

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> G = to_networkx(example_dataset())
    >>> G.number_of_nodes(), G.number_of_edges()
    (4, 6)
    >>> G.nodes["https://w3id.org/histkg/id/trotsky"]["alt_labels"]
    ['Trotskij']
    >>> G.nodes["https://w3id.org/histkg/id/stalin"]["years"]  # from the document
    [1923]
    >>> edge = G.edges["https://w3id.org/histkg/id/kamenev",
    ...                "https://w3id.org/histkg/id/stalin", "https://w3id.org/histkg/id/e1"]
    >>> edge["predicate"], edge["quote"], edge["char_start"]
    ('supports', 'Kamenev sided with Stalin', 24)
    """
    g = _lookup(graph)
    types = _entity_types(g)
    G = nx.MultiDiGraph()
    for iri, attrs in sorted(_node_attributes(g, types).items()):
        G.add_node(iri, **attrs)
    for key, u, v, attrs in sorted(_assertion_edges(g, types), key=lambda edge: edge[0]):
        G.add_edge(u, v, key=key, **attrs)
    return G


def _lookup(graph):
    """Return the bulk lookups :func:`to_networkx` reads a graph through.

    A build's Quads get a :class:`~kg.rdf.view.GraphView` (term ids, NumPy over the
    rows); an rdflib graph gets :class:`_RdflibLookup` over its union (rdflib terms).
    """
    from kg.rdf.quads import Quads
    from kg.rdf.view import GraphView

    return GraphView(graph) if isinstance(graph, Quads) else _RdflibLookup(_union(graph))


def _union(graph: Graph) -> Graph:
    """Merge the graphs of a Dataset into one Graph; return a plain Graph unchanged.

    A kg build's default graph already holds everything its named graphs say (the
    contract's graph.ttl), so it is read as it is, without a copy: on large builds the
    copy would double the memory the graph takes.
    """
    if not isinstance(graph, ConjunctiveGraph):
        return graph
    default = graph.default_graph if isinstance(graph, Dataset) else None
    if default is not None and (None, RDF.type, HKG.Assertion) in default:
        return default
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


class _RdflibLookup:
    """The lookups of :class:`~kg.rdf.view.GraphView`, answered by an rdflib graph.

    Its handles on nodes are the rdflib terms themselves, where a GraphView's are
    term ids; :func:`to_networkx` only passes them back or spells them with :meth:`text`.

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> g = _RdflibLookup(_union(example_dataset()))
    >>> [g.text(p) for p in g.subject_ids(RDF.type, HKG.Meeting)]
    ['https://w3id.org/histkg/id/congress']
    """

    def __init__(self, graph: Graph):
        self.graph = graph

    def subject_ids(self, predicate, object) -> list:
        """The subjects of the statements with ``predicate`` and ``object``."""
        return list(self.graph.subjects(predicate, object))

    def objects_by_subject(self, subjects, predicate) -> dict:
        """Map each of ``subjects`` that has ``predicate`` to its objects."""
        found = {}
        for subject in subjects:
            objects = list(self.graph.objects(subject, predicate))
            if objects:
                found[subject] = objects
        return found

    @staticmethod
    def text(term) -> str:
        """The term as a string: IRI, blank node label or lexical form."""
        return str(term)

    @staticmethod
    def language(term) -> str:
        """A literal's language tag, else ``""``."""
        return getattr(term, "language", None) or ""

    @staticmethod
    def is_iri(term) -> bool:
        """Whether the term is an IRI."""
        return isinstance(term, URIRef)


def _entity_types(g) -> dict:
    """Map every entity IRI typed with a core class to that class's local name (by handle)."""
    types = {}
    for name in reversed(CORE_CLASSES):  # the first class in CORE_CLASSES wins
        for node in g.subject_ids(RDF.type, HKG[name]):
            if g.is_iri(node):
                types[node] = name
    return types


#: What :func:`_node_attributes` reads about every entity, by the name it uses.
_NODE_FACTS = {"label": RDFS.label, "alt": SKOS.altLabel, "mentioned": HKG.mentionedIn, "date": HKG.date,
               "edtf": HKG.edtf, "same_as": OWL.sameAs}  # fmt: skip
#: What :func:`_assertion_edges` reads about every assertion, by the name it uses.
_EDGE_FACTS = {"subject": RDF.subject, "object": RDF.object, "predicate": RDF.predicate, "quote": HKG.quote,
               "source": PROV.wasDerivedFrom, "char_start": HKG.charStart, "char_end": HKG.charEnd,
               "confidence": HKG.confidence, "method": HKG.method}  # fmt: skip


def _facts(g, subjects, predicates: dict) -> dict[str, dict]:
    """Return, by name, each predicate's objects of ``subjects`` (one bulk lookup each)."""
    return {name: g.objects_by_subject(subjects, predicate) for name, predicate in predicates.items()}


def _node_attributes(g, types: dict) -> dict[str, dict]:
    """Return the node attributes :func:`to_networkx` documents, by entity IRI."""
    facts = _facts(g, types, _NODE_FACTS)
    documents = {d for found in facts["mentioned"].values() for d in found}
    doc_ids, created = _doc_ids(g, documents), g.objects_by_subject(documents, DCTERMS.created)
    table = {}
    for node, kind in types.items():
        label, alt_labels = _names(g, node, facts["label"].get(node, ()), facts["alt"].get(node, ()))
        mentioned = facts["mentioned"].get(node, ())
        dates = sorted(g.text(d) for d in facts["date"].get(node, ()))
        edtf = sorted(g.text(d) for d in facts["edtf"].get(node, ()))
        table[g.text(node)] = {
            "label": label,
            "type": kind,
            "alt_labels": alt_labels,
            "qid": _qid(g.text(t) for t in facts["same_as"].get(node, ())),
            "docs": sorted({doc_ids[d] for d in mentioned}),
            "years": _years(dates or edtf) or _years(g.text(c) for d in mentioned for c in created.get(d, ())),
            "date": dates[0] if dates else "",
        }
    return table


def _names(g, node, labels, alts) -> tuple[str, list[str]]:
    """Return the preferred label (English first) and every other name, sorted."""
    labels = sorted((g.language(lit), g.text(lit)) for lit in labels)
    english = [text for lang, text in labels if lang == "en"]
    label = english[0] if english else labels[0][1] if labels else _local(g.text(node))
    names = {text for _, text in labels} | {g.text(alt) for alt in alts}
    return label, sorted(names - {label})


def _years(lexicals) -> list[int]:
    """Return the sorted distinct years that start the given date lexical forms."""
    return sorted({int(m.group()) for lex in lexicals for m in [_YEAR.match(lex)] if m})


def _qid(targets) -> str:
    """Return the Wikidata QID among a node's ``owl:sameAs`` targets, or ``""``."""
    for target in sorted(targets):
        if target.startswith(WIKIDATA):
            return target[len(WIKIDATA) :]
    return ""


def _doc_ids(g, documents) -> dict:
    """Map each document to its ``dcterms:identifier`` (its file name), else its IRI's local name."""
    identifiers = g.objects_by_subject(documents, DCTERMS.identifier)
    return {d: g.text(identifiers[d][0]) if d in identifiers else _local(g.text(d)) for d in documents}


def _local(iri: str) -> str:
    """Return the local name of an IRI: the part after the last ``#`` or ``/``."""
    return re.split(r"[#/]", iri)[-1]


def _assertion_edges(g, types: dict):
    """Yield ``(key, subject, object, attributes)`` for each assertion between two entities."""
    assertions = g.subject_ids(RDF.type, HKG.Assertion)
    facts = _facts(g, assertions, _EDGE_FACTS)
    doc_ids = _doc_ids(g, {d for found in facts["source"].values() for d in found})

    for node in assertions:
        s, o = facts["subject"].get(node, [None])[0], facts["object"].get(node, [None])[0]
        if s not in types or o not in types:
            continue
        docs = sorted(doc_ids[d] for d in facts["source"].get(node, ()))
        attrs = {
            "predicate": _local(_first_text(g, facts["predicate"], node, "None")),  # str(None), as ever
            "quote": _first_text(g, facts["quote"], node),
            "doc": docs[0] if docs else "",
            "char_start": _number(_first_text(g, facts["char_start"], node, None), int, -1),
            "char_end": _number(_first_text(g, facts["char_end"], node, None), int, -1),
            "confidence": _number(_first_text(g, facts["confidence"], node, None), float, 0.0),
            "method": _first_text(g, facts["method"], node),
        }
        yield _edge_key(g, node, s, o, attrs), g.text(s), g.text(o), attrs


def _first_text(g, objects: dict, node, default: str | None = "") -> str | None:
    """Spell the first of ``node``'s objects in ``objects``; ``default`` when it has none."""
    found = objects.get(node)
    return g.text(found[0]) if found else default


def _number(lexical: str | None, cast, default):
    """Cast a lexical form, or return ``default`` when it is missing or malformed."""
    try:
        return cast(lexical) if lexical is not None else default
    except ValueError:
        return default


def _edge_key(g, node, s, o, attrs: dict) -> str:
    """Return the assertion IRI, or a content hash for a blank node (stable across parses)."""
    if g.is_iri(node):
        return g.text(node)
    blob = "\x1f".join([g.text(s), g.text(o), *(str(attrs[k]) for k in sorted(attrs))])
    return "_:a" + hashlib.sha256(blob.encode()).hexdigest()[:16]


def to_simple_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Return the undirected simple view of the multigraph, ``weight`` = number of assertions.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`to_networkx`.

    Returns
    -------
    networkx.Graph
        The same nodes and attributes; one edge per pair of entities that some assertion
        links, in either direction, without self-loops.

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> H = to_simple_graph(to_networkx(example_dataset()))
    >>> H.number_of_edges()  # Trotsky opposes Kamenev and Kamenev opposes Trotsky: one tie
    5
    >>> H["https://w3id.org/histkg/id/kamenev"]["https://w3id.org/histkg/id/trotsky"]["weight"]
    2
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u != v:
            weight = H.get_edge_data(u, v, {"weight": 0})["weight"]
            H.add_edge(u, v, weight=weight + 1)
    return H


def person_network(G: nx.MultiDiGraph) -> nx.Graph:
    """Return the person–person network, ties weighted by independent pieces of evidence.

    Two persons are tied by every relation stated between them (``metWith``, ``supports``,
    ``opposes`` ...) and by every meeting both took part in (``participatedIn``/``chaired``).
    A piece of evidence is one quoted passage (document and offsets: two relations read off
    the same passage count once) or one shared meeting.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`to_networkx`.

    Returns
    -------
    networkx.Graph
        Every person as a node (with its attributes); edges carry ``weight``, ``relations``
        (sorted predicates), ``meetings`` (shared meeting IRIs) and ``assertions`` (keys).

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> P = person_network(to_networkx(example_dataset()))
    >>> tie = P["https://w3id.org/histkg/id/kamenev"]["https://w3id.org/histkg/id/stalin"]
    >>> tie["weight"], tie["relations"], len(tie["meetings"])  # one passage, one congress
    (2, ['supports'], 1)
    """
    persons = {n for n, kind in G.nodes(data="type") if kind == "Person"}
    ties: dict[tuple, dict] = defaultdict(lambda: defaultdict(set))
    for u, v, key, data in G.edges(keys=True, data=True):
        if u in persons and v in persons and u != v:
            tie = ties[tuple(sorted((u, v)))]
            tie["evidence"].add((data["doc"], data["char_start"], data["char_end"]))
            tie["relations"].add(data["predicate"])
            tie["assertions"].add(key)
    for meeting, attendees in _attendance(G, "Meeting").items():
        for pair in combinations(sorted(attendees & persons), 2):
            ties[pair]["evidence"].add(meeting)
            ties[pair]["meetings"].add(meeting)
    P = nx.Graph()
    P.add_nodes_from((n, G.nodes[n]) for n in sorted(persons))
    for pair in sorted(ties):
        tie = ties[pair]
        P.add_edge(*pair, weight=len(tie["evidence"]), relations=sorted(tie["relations"]),
                   meetings=sorted(tie["meetings"]), assertions=sorted(tie["assertions"]))
    return P


def _attendance(G: nx.MultiDiGraph, kind: str) -> dict[str, set[str]]:
    """Map each node of ``kind`` to the nodes tied to it by that kind's bipartite predicates."""
    members: dict[str, set[str]] = {n: set() for n, k in G.nodes(data="type") if k == kind}
    for u, v, predicate in G.edges(data="predicate"):
        if v in members and predicate in _BIPARTITE[kind]:
            members[v].add(u)
    return members


def bipartite_network(G: nx.MultiDiGraph, kind: str = "Meeting") -> nx.Graph:
    """Return the bipartite person–meeting or person–organisation network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`to_networkx`.
    kind : {"Meeting", "Organisation"}
        The second node set: meetings (ties from ``participatedIn``/``chaired``) or
        organisations (ties from ``memberOf``/``leads``/``worksFor``).

    Returns
    -------
    networkx.Graph
        Persons with ``bipartite=0`` and every node of ``kind`` with ``bipartite=1``;
        ``weight`` counts the distinct passages that state the tie.

    Raises
    ------
    ValueError
        If ``kind`` is neither ``"Meeting"`` nor ``"Organisation"``.

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> B = bipartite_network(to_networkx(example_dataset()), "Meeting")
    >>> B.degree("https://w3id.org/histkg/id/congress", weight="weight")  # two attendees
    2
    >>> B.nodes["https://w3id.org/histkg/id/congress"]["bipartite"]
    1
    """
    if kind not in _BIPARTITE:
        raise ValueError(f"kind must be one of {sorted(_BIPARTITE)}, not {kind!r}")
    B = nx.Graph()
    for node, data in sorted(G.nodes(data=True)):
        if data["type"] in ("Person", kind):
            B.add_node(node, **data, bipartite=int(data["type"] == kind))
    passages: dict[tuple, set] = defaultdict(set)
    for u, v, data in G.edges(data=True):
        if data["predicate"] in _BIPARTITE[kind] and u in B and v in B:
            passages[(u, v)].add((data["doc"], data["char_start"], data["char_end"]))
    for (u, v), found in sorted(passages.items()):
        B.add_edge(u, v, weight=len(found))
    return B


def bipartite_projection(B: nx.Graph, kind: str = "Person") -> nx.Graph:
    """Project a bipartite network onto the nodes of one type.

    Parameters
    ----------
    B : networkx.Graph
        A network from :func:`bipartite_network`.
    kind : str
        The node type to keep (``"Person"``, ``"Meeting"`` or ``"Organisation"``).

    Returns
    -------
    networkx.Graph
        Nodes of ``kind``; two are tied when they share a neighbour in ``B``, ``weight``
        being the number of shared neighbours (networkx's ``weighted_projected_graph``).

    Examples
    --------
    >>> from kg.analyze.example import example_dataset
    >>> B = bipartite_network(to_networkx(example_dataset()), "Meeting")
    >>> P = bipartite_projection(B, "Person")
    >>> sorted((u[-7:], v[-6:], w) for u, v, w in P.edges(data="weight"))
    [('kamenev', 'stalin', 1)]
    """
    nodes = [n for n, k in B.nodes(data="type") if k == kind]
    return nx.bipartite.weighted_projected_graph(B, nodes)
