"""Communities of the entity network: Louvain with a fixed seed, and the modularity it reaches."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.analyze.project import to_simple_graph


def communities(G: nx.Graph, seed: int = 42) -> dict[str, int]:
    """Return a community id for every node, found by Louvain with a fixed seed.

    Parameters
    ----------
    G : networkx.Graph or networkx.MultiDiGraph
        A network of this package; a multigraph (from :func:`~kg.analyze.to_networkx`)
        is first reduced to its undirected view weighted by the number of assertions.
    seed : int
        Seed of networkx's ``louvain_communities``: the same seed gives the same partition.

    Returns
    -------
    dict
        ``{node: community}``, in node order. Communities are numbered from 0 by
        decreasing size, ties broken by their smallest IRI; an isolated node is a
        community of its own.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lenin", "trotsky"), ("stalin", "kamenev"), ("kamenev", "zinoviev"),
    ...               ("stalin", "zinoviev")])
    >>> communities(G, seed=1)
    {'lenin': 1, 'trotsky': 1, 'stalin': 0, 'kamenev': 0, 'zinoviev': 0}
    """
    H = _undirected(G)
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    ids = {node: i for i, members in enumerate(ordered) for node in members}
    return {node: ids[node] for node in H}


def modularity(G: nx.Graph, partition: dict[str, int]) -> float:
    """Return the (weighted) modularity of a partition, 0.0 for a graph without ties.

    Parameters
    ----------
    G : networkx.Graph or networkx.MultiDiGraph
        The network the partition was found on (multigraphs as in :func:`communities`).
    partition : dict
        ``{node: community}`` as :func:`communities` returns it.

    Returns
    -------
    float
        networkx's ``modularity``: how much more the ties fall inside communities than
        chance would have them, from -0.5 to 1.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lenin", "trotsky"), ("stalin", "kamenev")])
    >>> modularity(G, communities(G, seed=1))
    0.5
    """
    H = _undirected(G)
    if H.number_of_edges() == 0:
        return 0.0
    groups: dict[int, set] = defaultdict(set)
    for node, community in partition.items():
        groups[community].add(node)
    return nx.community.modularity(H, [groups[c] for c in sorted(groups)], weight="weight")


def _undirected(G: nx.Graph) -> nx.Graph:
    """Reduce a multigraph or directed graph to the weighted simple view; keep others as they are."""
    return to_simple_graph(G) if G.is_multigraph() or G.is_directed() else G
