"""The drawing of the graph: pyvis nodes, edges and vis-network options.

Colour and shape say what an entity is, size says how central it is (PageRank),
an edge's label says what the relation is and its colour whether it is support
(green) or opposition (red). Every evidence edge between the same two entities
with the same predicate becomes one drawn edge whose quotes the page lists.
Nothing here holds source text as HTML: titles are plain strings, which
vis-network shows as text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from itertools import groupby

import networkx as nx
from pyvis.network import Network

#: Entity type -> (vis-network shape, colour); the legend lists them in this order.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Organisation": ("square", "#f28e2b"),
    "Meeting": ("diamond", "#edc948"),
    "Resolution": ("triangle", "#b07aa1"),
    "Place": ("star", "#9c755f"),
}
#: Shape and colour of an entity whose type is none of the above.
OTHER_TYPE: tuple[str, str] = ("dot", "#bab0ac")
#: Predicate -> edge colour; support is green, opposition red.
PREDICATE_COLOURS: dict[str, str] = {"supports": "#2e9e44", "opposes": "#d62728"}
#: Colour of every other predicate.
OTHER_PREDICATE: str = "#8c8c8c"
#: Smallest and largest node size (pixels); PageRank scales between them.
NODE_SIZES: tuple[float, float] = (8.0, 40.0)


def relations_of(G: nx.MultiDiGraph) -> list[dict]:
    """The drawn edges: one per (source, target, predicate), with all its evidence.

    Parameters
    ----------
    G : nx.MultiDiGraph
        Edges carry ``predicate``, ``quote``, ``doc``, ``char_start``, ``char_end``,
        ``confidence`` and ``method``; the edge key is the assertion IRI.

    Returns
    -------
    list[dict]
        Sorted by (from, to, predicate); each has ``id`` (``"r0"``, ``"r1"`` ...),
        ``from``, ``to``, ``predicate`` and ``evidence``, a list sorted by
        document and offset.

    Examples
    --------
    Two sources both say "Zinoviev supported Lenin": one drawn edge, two quotes.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("zinoviev", "lenin", key="a1", predicate="supports", doc="b.txt")
    >>> _ = G.add_edge("zinoviev", "lenin", key="a2", predicate="supports", doc="a.txt")
    >>> [(r["id"], r["predicate"], [e["doc"] for e in r["evidence"]]) for r in relations_of(G)]
    [('r0', 'supports', ['a.txt', 'b.txt'])]
    """
    edges = G.edges(keys=True, data=True)
    rows = [(str(u), str(v), str(d.get("predicate") or "relatedTo"), _evidence(k, d)) for u, v, k, d in edges]
    rows.sort(key=_row_order)
    grouped = groupby(rows, key=lambda row: row[:3])
    return [
        {"id": f"r{i}", "from": u, "to": v, "predicate": p, "evidence": [row[3] for row in group]}
        for i, ((u, v, p), group) in enumerate(grouped)
    ]


def to_pyvis(G: nx.MultiDiGraph, ranks: dict[str, float], relations: list[dict], *, seed: int = 42) -> Network:
    """A pyvis network of ``G``: styled nodes, the drawn ``relations`` and seeded options.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The entity graph (nodes carry ``label`` and ``type``).
    ranks : dict[str, float]
        Node -> PageRank, which sets the node size.
    relations : list[dict]
        The drawn edges, as :func:`relations_of` returns them for ``G``.
    seed : int, default 42
        vis-network's layout seed, so that the same graph is laid out the same way.

    Returns
    -------
    pyvis.network.Network
        Nodes sorted by IRI, edges in the order of ``relations``.

    Examples
    --------
    "Zinoviev supported Lenin": two nodes and one green edge labelled by its predicate.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lenin", label="Lenin", type="Person")
    >>> G.add_node("zinoviev", label="Zinoviev", type="Person")
    >>> _ = G.add_edge("zinoviev", "lenin", key="a1", predicate="supports")
    >>> net = to_pyvis(G, {"lenin": 0.6, "zinoviev": 0.4}, relations_of(G))
    >>> [n["label"] for n in net.nodes], [(e["label"], e["color"]) for e in net.edges]
    (['Lenin', 'Zinoviev'], [('supports', '#2e9e44')])
    """
    net = Network(directed=True, cdn_resources="in_line")
    top = max(ranks.values(), default=0.0) or 1.0
    for node in sorted(G):
        net.add_node(node, **_node_style(node, G.nodes[node], ranks.get(node, 0.0) / top))
    for relation, curve in zip(relations, _curves(relations)):
        net.add_edge(relation["from"], relation["to"], **_edge_style(relation, curve))
    net.set_options(json.dumps(_options(len(G), len(relations), seed)))
    return net


def _evidence(key, data: dict) -> dict:
    """One evidence edge as the page lists it (sortable by document and offset)."""
    return {
        "doc": str(data.get("doc", "")),
        "char_start": int(data.get("char_start", 0)),
        "char_end": int(data.get("char_end", 0)),
        "assertion": str(key),
        "quote": str(data.get("quote", "")),
        "confidence": _finite(data.get("confidence")),
        "method": str(data.get("method", "")),
    }


def _row_order(row: tuple) -> tuple:
    """Sort key of an (from, to, predicate, evidence) row: the triple, then document and offsets."""
    u, v, predicate, evidence = row
    return (u, v, predicate, evidence["doc"], evidence["char_start"], evidence["char_end"], evidence["assertion"])


def _finite(value) -> float | None:
    """``value`` as a float, or None when missing or not finite (JSON has no NaN)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _node_style(node: str, data: dict, share: float) -> dict:
    """pyvis keyword arguments of one node; ``share`` is its rank relative to the top."""
    shape, colour = TYPE_STYLES.get(data.get("type", ""), OTHER_TYPE)
    label = str(data.get("label") or node)
    small, large = NODE_SIZES
    return {
        "label": label,
        "title": f"{label} ({data.get('type') or 'entity'})",
        "shape": shape,
        "color": colour,
        "size": round(small + (large - small) * math.sqrt(max(share, 0.0)), 2),
    }


