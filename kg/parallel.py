"""Extraction in this process or across worker processes (``kg build --jobs N``).

Extraction of one document is a pure function of its text and the settings, so the
documents can be cut into chunks and extracted anywhere. A worker takes chunks of
documents of one language, loads that language's spaCy pipeline on its first such
chunk, runs them through ``nlp.pipe`` and sends back only the mentions and relations; the
build's own process re-attaches each document, in the order it gave them, so the
outputs are the same bytes whatever ``--jobs`` is. The same map step could run under
a distributed engine (Dask, Ray): :func:`extract_chunk` is all a worker needs.

Workers are started with ``spawn`` (no fork of a process holding threads or loaded
models), so a script that calls ``build`` with ``jobs > 1`` needs the usual
``if __name__ == "__main__":`` guard; ``kg build`` has it. A build starts them while
it is still reading files (:class:`Workers`), as soon as it has read enough text to
extract for every one of them, so that their start overlaps the reading.

Two helpers fork instead, on Linux, where a copy of the build's process is what is
wanted: a ``--jobs`` build forks a :class:`Standby` as it starts, which imports spaCy
while the files are read and extracts the few documents a rebuild finds changed;
and at its end, :class:`Alongside` copies write the RDF and network files while the
build measures the network and draws the page, with no data to pickle.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> docs = [ingest(SourceText(n, n, "Stalin drafted the resolution."), "en") for n in ("a.txt", "b.txt")]
>>> [(ex.document.doc_id, len(ex.mentions)) for ex in iter_extracted(docs)]
[('a.txt', 2), ('b.txt', 2)]
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import replace
from itertools import groupby

from kg.errors import KgError
from kg.model import Document, Extraction, Mention, Relation

#: Clean characters per task sent to a worker: small enough to balance two cores, large
#: enough that ``nlp.pipe`` batches well and the transfer cost stays small.
CHUNK_CHARS = 60_000

Found = tuple[str, tuple[Mention, ...], tuple[Relation, ...]]


def iter_extracted(documents: Sequence[Document], jobs: int = 1, workers: Workers | None = None,
                   meanwhile: Callable[[], object] | None = None) -> Iterator[Extraction]:
    """Extractions of ``documents``, in the order given, with ``jobs`` processes.

    Parameters
    ----------
    documents : sequence of Document
        Documents grouped by language (e.g. sorted by language, then id).
    jobs : int
        1 extracts here; more start that many worker processes (never more than
        chunks). A single chunk (a rebuild after one changed letter) is extracted
        by the workers' standby when they have one, else here: a worker would
        first have to start and import spaCy.
    workers : Workers, optional
        Workers the caller may have started already (it also shuts them down);
        without, they are started here and shut down at the end.
    meanwhile : callable, optional
        Called with no arguments while the standby extracts (work of the caller's
        that would otherwise wait for it, such as reading the authority files).

    Returns
    -------
    iterator of Extraction
        One per document, in the order of ``documents``; the same values for every ``jobs``.
    """
    chunks = to_chunks(documents)
    if jobs <= 1 or len(chunks) <= 1:
        standby = workers.standby if workers is not None else None
        found = standby.extract(chunks, meanwhile) if standby is not None and chunks else map(extract_chunk, chunks)
        for chunk, results in zip(chunks, found):
            yield from _joined(chunk, results)
        return
    with nullcontext(workers) if workers is not None else Workers(jobs) as started:
        pool = started.pool or started.start(min(jobs, len(chunks)))
        for chunk, found in zip(chunks, pool.map(extract_chunk, chunks)):
            yield from _joined(chunk, found)


class Workers:
    """The worker processes of a ``--jobs N`` build, started as soon as it knows it will use them.

    A build reads every file before it extracts (extraction goes by language and
    id, so the outputs do not depend on ``--jobs``), and a worker takes a few
    seconds to start Python, import spaCy and load a pipeline. The build tells
    :meth:`expect` of each document it will have to extract as it reads them;
    once they fill a chunk for every worker, the workers start and load the
    pipeline of the language with the most text while the rest is read. A build
    with less to extract (a rebuild after one changed letter) starts none; with
    ``standby``, a forked :class:`Standby` imports spaCy while the files are read
    and extracts that little instead.

    Use as a context manager: leaving it shuts the workers down (on an error or
    Ctrl-C at once: queued work is cancelled and the workers are stopped).

    Examples
    --------
    >>> from kg.ingest import ingest
    >>> from kg.model import SourceText
    >>> with Workers(jobs=2) as workers:
    ...     workers.expect(ingest(SourceText("a.txt", "a.txt", "Stalin drafted it."), "en"))
    ...     workers.pool is None   # far less than a chunk per worker: nothing started
    True
    """

    def __init__(self, jobs: int, standby: bool = False):
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.standby: Standby | None = None
        self._standby = standby and jobs > 1
        self._expected: Counter[str] = Counter()
        self._documents = 0

    def expect(self, document: Document) -> None:
        """Note a document that will be extracted; start the workers once there is work for each."""
        if self.jobs <= 1 or self.pool is not None:
            return
        self._expected[document.lang] += len(document.clean)
        self._documents += 1
        if self._documents >= self.jobs and self._expected.total() > self.jobs * CHUNK_CHARS:
            self.start(self.jobs)
            lang = max(sorted(self._expected), key=self._expected.__getitem__)
            for _ in range(self.jobs):
                self.pool.submit(load_pipeline, lang)

    def start(self, processes: int) -> ProcessPoolExecutor:
        """The pool of ``processes`` workers (started with ``spawn``; see the module's notes)."""
        self._stop_standby()  # the pool does the work: free its core
        self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    def __enter__(self) -> Workers:
        if self._standby:
            self.standby = Standby.start()
        return self

    def __exit__(self, kind, error, trace) -> None:
        self._stop_standby()
        if self.pool is None:
            return
        if kind is not None:
            # Leaving on an error or Ctrl-C: what the workers are doing (a pipeline
            # load, a chunk) is of no more use; stop them rather than wait for it.
            # (ProcessPoolExecutor has no public way to do so before Python 3.14.)
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)
        self.pool = None

    def _stop_standby(self) -> None:
        if self.standby is not None:
            self.standby.stop()
            self.standby = None


