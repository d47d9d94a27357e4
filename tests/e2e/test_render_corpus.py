"""The page of the real corpus build in a real browser.

The test session builds the bundled corpus (the ``corpus_build`` fixture, the same as
``make run``) and opens its ``graph.html``. Saves ``tests/artifacts/corpus-graph.png``;
with ``KG_UPDATE_DOCS=1`` also ``docs/graph.png``, the screenshot the README shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOT = ROOT / "tests" / "artifacts" / "corpus-graph.png"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Debian's chromium is not installed at {CHROMIUM}"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


def _meta(page: str) -> dict:
    """The counts the page was rendered with, from its data island."""
    island = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.S)
    return json.loads(island.group(1))["meta"]


@pytest.fixture(scope="module")
def page_path(corpus_build):
    return corpus_build[0] / "graph.html"


def test_render_corpus_page_works_offline(page_path):
    meta = _meta(page_path.read_text(encoding="utf-8"))
    requests, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, service_workers="block")
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                      else (requests.append(r.request.url), r.abort()))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-state=ready]", timeout=120_000)
        shown = page.evaluate("kg.nodes.length")
        SHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOT))
        browser.close()
    assert requests == [] and errors == []
    assert shown == meta["shown"] and (meta["pruned"] or shown == meta["total"])
    if os.environ.get("KG_UPDATE_DOCS") == "1":
        shutil.copyfile(SHOT, ROOT / "docs" / "graph.png")
