"""The graph page in a real browser: offline, escaped, searchable, filterable, clickable.

Drives Debian's ``/usr/bin/chromium`` through Playwright (no browser download). The
page is loaded from ``file://`` with every other request blocked and recorded.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ID = "https://w3id.org/histkg/id/"
EVIL = "<img src=x onerror=alert(1)>"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"Debian's chromium is not installed at {CHROMIUM} (`make browser` installs it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


def _graph() -> nx.MultiDiGraph:
    """Party history in eight entities, a quote that tries to inject script, an entity named like markup."""
    G = nx.MultiDiGraph()
    for key, label, kind, alt, qid, docs, years in [
        ("trotsky", "Lev Trotskij", "Person", ["Trotsky", "Trotskij", "Лев Троцкий"], "Q33391",
         ["a.txt", "b.txt"], [1923, 1924]),
        ("lenin", "Lenin", "Person", ["V. I. Lenin"], "Q1394", ["a.txt"], [1921]),
        ("stalin", "Stalin", "Person", ["Josef Stalin"], "Q855", ["b.txt"], [1924]),
        ("evil", EVIL + "Kamenev", "Person", ["<script>alert(2)</script>"], "javascript:alert(3)", ["evil.txt"], []),
        ("cc", "Centralkommittén", "Organisation", ["Central Committee"], "", ["a.txt"], [1921]),
        ("congress", "Tionde partikongressen", "Meeting", ["Tenth Party Congress"], "", ["a.txt"], [1921]),
        ("unity", "Om partiets enhet", "Resolution", ["On Party Unity"], "", ["a.txt"], [1921]),
        ("moscow", "Moskva", "Place", ["Moscow"], "Q649", ["a.txt", "b.txt"], []),
    ]:
        G.add_node(ID + key, label=label, type=kind, alt_labels=alt, qid=qid, docs=docs, years=years, date="")
    for n, (a, b, predicate, quote, doc) in enumerate([
        ("lenin", "unity", "drafted", "Lenin skrev resolutionen Om partiets enhet.", "a.txt"),
        ("trotsky", "stalin", "opposes", "Trotskij angrep Stalin.", "b.txt"),
        ("trotsky", "lenin", "supports", "Trotsky supported Lenin.", "a.txt"),
        ("trotsky", "lenin", "supports", "Trotskij stödde Lenin.", "b.txt"),
        ("evil", "stalin", "supports", f"Han sade {EVIL} och <script>alert(4)</script> & mer", "evil.txt"),
        ("lenin", "congress", "metWith", "Lenin talade på kongressen i Moskva.", "a.txt"),
        ("cc", "moscow", "locatedIn", "Centralkommittén i Moskva.", "a.txt"),
    ]):
        G.add_edge(ID + a, ID + b, key=f"{ID}assertion{n}", predicate=predicate, quote=quote, doc=doc,
                   char_start=n, char_end=n + len(quote), confidence=0.9, method="cue")
    return G


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page_path(tmp_path_factory):
    from kg.render import render_html, write_html

    page = render_html(_graph(), title="Partihistoria 1917–1928")
    return write_html(page, tmp_path_factory.mktemp("page") / "graph.html")


class Visit:
    """A page opened from disk with every non-file request blocked; records what went wrong."""

    def __init__(self, browser, path: Path):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-state=ready]", timeout=30_000)

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def point(self, node: str) -> dict:
        """Where ``node`` is drawn, in page coordinates."""
        return self.page.evaluate("""id => {
            const p = kg.network.canvasToDOM(kg.network.getPosition(id));
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""", node)

    def click(self, node: str):
        where = self.point(node)
        self.page.mouse.move(where["x"], where["y"])
        self.page.wait_for_timeout(300)  # long enough for vis-network's hover title
        self.page.mouse.click(where["x"], where["y"])

    def hidden_nodes(self) -> set[str]:
        return set(self.page.evaluate("kg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, page_path):
    visit = Visit(browser, page_path)
    yield visit
    visit.close()


def test_render_browser_offline_page_loads_cleanly(visit):
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 10_000
    assert visit.requests == [] and visit.errors == [] and visit.dialogs == []
    assert visit.page.evaluate("kg.nodes.length") == len(_graph())
    assert visit.page.evaluate("kg.edges.length") == 6  # two 'supports' quotes, one drawn edge


def test_render_browser_physics_stops_after_stabilising(visit):
    before = visit.page.evaluate("kg.network.getPositions()")
    visit.page.wait_for_timeout(700)
    assert visit.page.evaluate("kg.network.getPositions()") == before


@pytest.mark.parametrize("name", ["Trotskij", "Trotsky", "trotsk", "Троцкий"])
def test_render_browser_search_finds_any_name_variant(visit, name):
    visit.page.fill("#kg-search", name)
    first = visit.page.locator("#kg-search-results button").first
    assert first.get_attribute("data-node") == ID + "trotsky"
    first.click()
    assert visit.page.text_content("#kg-panel-label") == "Lev Trotskij"


def test_render_browser_search_enter_selects_the_best_match(visit):
    visit.page.fill("#kg-search", "Moscow")
    visit.page.press("#kg-search", "Enter")
    assert visit.page.text_content("#kg-panel-label") == "Moskva"
    assert visit.page.evaluate("kg.network.getSelectedNodes()") == [ID + "moscow"]


def test_render_browser_type_filter_hides_its_entities(visit):
    persons = {n for n, t in _graph().nodes(data="type") if t == "Person"}
    visit.page.uncheck("input[name=kg-type][value=Person]")
    assert visit.hidden_nodes() == persons
    assert visit.page.get_attribute("#kg-status", "data-nodes") == str(len(_graph()) - len(persons))
    visit.page.check("input[name=kg-type][value=Person]")
    assert visit.hidden_nodes() == set()


def test_render_browser_predicate_filter_hides_its_edges(visit):
    visit.page.uncheck("input[name=kg-predicate][value=opposes]")
    hidden = visit.page.evaluate("kg.edges.get({filter: e => e.hidden}).map(e => kg.data.relations[e.id].predicate)")
    assert hidden == ["opposes"]


def test_render_browser_document_filter_keeps_its_entities(visit):
    visit.page.select_option("#kg-doc", "b.txt")
    in_b = {n for n, docs in _graph().nodes(data="docs") if "b.txt" in docs}
    assert visit.hidden_nodes() == set(_graph()) - in_b


def test_render_browser_year_filter_keeps_the_range(visit):
    visit.page.fill("#kg-year-from", "1924")
    visit.page.uncheck("#kg-undated")
    assert visit.hidden_nodes() == set(_graph()) - {ID + "trotsky", ID + "stalin"}


def test_render_browser_click_shows_evidence_and_neighbourhood(visit):
    visit.click(ID + "lenin")
    panel = visit.page.locator("#kg-panel")
    assert visit.page.text_content("#kg-panel-label") == "Lenin"
    assert "Trotskij stödde Lenin." in panel.inner_text() and "Trotsky supported Lenin." in panel.inner_text()
    assert "a.txt, characters" in panel.inner_text()
    assert panel.locator("a[href='https://www.wikidata.org/wiki/Q1394']").count() == 1
    colours = visit.page.evaluate("Object.fromEntries(kg.nodes.get().map(n => [n.id, n.color]))")
    assert colours[ID + "stalin"].startswith("rgba(200") and not colours[ID + "trotsky"].startswith("rgba(200")


def test_render_browser_source_markup_runs_nowhere(visit):
    for node in sorted(_graph()):
        visit.click(node)
    visit.page.evaluate(f"kg.select({ID + 'evil'!r})")
    visit.page.locator("#kg-panel .kg-relation button", has_text="Stalin").first.click()
    visit.page.wait_for_timeout(300)
    assert visit.dialogs == [] and visit.errors == []
    assert visit.page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert visit.page.evaluate("document.scripts.length") == 3
    visit.page.evaluate(f"kg.select({ID + 'evil'!r})")
    panel = visit.page.inner_text("#kg-panel")
    assert EVIL + "Kamenev" in panel and "<script>alert(4)</script>" in panel
    assert "javascript:" not in visit.page.evaluate("Array.from(document.links, a => a.href).join(' ')")


def test_render_browser_pruned_page_says_so(browser, tmp_path):
    from kg.render import render_html, write_html

    G = nx.MultiDiGraph(nx.barabasi_albert_graph(80, 2, seed=7))
    G = nx.relabel_nodes(G, {n: f"{ID}e{n}" for n in G})
    nx.set_node_attributes(G, {n: {"label": n[-3:], "type": "Person"} for n in G})
    visit = Visit(browser, write_html(render_html(G, max_nodes=25), tmp_path / "graph.html"))
    try:
        assert visit.page.evaluate("kg.nodes.length") == 25
        assert "Showing 25 of 80 entities" in visit.page.inner_text("#kg-pruned")
        assert visit.requests == [] and visit.errors == []
    finally:
        visit.close()



def test_render_browser_panel_of_a_hub_shows_relations_and_quotes_in_steps(browser, tmp_path):
    # A hub with 40 relations of 5 quotes each: the panel draws 25 relations and 3 quotes
    # of each at first (a million-word corpus's hub has 300 and 1,200), the rest on request.
    from kg.render import render_html, write_html

    G = nx.MultiDiGraph()
    G.add_node(ID + "hub", label="Stalin", type="Person")
    for n in range(40):
        G.add_node(f"{ID}e{n:02d}", label=f"Kommission {n}", type="Organisation")
        for q in range(5):
            G.add_edge(ID + "hub", f"{ID}e{n:02d}", key=f"{ID}a{n}-{q}", predicate="memberOf",
                       quote=f"Stalin satt i kommission {n} ({q}).", doc=f"d{q}.txt", char_start=q, char_end=q + 9,
                       confidence=0.9, method="cue")
    visit = Visit(browser, write_html(render_html(G), tmp_path / "graph.html"))
    try:
        visit.page.evaluate(f"kg.select({ID + 'hub'!r})")
        relations = visit.page.locator("#kg-panel .kg-relation")
        assert relations.count() == 25
        assert relations.first.locator("blockquote").count() == 3
        relations.first.locator("button.kg-more", has_text="Show 2 more of 2 quotes").click()
        assert relations.first.locator("blockquote").count() == 5
        assert relations.first.locator("button.kg-more").count() == 0
        visit.page.locator("#kg-panel button.kg-more", has_text="Show 15 more of 15 relations").click()
        assert relations.count() == 40 and visit.page.locator("#kg-panel button.kg-more", has_text="relations").count() == 0
        assert visit.errors == []
    finally:
        visit.close()


def test_render_browser_highlight_moves_and_clears_without_leftovers(visit):
    original = visit.page.evaluate("Object.fromEntries(kg.data.network.nodes.map(n => [n.id, n.color]))")
    drawn = "Object.fromEntries(kg.nodes.get().map(n => [n.id, n.color]))"
    visit.click(ID + "lenin")
    visit.click(ID + "stalin")  # from one neighbourhood to another: only the difference is restyled
    colours = visit.page.evaluate(drawn)
    near = {ID + "stalin", ID + "trotsky", ID + "evil"}
    assert all(colours[n] == original[n] for n in near)
    assert all(colours[n].startswith("rgba(200") for n in set(original) - near)
    box = visit.page.locator("#kg-network").bounding_box()
    visit.page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)  # empty canvas: everything undimmed
    visit.page.wait_for_timeout(300)
    assert visit.page.evaluate(drawn) == original
