"""Measures per entity: degree, betweenness, PageRank, eigenvector, k-core, community, years."""

from __future__ import annotations

import networkx as nx
import numpy as np

from kg.analyze.communities import communities
from kg.analyze.project import to_simple_graph

#: The columns of :func:`centrality_table` and of ``metrics.csv``, in this order.
METRIC_COLUMNS: tuple[str, ...] = (
    "iri", "label", "type", "degree", "weighted_degree", "betweenness", "pagerank",
    "eigenvector", "core", "community", "first_year", "last_year",
)  # fmt: skip

#: Up to this many entities betweenness is exact (:mod:`kg.analyze.brandes`), which costs
#: O(nodes x edges x depth): 0.1 s for the 2,514 entities of a million words (networkx: 2 s),
#: 0.3 s for 5,000 entities of which 60% isolated, as in a build, but 3 s for a connected
#: sparse graph of 5,000 nodes and 9-15 s for 10,000, so far larger builds estimate it.
EXACT_BETWEENNESS_MAX_NODES = 5_000
#: Source nodes sampled (seeded) to estimate betweenness above :data:`EXACT_BETWEENNESS_MAX_NODES`.
BETWEENNESS_SAMPLES = 1_000


def centrality_table(G: nx.MultiDiGraph, seed: int = 42) -> list[dict]:
    """Return one row of measures per entity, sorted by IRI.

    All measures are taken on the undirected view of the multigraph (one tie per pair of
    entities, ``weight`` = number of assertions), because most relations of the contract
    are stated in one direction but read both ways.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.
    seed : int
        Seed of the community detection.

    Returns
    -------
    list of dict
        Keys :data:`METRIC_COLUMNS`: ``degree`` (distinct neighbours), ``weighted_degree``
        (assertions), ``betweenness`` (normalised, unweighted), ``pagerank`` (weighted),
        ``eigenvector`` (weighted, see :func:`eigenvector_scores`), ``core`` (k-core number),
        ``community`` (Louvain id), ``first_year``/``last_year`` (None when undated).
        Floats are rounded to 6 places.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> rows = centrality_table(to_networkx(example_dataset()))
    >>> [(r["label"], r["degree"], r["weighted_degree"], r["core"]) for r in rows]
    [('Twelfth Congress', 2, 2, 2), ('Kamenev', 3, 4, 2), ('Stalin', 3, 3, 2), ('Trotsky', 2, 3, 2)]
    >>> rows[1]["first_year"], rows[1]["betweenness"]
    (1923, 0.166667)
    """
    H = to_simple_graph(G)
    measures = {
        "betweenness": betweenness_scores(H, seed),
        "pagerank": weighted_pagerank(H),
        "eigenvector": eigenvector_scores(H),
    }
    core = nx.core_number(H)
    parts = communities(H, seed)
    rows = []
    for node in sorted(H):
        data, years = H.nodes[node], H.nodes[node]["years"]
        row = {"iri": node, "label": data["label"], "type": data["type"],
               "degree": H.degree(node), "weighted_degree": H.degree(node, weight="weight")}
        row |= {name: round(values[node], 6) for name, values in measures.items()}
        row |= {"core": core[node], "community": parts[node],
                "first_year": years[0] if years else None, "last_year": years[-1] if years else None}
        rows.append(row)
    return rows


def betweenness_scores(H: nx.Graph, seed: int = 42, *, exact_up_to: int = EXACT_BETWEENNESS_MAX_NODES,
                       samples: int = BETWEENNESS_SAMPLES) -> dict:
    """Return normalised betweenness: exact on graphs of up to ``exact_up_to`` nodes, else estimated.

    The estimate is networkx's: shortest paths from ``samples`` source nodes drawn with
    ``seed`` (the same seed gives the same scores), scaled to the whole graph.

    Parameters
    ----------
    H : networkx.Graph
        An undirected graph; edge weights are not used.
    seed : int
        Seed of the sample of source nodes.
    exact_up_to : int, default :data:`EXACT_BETWEENNESS_MAX_NODES`
        Largest graph measured exactly.
    samples : int, default :data:`BETWEENNESS_SAMPLES`
        Source nodes sampled for larger graphs.

    Returns
    -------
    dict
        ``{node: score}`` for every node of ``H``.

    Examples
    --------
    Kamenev stands between Zinoviev and Stalin:

    >>> import networkx as nx
    >>> H = nx.path_graph(["zinoviev", "kamenev", "stalin"])
    >>> betweenness_scores(H)
    {'zinoviev': 0.0, 'kamenev': 1.0, 'stalin': 0.0}
    >>> H = nx.path_graph(200)   # a long chain, estimated from 50 sources
    >>> scores = betweenness_scores(H, seed=1, exact_up_to=100, samples=50)
    >>> scores == betweenness_scores(H, seed=1, exact_up_to=100, samples=50), round(scores[100], 1)
    (True, 0.5)
    """
    if len(H) <= exact_up_to or samples >= len(H):
        return _exact_betweenness(H)
    return nx.betweenness_centrality(H, k=samples, seed=seed)


