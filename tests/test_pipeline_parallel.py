"""``kg build --jobs N`` (issue 8): extraction across processes, the same outputs as one."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from kg.config import BuildConfig
from kg.ingest import ingest
from kg.model import SourceText
from kg.parallel import iter_extracted, to_chunks
from kg.pipeline import build
from tests.conftest import CORPUS


def _doc(name: str, text: str, lang: str):
    return ingest(SourceText(name, name, text), lang)


def test_parallel_chunks_keep_order_and_one_language():
    docs = [_doc("a.txt", "Stalin drafted it. " * 40, "en"), _doc("b.txt", "Stalin drafted it.", "en"),
            _doc("c.txt", "Stalin skrev.", "sv"), _doc("d.txt", "Lenin skrev.", "sv")]
    chunks = to_chunks(docs, size=500)
    assert [[d.doc_id for d in chunk] for chunk in chunks] == [["a.txt"], ["b.txt"], ["c.txt", "d.txt"]]


def test_parallel_extraction_equals_serial():
    docs = [_doc(f"{i}.txt", text, lang) for i, (text, lang) in enumerate([
        ("Stalin drafted the resolution.", "en"), ("Lenin met Kamenev in Moscow.", "en"),
        ("Stalins kommission antog resolutionen.", "sv")])]
    docs.sort(key=lambda d: (d.lang, d.doc_id))
    serial = list(iter_extracted(docs, jobs=1))
    parallel = list(iter_extracted(docs, jobs=2))
    assert [ex.document.doc_id for ex in parallel] == [d.doc_id for d in docs]
    assert parallel == serial


@pytest.mark.slow
def test_pipeline_parallel_build_is_byte_identical(corpus_build, tmp_path):
    events = []
    build([CORPUS], tmp_path, BuildConfig(jobs=2, cache=False), lambda event, detail: events.append(event))
    assert events.count("document") == 5
    for name in ("graph.ttl", "graph.trig", "graph.html", "metrics.csv"):
        assert (tmp_path / name).read_bytes() == (corpus_build[0] / name).read_bytes(), name


def test_build_pauses_the_garbage_collector_and_restores_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Stalin drafted the resolution in Moscow.\n", encoding="utf-8")
    for enabled in (True, False):
        gc.enable() if enabled else gc.disable()
        during = []
        try:
            build([tmp_path / "in"], tmp_path / "out", BuildConfig(cache=False),
                  lambda event, detail: during.append(gc.isenabled()))
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
        assert during and not any(during)


def test_collector_setting_is_restored_after_a_block():
    from kg.pipeline import _collector

    for before in (True, False):
        gc.enable() if before else gc.disable()
        try:
            for enabled in (True, False):
                with _collector(enabled):
                    assert gc.isenabled() is enabled
                assert gc.isenabled() is before
        finally:
            gc.enable()


def test_collector_switched_on_again_skips_what_was_made_while_off():
    import weakref

    from kg.pipeline import _collector

    class Node:
        pass

    gc.collect()
    try:
        with _collector(False):
            kept = [[i] for i in range(50_000)]  # what a build leaves alive: pipelines, caches
            cycle = Node()
            cycle.self = cycle  # cyclic garbage made while the collector was off
            freed = weakref.ref(cycle)
            del cycle
            assert len(gc.get_objects(generation=0)) > 50_000
        assert gc.isenabled()
        assert len(gc.get_objects(generation=0)) < 1_000  # the first pass will not walk them
        assert freed() is not None
        gc.collect()
        assert freed() is None  # the cycle is still collected, by a full collection
        assert len(kept) == 50_000
    finally:
        gc.enable()


def test_collector_leaves_a_programs_own_frozen_objects_frozen():
    from kg.pipeline import _collector

    kept = [[i] for i in range(1_000)]
    gc.freeze()  # as a server does before forking its workers
    try:
        frozen = gc.get_freeze_count()
        with _collector(False):
            made = [[i] for i in range(1_000)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen > 0
        assert len(kept) == len(made)
    finally:
        gc.unfreeze()
        gc.enable()


def test_workers_start_while_reading_once_there_is_work_for_each():
    from kg.parallel import CHUNK_CHARS, Workers

    sentence = "Stalin drafted the resolution and Lenin met Kamenev. "
    docs = [_doc(f"{i}.txt", sentence * (CHUNK_CHARS // len(sentence) + 1), "en") for i in range(2)]
    with Workers(2) as workers:
        workers.expect(docs[0])
        assert workers.pool is None  # a chunk's worth: one worker's work at most, none started
        workers.expect(docs[1])
        assert workers.pool is not None  # a chunk for each: started, loading the English pipeline
        parallel = list(iter_extracted(docs, jobs=2, workers=workers))
    assert workers.pool is None  # shut down on leaving
    assert parallel == list(iter_extracted(docs, jobs=1))
    assert len(parallel[0].mentions) > 1000


def test_workers_started_while_reading_are_shut_down_when_the_build_fails(tmp_path):
    # Two folders holding files of the same name: reading finishes (the workers are
    # already loading pipelines), then the build stops on the clash, without a hang.
    import multiprocessing

    from kg.errors import InputError
    from kg.parallel import CHUNK_CHARS

    sentence = "Stalin drafted the resolution and Lenin met Kamenev. "
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "letter.txt").write_text(sentence * (CHUNK_CHARS // len(sentence) + 1), encoding="utf-8")
    with pytest.raises(InputError, match="same file name"):
        build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", BuildConfig(jobs=2, cache=False))
    assert not multiprocessing.active_children()


def test_alongside_raises_the_childs_error_here_whole(tmp_path):
    from kg.errors import OutputError
    from kg.parallel import Alongside

    def fail(path):
        raise OutputError(str(path), "no space left on device")

    with pytest.raises(OutputError) as raised:
        with Alongside(fail, tmp_path / "graph.ttl") as child:
            assert child.pid  # forked: this process goes on
            child.wait()
    assert (raised.value.path, raised.value.problem) == (str(tmp_path / "graph.ttl"), "no space left on device")


def test_alongside_sends_an_error_that_cannot_cross_as_its_message():
    from kg.errors import KgError
    from kg.parallel import Alongside

    class Unpicklable(Exception):
        pass  # defined in a function: pickle cannot find it again

    def fail():
        raise Unpicklable("lock held")

    with pytest.raises(KgError, match="fail: Unpicklable: lock held"):
        with Alongside(fail) as child:
            child.wait()


def test_alongside_stops_the_child_when_the_block_fails():
    import os
    import time

    from kg.parallel import Alongside

    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        with Alongside(time.sleep, 60) as child:
            pid = child.pid
            raise KeyboardInterrupt  # Ctrl-C while the network is measured
    assert time.perf_counter() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # stopped and reaped: no zombie left


def test_alongside_without_fork_runs_the_call_on_entering(tmp_path):
    from kg.parallel import Alongside

    note = tmp_path / "note.txt"
    with Alongside(note.write_text, "here", fork=False) as child:
        assert child.pid is None and note.read_text() == "here"
        assert child.wait() == 4


def test_alongside_returns_the_network_summary_from_the_child(tmp_path):
    from kg.analyze import example_dataset, to_networkx, write_analysis
    from kg.parallel import Alongside

    G = to_networkx(example_dataset())
    with Alongside(write_analysis, G, tmp_path / "forked") as child:
        forked = child.wait()
    assert forked == write_analysis(G, tmp_path / "here")
    for name in ("metrics.csv", "graph.graphml", "graph.gexf", "balance.json"):
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


def test_alongside_reports_a_child_killed_before_it_could_report():
    import os
    import signal

    from kg.errors import KgError
    from kg.parallel import Alongside

    def die():  # as the kernel's out-of-memory killer would
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(KgError, match="die ended with signal 9"):
        with Alongside(die) as child:
            child.wait()


def test_alongside_does_the_work_here_when_the_system_cannot_fork(monkeypatch, tmp_path):
    import os

    from kg.parallel import Alongside

    def no_fork():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    note = tmp_path / "note.txt"
    with Alongside(note.write_text, "here anyway") as child:
        assert child.pid is None
        assert child.wait() == 11
    assert note.read_text() == "here anyway"


def test_standby_reports_an_extraction_error_whole():
    from kg.errors import KgError
    from kg.parallel import Workers

    docs = [_doc("a.txt", "Stalin drafted the resolution.", "en")]
    docs = [replace(docs[0], lang="fi")]  # no pipeline for it, in the standby as here
    with Workers(2, standby=True) as workers:
        assert workers.standby is not None
        with pytest.raises(KgError, match="no pipeline for language 'fi'"):
            list(iter_extracted(docs, jobs=2, workers=workers))
        assert workers.standby.pid is None  # ended and reaped


def test_standby_killed_is_reported_in_one_line():
    import os
    import signal

    from kg.errors import KgError
    from kg.parallel import Workers

    with Workers(2, standby=True) as workers:
        os.kill(workers.standby.pid, signal.SIGKILL)
        with pytest.raises(KgError, match="ended with signal 9"):
            list(iter_extracted([_doc("a.txt", "Stalin drafted it.", "en")], jobs=2, workers=workers))


def test_standby_makes_way_for_the_workers_and_goes_on_leaving():
    import os

    from kg.parallel import CHUNK_CHARS, Workers

    sentence = "Stalin drafted the resolution and Lenin met Kamenev. "
    docs = [_doc(f"{i}.txt", sentence * (CHUNK_CHARS // len(sentence) + 1), "en") for i in range(2)]
    with Workers(2, standby=True) as workers:
        pid = workers.standby.pid
        for doc in docs:
            workers.expect(doc)
        assert workers.pool is not None and workers.standby is None  # stopped: the pool does the work
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, 0)  # and reaped
    with Workers(2, standby=True) as workers:
        pid = workers.standby.pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # nothing to extract: stopped on leaving
