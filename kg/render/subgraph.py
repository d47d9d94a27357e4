"""Which part of the graph a page shows: PageRank ranks, the pruned top, an entity's neighbourhood.

A page with tens of thousands of nodes freezes a browser, so :func:`top_subgraph`
keeps the most central entities and their neighbours up to a node limit, and
:func:`ego_graph` cuts out the few hops around one entity for ``kg show``.
"""

from __future__ import annotations

import networkx as nx

from kg.analyze.paths import find_node

__all__ = ["ego_graph", "find_node", "pagerank_of", "top_subgraph"]


def pagerank_of(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node, computed by networkx.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The entity graph; parallel edges add to the weight of a link.

    Returns
    -------
    dict[str, float]
        Node -> PageRank; the values sum to 1 (an empty graph gives ``{}``).

    Examples
    --------
    "Lenin and Zinoviev supported Trotsky": the node both point at ranks highest.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("lenin", "trotsky"), ("zinoviev", "trotsky")])
    >>> ranks = pagerank_of(G)
    >>> max(ranks, key=ranks.get)
    'trotsky'
    """
    if len(G) == 0:
        return {}
    try:
        return nx.pagerank(G)
    except ImportError:  # networkx's default solver needs scipy; its reference one does not
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(G)


def top_subgraph(G: nx.MultiDiGraph, ranks: dict[str, float], max_nodes: int) -> nx.MultiDiGraph:
    """The top nodes by rank plus their neighbours, at most ``max_nodes`` nodes.

    Nodes are taken in descending rank (ties by IRI); each brings its
    neighbours, best ranked first, until the limit is reached. A graph that
    already fits is returned as it is.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The entity graph.
    ranks : dict[str, float]
        Node -> score (PageRank); nodes missing from it rank 0.
    max_nodes : int
        The most nodes the result may hold; must be at least 1.

    Returns
    -------
    nx.MultiDiGraph
        ``G`` itself when it fits, otherwise an induced subgraph (a copy).

    Raises
    ------
    ValueError
        If ``max_nodes`` is smaller than 1.

    Examples
    --------
    "Lenin met Trotsky; Trotsky met Zinoviev; Kamenev met Stalin", kept to three nodes:
    the best-ranked node, Trotsky, comes with both its neighbours and fills the page.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("lenin", "trotsky"), ("trotsky", "zinoviev"), ("kamenev", "stalin")])
    >>> ranks = {"trotsky": 0.3, "zinoviev": 0.25, "lenin": 0.2, "stalin": 0.15, "kamenev": 0.1}
    >>> sorted(top_subgraph(G, ranks, 3))
    ['lenin', 'trotsky', 'zinoviev']
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if len(G) <= max_nodes:
        return G
    kept: dict[str, None] = {}  # an ordered set
    for node in _ranked(G, ranks, G.nodes):
        for member in [node, *_ranked(G, ranks, _neighbours(G, node))]:
            if len(kept) < max_nodes:
                kept.setdefault(member)
        if len(kept) >= max_nodes:
            break
    return G.subgraph(kept).copy()


def ego_graph(G: nx.MultiDiGraph, node: str, hops: int = 1) -> nx.MultiDiGraph:
    """The entity and everything within ``hops`` links of it, in either direction.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The entity graph.
    node : str
        The entity: its IRI, preferred label or any name variant (see :func:`find_node`).
    hops : int, default 1
        How many links away from the entity to reach.

    Returns
    -------
    nx.MultiDiGraph
        The induced subgraph (a copy) with every evidence edge between its nodes.

    Raises
    ------
    QueryError
        If no node has that IRI or name.

    Examples
    --------
    "Lenin met Trotsky; Trotsky met Zinoviev; Zinoviev met Kamenev": one hop from Trotsky.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("lenin", "trotsky"), ("trotsky", "zinoviev"), ("zinoviev", "kamenev")])
    >>> sorted(ego_graph(G, "trotsky", hops=1))
    ['lenin', 'trotsky', 'zinoviev']
    """
    return nx.ego_graph(G, find_node(G, node), radius=hops, undirected=True)


def _neighbours(G: nx.MultiDiGraph, node: str) -> set[str]:
    """Nodes linked to ``node`` in either direction."""
    return set(G.predecessors(node)) | set(G.successors(node))


def _ranked(G: nx.MultiDiGraph, ranks: dict[str, float], nodes) -> list[str]:
    """``nodes`` by descending rank, ties broken by IRI."""
    return sorted(nodes, key=lambda n: (-ranks.get(n, 0.0), n))
