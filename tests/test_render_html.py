"""The page render_html writes: escaped, offline, deterministic, pruned when large."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import OutputError
from kg.render import render_html, write_html

ID = "https://w3id.org/histkg/id/"
EVIL_QUOTE = "Han sade <img src=x onerror=alert(1)> och <script>alert(2)</script> & </script> mer"


def _graph() -> nx.MultiDiGraph:
    """ "Trotskij stödde Lenin; Zinovjev motsatte sig Trotskij" plus a quote that tries to inject script."""
    G = nx.MultiDiGraph()
    people = [
        ("trotsky", "Lev Trotskij", ["Trotsky", "Trotskij"], "Q33391"),
        ("lenin", "Lenin", [], "Q1394"),
        ("zinoviev", "Zinovjev", ["Zinoviev"], "javascript:alert(1)"),
    ]
    for key, label, alt, qid in people:
        G.add_node(ID + key, label=label, type="Person", alt_labels=alt, qid=qid, docs=["a.txt"], years=[1923])
    G.add_node(ID + "cc", label="Centralkommittén", type="Organisation", alt_labels=[], qid="", docs=[], years=[])
    G.add_edge(ID + "trotsky", ID + "lenin", key=ID + "a1", predicate="supports", quote="Trotskij stödde Lenin.",
               doc="a.txt", char_start=0, char_end=22, confidence=0.9, method="cue")
    G.add_edge(ID + "trotsky", ID + "lenin", key=ID + "a2", predicate="supports", quote="Trotsky backed Lenin.",
               doc="b.txt", char_start=3, char_end=24, confidence=0.8, method="cue")
    G.add_edge(ID + "zinoviev", ID + "trotsky", key=ID + "a3", predicate="opposes", quote=EVIL_QUOTE,
               doc="evil <b>.txt", char_start=0, char_end=60, confidence=0.5, method="cue")
    G.add_edge(ID + "lenin", ID + "cc", key=ID + "a4", predicate="memberOf", quote="Lenin i CK.",
               doc="a.txt", char_start=0, char_end=11, confidence=1.0, method="cue")
    return G


def _island(page: str) -> dict:
    """The page's JSON data island, parsed."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.S)
    return json.loads(match.group(1))


def _csp(page: str) -> str:
    """The page's Content-Security-Policy, unescaped."""
    return html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))


def _outside_island(page: str) -> str:
    """The page without its data island."""
    return re.sub(r'(<script type="application/json" id="kg-data">).*?(</script>)', r"\1\2", page, flags=re.S)


def test_render_html_escapes_source_text():
    page = render_html(_graph(), title="<script>alert(5)</script>")
    assert "<img src=x" not in page and "<script>alert" not in page and "evil <b>" not in page
    island = re.search(r'id="kg-data">(.*?)</script>', page, flags=re.S).group(1)
    assert not set("<>&") & set(island)
    quotes = [e["quote"] for r in _island(page)["relations"].values() for e in r["evidence"]]
    assert EVIL_QUOTE in quotes
    assert "evil &lt;b&gt;.txt" in page  # the document filter's option, escaped by Jinja


def test_render_html_requests_nothing_from_any_host():
    page = _outside_island(render_html(_graph()))
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, flags=re.I)
    assert not re.search(r"@import|url\(\s*[\"']?\s*(?:https?:)?//", page, flags=re.I)
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in _csp(page)


def test_render_html_wikidata_links_only_for_qids():
    entities = _island(render_html(_graph()))["entities"]
    assert entities[ID + "trotsky"]["wikidata"] == "https://www.wikidata.org/wiki/Q33391"
    assert entities[ID + "zinoviev"]["wikidata"] == ""


def test_render_html_inlines_vis_network_from_pyvis():
    lib = files("pyvis") / "templates" / "lib"
    versions = sorted(f.name for f in lib.iterdir() if f.name.startswith("vis-"))
    page = render_html(_graph())
    assert "vis-network" in page and "@version" in page
    assert any(f"@version {v[4:]}" in page for v in versions)


