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
from networkx.readwrite.gexf import GEXF
from networkx.readwrite.graphml import GraphML

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
    nodes, edges = _flat_records(G, rows)
    write_atomic(out / "graph.graphml", _graphml(nodes, edges))
    write_atomic(out / "graph.gexf", _gexf(nodes, edges))
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


def _flat_records(G: nx.MultiDiGraph, rows: list[dict]) -> tuple[list[tuple], list[tuple]]:
    """Return G's nodes and edges as GraphML/GEXF can hold them: lists joined with ``|``, measures added.

    Nodes come as ``(node, attributes)``, edges as ``(u, v, key, attributes)``, both in G's order.
    """
    measures = {row["iri"]: row for row in rows}
    nodes = []
    for node, data in G.nodes(data=True):
        attrs = data | {k: v for k, v in measures[node].items() if k not in ("iri", "label", "type")}
        nodes.append((node, {k: _scalar(v) for k, v in attrs.items() if v is not None}))
    edges = [(u, v, key, {k: _scalar(x) for k, x in data.items()}) for u, v, key, data in G.edges(keys=True, data=True)]
    return nodes, edges


def _scalar(value):
    """Join a list with ``|`` (GraphML and GEXF have no list type); keep scalars."""
    return "|".join(map(str, value)) if isinstance(value, list) else value


# GraphML and GEXF text
# ---------------------
# networkx builds an ElementTree of the whole graph and serialises it: at a million words
# that is most of the time write_analysis takes. The two writers below spell the same
# text line by line instead (ElementTree's escaping, networkx's indentation, attribute
# order and numbering). They cover the attributes a build has, plain str/int/float/bool
# values under names the formats do not reserve; anything else goes to networkx.


def _xml_types(format_class) -> dict[type, str]:
    """Return the XML type networkx's writer of ``format_class`` gives each plain Python type."""
    writer = format_class()
    writer.construct_types()
    return {kind: writer.xml_type[kind] for kind in (str, int, float, bool)}


_GRAPHML_TYPES = _xml_types(GraphML)
_GEXF_TYPES = _xml_types(GEXF)
_GEXF_VERSION = GEXF.versions["1.2draft"]
#: Node and edge attributes networkx's GEXF writer turns into XML attributes or elements
#: (or, for an edge's ``key`` and ``networkx_key``, into the title it gives the multigraph key).
_GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "parents", "spells", "viz"})
_GEXF_EDGE_RESERVED = frozenset({"id", "label", "weight", "type", "start", "end", "spells", "viz", "key",
                                 "networkx_key"})  # fmt: skip
#: The value types both writers spell as networkx does.
_PLAIN = frozenset({str, int, float, bool})
#: How networkx's GEXF writer spells the float specials.
_GEXF_FLOATS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


def _graphml(nodes: list[tuple], edges: list[tuple]) -> str:
    """Return the GraphML file of flat records: ``nx.generate_graphml`` text after an XML declaration.

    Examples
    --------
    >>> print(_graphml([("lenin", {"label": "Lenin", "core": 2})], []))
    <?xml version="1.0" encoding="utf-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
      <key id="d1" for="node" attr.name="core" attr.type="long" />
      <key id="d0" for="node" attr.name="label" attr.type="string" />
      <graph edgedefault="directed">
        <node id="lenin">
          <data key="d0">Lenin</data>
          <data key="d1">2</data>
        </node>
      </graph>
    </graphml>
    <BLANKLINE>
    """
    if not _plain(nodes, edges, frozenset(), frozenset()):
        return _XML + "\n".join(nx.generate_graphml(_networkx_graph(nodes, edges))) + "\n"
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> "d0", "d1" ... in networkx's order
    graph: list[str] = []
    for node, data in nodes:
        graph += _element("    ", "node", [("id", str(node))], _graphml_data(keys, "node", data))
    for u, v, key, data in edges:
        attributes = [("source", str(u)), ("target", str(v)), ("id", str(key))]
        graph += _element("    ", "edge", attributes, _graphml_data(keys, "edge", data))
    declarations = [_leaf("  ", "key", [("id", key), ("for", scope), ("attr.name", name), ("attr.type", kind)])
                    for (name, kind, scope), key in reversed(keys.items())]  # networkx inserts each key first
    root = [("xmlns", GraphML.NS_GRAPHML), ("xmlns:xsi", GraphML.NS_XSI),
            ("xsi:schemaLocation", GraphML.SCHEMALOCATION)]  # fmt: skip
    return _document(_element("", "graphml", root, declarations + _element(
        "  ", "graph", [("edgedefault", "directed")], graph)))


