"""The extraction cache (issue 8): unchanged documents are not extracted again."""

from __future__ import annotations

import shutil

import pytest

from kg.cache import ExtractionCache, pipeline_version
from kg.config import BuildConfig
from kg.ingest import ingest
from kg.model import Extraction, SourceText
from kg.pipeline import build
from tests.conftest import CORPUS

#: One Swedish and one English letter: small, and both pipelines run.
FILES = ("000_7faa08b1aca99881.txt", "001_1f54935782d342ab.txt")
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "metrics.csv")


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _build(texts, out, config=BuildConfig()):
    """Build and return the listener's events: {event: [detail, ...]}."""
    events: dict[str, list[str]] = {}
    build([texts], out, config, lambda event, detail: events.setdefault(event, []).append(detail))
    return events


def _same_outputs(a, b) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_cache_second_build_extracts_nothing(texts, tmp_path):
    first = _build(texts, tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "first")
    second = _build(texts, tmp_path / "out")
    assert sorted(first["document"]) == sorted(FILES) and "cached" not in first
    assert sorted(second["cached"]) == sorted(FILES) and "document" not in second
    _same_outputs(tmp_path / "first", tmp_path / "out")


def test_cache_changed_document_alone_is_extracted_again(texts, tmp_path):
    _build(texts, tmp_path / "out")
    changed = texts / FILES[1]
    changed.write_text(changed.read_text("utf-8") + "\nStalin drafted the resolution.\n", encoding="utf-8")
    events = _build(texts, tmp_path / "out")
    assert events["document"] == [FILES[1]] and events["cached"] == [FILES[0]]
    _build(texts, tmp_path / "fresh", BuildConfig(cache=False))
    _same_outputs(tmp_path / "fresh", tmp_path / "out")


def test_cache_corrupt_entry_is_extracted_again_with_a_warning(texts, tmp_path):
    _build(texts, tmp_path / "out")
    entries = sorted((tmp_path / "out" / ".kg-cache").rglob("*.pickle"))
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])
    events = _build(texts, tmp_path / "out")
    assert sorted(events["document"]) == sorted(FILES)
    assert len(events["warning"]) == 2 and all("unreadable" in w for w in events["warning"])
    assert "warning" not in _build(texts, tmp_path / "out")  # rewritten whole


def test_cache_off_and_elsewhere(texts, tmp_path):
    _build(texts, tmp_path / "off", BuildConfig(cache=False))
    assert not (tmp_path / "off" / ".kg-cache").exists()
    _build(texts, tmp_path / "out", BuildConfig(cache_dir=str(tmp_path / "shared")))
    events = _build(texts, tmp_path / "other", BuildConfig(cache_dir=str(tmp_path / "shared")))
    assert sorted(events["cached"]) == sorted(FILES)


def test_cache_key_covers_text_id_language_and_settings(tmp_path):
    doc = ingest(SourceText("x.txt", "x.txt", "Stalin drafted the resolution."), "en")
    cache = ExtractionCache(tmp_path, BuildConfig())
    other = [ingest(SourceText("y.txt", "y.txt", doc.text), "en"),
             ingest(SourceText("x.txt", "x.txt", doc.text + " "), "en"),
             ingest(SourceText("x.txt", "x.txt", doc.text), "sv")]
    assert len({cache.key(d) for d in [doc, *other]}) == 4
    assert ExtractionCache(tmp_path, BuildConfig(lang="en")).key(doc) != cache.key(doc)
    assert ExtractionCache(tmp_path, BuildConfig(jobs=2, seed=1)).key(doc) != cache.key(doc)
    assert ExtractionCache(tmp_path, BuildConfig(jobs=2)).key(doc) == cache.key(doc)
    assert len(pipeline_version()) == 16


def test_cache_entry_holds_no_document_text(tmp_path):
    doc = ingest(SourceText("x.txt", "x.txt", "Ett mycket hemligt brev till Stalin."), "sv")
    cache = ExtractionCache(tmp_path, BuildConfig())
    cache.write(Extraction(doc))
    entry = next(tmp_path.rglob("*.pickle"))
    assert b"hemligt" not in entry.read_bytes()
    assert cache.read(doc).document is doc


def test_cache_cli_options(texts, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["build", str(texts), "--out", str(tmp_path / "off"), "--no-cache"])
    assert done.exit_code == 0, done.output
    assert not (tmp_path / "off" / ".kg-cache").exists()
    done = runner.invoke(app, ["build", str(texts), "--out", str(tmp_path / "on"), "--cache", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["build", str(texts), "--out", str(tmp_path / "on"), "--cache", str(tmp_path / "c")])
    assert done.exit_code == 0 and "from the cache: " + FILES[0] in done.output
