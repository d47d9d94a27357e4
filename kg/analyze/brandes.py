"""Exact betweenness by Brandes' algorithm, run for a block of source nodes at once.

networkx runs Brandes' algorithm one source node at a time in Python. Here a block of
sources is searched together, level by level: one product of the sparse adjacency
matrix with a dense ``nodes x sources`` matrix advances every breadth-first search of
the block by one level, and one product per level carries the dependencies back. The
arithmetic is Brandes' (shortest paths counted as float64, as networkx counts them), so
the scores agree with networkx's to rounding.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from scipy import sparse

#: Entries of one ``nodes x sources`` float64 array (2**15 entries = 256 KB). About six
#: are alive at once, under 2 MB whatever the graph's size. Small arrays stay in the
#: processor's cache and are cheap to allocate anew: on a sparse graph of 2,500
#: nodes 2**15 took 0.46 s and 2**17 1.0 s; on 1,000 nodes all sizes from 2**13 to
#: 2**17 took 0.04 to 0.08 s (below 2**13, the calls into numpy start to count).
BLOCK_ENTRIES = 2**15
#: Small components are searched together, as one graph of up to this many nodes (no
#: path joins them, so the scores are the same): each search costs ~0.1 ms of calls
#: into numpy and scipy, which 300 components of three nodes would pay 300 times
#: (25 ms, where networkx needs 13 ms; packed, 3 ms).
PACK_NODES = 128


def betweenness_by_component(H: nx.Graph, block_entries: int = BLOCK_ENTRIES) -> np.ndarray:
    """Return :func:`betweenness` of every node of ``H``, one connected component at a time.

    Shortest paths never leave a component, so each is searched on its own: the
    ``nodes x sources`` arrays then span one component, not the whole graph, and
    components of one or two nodes (between no pair of nodes) cost nothing. Small
    components are searched together (see :data:`PACK_NODES`).

    Parameters
    ----------
    H : networkx.Graph
        An undirected graph; edge weights are not used.
    block_entries : int
        See :func:`betweenness`.

    Returns
    -------
    numpy.ndarray
        float64, one value per node, in the order of ``H``: twice networkx's
        ``betweenness_centrality(H, normalized=False)``.

    Examples
    --------
    Two paths of three nodes and an isolated node:

    >>> import networkx as nx
    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z")]); H.add_node("alone")
    >>> betweenness_by_component(H)
    array([0., 2., 0., 0., 2., 0., 0.])
    """
    index = {node: i for i, node in enumerate(H)}
    A = adjacency([(index[u], index[v]) for u, v in H.edges()], len(H))
    # networkx finds the components (scipy's csgraph would cost 60 ms more to import);
    # sorted indices keep each component's matrix, hence its floats, the same every run
    groups = [np.sort(np.fromiter(map(index.get, c), np.int64, len(c)))
              for c in nx.connected_components(H) if len(c) > 2]
    scores = np.zeros(len(H))
    if not groups:
        return scores
    packs = list(_packs(groups, PACK_NODES))
    # renumbered pack by pack, each pack is a block on the diagonal, which is cut out
    # faster than a pack's rows and columns are picked out of A
    order = np.concatenate(packs)
    blocks = A[order][:, order]
    start = 0
    for members in packs:
        end = start + len(members)
        scores[members] = betweenness(blocks[start:end, start:end], block_entries)
        start = end
    return scores


def _packs(groups: list[np.ndarray], size: int):
    """Join consecutive components into packs of up to ``size`` nodes (larger ones alone).

    Examples
    --------
    >>> import numpy as np
    >>> groups = [np.array([0, 1, 2]), np.array([3, 4, 5]), np.array([6, 7])]
    >>> [pack.tolist() for pack in _packs(groups, 6)]
    [[0, 1, 2, 3, 4, 5], [6, 7]]
    """
    pack: list[np.ndarray] = []
    nodes = 0
    for members in groups:
        if pack and nodes + len(members) > size:
            yield np.concatenate(pack)
            pack, nodes = [], 0
        pack.append(members)
        nodes += len(members)
    if pack:
        yield np.concatenate(pack)


def adjacency(edges, n: int) -> sparse.csr_array:
    """Return the symmetric 0/1 adjacency matrix of an undirected graph, without self-loops.

    Parameters
    ----------
    edges : array_like
        Pairs of node indices, ``(m, 2)``: the ends of each edge, in either direction;
        repeated edges and self-loops are allowed and ignored.
    n : int
        Number of nodes.

    Returns
    -------
    scipy.sparse.csr_array
        ``n x n``, float64, 1 where two distinct nodes are tied.

    Examples
    --------
    >>> import numpy as np
    >>> adjacency(np.array([[0, 1], [1, 0], [1, 2], [2, 2]]), 3).toarray()
    array([[0., 1., 0.],
           [1., 0., 1.],
           [0., 1., 0.]])
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    edges = edges[edges[:, 0] != edges[:, 1]]  # a self-loop is on no shortest path
    rows = np.concatenate([edges[:, 0], edges[:, 1]])
    cols = np.concatenate([edges[:, 1], edges[:, 0]])
    A = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    A.sum_duplicates()
    A.data[:] = 1.0  # an edge given twice (or both ways) is still one tie
    return A


