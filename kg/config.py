"""The one configuration object of a build.

Examples
--------
>>> from kg.config import BuildConfig
>>> BuildConfig().base_iri
'https://w3id.org/histkg/id/'
>>> BuildConfig(lang="sv").config_hash() != BuildConfig().config_hash()
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

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
    validate: bool = False
    """Also check the built graph against ``ontology/shapes.ttl`` (slow on large graphs;
    ``kg validate`` does the same on a finished build)."""
    title: str = "kg: historical knowledge graph"
    """Title of the HTML page."""

    def config_hash(self) -> str:
        """A short stable hash of the settings that change extraction results."""
        blob = json.dumps(asdict(self), sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
