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
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from itertools import groupby

from kg.model import Document, Extraction, Mention, Relation

#: Clean characters per task sent to a worker: small enough to balance two cores, large
#: enough that ``nlp.pipe`` batches well and the transfer cost stays small.
CHUNK_CHARS = 60_000

Found = tuple[tuple[Mention, ...], tuple[Relation, ...]]


def iter_extracted(documents: Sequence[Document], jobs: int = 1, workers: Workers | None = None) -> Iterator[Extraction]:
    """Extractions of ``documents``, in the order given, with ``jobs`` processes.

    Parameters
    ----------
    documents : sequence of Document
        Documents grouped by language (e.g. sorted by language, then id).
    jobs : int
        1 extracts here; more start that many worker processes (never more than
        chunks). A single chunk (a rebuild after one changed letter) is extracted
        here: a worker would first have to start and import spaCy.
    workers : Workers, optional
        Workers the caller may have started already (it also shuts them down);
        without, they are started here and shut down at the end.

    Returns
    -------
    iterator of Extraction
        One per document, in the order of ``documents``; the same values for every ``jobs``.
    """
    chunks = to_chunks(documents)
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _joined(chunk, extract_chunk(chunk))
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
    with less to extract (a rebuild after one changed letter) starts none.

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

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
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
        self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, trace) -> None:
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

    return [(ex.mentions, ex.relations) for ex in iter_extractions(chunk, make_nlp(chunk[0].lang))]


def load_pipeline(lang: str) -> None:
    """Load ``lang``'s pipeline in this process (a worker's first task, while the build still reads)."""
    from kg.extract import make_nlp

    make_nlp(lang)


def _joined(chunk: list[Document], found: list[Found]) -> Iterator[Extraction]:
    for document, (mentions, relations) in zip(chunk, found, strict=True):
        yield Extraction(document, mentions, relations)
