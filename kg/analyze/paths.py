"""Evidence paths: the shortest chains between two entities, with the quote behind each link."""

from __future__ import annotations

import unicodedata
from itertools import islice, pairwise
from typing import NamedTuple

import networkx as nx

from kg.analyze.project import to_simple_graph
from kg.errors import QueryError


class Hop(NamedTuple):
    """One link of an evidence path, read in the direction of the path."""

    u: str
    """The IRI the link starts from."""
    predicate: str
    """The relation, ``^`` first when the source states it from ``v`` to ``u`` (SPARQL's inverse)."""
    v: str
    """The IRI the link leads to."""
    quote: str
    """The verbatim passage that states the relation."""
    doc: str
    """The file name of the document the quote comes from."""


def evidence_path(G: nx.MultiDiGraph, a: str, b: str, k: int = 3) -> list[list[Hop]]:
    """Return up to ``k`` shortest chains between two entities, each link with its evidence.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.
    a, b : str
        The two entities, by IRI, label or alternative label (case-insensitive).
    k : int
        How many paths at most: the shortest first (networkx's ``shortest_simple_paths``
        over the undirected view, so direction does not block a path).

    Returns
    -------
    list of list of Hop
        Each path is a list of hops ``(u, predicate, v, quote, doc)``; where several
        assertions link u and v, the most confident one is shown (then one stated from u
        to v, then the smallest key).
        An empty list when no path exists or ``a`` and ``b`` are the same entity.

    Raises
    ------
    kg.errors.QueryError
        If a name matches no entity or several (see :func:`find_node`).

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> G = to_networkx(example_dataset())
    >>> for hop in evidence_path(G, "Trotskij", "twelfth congress", k=1)[0]:
    ...     print(hop.u[27:], hop.predicate, hop.v[27:], "|", hop.quote)
    trotsky opposes kamenev | Trotsky, who opposed them both
    kamenev participatedIn congress | At the Twelfth Congress Kamenev
    >>> evidence_path(G, "Twelfth Congress", "Kamenev")[0][0].predicate  # stated the other way
    '^participatedIn'
    """
    source, target = find_node(G, a), find_node(G, b)
    if source == target:
        return []
    try:
        paths = list(islice(nx.shortest_simple_paths(to_simple_graph(G), source, target), k))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(G, u, v) for u, v in pairwise(path)] for path in paths]


def _hop(G: nx.MultiDiGraph, u: str, v: str) -> Hop:
    """Return the best-supported assertion between u and v as a hop from u to v."""
    candidates = [(d, "") for d in G.get_edge_data(u, v, default={}).items()]
    candidates += [(d, "^") for d in G.get_edge_data(v, u, default={}).items()]
    (_, data), inverse = min(candidates, key=lambda c: (-c[0][1]["confidence"], c[1], c[0][0]))
    return Hop(u, inverse + data["predicate"], v, data["quote"], data["doc"])


def find_node(G: nx.Graph, name: str) -> str:
    """Return the IRI of the entity a user means by ``name``.

    Names compare without case and diacritics ("Trótskij" finds "Trotskij"); a
    preferred label wins over a name variant. A name several entities share at the
    winning level is an error that lists them, never a silent pick: "Smirnov" may
    be three people.

    Parameters
    ----------
    G : networkx.Graph
        A graph whose nodes carry ``label`` and ``alt_labels``.
    name : str
        An IRI, a preferred label or any name variant.

    Returns
    -------
    str
        The node's IRI.

    Raises
    ------
    kg.errors.QueryError
        If no entity has that name, or several have it.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> G = to_networkx(example_dataset())
    >>> find_node(G, "STALINS")
    'https://w3id.org/histkg/id/stalin'
    """
    if name in G:
        return name
    key = fold_name(name)
    for attribute in ("label", "alt_labels"):
        hits = sorted(n for n, names in G.nodes(data=attribute) if key in _folded(names))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise QueryError(f"{len(hits)} entities are called {name!r}: {', '.join(hits)}")
    raise QueryError(f"no entity is called {name!r}")


def fold_name(name: str) -> str:
    """``name`` without case and diacritics, the key names are compared by.

    Examples
    --------
    >>> fold_name("Trótskij") == fold_name("TROTSKIJ")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded(names: str | list[str] | None) -> set[str]:
    """The folded forms of a label or a list of name variants."""
    if not names:
        return set()
    return {fold_name(n) for n in ([names] if isinstance(names, str) else names)}

