"""render_html: the graph as one self-contained, offline HTML page.

pyvis builds the nodes, edges and options; kg's own Jinja2 template
(``templates/graph.html.j2``) writes the page. vis-network's script and style are
read from the installed pyvis package and inlined, with kg's ``static/kg.js`` and
``static/kg.css``, so the page requests nothing from any host. The graph travels
as a JSON data island in which ``<``, ``>`` and ``&`` are escaped; kg.js reads it
and puts every piece of source text into the page as text, never as HTML. A
Content-Security-Policy admits only the page's own two scripts (by hash), so
even a missed escape could not run injected script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.errors import KgError
from kg.files import output_folder, write_atomic
from kg.render.network import OTHER_PREDICATE, OTHER_TYPE, PREDICATE_COLOURS, TYPE_STYLES, relations_of, to_pyvis
from kg.render.subgraph import pagerank_of, top_subgraph

WIKIDATA = "https://www.wikidata.org/wiki/"
QID = re.compile(r"Q[1-9][0-9]*")
NOT_INLINABLE = "{name}: cannot be inlined into the page, it contains '</{tag}'"


def render_html(
    G: nx.MultiDiGraph,
    metrics: dict[str, dict] | None = None,
    *,
    title: str = "kg graph",
    max_nodes: int = 2000,
    seed: int = 42,
) -> str:
    """The whole interactive page of ``G``, self-contained and deterministic.

    Nodes are coloured and shaped by type and sized by PageRank; edges are
    labelled by predicate (supports green, opposes red), one drawn edge per
    (source, target, predicate). The page has a legend, a search over every
    name variant, filters by type, predicate, document and years, a
    neighbourhood highlight and a panel with each entity's evidence.

    Parameters
    ----------
    G : nx.MultiDiGraph
        Entity graph from the analyze stage: node attributes ``label``, ``type``,
        ``alt_labels``, ``qid``, ``docs``, ``years``, ``date``; one edge per
        evidence, keyed by assertion IRI, with ``predicate``, ``quote``, ``doc``,
        ``char_start``, ``char_end``, ``confidence`` and ``method``.
    metrics : dict[str, dict] or None, default None
        Node -> centrality figures (``pagerank``, ``degree``, ``betweenness`` ...),
        shown in the panel. None computes PageRank and degree here.
    title : str, default "kg graph"
        Page title and heading.
    max_nodes : int, default 2000
        Above this many nodes the page keeps the top nodes by PageRank and their
        neighbours (see :func:`kg.render.subgraph.top_subgraph`) and says so.
    seed : int, default 42
        Layout seed: the same graph gives byte-identical HTML.

    Returns
    -------
    str
        The page; write it with :func:`write_html`.

    Raises
    ------
    ValueError
        If ``max_nodes`` is smaller than 1.

    Examples
    --------
    "Zinoviev supported Lenin at the Tenth Congress": two people, one green edge.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("id:lenin", label="Lenin", type="Person", alt_labels=["V. I. Lenin"])
    >>> G.add_node("id:zinoviev", label="Zinoviev", type="Person", alt_labels=["Zinovjev"])
    >>> _ = G.add_edge("id:zinoviev", "id:lenin", key="id:a1", predicate="supports",
    ...                quote="Zinoviev supported Lenin at the Tenth Congress", doc="congress.txt")
    >>> page = render_html(G, title="Tenth Congress")
    >>> page.startswith("<!DOCTYPE html>"), "<title>Tenth Congress</title>" in page
    (True, True)
    >>> "Zinovjev" in page, "cdn." in page
    (True, False)
    """
    figures = _figures(G, metrics)
    ranks = {n: _rank(figures[n]) for n in G}
    shown = top_subgraph(G, ranks, max_nodes)
    relations = relations_of(shown)
    net = to_pyvis(shown, ranks, relations, seed=seed)
    data = {
        "meta": _meta(G, shown, relations, max_nodes),
        "network": {"nodes": net.nodes, "edges": net.edges, "options": net.options},
        "entities": {n: _entity(n, shown.nodes[n], figures[n]) for n in sorted(shown)},
        "relations": {r["id"]: r for r in relations},
        "facets": _facets(shown, relations),
    }
    return _page(title, data)


def write_html(html: str, path: str | os.PathLike) -> Path:
    """Write a page atomically: a temporary file in the same folder, then ``os.replace``.

    A failed write leaves any earlier file at ``path`` as it was.

    Parameters
    ----------
    html : str
        The page, as :func:`render_html` returns it.
    path : str or os.PathLike
        Where to write it; missing parent folders are created.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written (the path is a folder, not writable ...).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> path = write_html("<!DOCTYPE html><title>Lenin</title>", pathlib.Path(folder) / "graph.html")
    >>> path.read_text(encoding="utf-8")
    '<!DOCTYPE html><title>Lenin</title>'
    """
    output_folder(Path(path).parent)
    return write_atomic(path, html)


def _figures(G: nx.MultiDiGraph, metrics: dict[str, dict] | None) -> dict[str, dict]:
    """Node -> centrality figures: the given ones, or PageRank and degree computed here."""
    if metrics is not None:
        return {n: dict(metrics.get(n) or {}) for n in G}
    ranks = pagerank_of(G)
    return {n: {"pagerank": ranks[n], "degree": G.degree(n)} for n in G}


def _meta(G: nx.MultiDiGraph, shown: nx.MultiDiGraph, relations: list[dict], max_nodes: int) -> dict:
    """Counts the page states: shown and total entities, relations, quotes, the node limit."""
    return {
        "total": len(G),
        "shown": len(shown),
        "pruned": len(shown) < len(G),
        "max_nodes": max_nodes,
        "relations": len(relations),
        "evidence": sum(len(r["evidence"]) for r in relations),
    }


def _entity(node: str, data: dict, figures: dict) -> dict:
    """What the panel shows of one entity (all values JSON-safe and sorted)."""
    label = str(data.get("label") or node)
    qid = str(data.get("qid") or "")
    return {
        "label": label,
        "type": str(data.get("type") or ""),
        "alt_labels": sorted({str(name) for name in data.get("alt_labels") or []} - {label}),
        "qid": qid,
        "wikidata": WIKIDATA + qid if QID.fullmatch(qid) else "",
        "docs": sorted({str(doc) for doc in data.get("docs") or []}),
        "years": sorted({int(year) for year in data.get("years") or []}),
        "date": str(data.get("date") or ""),
        "metrics": {str(k): _json_number(v) for k, v in sorted(figures.items()) if _is_number(v)},
    }


def _rank(figures: dict) -> float:
    """A node's PageRank from its figures; 0 when missing or not a finite number."""
    value = figures.get("pagerank")
    return float(_json_number(value) or 0.0) if _is_number(value) else 0.0


