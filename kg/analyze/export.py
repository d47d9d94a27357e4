"""Write the analysis files of a build: CSV tables, GraphML, GEXF and the balance report.

Every file is written atomically (a temporary file in the same folder, then ``os.replace``),
so a failed run leaves the previous outputs intact, and deterministically: the same graph
and seed give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re

import networkx as nx

from kg.analyze.communities import modularity
from kg.analyze.metrics import METRIC_COLUMNS, centrality_table
from kg.analyze.signed import signed_network, structural_balance
from kg.analyze.timeslices import TIMESLICE_COLUMNS, centrality_over_time
from kg.files import output_folder, write_atomic

#: The columns of ``communities.csv``.
COMMUNITY_COLUMNS: tuple[str, ...] = ("iri", "label", "type", "community")
_XML = '<?xml version="1.0" encoding="utf-8"?>\n'


def write_analysis(G: nx.MultiDiGraph, out_dir: str | os.PathLike, seed: int = 42,
                   rows: list[dict] | None = None) -> dict:
    """Write every analysis file of a build into ``out_dir`` and summarise them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The multigraph of :func:`~kg.analyze.to_networkx`.
    out_dir : str or os.PathLike
        The build folder; created when missing.
    seed : int
        Seed of the community detection.
    rows : list of dict, optional
        ``centrality_table(G, seed)`` when the caller has it already (it is the
        costly part: betweenness); computed here otherwise.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``communities`` (how many) and ``modularity`` (6 places),
        for the build's closing table.

    Raises
    ------
    kg.errors.OutputError
        If ``out_dir`` is a file or a file cannot be written.

    Notes
    -----
    Files: ``metrics.csv`` (:data:`~kg.analyze.METRIC_COLUMNS`), ``communities.csv``,
    ``timeslices.csv``, ``balance.json`` and the multigraph with its measures as
    ``graph.graphml`` and ``graph.gexf`` (list attributes joined with ``|``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.analyze import example_dataset, to_networkx
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> write_analysis(to_networkx(example_dataset()), out)
    {'nodes': 4, 'edges': 6, 'communities': 1, 'modularity': 0.0}
    >>> (out / "metrics.csv").read_text().splitlines()[0]
    'iri,label,type,degree,weighted_degree,betweenness,pagerank,eigenvector,core,community,first_year,last_year'
    """
    out = output_folder(out_dir)
    rows = centrality_table(G, seed) if rows is None else rows
    write_atomic(out / "metrics.csv", _csv(rows, METRIC_COLUMNS))
    write_atomic(out / "communities.csv", _csv(rows, COMMUNITY_COLUMNS))
    write_atomic(out / "timeslices.csv", _csv(centrality_over_time(G), TIMESLICE_COLUMNS))
    balance = structural_balance(signed_network(G))
    write_atomic(out / "balance.json", json.dumps(balance, ensure_ascii=False, indent=2) + "\n")
    flat = _flat_graph(G, rows)
    write_atomic(out / "graph.graphml", _XML + "\n".join(nx.generate_graphml(flat)) + "\n")
    write_atomic(out / "graph.gexf", _gexf(flat))
    partition = {row["iri"]: row["community"] for row in rows}
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "communities": len(set(partition.values())),
        "modularity": round(modularity(G, partition), 6),
    }


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    """Return rows as CSV text with a header, ``\\n`` line ends, None as an empty cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _flat_graph(G: nx.MultiDiGraph, rows: list[dict]) -> nx.MultiDiGraph:
    """Return a copy of G that GraphML/GEXF can hold: lists joined with ``|``, measures added."""
    measures = {row["iri"]: row for row in rows}
    flat = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = data | {k: v for k, v in measures[node].items() if k not in ("iri", "label", "type")}
        flat.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in data.items()})
    return flat


def _scalar(value):
    """Join a list with ``|`` (GraphML and GEXF have no list type); keep scalars."""
    return "|".join(map(str, value)) if isinstance(value, list) else value


def _gexf(flat: nx.MultiDiGraph) -> str:
    """Return GEXF text without the writer's ``lastmodifieddate`` (today's date breaks determinism)."""
    text = _XML + "\n".join(nx.generate_gexf(flat)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