def _graphml_data(keys: dict, scope: str, data: dict) -> list[str]:
    """Return the ``<data>`` lines of one node or edge, numbering new keys in ``keys``."""
    lines = []
    for name, value in data.items():
        kind = _GRAPHML_TYPES[type(value)]
        key = keys.setdefault((name, kind, scope), f"d{len(keys)}")
        text = str(value)
        # spelled out rather than through _leaf: this is the line the file is made of
        lines.append(f'      <data key="{key}">{_escape_text(text)}</data>' if text else f'      <data key="{key}" />')
    return lines


def _gexf(nodes: list[tuple], edges: list[tuple]) -> str:
    """Return the GEXF file of flat records: ``nx.generate_gexf`` text without ``lastmodifieddate``.

    The writer stamps today's date on ``<meta>``, which would make every build differ.

    Examples
    --------
    >>> text = _gexf([("lenin", {"label": "Lenin", "core": 2}), ("stalin", {"label": "Stalin"})],
    ...              [("lenin", "stalin", "e1", {"predicate": "metWith"})])
    >>> print(text[text.index("<graph"):])
    <graph defaultedgetype="directed" mode="static" name="">
        <attributes mode="static" class="edge">
          <attribute id="1" title="predicate" type="string" />
          <attribute id="2" title="networkx_key" type="string" />
        </attributes>
        <attributes mode="static" class="node">
          <attribute id="0" title="core" type="long" />
        </attributes>
        <nodes>
          <node id="lenin" label="Lenin">
            <attvalues>
              <attvalue for="0" value="2" />
            </attvalues>
          </node>
          <node id="stalin" label="Stalin" />
        </nodes>
        <edges>
          <edge source="lenin" target="stalin" id="0">
            <attvalues>
              <attvalue for="1" value="metWith" />
              <attvalue for="2" value="e1" />
            </attvalues>
          </edge>
        </edges>
      </graph>
    </gexf>
    <BLANKLINE>
    """
    if not _plain(nodes, edges, _GEXF_NODE_RESERVED, _GEXF_EDGE_RESERVED):
        text = _XML + "\n".join(nx.generate_gexf(_networkx_graph(nodes, edges))) + "\n"
        return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    titles: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}  # class -> title -> (id, type)
    node_lines: list[str] = []
    for node, data in nodes:
        data = dict(data)
        attributes = [("id", str(node)), ("label", str(data.pop("label", node)))]
        node_lines += _element("      ", "node", attributes, _gexf_values(titles, "node", data))
    edge_lines: list[str] = []
    for number, (u, v, key, data) in enumerate(edges):
        attributes = [("source", str(u)), ("target", str(v)), ("id", str(number))]
        values = _gexf_values(titles, "edge", {**data, "networkx_key": key})
        edge_lines += _element("      ", "edge", attributes, values)
    graph = [("defaultedgetype", "directed"), ("mode", "static"), ("name", "")]
    body = _gexf_declarations(titles) + _element("    ", "nodes", [], node_lines) + _element(
        "    ", "edges", [], edge_lines)
    root = [("xmlns", _GEXF_VERSION["NS_GEXF"]), ("xmlns:xsi", _GEXF_VERSION["NS_XSI"]),
            ("xsi:schemaLocation", _GEXF_VERSION["SCHEMALOCATION"]), ("version", _GEXF_VERSION["VERSION"])]
    meta = _element("  ", "meta", [], [_leaf("    ", "creator", [], f"NetworkX {nx.__version__}")])
    return _document(_element("", "gexf", root, meta + _element("  ", "graph", graph, body)))