def betweenness(A: sparse.csr_array, block_entries: int = BLOCK_ENTRIES) -> np.ndarray:
    """Return unnormalised betweenness of every node: its dependencies summed over all sources.

    For an undirected graph each shortest path is counted from both of its ends, so this
    is twice networkx's ``betweenness_centrality(H, normalized=False)``.

    Parameters
    ----------
    A : scipy.sparse.csr_array
        Symmetric 0/1 adjacency matrix (see :func:`adjacency`).
    block_entries : int
        Size of the ``nodes x sources`` arrays: sources are taken ``block_entries // n``
        at a time (at least one), which bounds the memory used.

    Returns
    -------
    numpy.ndarray
        float64, one value per node.

    Examples
    --------
    The middle of a path of three nodes is on the path between the ends, found from
    each end:

    >>> import numpy as np
    >>> betweenness(adjacency(np.array([[0, 1], [1, 2]]), 3))
    array([0., 2., 0.])
    >>> star = adjacency(np.array([[0, 1], [0, 2], [0, 3]]), 4)
    >>> betweenness(star, block_entries=4)  # one source at a time, same result
    array([6., 0., 0., 0.])
    """
    n = A.shape[0]
    total = np.zeros(n)
    size = max(1, min(n, block_entries // max(n, 1)))
    for start in range(0, n, size):
        sources = np.arange(start, min(start + size, n))
        total += _dependencies(A, sources).sum(axis=1)
    return total


def _dependencies(A: sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    """Return Brandes' dependency ``delta[v, j]`` of source ``sources[j]`` on every node ``v``.

    Walks the levels of :func:`_shortest_paths` from the deepest up:
    ``delta_v = sum(sigma_v / sigma_w * (1 + delta_w))`` over the neighbours ``w`` one
    level deeper than ``v``. Sources keep a dependency of 0 (they are not *between*).

    Examples
    --------
    >>> import numpy as np
    >>> _dependencies(adjacency(np.array([[0, 1], [1, 2]]), 3), np.array([0, 1]))
    array([[0., 0.],
           [1., 0.],
           [0., 0.]])
    """
    sigma, levels = _shortest_paths(A, sources)
    delta = np.zeros_like(sigma)
    share = np.zeros_like(sigma)  # (1 + delta_w) / sigma_w on one level, 0 elsewhere
    flat_delta, flat_sigma, flat_share = delta.ravel(), sigma.ravel(), share.ravel()
    for deeper, level in zip(levels[:1:-1], levels[-2:0:-1]):
        flat_share[deeper] = (1.0 + flat_delta[deeper]) / flat_sigma[deeper]
        # A is symmetric: row v of A @ share sums the shares of v's neighbours, and only
        # those one level deeper are non-zero, i.e. v's successors
        pulled = (A @ share).ravel()
        flat_delta[level] = flat_sigma[level] * pulled[level]
        flat_share[deeper] = 0.0
    return delta


def _shortest_paths(A: sparse.csr_array, sources: np.ndarray) -> tuple[np.ndarray, list]:
    """Breadth-first search from every source at once, counting shortest paths.

    Parameters
    ----------
    A : scipy.sparse.csr_array
        Symmetric 0/1 adjacency matrix.
    sources : numpy.ndarray
        Node indices; column ``j`` of the results belongs to ``sources[j]``.

    Returns
    -------
    sigma : numpy.ndarray
        ``nodes x sources`` float64: number of shortest paths from the source to the
        node, 0 where the node cannot be reached.
    levels : list of numpy.ndarray
        ``levels[d]``: flat indices into ``sigma`` of the (node, source) pairs at
        distance ``d``.

    Examples
    --------
    Two shortest paths lead around a square to the opposite corner:

    >>> import numpy as np
    >>> sigma, levels = _shortest_paths(adjacency(np.array([[0, 1], [1, 2], [2, 3], [3, 0]]), 4),
    ...                                 np.array([0]))
    >>> sigma.ravel(), [level.tolist() for level in levels]
    (array([1., 1., 2., 1.]), [[0], [1, 3], [2]])
    """
    n, columns = A.shape[0], np.arange(len(sources))
    sigma = np.zeros((n, len(sources)))
    sigma[sources, columns] = 1.0
    unseen = np.ones_like(sigma)  # 1 where the source has not reached the node yet
    unseen[sources, columns] = 0.0
    frontier = sigma.copy()
    levels = [np.flatnonzero(frontier != 0)]
    while True:
        # the paths into each node through the current level; a node not yet reached
        # that gets any is one level deeper, and those are all its shortest paths
        frontier = A @ frontier
        frontier *= unseen  # (multiplying is ~20x faster than a masked assignment)
        found = np.flatnonzero(frontier != 0)  # (~10x faster on booleans than on floats)
        if not found.size:
            return sigma, levels
        sigma.ravel()[found] = frontier.ravel()[found]
        unseen.ravel()[found] = 0.0
        levels.append(found)


