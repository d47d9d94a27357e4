"""Time slices: the network per year (and per document) and how centrality changes."""

from __future__ import annotations

import networkx as nx

from kg.analyze.metrics import betweenness_scores, weighted_pagerank
from kg.analyze.project import person_network

#: The columns of :func:`centrality_over_time` and of ``timeslices.csv``, in this order.
TIMESLICE_COLUMNS: tuple[str, ...] = (
    "year", "iri", "label", "degree", "betweenness", "pagerank",
    "degree_change", "betweenness_change", "pagerank_change",
)  # fmt: skip


def slice_by_year(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """Return the part of the multigraph that belongs to one year.

    A node belongs to a year when its ``years`` attribute holds it: its own ``hkg:date``,
    or else the creation year of a document that mentions it. The slice is the subgraph
    those nodes induce, with every assertion between them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.
    year : int
        The year to keep.

    Returns
    -------
    networkx.MultiDiGraph
        A copy: changing it leaves ``G`` as it was.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> G = to_networkx(example_dataset())
    >>> slice_by_year(G, 1923).number_of_nodes(), slice_by_year(G, 1924).number_of_nodes()
    (4, 0)
    """
    return G.subgraph([n for n, years in G.nodes(data="years") if year in years]).copy()


def slice_by_document(G: nx.MultiDiGraph, doc: str) -> nx.MultiDiGraph:
    """Return what one document says: the entities it mentions and the assertions it backs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.
    doc : str
        The document's ``dcterms:identifier`` (its file name).

    Returns
    -------
    networkx.MultiDiGraph
        The nodes whose ``docs`` hold ``doc`` and the edges whose ``doc`` is ``doc``.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> H = slice_by_document(to_networkx(example_dataset()), "example.txt")
    >>> H.number_of_nodes(), H.number_of_edges()
    (4, 6)
    """
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if doc in d["docs"])
    H.add_edges_from(
        (u, v, key, d) for u, v, key, d in G.edges(keys=True, data=True)
        if d["doc"] == doc and u in H and v in H
    )  # fmt: skip
    return H


def centrality_over_time(G: nx.MultiDiGraph) -> list[dict]:
    """Return the centrality of each person in the person network of each year.

    For every year of the graph, the person network (:func:`~kg.analyze.person_network`)
    of :func:`slice_by_year` is measured; the change is taken against the previous year
    that has persons (0 for a person absent from it). Years without persons are skipped.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.

    Returns
    -------
    list of dict
        Keys :data:`TIMESLICE_COLUMNS`, sorted by year and IRI; ``degree`` counts the
        persons tied to the person that year, ``pagerank`` is weighted by evidence,
        floats are rounded to 6 places.

    Examples
    --------
    >>> from kg.analyze import example_dataset, to_networkx
    >>> rows = centrality_over_time(to_networkx(example_dataset()))
    >>> [(r["year"], r["label"], r["degree"], r["degree_change"]) for r in rows]
    [(1923, 'Kamenev', 2, 2), (1923, 'Stalin', 2, 2), (1923, 'Trotsky', 2, 2)]
    """
    rows: list[dict] = []
    previous: dict[str, dict] = {}
    for year in sorted({y for _, years in G.nodes(data="years") for y in years}):
        current = _person_centrality(person_network(slice_by_year(G, year)))
        if not current:  # a year with dated meetings or resolutions but no persons
            continue
        for node, measures in current.items():
            before = previous.get(node, dict.fromkeys(measures, 0))
            changes = {f"{k}_change": round(v - before[k], 6) for k, v in measures.items()}
            rows.append({"year": year, "iri": node, "label": G.nodes[node]["label"]}
                        | measures | changes)
        previous = current
    return rows


def _person_centrality(P: nx.Graph) -> dict[str, dict]:
    """Return degree, betweenness and PageRank of every person of one year's network."""
    betweenness = betweenness_scores(P)
    pagerank = weighted_pagerank(P)
    return {
        node: {"degree": P.degree(node), "betweenness": round(betweenness[node], 6),
               "pagerank": round(pagerank[node], 6)}
        for node in sorted(P)
    }  # fmt: skip
