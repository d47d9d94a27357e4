"""The authority file as Turtle: ``ontology/authorities/authority.ttl``.

The TSV files are the source (easy to review and edit); this module compiles them
into the project's vocabulary so that the authority can be loaded into a triple
store beside the builds: labels in English and Swedish, every other form as
``skos:altLabel``, Wikidata identity, the body a body belongs to, the place a place
lies in, the body that holds a meeting, and meeting dates. A test keeps the
committed Turtle in step with the TSV files. Regenerate with
``python -m kg.rdf.authority``.

Examples
--------
>>> from kg.authority import Authority
>>> auth = Authority.from_rows([{"id": "org:politburo", "type": "Organisation", "label_en": "Political Bureau",
...     "label_sv": "politbyrån", "aliases": "Politbureau", "broader": "org:central-committee"}])
>>> g = authority_graph(auth)
>>> sorted(str(o) for o in g.objects(None, SKOS.altLabel))
['Politbureau']
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, Literal

from kg.authority import AUTHORITY_DIR, Authority, AuthorityEntry, read_authority
from kg.config import DEFAULT_BASE
from kg.rdf.build import date_literal
from kg.rdf.iris import mint_iri, wikidata_iri
from kg.rdf.write import write_turtle
from kg.vocab import HKG, OWL, PREFIXES, RDF, RDFS, SKOS

TURTLE = AUTHORITY_DIR / "authority.ttl"
_BROADER = {"Organisation": HKG.partOf, "Place": HKG.locatedIn, "Meeting": HKG.heldBy, "Resolution": HKG.adopted}


def authority_graph(authority: Authority, base: str = DEFAULT_BASE) -> Graph:
    """Every authority entry as triples under ``base``."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for entry in sorted(authority.entries.values(), key=lambda e: e.id):
        for triple in _entry_triples(entry, base):
            graph.add(triple)
    return graph


def _entry_triples(entry: AuthorityEntry, base: str):
    node = mint_iri(entry.id, base)
    yield node, RDF.type, HKG[entry.type]
    yield node, RDFS.label, Literal(entry.label_en, lang="en")
    if entry.label_sv and entry.label_sv != entry.label_en:
        yield node, RDFS.label, Literal(entry.label_sv, lang="sv")
    for form in entry.forms():
        if form not in (entry.label_en, entry.label_sv):
            yield node, SKOS.altLabel, Literal(form)
    if entry.qid:
        yield node, OWL.sameAs, wikidata_iri(entry.qid)
    if entry.broader and entry.type in _BROADER:
        broader = mint_iri(entry.broader, base)
        # A resolution's "broader" is the body that adopted it: the arrow points the other way.
        yield (broader, HKG.adopted, node) if entry.type == "Resolution" else (node, _BROADER[entry.type], broader)
    if entry.date_value():
        yield node, HKG.date, date_literal(entry.date_value())
        if entry.date_value().edtf:
            yield node, HKG.edtf, Literal(entry.date_value().edtf)


def write_authority_turtle(path: str | Path = TURTLE, directory: str | Path = AUTHORITY_DIR) -> Path:
    """Compile the TSV files of ``directory`` into sorted Turtle at ``path``."""
    return write_turtle(authority_graph(read_authority(directory)), path)


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(f"wrote {write_authority_turtle()}\n")
