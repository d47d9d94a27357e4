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
from dataclasses import dataclass, field, fields

DEFAULT_BASE = "https://w3id.org/histkg/id/"


@dataclass(frozen=True, slots=True)
class BuildConfig:
    """Every setting of ``kg build``; CLI flags map onto these fields one to one."""

    base_iri: str = DEFAULT_BASE
    """Base IRI under which entity, document and assertion IRIs are minted."""
    lang: str | None = None
    """Force the language of every document (``"sv"``/``"en"``); None detects it per file."""
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

    def config_hash(self) -> str:
        """A short stable hash of the settings that can change the outputs (not ``jobs`` or the cache's)."""
        settings = {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("outputs", True)}
        blob = json.dumps(settings, sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
