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
``if __name__ == "__main__":`` guard; ``kg build`` has it.

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
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import groupby

from kg.model import Document, Extraction, Mention, Relation

#: Clean characters per task sent to a worker: small enough to balance two cores, large
#: enough that ``nlp.pipe`` batches well and the transfer cost stays small.
CHUNK_CHARS = 60_000

Found = tuple[tuple[Mention, ...], tuple[Relation, ...]]


def iter_extracted(documents: Sequence[Document], jobs: int = 1) -> Iterator[Extraction]:
    """Extractions of ``documents``, in the order given, with ``jobs`` processes.

    Parameters
    ----------
    documents : sequence of Document
        Documents grouped by language (e.g. sorted by language, then id).
    jobs : int
        1 extracts here; more extract in up to that many worker processes.

    Returns
    -------
    iterator of Extraction
        One per document, in the order of ``documents``; the same values for every ``jobs``.
    """
    with Extractor(jobs) as extractor:
        yield from extractor.extracted(documents)


class Extractor:
    """Extracts documents in this process (``jobs=1``) or in up to ``jobs`` worker processes.

    With workers, the first one starts when the extractor is made and imports
    spaCy and kg's components (about a second) while the build goes on reading
    its files; the others start when there is a second chunk to give them. So a
    rebuild that extracts one changed document pays no import in the build's own
    process, and a full build's first worker is ready when the first chunk is.

    Use it as a context manager: leaving it stops the workers.

    Parameters
    ----------
    jobs : int
        Worker processes at most; 1 (or less) extracts in this process.

    Examples
    --------
    >>> from kg.ingest import ingest
    >>> from kg.model import SourceText
    >>> doc = ingest(SourceText("a.txt", "a.txt", "Stalin drafted the resolution."), "en")
    >>> with Extractor(1) as extractor:
    ...     [len(ex.mentions) for ex in extractor.extracted([doc])]
    [2]
    """

    def __init__(self, jobs: int = 1):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future | None = None
        if jobs > 1:
            self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
            self._warm = self._pool.submit(_import_extract)

    def extracted(self, documents: Sequence[Document]) -> Iterator[Extraction]:
        """Extractions of ``documents`` (grouped by language), in the order given."""
        chunks = to_chunks(documents)
        if self._pool is None:
            for chunk in chunks:
                yield from _joined(chunk, extract_chunk(chunk))
            return
        if not chunks:
            return
        # Wait for the first worker to be warm (and idle): the pool then gives it the
        # first chunk instead of starting another worker, and a failed import shows here.
        self._warm.result()
        try:
            for chunk, found in zip(chunks, self._pool.map(extract_chunk, chunks)):
                yield from _joined(chunk, found)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop the workers (dropping chunks not yet started)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


def _joined(chunk: list[Document], found: list[Found]) -> Iterator[Extraction]:
    for document, (mentions, relations) in zip(chunk, found, strict=True):
        yield Extraction(document, mentions, relations)


def _import_extract() -> None:
    """A worker's first task: import spaCy and register kg's components."""
    import kg.extract  # noqa: F401