class Standby:
    """A forked copy of the build that imports spaCy while the files are read (``--jobs`` > 1, Linux).

    A rebuild after one changed letter has a single document to extract, too
    little for a worker pool, and importing spaCy is most of that extraction
    (0.5 s of 0.8 s). The standby is forked when the build starts, before it has
    read anything: it imports spaCy on the second core while the build reads and
    hashes every file, then waits. Given the chunks to extract (:meth:`extract`)
    it loads their pipelines, extracts them and sends back the mentions and
    relations, as a worker would; when there is nothing for it, it is stopped.
    Forked so early, it shares almost nothing with the build: only the standard
    streams are made anew in it, since a thread of the build (the progress bar)
    may have held their locks at the moment of the fork.
    """

    def __init__(self, pid: int, connection):
        self.pid: int | None = pid
        self._connection = connection

    @classmethod
    def start(cls) -> Standby | None:
        """Fork a standby; None where there is no ``fork`` or it failed (the build then extracts itself)."""
        parent, child = multiprocessing.Pipe()
        pid = _fork()
        if pid == 0:  # the standby: never returns
            parent.close()
            _stand_by(child)
        child.close()
        if pid is None:
            parent.close()
            return None
        return cls(pid, parent)

    def extract(self, chunks: list[list[Document]], meanwhile: Callable[[], object] | None = None) -> list[list[Found]]:
        """What :func:`extract_chunk` gives for each chunk, made in the standby (which then ends);
        ``meanwhile()`` is called here while it works."""
        try:
            self._connection.send(chunks)
            if meanwhile is not None:
                meanwhile()
            failed, value = pickle.loads(self._connection.recv_bytes())
        except (EOFError, OSError):
            status = self._reap()
            raise KgError(f"the process extracting {len(chunks)} chunk(s) ended with {_exit_reason(status)}") from None
        self._reap()
        if failed:
            raise value
        return value

    def stop(self) -> None:
        """End the standby, whatever it is doing."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        self._connection.close()
        return status


def _stand_by(connection) -> None:
    """The standby's life: fresh standard streams, spaCy imported, one batch of chunks
    extracted and sent back (or its error), then ``os._exit``."""
    code = 0
    try:
        try:
            _fresh_standard_streams()
            import spacy  # noqa: F401 - the point of the standby: this, while the build reads

            chunks = connection.recv()
            report = pickle.dumps((False, [extract_chunk(chunk) for chunk in chunks]))
        except BaseException as error:  # noqa: BLE001 - everything goes to the build, Ctrl-C too
            code = 1
            report = _error_report(extract_chunk, error)
        connection.send_bytes(report)
    finally:
        os._exit(code)


def _fork() -> int | None:
    """``os.fork()``: the child's pid here, 0 in the child; None off Linux (macOS's system
    libraries are not safe to fork) or when the system has no memory or process left for it."""
    if sys.platform != "linux":
        return None
    with warnings.catch_warnings():
        # Python 3.12+ warns on forking a process with threads (numpy's BLAS pool, the
        # progress bar's refresh): a child could inherit a lock another thread held. The
        # children take none: they get fresh standard streams and run kg's own code.
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return os.fork()
        except OSError:
            return None


def _fresh_standard_streams() -> None:
    """New ``sys.stdout`` and ``sys.stderr`` on copies of their file descriptors (their
    locks may have been held by another thread of the parent at the fork)."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        try:
            setattr(sys, name, open(os.dup(fd), "w", encoding="utf-8", errors="backslashreplace", buffering=1))
        except OSError:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def to_chunks(documents: Sequence[Document], size: int = CHUNK_CHARS) -> list[list[Document]]:
    """Consecutive documents of one language, about ``size`` clean characters a chunk."""
    chunks: list[list[Document]] = []
    for _, same in groupby(documents, key=lambda d: d.lang):
        chunk, chars = [], 0
        for document in same:
            if chunk and chars + len(document.clean) > size:
                chunks.append(chunk)
                chunk, chars = [], 0
            chunk.append(document)
            chars += len(document.clean)
        chunks.append(chunk)
    return chunks


