"""The signed network of support and opposition, and its structural balance."""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

#: The sign each predicate gives a tie.
SIGNS: dict[str, int] = {"supports": 1, "opposes": -1}

#: How :func:`structural_balance` judges triangles and finds camps (written to balance.json).
BALANCE_METHOD = (
    "A triangle of signed ties is balanced when the product of its signs is positive "
    "(Heider; Cartwright and Harary): a friend of a friend is a friend, an enemy of an enemy "
    "is a friend. Camps: each connected component is 2-coloured by breadth-first search from "
    "its smallest IRI (a positive tie keeps the camp, a negative tie switches it), then any "
    "node whose move to the other camp lowers the number of frustrated ties (positive across "
    "camps, negative within one) is moved, in IRI order, until no move helps: a greedy local "
    "search for the partition with the fewest frustrated ties. Camp 0 of each component holds "
    "its smallest IRI; camps of different components are not comparable. Ties whose support "
    "and opposition cancel out (sign 0) are ignored."
)


def signed_network(G: nx.MultiDiGraph) -> nx.Graph:
    """Return the signed network of persons and organisations: supports +1, opposes -1.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.

    Returns
    -------
    networkx.Graph
        Every person and organisation as a node; one edge per pair that some ``supports``
        or ``opposes`` assertion links (either direction), with ``positive`` and
        ``negative`` (assertion counts) and ``sign``: +1 or -1 by the majority, 0 on a tie.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> S = signed_network(to_networkx(example_dataset()))
    >>> sorted((u[27:], v[27:], s) for u, v, s in S.edges(data="sign"))
    [('kamenev', 'stalin', 1), ('kamenev', 'trotsky', -1), ('stalin', 'trotsky', -1)]
    """
    S = nx.Graph()
    S.add_nodes_from(
        (n, d) for n, d in sorted(G.nodes(data=True)) if d["type"] in ("Person", "Organisation")
    )
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for u, v, predicate in G.edges(data="predicate"):
        if predicate in SIGNS and u in S and v in S and u != v:
            counts[tuple(sorted((u, v)))][SIGNS[predicate] < 0] += 1
    for (u, v), (positive, negative) in sorted(counts.items()):
        sign = (positive > negative) - (positive < negative)
        S.add_edge(u, v, sign=sign, positive=positive, negative=negative)
    return S


def structural_balance(S: nx.Graph) -> dict:
    """Return the balanced and unbalanced triangles of a signed network and its two camps.

    Parameters
    ----------
    S : networkx.Graph
        A signed network from :func:`signed_network` (edges with ``sign``).

    Returns
    -------
    dict
        ``balanced`` and ``unbalanced``: triangles, each ``{"nodes", "labels", "signs"}``
        (signs of the ties ab, ac, bc); ``camps``: two sorted lists of IRIs (and
        ``camp_labels``); ``frustrated``: the ties the camps contradict; ``unaligned``:
        nodes without a signed tie; ``method``: :data:`BALANCE_METHOD`.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> balance = structural_balance(signed_network(to_networkx(example_dataset())))
    >>> balance["balanced"][0]["labels"], balance["balanced"][0]["signs"]
    (['Kamenev', 'Stalin', 'Trotsky'], [1, -1, -1])
    >>> balance["camp_labels"], balance["unbalanced"], balance["frustrated"]
    ([['Kamenev', 'Stalin'], ['Trotsky']], [], [])
    """
    signed = [(u, v, d) for u, v, d in S.edges(data=True) if d["sign"] != 0]
    T = nx.Graph()
    T.add_nodes_from(sorted({node for u, v, _ in signed for node in (u, v)}))
    T.add_edges_from(signed)
    triangles = {"balanced": [], "unbalanced": []}
    for a, b, c in _triangles(T):
        signs = [T[a][b]["sign"], T[a][c]["sign"], T[b][c]["sign"]]
        entry = {"nodes": [a, b, c], "labels": _labels(S, [a, b, c]), "signs": signs}
        triangles["balanced" if math.prod(signs) > 0 else "unbalanced"].append(entry)
    side = _two_camps(T)
    camps = [sorted(n for n in side if side[n] == camp) for camp in (0, 1)]
    frustrated = [
        {"nodes": [u, v], "labels": _labels(S, [u, v]), "sign": T[u][v]["sign"]}
        for u, v in sorted(tuple(sorted(e)) for e in T.edges())
        if _is_frustrated(T, side, u, v)
    ]
    return triangles | {
        "camps": camps,
        "camp_labels": [_labels(S, camp) for camp in camps],
        "frustrated": frustrated,
        "unaligned": sorted(n for n in S if n not in T),
        "method": BALANCE_METHOD,
    }


def _labels(S: nx.Graph, nodes: list[str]) -> list[str]:
    """Return the labels of ``nodes`` (the node itself when it has none)."""
    return [S.nodes[n].get("label", n) for n in nodes]


def _triangles(T: nx.Graph) -> list[tuple[str, str, str]]:
    """Return every triangle of ``T`` as a sorted triple, the list sorted."""
    found = []
    for clique in nx.enumerate_all_cliques(T):
        if len(clique) > 3:
            break
        if len(clique) == 3:
            found.append(tuple(sorted(clique)))
    return sorted(found)


def _two_camps(T: nx.Graph) -> dict[str, int]:
    """Split the nodes of ``T`` into camps 0 and 1 as :data:`BALANCE_METHOD` describes."""
    side: dict[str, int] = {}
    for component in sorted(nx.connected_components(T), key=min):
        root = min(component)
        side[root] = 0
        for u, v in nx.bfs_edges(T, root, sort_neighbors=sorted):
            side[v] = side[u] if T[u][v]["sign"] > 0 else 1 - side[u]
    moved = True
    while moved:
        moved = False
        for node in sorted(side):
            ties = [_is_frustrated(T, side, node, other) for other in T[node]]
            if 2 * sum(ties) > len(ties):  # more frustrated than satisfied: switch camp
                side[node] = 1 - side[node]
                moved = True
    return side


def _is_frustrated(T: nx.Graph, side: dict[str, int], u: str, v: str) -> bool:
    """Tell whether the tie u–v contradicts the camps (positive across, negative within)."""
    return (side[u] == side[v]) != (T[u][v]["sign"] > 0)