def _edge_style(relation: dict, curve: float) -> dict:
    """pyvis keyword arguments of one drawn edge; ``curve`` > 0 bends it off its twins."""
    count = len(relation["evidence"])
    label = relation["predicate"] if count == 1 else f"{relation['predicate']} ×{count}"
    style = {
        "id": relation["id"],
        "label": label,
        "title": f"{relation['predicate']}: {count} quote{'s' if count > 1 else ''}",
        "color": PREDICATE_COLOURS.get(relation["predicate"], OTHER_PREDICATE),
        "width": round(1 + math.log2(count), 2),
    }
    if curve:
        style["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": curve}
    return style


def _curves(relations: list[dict]) -> list[float]:
    """Roundness per drawn edge: 0 for the first edge between a pair, more for each further one."""
    seen: dict[frozenset, int] = defaultdict(int)
    curves = []
    for relation in relations:
        pair = frozenset((relation["from"], relation["to"]))
        curves.append(round(0.2 * seen[pair], 2))
        seen[pair] += 1
    return curves


def _options(n_nodes: int, n_edges: int, seed: int) -> dict:
    """vis-network options: seeded layout, physics that stabilises (the page then stops it).

    Large pages get fewer layout iterations and straight edges: at 2,000 entities
    (a pruned million-word corpus) 300 iterations kept the page blank for 8 s in
    chromium where 150 take 4 s and lay the clusters out as well, and curved edges
    cost a fifth of every frame (``benchmarks/browser.py``).

    Examples
    --------
    >>> [_options(n, n, 42)["physics"]["stabilization"]["iterations"] for n in (300, 1000, 2000)]
    [1000, 300, 150]
    >>> [_options(n, n, 42)["edges"]["smooth"]["enabled"] for n in (1000, 1001)]
    [True, False]
    """
    iterations = 1000 if n_nodes <= 300 else 300 if n_nodes <= 1000 else 150
    return {
        "layout": {"randomSeed": seed, "improvedLayout": n_nodes <= 100},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": iterations, "fit": True},
            "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": n_edges > 1000},
        "nodes": {"borderWidth": 1, "font": {"size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": n_edges <= 1000, "type": "continuous"},
        },
    }