def test_render_html_csp_admits_exactly_its_scripts():
    page = render_html(_graph())
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in _csp(page)


def test_render_html_script_assigns_no_html():
    script = (files("kg.render") / "static" / "kg.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_render_html_is_deterministic():
    G = _graph()
    reversed_order = nx.MultiDiGraph()
    reversed_order.add_nodes_from(reversed(list(G.nodes(data=True))))
    reversed_order.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert render_html(G) == render_html(G) == render_html(reversed_order)
    assert render_html(G, seed=1) != render_html(G, seed=2)


def test_render_html_one_node_per_entity_one_edge_per_predicate():
    data = _island(render_html(_graph()))
    assert sorted(n["id"] for n in data["network"]["nodes"]) == sorted(_graph())
    assert [(e["from"], e["label"]) for e in data["network"]["edges"]] == [
        (ID + "lenin", "memberOf"), (ID + "trotsky", "supports ×2"), (ID + "zinoviev", "opposes")]
    supports = next(r for r in data["relations"].values() if r["predicate"] == "supports")
    assert [e["doc"] for e in supports["evidence"]] == ["a.txt", "b.txt"]


def test_render_html_colours_support_and_opposition():
    edges = {e["label"]: e["color"] for e in _island(render_html(_graph()))["network"]["edges"]}
    assert edges["supports ×2"] == "#2e9e44" and edges["opposes"] == "#d62728"


def test_render_html_titles_are_plain_text():
    data = _island(render_html(_graph()))
    for item in data["network"]["nodes"] + data["network"]["edges"]:
        assert isinstance(item["title"], str) and EVIL_QUOTE not in item["title"]


def test_render_html_sizes_nodes_by_given_pagerank():
    G = _graph()
    metrics = {n: {"iri": n, "label": "x", "pagerank": 0.1, "degree": 1, "betweenness": math.nan} for n in G}
    metrics[ID + "cc"]["pagerank"] = 0.7
    data = _island(render_html(G, metrics))
    sizes = {n["id"]: n["size"] for n in data["network"]["nodes"]}
    assert max(sizes, key=sizes.get) == ID + "cc"
    assert data["entities"][ID + "cc"]["metrics"] == {"betweenness": None, "degree": 1, "pagerank": 0.7}


def test_render_html_prunes_above_max_nodes():
    G = nx.MultiDiGraph()
    for hub in range(3):
        for leaf in range(10):
            G.add_edge(f"hub{hub}", f"leaf{hub}-{leaf}", key=f"a{hub}-{leaf}", predicate="metWith")
    page = render_html(G, max_nodes=12)
    data = _island(page)
    assert len(data["network"]["nodes"]) == data["meta"]["shown"] == 12 and data["meta"]["total"] == 33
    assert 'id="kg-pruned"' in page and "Showing 12 of 33 entities" in page
    assert 'id="kg-pruned"' not in render_html(G)


def test_render_html_empty_graph():
    data = _island(render_html(nx.MultiDiGraph()))
    assert data["network"]["nodes"] == [] and data["meta"]["total"] == 0


def test_render_html_rejects_a_node_limit_below_one():
    with pytest.raises(ValueError):
        render_html(_graph(), max_nodes=0)


def test_write_html_replaces_atomically(tmp_path, monkeypatch):
    path = write_html("<p>first</p>", tmp_path / "out" / "graph.html")
    assert path.read_text(encoding="utf-8") == "<p>first</p>"

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("kg.render.html.os.replace", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        write_html("<p>second</p>", path)
    assert path.read_text(encoding="utf-8") == "<p>first</p>"
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]


def test_write_html_to_a_folder_raises_output_error(tmp_path):
    with pytest.raises(OutputError):
        write_html("<p>page</p>", tmp_path)


def test_render_html_is_byte_identical_across_processes():
    script = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_render_html as t; "
        "from kg.render import render_html; print(hashlib.sha256(render_html(t._graph()).encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
