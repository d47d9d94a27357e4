"""The vocabulary the analyze stage reads, in one place.

``HKG`` comes from :mod:`kg.vocab` (generated from ``ontology/hkg.ttl``); the plain
``Namespace`` fallback only keeps this stage importable on its own while that module is
being written. Everything else is rdflib's own namespaces.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

try:
    from kg.vocab import HKG
except ImportError:  # pragma: no cover - only while kg/vocab.py does not exist
    HKG = Namespace("https://w3id.org/histkg/ontology#")

#: Wikidata entity IRIs, the targets of ``owl:sameAs``.
WIKIDATA = "http://www.wikidata.org/entity/"

#: The five core classes that become network nodes, by local name (documents do not).
CORE_CLASSES: tuple[str, ...] = ("Person", "Organisation", "Meeting", "Resolution", "Place")

__all__ = ["CORE_CLASSES", "DCTERMS", "HKG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "WIKIDATA"]