def _exact_betweenness(H: nx.Graph) -> dict:
    """networkx's normalised betweenness, by Brandes' algorithm on sparse matrices.

    :mod:`kg.analyze.brandes` searches from many source nodes at once, one connected
    component at a time, and returns each node's dependencies summed over all sources;
    scaled by the whole graph's ``1 / ((n-1)(n-2))``, as networkx scales them, they are
    networkx's scores up to rounding in the last bits (the sums are taken in another
    order), far below the six places kept in ``metrics.csv``. Edges are read in the
    order of ``H``, so the same graph always gives the same floats.

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.star_graph(["tsar", "a", "b", "c"]); H.add_edge("d", "e")
    >>> _exact_betweenness(H) == nx.betweenness_centrality(H)
    True
    """
    from kg.analyze import brandes  # imported here: its scipy.sparse takes 0.2 s to load

    n = len(H)
    if n <= 2:
        return dict.fromkeys(H, 0.0)
    raw = brandes.betweenness_by_component(H)
    return dict(zip(H, (raw * (1 / ((n - 1) * (n - 2)))).tolist()))


def weighted_pagerank(H: nx.Graph) -> dict:
    """Return networkx's PageRank of ``H`` over the ``weight`` attribute.

    networkx computes PageRank with SciPy; where SciPy is not installed, the same power
    iteration runs on networkx's ``google_matrix`` with NumPy (the results agree to
    networkx's tolerance).

    Parameters
    ----------
    H : networkx.Graph
        Any graph; ``weight`` is read from its edges (1 when absent).

    Returns
    -------
    dict
        ``{node: score}``, scores summing to 1.

    Examples
    --------
    >>> import networkx as nx
    >>> scores = weighted_pagerank(nx.Graph([("stalin", "kamenev"), ("stalin", "zinoviev")]))
    >>> round(scores["stalin"], 3), round(sum(scores.values()), 6)
    (0.486, 1.0)
    """
    if len(H) == 0:
        return {}
    try:
        return nx.pagerank(H, weight="weight")
    except ImportError:  # networkx's implementation needs SciPy
        import numpy as np

        M = nx.google_matrix(H, weight="weight")
        x = np.full(len(H), 1.0 / len(H))
        for _ in range(1000):
            x, last = x @ M, x
            if np.abs(x - last).sum() < len(H) * 1e-12:
                break
        return dict(zip(H, (float(v) for v in x / x.sum())))


def eigenvector_scores(H: nx.Graph) -> dict:
    """Return eigenvector centrality that also works on disconnected graphs.

    Isolated nodes score 0. The rest is networkx's ``eigenvector_centrality`` (weighted,
    ``max_iter=1000``) over the whole graph, which concentrates the scores on the component
    with the largest eigenvalue; should the power iteration fail to converge, each component
    is computed on its own and scaled by the square root of its share of the nodes.

    Parameters
    ----------
    H : networkx.Graph
        An undirected graph with optional ``weight`` on its edges.

    Returns
    -------
    dict
        ``{node: score}`` for every node of ``H``.

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.Graph([("lenin", "stalin")]); H.add_node("moscow")
    >>> {n: round(s, 3) for n, s in eigenvector_scores(H).items()}
    {'lenin': 0.707, 'stalin': 0.707, 'moscow': 0.0}
    """
    scores = dict.fromkeys(H, 0.0)
    linked = H.subgraph([n for n in H if H.degree(n) > 0])
    if len(linked) == 0:
        return scores
    try:
        scores |= power_iteration(linked, max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        for component in map(linked.subgraph, nx.connected_components(linked)):
            share = (len(component) / len(linked)) ** 0.5
            found = power_iteration(component, max_iter=10_000)
            scores |= {node: share * value for node, value in found.items()}
    return scores


def power_iteration(H: nx.Graph, max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """Return networkx's ``eigenvector_centrality(H, max_iter, tol, weight="weight")``, on a sparse matrix.

    The same power iteration with ``A + I`` from the uniform vector, the same
    normalisation and the same convergence test, with one sparse product per step
    instead of a Python loop over every edge (ten times faster on a build's graph;
    the scores agree to rounding).

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        If ``max_iter`` steps do not converge (as networkx does).

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.Graph([("lenin", "stalin", {"weight": 2}), ("stalin", "kamenev")])
    >>> mine, theirs = power_iteration(H), nx.eigenvector_centrality(H, weight="weight")
    >>> all(abs(mine[n] - theirs[n]) < 1e-12 for n in H)
    True
    """
    import math

    from scipy import sparse

    nodes = list(H)
    n = len(nodes)
    if n == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    adjacency = sparse.csr_array(nx.to_scipy_sparse_array(H, nodelist=nodes, weight="weight").T)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + adjacency @ last  # x[neighbour] += last[node] * weight, for every edge
        x = x / (math.hypot(*x.tolist()) or 1)
        # summed in node order as networkx sums it, so the test tips over at the same step
        if sum(np.abs(x - last).tolist()) < n * tol:
            return dict(zip(nodes, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)