def extract_chunk(chunk: list[Document]) -> list[Found]:
    """Mentions and relations of each document of ``chunk`` (one language): the map step."""
    from kg.extract import iter_extractions, make_nlp

    return [(ex.document.pipeline, ex.mentions, ex.relations)
            for ex in iter_extractions(chunk, make_nlp(chunk[0].lang))]


def load_pipeline(lang: str) -> None:
    """Load ``lang``'s pipeline in this process (a worker's first task, while the build still reads)."""
    from kg.extract import make_nlp

    make_nlp(lang)


def _joined(chunk: list[Document], found: list[Found]) -> Iterator[Extraction]:
    for document, (pipeline, mentions, relations) in zip(chunk, found, strict=True):
        yield Extraction(replace(document, pipeline=pipeline), mentions, relations)


class Alongside:
    """One call run by a forked copy of this process while this one goes on (``--jobs`` > 1).

    A build ends with corpus-wide work whose parts need nothing from each other:
    writing the RDF files, writing the network's files, drawing the page. A fork
    hands the child everything the build holds without copying or pickling it
    (pages are shared until written), so that these run side by side; only the
    call's return value (small: a summary, the paths written) comes back, pickled.
    Without ``fork``, or where there is no ``fork`` (only Linux is used: macOS's
    system libraries do not support it), the call runs on entering, here.

    Call :meth:`wait` inside the block: it returns the call's value, or raises
    its error here. Leaving the block without waiting (an error, Ctrl-C) stops
    the child at once.

    Parameters
    ----------
    call : callable
        Run as ``call(*args)`` in the child. What it changes in memory is lost with
        the child: it should write files and return a small, picklable value.
    *args
        Its arguments.
    fork : bool, default True
        Fork (where possible) or run ``call`` in this process.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> note = Path(tempfile.mkdtemp()) / "note.txt"
    >>> with Alongside(note.write_text, "written by the child") as child:
    ...     child.wait()   # the number of characters written
    20
    >>> note.read_text()
    'written by the child'
    >>> with Alongside(int, "XXII") as child:
    ...     child.wait()
    Traceback (most recent call last):
    ValueError: invalid literal for int() with base 10: 'XXII'
    """

    def __init__(self, call: Callable[..., object], *args, fork: bool = True):
        self.call, self.args = call, args
        self.fork = fork
        self.pid: int | None = None
        self._report = -1
        self._value: object = None

    def __enter__(self) -> Alongside:
        if self.fork:
            self._report, write_end = os.pipe()
            self.pid = _fork()
            if self.pid == 0:  # the child: never returns
                os.close(self._report)
                _run_and_exit(self.call, self.args, write_end)
            os.close(write_end)
            if self.pid is not None:
                return self
            os.close(self._report)  # no fork here: do it here, as --jobs 1 would
        self._value = self.call(*self.args)
        return self

    def wait(self) -> object:
        """The call's return value, once the child has ended; its error is raised here."""
        if self.pid is None:
            return self._value
        with os.fdopen(self._report, "rb") as pipe:
            report = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not report:  # killed before it could say anything (out of memory, a signal)
            raise KgError(f"the process running {_name(self.call)} ended with {_exit_reason(status)}")
        failed, self._value = pickle.loads(report)
        if failed:
            raise self._value
        return self._value

    def __exit__(self, kind, error, trace) -> None:
        if self.pid is None:
            return
        # Left without waiting (an error or Ctrl-C here): its work is of no more use.
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._report)
        self.pid = None


def _run_and_exit(call: Callable[..., object], args: tuple, pipe: int) -> None:
    """The child's life: the call, then (failed, value or error) pickled down the pipe, then
    ``os._exit`` (so that none of the parent's ``atexit`` handlers or buffers run twice)."""
    code = 0
    try:
        try:
            _fresh_standard_streams()
            report = pickle.dumps((False, call(*args)))
        except BaseException as error:  # noqa: BLE001 - everything goes to the parent, Ctrl-C too
            code = 1
            report = _error_report(call, error)
        with os.fdopen(pipe, "wb") as stream:
            stream.write(report)
    finally:
        os._exit(code)


def _error_report(call: Callable[..., object], error: BaseException) -> bytes:
    """``error`` pickled, or its message if it cannot be rebuilt in the parent."""
    try:
        report = pickle.dumps((True, error))
        pickle.loads(report)
        return report
    except Exception:
        return pickle.dumps((True, KgError(f"{_name(call)}: {type(error).__name__}: {error}")))


def _name(call: Callable[..., object]) -> str:
    return getattr(call, "__qualname__", None) or repr(call)


def _exit_reason(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
