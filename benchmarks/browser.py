"""How a build's graph page behaves in a real browser: load, clicks, search, filters, zoom.

The issue asks that ``graph.html`` stay responsive at a million words. This opens
each page given in Debian's chromium (through Playwright, as the browser tests do;
``make browser`` installs it) and times what a reader does, inside the page
(``performance.now()``, up to the second frame painted after the action, so that
the time includes drawing the result):

- **load**: from navigation to the page saying it is ready (vis-network has
  stabilised the layout and the page has stopped the physics);
- **select**: ``kg.select`` of the five best-connected entities (evidence panel
  and neighbourhood highlight), median;
- **search**: typing the first letters of five entities' names into the search
  box until the matches are drawn, median;
- **filter**: hiding one entity type and showing it again, median of the two;
- **zoom**: frames drawn per second during a one-second animated zoom.

Every page is measured in the same browser as the reference page (by default the
bundled corpus's, ``outputs/graph.html``: build it with ``make run``), each in a
fresh tab ``--repeat`` times (browser timings vary by a third from run to run),
and the table gives the median of each figure with its ratio to the reference's.

Example::

    .venv/bin/python benchmarks/make_corpus.py --words 1000000 --out /tmp/corpus-1m
    .venv/bin/kg build /tmp/corpus-1m --out /tmp/build-1m --jobs 2
    .venv/bin/python benchmarks/browser.py /tmp/build-1m
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Wait for the second animation frame after an action: by then the browser has painted its result.
_PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

_SELECT = """async (ids) => {
    const times = [];
    for (const id of ids) {
        const start = performance.now();
        kg.select(id);
        await (%s)();
        times.push(performance.now() - start);
    }
    return times;
}""" % _PAINTED

_SEARCH = """async (words) => {
    const box = document.getElementById("kg-search"), times = [];
    for (const word of words) {
        const start = performance.now();
        box.value = word;
        box.dispatchEvent(new Event("input"));
        await (%s)();
        times.push(performance.now() - start);
    }
    box.value = "";
    box.dispatchEvent(new Event("input"));
    return times;
}""" % _PAINTED

_FILTER = """async () => {
    const box = document.querySelector('input[name="kg-type"]'), times = [];
    for (const state of [false, true]) {
        const start = performance.now();
        box.checked = state;
        box.dispatchEvent(new Event("change"));
        await (%s)();
        times.push(performance.now() - start);
    }
    return times;
}""" % _PAINTED

_ZOOM = """() => new Promise(done => {
    let frames = 0;
    const start = performance.now(), scale = kg.network.getScale();
    const count = () => { frames += 1; if (performance.now() - start < 1000) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    kg.network.moveTo({scale: scale * 3, animation: {duration: 1000, easingFunction: "linear"}});
    setTimeout(() => done(frames * 1000 / (performance.now() - start)), 1100);
})"""

_PICKS = """() => {
    const ids = kg.nodes.getIds();
    const degree = id => kg.network.getConnectedEdges(id).length;
    const best = ids.sort((a, b) => degree(b) - degree(a) || (a < b ? -1 : 1)).slice(0, 5);
    return {ids: best, words: best.map(id => (kg.data.entities[id].label || id).slice(0, 4)),
            nodes: ids.length, edges: kg.edges.length};
}"""


def measure(browser, page_path: Path) -> dict:
    """The figures of one page (see the module's notes), opened from disk with nothing else allowed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                  else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    started = time.perf_counter()
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)
    load = (time.perf_counter() - started) * 1000
    picks = page.evaluate(_PICKS)
    result = {
        "page": str(page_path), "MB": page_path.stat().st_size / 1e6, "nodes": picks["nodes"], "edges": picks["edges"],
        "load": load,
        "select": statistics.median(page.evaluate(_SELECT, picks["ids"])),
        "search": statistics.median(page.evaluate(_SEARCH, picks["words"])),
        "filter": statistics.median(page.evaluate(_FILTER)),
        "zoom fps": page.evaluate(_ZOOM),
        "errors": errors,
    }
    context.close()
    return result


def medians(runs: list[dict]) -> dict:
    """One row of the figures' medians over repeated measurements of the same page."""
    row = dict(runs[0])
    for name in ("load", "select", "search", "filter", "zoom fps"):
        row[name] = statistics.median(run[name] for run in runs)
    row["errors"] = [error for run in runs for error in run["errors"]]
    return row


def table(results: list[dict], reference: dict) -> str:
    """A markdown table of the pages, each figure with its ratio to the reference page's."""
    def cell(row: dict, name: str, unit: str) -> str:
        return f"{row[name]:.0f} {unit} ({row[name] / reference[name]:.2f}x)"

    lines = ["| page | size | drawn nodes / edges | load | select | search | filter | zoom |",
             "|---|---|---|---|---|---|---|---|"]
    for row in [reference, *results]:
        lines.append(f"| {row['page']} | {row['MB']:.1f} MB | {row['nodes']} / {row['edges']} | "
                     f"{cell(row, 'load', 'ms')} | {cell(row, 'select', 'ms')} | {cell(row, 'search', 'ms')} | "
                     f"{cell(row, 'filter', 'ms')} | {cell(row, 'zoom fps', 'fps')} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", type=Path, nargs="+", help="Build folders (or graph.html files) to measure.")
    parser.add_argument("--reference", type=Path, default=ROOT / "outputs",
                        help="The page every figure is compared with (default: the bundled corpus's build).")
    parser.add_argument("--repeat", type=int, default=3, help="Measurements of each page (medians reported).")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    pages = [path / "graph.html" if path.is_dir() else path for path in [args.reference, *args.builds]]
    missing = [str(page) for page in pages if not page.is_file()]
    if missing:
        print(f"error: no graph page at {', '.join(missing)}", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: Debian's chromium is not installed at {CHROMIUM} (`make browser` installs it)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            reference, *results = [medians([measure(browser, page) for _ in range(args.repeat)]) for page in pages]
        finally:
            browser.close()
    print(table(results, reference))
    for row in [reference, *results]:
        if row["errors"]:
            print(f"{row['page']}: page errors: {'; '.join(row['errors'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