def _is_number(value) -> bool:
    """Whether a metrics entry is a figure (the row's ``iri``, ``label`` and ``type`` are not)."""
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _json_number(value):
    """A metric as JSON can hold it: ints and finite floats as they are, NaN/inf as None."""
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def _facets(shown: nx.MultiDiGraph, relations: list[dict]) -> dict:
    """The values the filters offer: types, predicates, documents and the year range."""
    types = {str(t or "") for _, t in shown.nodes(data="type")}
    years = [int(y) for _, ys in shown.nodes(data="years") for y in ys or []]
    docs = {str(d) for _, ds in shown.nodes(data="docs") for d in ds or []}
    docs |= {e["doc"] for r in relations for e in r["evidence"] if e["doc"]}
    return {
        "types": [t for t in TYPE_STYLES if t in types] + sorted(types - set(TYPE_STYLES)),
        "predicates": sorted({r["predicate"] for r in relations}),
        "docs": sorted(docs),
        "years": [min(years), max(years)] if years else [],
    }


def _page(title: str, data: dict) -> str:
    """Fill the template: the inlined assets, the data island and the legend."""
    vis_js, vis_css = _vis_assets()
    static = files("kg.render") / "static"
    scripts = [_inline(vis_js, "script", "vis-network.min.js"), _inline(_read(static / "kg.js"), "script", "kg.js")]
    facets = data["facets"]
    return _template().render(
        title=title,
        meta=data["meta"],
        csp=_csp(scripts),
        vis_css=_inline(vis_css, "style", "vis-network.css"),
        kg_css=_inline(_read(static / "kg.css"), "style", "kg.css"),
        vis_js=scripts[0],
        kg_js=scripts[1],
        data_json=Markup(_data_island(data)),
        types=[(t, *TYPE_STYLES.get(t, OTHER_TYPE)) for t in facets["types"]],
        predicates=[(p, PREDICATE_COLOURS.get(p, OTHER_PREDICATE)) for p in facets["predicates"]],
        legend_edges=[*PREDICATE_COLOURS.items(), ("other relations", OTHER_PREDICATE)],
        docs=facets["docs"],
        years=facets["years"],
    )


def _data_island(data: dict) -> str:
    """``data`` as JSON that cannot end its ``<script>`` element or open markup."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp(scripts: list[str]) -> str:
    """A Content-Security-Policy allowing no network at all and only these inline scripts."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def _inline(text: str, tag: str, name: str) -> Markup:
    """An asset ready to sit inside ``<tag>``: source-map comments dropped, no closing tag inside."""
    text = re.sub(r"^\s*(//[#@]\s*sourceMappingURL=.*|/\*[#@]\s*sourceMappingURL=.*?\*/)\s*$", "", text, flags=re.M)
    if re.search(rf"</{tag}", text, flags=re.I) or "<!--" in text:
        raise KgError(NOT_INLINABLE.format(name=name, tag=tag))
    return Markup(text)


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style from the newest ``lib/vis-*`` folder pyvis ships."""
    lib = files("pyvis") / "templates" / "lib"
    folders = [f for f in lib.iterdir() if re.fullmatch(r"vis-[0-9.]+", f.name)]
    newest = max(folders, key=lambda f: tuple(int(part) for part in f.name[4:].split(".") if part))
    return _read(newest / "vis-network.min.js"), _read(newest / "vis-network.css")


def _read(resource) -> str:
    """A packaged text file with ``\\n`` newlines, as the HTML parser (and so the CSP hash) sees it."""
    return resource.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _template() -> jinja2.Template:
    """kg's page template, autoescaping on."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("graph.html.j2")