def _gexf_values(titles: dict, kind: str, data: dict) -> list[str]:
    """Return the ``<attvalues>`` lines of one node or edge, numbering new titles in ``titles``.

    One counter numbers node and edge titles alike; a title keeps the type of its first value.
    """
    values = []
    for title, value in data.items():
        if title not in titles[kind]:
            titles[kind][title] = (str(len(titles["node"]) + len(titles["edge"])), _GEXF_TYPES[type(value)])
        number, text = titles[kind][title][0], _escape_attribute(_gexf_text(value))
        # spelled out rather than through _leaf: this is the line the file is made of
        values.append(f'          <attvalue for="{number}" value="{text}" />')
    return _element("        ", "attvalues", [], values) if values else []


def _gexf_text(value) -> str:
    """Spell a value as networkx's GEXF writer does: booleans in lower case, float specials in capitals."""
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    return _GEXF_FLOATS.get(text, text) if type(value) is float else text


def _gexf_declarations(titles: dict) -> list[str]:
    """Return the ``<attributes>`` blocks: edges' first, as networkx inserts each new block first."""
    lines = []
    for kind in ("edge", "node"):
        declared = [_leaf("      ", "attribute", [("id", number), ("title", title), ("type", xml_type)])
                    for title, (number, xml_type) in titles[kind].items()]
        if declared:
            lines += _element("    ", "attributes", [("mode", "static"), ("class", kind)], declared)
    return lines


def _plain(nodes: list[tuple], edges: list[tuple], node_reserved: frozenset, edge_reserved: frozenset) -> bool:
    """Whether every attribute is a str, int, float or bool, named by a str the format does not reserve."""
    return all(_plain_data(data, node_reserved) for _, data in nodes) and all(
        _plain_data(data, edge_reserved) for *_, data in edges)


def _plain_data(data: dict, reserved: frozenset) -> bool:
    """Whether one node's or edge's attributes are plain (see :func:`_plain`)."""
    return reserved.isdisjoint(data) and all(type(k) is str and type(v) in _PLAIN for k, v in data.items())


def _networkx_graph(nodes: list[tuple], edges: list[tuple]) -> nx.MultiDiGraph:
    """Return the flat records as a multigraph, for networkx's own writers."""
    flat = nx.MultiDiGraph()
    flat.add_nodes_from(nodes)
    flat.add_edges_from(edges)
    return flat


def _element(indent: str, tag: str, attributes: list[tuple[str, str]], children: list[str]) -> list[str]:
    """Return the lines of an element: start tag, children and end tag, or one empty-element tag."""
    start = indent + "<" + tag + _attributes(attributes)
    return [start + ">", *children, indent + "</" + tag + ">"] if children else [start + " />"]


def _leaf(indent: str, tag: str, attributes: list[tuple[str, str]], text: str = "") -> str:
    """Return the line of an element without children: with its text, or an empty-element tag."""
    start = indent + "<" + tag + _attributes(attributes)
    return start + ">" + _escape_text(text) + "</" + tag + ">" if text else start + " />"


def _attributes(attributes: list[tuple[str, str]]) -> str:
    """Return ``name="value"`` pairs, each after a space, values escaped."""
    return "".join(f' {name}="{_escape_attribute(value)}"' for name, value in attributes)


def _escape_text(text: str) -> str:
    """Escape character data as ElementTree does: ``&``, ``<`` and ``>``.

    Examples
    --------
    >>> _escape_text("Marx & Engels <1848>")
    'Marx &amp; Engels &lt;1848&gt;'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    """Escape an attribute value as ElementTree does: also ``"``, and CR, LF and TAB as references.

    Examples
    --------
    >>> _escape_attribute('"Iskra"\\n1900')
    '&quot;Iskra&quot;&#10;1900'
    """
    text = _escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _document(lines: list[str]) -> str:
    """Return the file networkx's generators make of an element's lines.

    ElementTree writes US-ASCII, any other character as a reference (``&#229;``); the
    generators split its text with ``str.splitlines`` and the lines are joined with
    ``\\n``, which turns the rarer line breaks a value may hold (``\\r``, ``\\x0b`` ...) into ``\\n``.

    Examples
    --------
    >>> _document(["<name>Mölotov\\rMolotov</name>"])
    '<?xml version="1.0" encoding="utf-8"?>\\n<name>M&#246;lotov\\nMolotov</name>\\n'
    """
    text = "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return _XML + "\n".join(text.splitlines()) + "\n"
