"""The caches (issue 8): unchanged documents are neither cleaned, extracted nor laid out as RDF again."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from dataclasses import replace

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
    # After extraction the listener hears each corpus-wide step (the CLI prints them).
    assert first["stage"] == second["stage"] == ["resolving entities", "making the RDF graph",
                                                 "writing graph.ttl and graph.trig", "measuring the network",
                                                 "rendering graph.html"]


@pytest.mark.parametrize("jobs", [1, 2])  # with --jobs 2 the one letter goes to the standby
def test_cache_changed_document_alone_is_extracted_again(texts, tmp_path, jobs):
    _build(texts, tmp_path / "out")
    changed = texts / FILES[1]
    changed.write_text(changed.read_text("utf-8") + "\nStalin drafted the resolution.\n", encoding="utf-8")
    events = _build(texts, tmp_path / "out", BuildConfig(jobs=jobs))
    assert events["document"] == [FILES[1]] and events["cached"] == [FILES[0]]
    _build(texts, tmp_path / "fresh", BuildConfig(cache=False))
    _same_outputs(tmp_path / "fresh", tmp_path / "out")


def test_cache_corrupt_entry_is_extracted_again_with_a_warning(texts, tmp_path):
    _build(texts, tmp_path / "out")
    entries = sorted((tmp_path / "out" / ".kg-cache" / "documents").rglob("*.pickle"))
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


def test_cache_key_covers_text_id_and_settings(tmp_path):
    source = SourceText("x.txt", "x.txt", "Stalin drafted the resolution.")
    cache = ExtractionCache(tmp_path, BuildConfig())
    other = [SourceText("y.txt", "y.txt", source.text), SourceText("x.txt", "x.txt", source.text + " ")]
    assert len({cache.key(s) for s in [source, *other]}) == 3
    assert cache.key(ingest(source, "en")) == cache.key(source)
    assert ExtractionCache(tmp_path, BuildConfig(lang="en")).key(source) != cache.key(source)
    assert ExtractionCache(tmp_path, BuildConfig(jobs=2, seed=1)).key(source) != cache.key(source)
    assert ExtractionCache(tmp_path, BuildConfig(jobs=2)).key(source) == cache.key(source)
    assert len(pipeline_version()) == 16


def test_cache_entry_holds_ingest_results_not_the_original_text(tmp_path):
    source = SourceText("x.txt", "x.txt", "Andra allryska sovjet-\nkongressen gav bolsjevikerna\n2\nmajoritet.")
    doc = ingest(source, "sv")
    cache = ExtractionCache(tmp_path, BuildConfig())
    cache.write(Extraction(doc))
    entry = next(tmp_path.rglob("*.pickle")).read_bytes()
    assert b"sovjetkongressen" in entry and b"sovjet-\nkongressen" not in entry
    again = cache.read(SourceText("x.txt", "elsewhere/x.txt", source.text))
    assert again.document == replace(doc, path="elsewhere/x.txt")
    assert again.document.text is source.text  # the file's own text, not a stored copy


def test_cache_offset_map_round_trips_on_the_corpus(tmp_path):
    cache = ExtractionCache(tmp_path, BuildConfig())
    for path in sorted(CORPUS.glob("*.txt")):
        source = SourceText(path.name, str(path), path.read_text("utf-8"))
        doc = ingest(source)
        cache.write(Extraction(doc))
        assert cache.read(source).document == doc, path.name


def test_graph_cache_lays_out_only_what_changed(texts, tmp_path):
    """A changed document gets a new graph; so does one whose entities were renamed by the change."""
    _build(texts, tmp_path / "out")
    graphs = tmp_path / "out" / ".kg-cache" / "graphs"
    first = set(graphs.rglob("*.pickle"))
    assert len(first) == 2
    _build(texts, tmp_path / "out")
    assert set(graphs.rglob("*.pickle")) == first  # nothing changed, nothing new
    changed = texts / FILES[1]
    changed.write_text(changed.read_text("utf-8") + "\nStalin drafted the resolution.\n", encoding="utf-8")
    _build(texts, tmp_path / "out")
    assert len(set(graphs.rglob("*.pickle")) - first) == 1
    _build(texts, tmp_path / "fresh", BuildConfig(cache=False))
    _same_outputs(tmp_path / "fresh", tmp_path / "out")


def test_graph_cache_key_sees_corpus_wide_decisions():
    """An entity's label is chosen across the corpus: another document can change this one's graph."""
    from kg.model import Document, Entity, Resolved
    from kg.rdf.build import _index, document_graph

    doc = Document("a.txt", "a.txt", "Lenin wrote.", "Lenin wrote.", tuple(range(13)), "en")
    before = Entity("person:lenin", "Person", "Lenin", doc_ids=("a.txt",))
    after = replace(before, label="V. I. Lenin")
    graphs = [document_graph(doc, _index(Resolved((doc,), (e,), ()))) for e in (before, after)]
    assert repr(graphs[0]) != repr(graphs[1])
    assert repr(graphs[0]) == repr(document_graph(doc, _index(Resolved((doc,), (before,), ()))))


def test_graph_cache_corrupt_entry_is_laid_out_again(texts, tmp_path):
    _build(texts, tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "first", ignore=shutil.ignore_patterns(".kg-cache"))
    for entry in (tmp_path / "out" / ".kg-cache" / "graphs").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    events = _build(texts, tmp_path / "out")
    assert len(events["warning"]) == 2 and all("unreadable" in w for w in events["warning"])
    _same_outputs(tmp_path / "first", tmp_path / "out")


def test_graph_cache_read_ahead_by_a_jobs_rebuild(texts, tmp_path):
    # A --jobs rebuild reads the kept graphs while its standby extracts the changed letter:
    # what it read ahead is what it would have read, corrupt entries are still reported.
    from kg.cache import GraphCache

    _build(texts, tmp_path / "out")
    folder = tmp_path / "out" / ".kg-cache"
    assert GraphCache(folder, BuildConfig()).preload(documents=2) == 2
    shutil.copytree(folder / "graphs", tmp_path / "shared" / "graphs")  # a folder shared with 2 more corpora
    for entry in list((tmp_path / "shared" / "graphs").rglob("*.pickle")):
        for other in ("x", "y"):
            shutil.copy(entry, entry.with_name(other + entry.name))
    assert GraphCache(tmp_path / "shared", BuildConfig()).preload(documents=2) == 0  # 6 entries: not read ahead
    entries = sorted((folder / "graphs").rglob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    changed = texts / FILES[1]
    changed.write_text(changed.read_text("utf-8") + "\nStalin drafted the resolution.\n", encoding="utf-8")
    events = _build(texts, tmp_path / "out", BuildConfig(jobs=2))
    assert events["document"] == [FILES[1]]
    assert all("unreadable" in w for w in events.get("warning", []))
    _build(texts, tmp_path / "fresh", BuildConfig(cache=False))
    _same_outputs(tmp_path / "fresh", tmp_path / "out")


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
    # Cached documents are counted in one line (CliRunner is not a terminal: plain lines).
    assert done.exit_code == 0 and "from the cache: 2 documents" in done.output and "extracted" not in done.output


def test_cache_unchanged_rebuild_never_loads_spacy(texts, tmp_path):
    # With every document cached there is nothing to extract: a rebuild in a fresh
    # process must not pay spaCy's import (about 0.7 s), in serial or with --jobs.
    _build(texts, tmp_path / "out")
    script = ("import sys; from kg.pipeline import build; from kg.config import BuildConfig; "
              f"build([{str(texts)!r}], {str(tmp_path / 'out')!r}, BuildConfig(jobs=int(sys.argv[1]))); "
              "print('spacy' in sys.modules)")
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, jobs], capture_output=True, text=True, check=True)
        assert done.stdout.split() == ["False"], (jobs, done.stderr[-500:])


def test_cache_small_rebuild_with_jobs_extracts_in_the_standby(texts, tmp_path):
    # One changed letter with --jobs 2: the standby forked at the start (spaCy imported
    # while the files were read) extracts it; the build's own process never imports spaCy.
    _build(texts, tmp_path / "out")
    changed = texts / FILES[0]
    changed.write_text(changed.read_text("utf-8") + "\nStalin och Kamenev möttes.\n", encoding="utf-8")
    script = ("import sys; from kg.pipeline import build; from kg.config import BuildConfig; seen = []; "
              f"build([{str(texts)!r}], {str(tmp_path / 'out')!r}, BuildConfig(jobs=2), "
              "lambda event, detail: seen.append(event)); "
              "print('spacy' in sys.modules, seen.count('document'))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "1"], done.stderr[-500:]
    _build(texts, tmp_path / "fresh", BuildConfig(cache=False))
    _same_outputs(tmp_path / "fresh", tmp_path / "out")


def test_cache_keeps_only_what_the_last_build_used(texts, tmp_path):
    def entries(folder):
        return sorted(p.relative_to(folder).parts[0] for p in folder.glob("*/??/*.pickle"))

    _build(texts, tmp_path / "out")
    _build(texts, tmp_path / "shared-out", BuildConfig(cache_dir=str(tmp_path / "shared")))
    changed = texts / FILES[1]
    changed.write_text(changed.read_text("utf-8") + "\nStalin drafted the resolution.\n", encoding="utf-8")
    _build(texts, tmp_path / "out")
    _build(texts, tmp_path / "shared-out", BuildConfig(cache_dir=str(tmp_path / "shared")))
    # The default folder holds one entry per document (extraction, keys) and graph; the
    # old versions of the changed letter are gone. A folder given with --cache keeps everything.
    assert entries(tmp_path / "out" / ".kg-cache") == ["documents"] * 2 + ["graphs"] * 2 + ["keys"] * 2
    shared = entries(tmp_path / "shared")
    assert shared.count("documents") == 3 and shared.count("keys") == 3 and shared.count("graphs") >= 3
    events = _build(texts, tmp_path / "out")
    assert sorted(events["cached"]) == sorted(FILES) and "document" not in events


def test_keys_cache_gives_the_same_resolution_on_the_corpus(corpus_build, tmp_path):
    """Each document's coreference keys come back from the cache exactly as made (order included)."""
    from kg.authority import read_authority
    from kg.cache import KeysCache
    from kg.ingest import iter_paths
    from kg.pipeline import extract_all, read_documents
    from kg.resolve import resolve

    config = BuildConfig()
    cache = ExtractionCache.open(config, corpus_build[0], print)
    documents, cached, _ = read_documents(iter_paths([CORPUS]), config, lambda *a: None, cache)
    assert len(cached) == len(documents)  # the session build filled it: nothing is extracted here
    extractions = list(extract_all(documents, lambda *a: None, 1, cache, cached))
    authority, keys = read_authority(), KeysCache(tmp_path / "cache", config)
    plain = resolve(extractions, authority)
    filled = resolve(extractions, authority, keys)
    assert len(list((tmp_path / "cache" / "keys").rglob("*.pickle"))) == len(documents)
    warm = resolve(extractions, authority, keys)
    assert repr(plain) == repr(filled) == repr(warm)
    assert sum(len(entity.mentions) for entity in warm.entities) > 1000


def test_keys_cache_entry_of_another_shape_is_made_again(texts, tmp_path):
    _build(texts, tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "first", ignore=shutil.ignore_patterns(".kg-cache"))
    entries = sorted((tmp_path / "out" / ".kg-cache" / "keys").rglob("*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(pickle.dumps(((10**6, "person:stalin"),)))  # an index past the mentions
    events = _build(texts, tmp_path / "out")
    assert len(events["warning"]) == 1 and "unreadable" in events["warning"][0]
    _same_outputs(tmp_path / "first", tmp_path / "out")
    assert "warning" not in _build(texts, tmp_path / "out")  # both rewritten
