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
from concurrent.futures import ProcessPoolExecutor
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
        1 extracts here; more start that many worker processes (never more than
        chunks). A single chunk (a rebuild after one changed letter) is extracted
        here: a worker would first have to start and import spaCy.

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
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context) as pool:
        try:
            for chunk, found in zip(chunks, pool.map(extract_chunk, chunks)):
                yield from _joined(chunk, found)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


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
