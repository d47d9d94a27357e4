"""Resolved entities and facts -> one RDF dataset in the contract's vocabulary.

The default graph holds everything ``graph.ttl`` must say: documents, entities
(type, labels, mentions, Wikidata identity, dates), the relation triples, one
``hkg:Assertion`` per fact and, optionally, one Web Annotation per mention. Each
document also gets a named graph (named by the document's IRI) holding what that
document says: its own description, the entities it mentions, and the relations
and evidence found in it. Every named graph is a subset of the default graph.

This stage only serialises what resolution decided; it never looks anything up.
:func:`to_quads` gives the lean form a build writes and analyses (sorted integer
rows, see :mod:`kg.rdf.quads`); :func:`to_dataset` the same statements as an
rdflib ``Dataset``, for SHACL and for code that wants rdflib's API.

Examples
--------
>>> from kg.config import BuildConfig
>>> from kg.model import Document, Entity, Resolved
>>> from kg.rdf.build import to_dataset
>>> doc = Document("000_a.txt", "000_a.txt", "Lenin wrote.", "Lenin wrote.", tuple(range(13)), "en")
>>> lenin = Entity("person:lenin", "Person", "Lenin", doc_ids=("000_a.txt",), qid="Q1394")
>>> ds = to_dataset(Resolved((doc,), (lenin,), ()), BuildConfig())
>>> len(ds.default_graph), len(list(ds.graphs())) - 1   # 4 triples each; one named graph
(8, 1)
>>> len(to_quads(Resolved((doc,), (lenin,), ()), BuildConfig()))
16
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Dataset
from rdflib.term import Literal, URIRef

from kg.cache import GraphCache
from kg.config import BuildConfig
from kg.model import DateValue, Document, Entity, Fact, Mention, Resolved
from kg.rdf.evidence import Triple, iter_annotation_triples, iter_fact_triples
from kg.rdf.iris import DOCUMENT, document_iri, id_prefixes, mint_iri, wikidata_iri
from kg.rdf.quads import Quads, Run, assemble, make_run
from kg.vocab import DCTERMS, HKG, OWL, PREFIXES, RDF, RDFS, SKOS, XSD

_DATE_TYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


@dataclass(slots=True)
class _Index:
    """The lookups the per-document graphs need, built once per dataset."""

    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    creators: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    facts: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    mentioned: dict[str, list[Entity]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))
    """(entity key, doc id) -> that entity's mentions in that document."""


def to_dataset(resolved: Resolved, config: BuildConfig, *, annotations: bool = True) -> Dataset:
    """Build the dataset: the contract's default graph plus one named graph per document.

    Parameters
    ----------
    resolved : kg.model.Resolved
        Documents, entities and facts from resolution.
    config : kg.config.BuildConfig
        ``config.base_iri`` is the base of every minted IRI.
    annotations : bool, default True
        Also describe every entity mention as a W3C Web Annotation
        (about 15 triples per mention; turn off for very large corpora).

    Returns
    -------
    rdflib.Dataset
        Prefixes bound for the contract's vocabularies and one per kind of minted IRI.

    Raises
    ------
    ValueError
        If a fact's predicate is not a contract relation, a key is malformed,
        or a date has an unknown datatype.

    Examples
    --------
    One sentence, "Stalin drafted the resolution on autonomisation":

    >>> from kg.model import Document, Entity, Evidence, Fact, Resolved
    >>> text = "Stalin drafted the resolution on autonomisation."
    >>> doc = Document("001_b.txt", "001_b.txt", text, text, tuple(range(len(text) + 1)), "en")
    >>> stalin = Entity("person:stalin", "Person", "Stalin", doc_ids=("001_b.txt",))
    >>> res = Entity("resolution:autonomisation", "Resolution", "Resolution on autonomisation",
    ...              "en", doc_ids=("001_b.txt",))
    >>> ev = Evidence("001_b.txt", 0, 47, text[:47], "rule:drafted-verb", 0.9)
    >>> fact = Fact("person:stalin", "drafted", "resolution:autonomisation", ev)
    >>> ds = to_dataset(Resolved((doc,), (res, stalin), (fact,)), BuildConfig(), annotations=False)
    >>> (mint_iri("person:stalin", BuildConfig().base_iri), HKG.drafted, None) in ds.default_graph
    True
    >>> sorted(str(g.identifier) for g in ds.graphs() if g.identifier != ds.default_graph.identifier)
    ['https://w3id.org/histkg/id/document/001_b']
    """
    return to_quads(resolved, config, annotations=annotations).to_dataset()


def to_quads(resolved: Resolved, config: BuildConfig, *, annotations: bool = True,
             cache: GraphCache | None = None) -> Quads:
    """The statements of :func:`to_dataset`, canonically sorted, in the lean form the writers read.

    Parameters
    ----------
    resolved : kg.model.Resolved
        Documents, entities and facts from resolution.
    config : kg.config.BuildConfig
        ``config.base_iri`` is the base of every minted IRI.
    annotations : bool, default True
        Also describe every entity mention as a W3C Web Annotation.
    cache : kg.cache.GraphCache, optional
        Where each document's named graph is kept between builds, under a hash of
        everything it is made from (:class:`DocumentGraph`): a document whose
        text, entities and facts are as before is not laid out again.

    Returns
    -------
    kg.rdf.quads.Quads
        Default graph and one named graph per document, with kg's prefixes (and none of rdflib's).

    Raises
    ------
    ValueError
        As :func:`to_dataset`.

    Examples
    --------
    "Lenin wrote." in one document gives the document and Lenin, each said twice
    (in the default graph and in the document's graph):

    >>> from kg.model import Document, Entity, Resolved
    >>> doc = Document("000_a.txt", "000_a.txt", "Lenin wrote.", "Lenin wrote.", tuple(range(13)), "en")
    >>> lenin = Entity("person:lenin", "Person", "Lenin", doc_ids=("000_a.txt",))
    >>> quads = to_quads(Resolved((doc,), (lenin,), ()), BuildConfig())
    >>> len(quads), quads.graph_names()
    (14, ['https://w3id.org/histkg/id/document/000_a'])
    """
    base, prefixes = config.base_iri, _prefixes(config.base_iri, resolved)
    index = _index(resolved)
    named = ((document_iri(doc.doc_id, base),
              _document_run(document_graph(doc, index, annotations), base, prefixes, cache))
             for doc in resolved.documents)
    return assemble(_default_triples(resolved, index, base, annotations), named, prefixes, named_in_default=True)


@dataclass(frozen=True, slots=True)
class DocumentCard:
    """What the graphs say of a document: id, language, title, date of writing, the pipeline that read it."""

    doc_id: str
    lang: str
    title: str | None = None
    created: DateValue | None = None
    pipeline: str = ""


@dataclass(frozen=True, slots=True)
class EntityCard:
    """What one document's graph says of an entity (``forms`` and ``date`` only where it mentions them)."""

    key: str
    type: str
    label: str
    label_lang: str | None = None
    qid: str | None = None
    forms: tuple[str, ...] = ()
    date: DateValue | None = None


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """Everything one document's named graph is made from, and nothing else.

    Its ``repr`` spells every input in full, so it is the graph cache's key: a
    change anywhere in the corpus that alters what this document's graph says
    (an entity's preferred label, a merge that changes a key, a new fact) changes it.
    """

    document: DocumentCard
    creators: tuple[str, ...]
    """Keys of the document's authors."""
    mentioned: tuple[tuple[EntityCard, tuple[Mention, ...]], ...]
    """Each entity mentioned, with its mentions in this document (none without annotations)."""
    referenced: tuple[DocumentCard | EntityCard, ...]
    """What the facts and creators point to without the document mentioning it."""
    facts: tuple[Fact, ...]
    """The facts stated in this document."""


def document_graph(doc: Document, index: _Index, annotations: bool = True) -> DocumentGraph:
    """The inputs of ``doc``'s named graph (see :class:`DocumentGraph`).

    Examples
    --------
    >>> from kg.model import Document, Entity, Mention, Resolved
    >>> doc = Document("a.txt", "a.txt", "Lenin wrote.", "Lenin wrote.", tuple(range(13)), "en")
    >>> seen = Mention("a.txt", 0, 5, "Lenin", "Person", "person:lenin")
    >>> lenin = Entity("person:lenin", "Person", "V. I. Lenin", "en", ("Lenin",), doc_ids=("a.txt",), mentions=(seen,))
    >>> said = document_graph(doc, _index(Resolved((doc,), (lenin,), ())))
    >>> card, mentions = said.mentioned[0]
    >>> card.label, card.forms, len(mentions)
    ('V. I. Lenin', ('Lenin',), 1)
    """
    doc_id = doc.doc_id
    creators = tuple(index.creators.get(doc_id, ()))
    mentioned = []
    for entity in index.mentioned.get(doc_id, ()):
        mentions = index.mentions.get((entity.key, doc_id), ())
        forms = tuple(sorted({mention.text for mention in mentions} & set(entity.alt_labels)))
        dated = entity.date is not None and any(mention.date is not None for mention in mentions)
        mentioned.append((_entity_card(entity, forms, entity.date if dated else None),
                          tuple(mentions) if annotations else ()))
    keys = {entity.key for entity in index.mentioned.get(doc_id, ())}
    facts = tuple(index.facts.get(doc_id, ()))
    referenced = {key for fact in facts for key in (fact.subject, fact.object)} | set(creators)
    cards = (_referenced_card(key, doc_id, index) for key in sorted(referenced - keys))
    return DocumentGraph(_document_card(doc), creators, tuple(mentioned), tuple(c for c in cards if c), facts)


def _document_run(said: DocumentGraph, base: str, prefixes: dict[str, str], cache: GraphCache | None) -> Run:
    """The laid-out named graph of one document, its terms spelled with ``prefixes``:
    from ``cache`` if it holds it, else made (and kept)."""
    graph = document_iri(said.document.doc_id, base)
    if cache is None:
        return make_run(_document_graph_triples(said, base), prefixes, graph)
    key = cache.key((base, repr(sorted(prefixes.items())), repr(said)))
    run = cache.read(key, said.document.doc_id)
    if not isinstance(run, Run):
        run = make_run(_document_graph_triples(said, base), prefixes, graph)
        cache.write(key, run)
    return run


def date_literal(date: DateValue) -> Literal:
    """The typed literal of a date: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    Raises
    ------
    ValueError
        If ``date.datatype`` is none of those three.

    Examples
    --------
    "At the plenum of 6 October 1922 ..." gives a day-precise date:

    >>> date_literal(DateValue("1922-10-06", "date")).n3()
    '"1922-10-06"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> date_literal(DateValue("1922-10", "gYearMonth")).n3()
    '"1922-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    if date.datatype not in _DATE_TYPES:
        raise ValueError(f"date datatype must be one of {sorted(_DATE_TYPES)}: {date.datatype!r}")
    return Literal(date.value, datatype=_DATE_TYPES[date.datatype])


def _prefixes(base: str, resolved: Resolved) -> dict[str, str]:
    """kg's prefixes: the contract's vocabularies and one per kind of minted IRI."""
    kinds = sorted({entity.key.partition(":")[0] for entity in resolved.entities})
    return dict(sorted((id_prefixes(base, kinds) | PREFIXES).items()))


def _index(resolved: Resolved) -> _Index:
    index = _Index()
    index.documents.update((doc.doc_id, doc) for doc in resolved.documents)
    index.entities.update((entity.key, entity) for entity in resolved.entities)
    for doc_id, key in resolved.authors:
        index.creators[doc_id].append(key)
    for fact in resolved.facts:
        index.facts[fact.evidence.doc_id].append(fact)
    for entity in resolved.entities:
        for doc_id in entity.doc_ids:
            index.mentioned[doc_id].append(entity)
        for mention in entity.mentions:
            index.mentions[entity.key, mention.doc_id].append(mention)
    return index


def _default_triples(resolved: Resolved, index: _Index, base: str, annotations: bool) -> Iterator[Triple]:
    """What ``graph.ttl`` says beyond the document graphs (which :func:`to_quads` adds to it).

    The annotations and evidence a document's graph holds are most of the triples;
    they are made once, there, instead of twice.
    """
    for doc in resolved.documents:
        yield from _document_triples(doc, index.creators.get(doc.doc_id, ()), base)
    for entity in resolved.entities:
        yield from _entity_triples(entity, entity.doc_ids, entity.alt_labels, base)
        if entity.date is not None:
            yield from _date_triples(mint_iri(entity.key, base), entity.date)
        in_graphs = set(entity.doc_ids) & index.documents.keys()
        if annotations:
            for mention in entity.mentions:
                if mention.doc_id not in in_graphs:
                    yield from iter_annotation_triples(entity.key, mention, base)
    for fact in resolved.facts:
        if fact.evidence.doc_id not in index.documents:
            yield from iter_fact_triples(fact, base)


def _document_graph_triples(said: DocumentGraph, base: str) -> Iterator[Triple]:
    """What one document says: itself, the entities it mentions, its relations and evidence."""
    doc_id = said.document.doc_id
    yield from _document_triples(said.document, said.creators, base)
    for card, mentions in said.mentioned:
        yield from _entity_triples(card, (doc_id,), card.forms, base)
        if card.date is not None:
            yield from _date_triples(mint_iri(card.key, base), card.date)
        for mention in mentions:
            yield from iter_annotation_triples(card.key, mention, base)
    for card in said.referenced:
        if isinstance(card, DocumentCard):
            yield from _document_triples(card, (), base)
        else:
            yield from _entity_triples(card, (), (), base)
    for fact in said.facts:
        yield from iter_fact_triples(fact, base)


def _referenced_card(key: str, doc_id: str, index: _Index) -> DocumentCard | EntityCard | None:
    """A thing a document's relations point to without mentioning it: type and label only."""
    kind, _, rest = key.partition(":")
    if kind == DOCUMENT and rest in index.documents and rest != doc_id:
        return _document_card(index.documents[rest])
    if key in index.entities:
        return _entity_card(index.entities[key])
    return None


def _document_card(doc: Document) -> DocumentCard:
    return DocumentCard(doc.doc_id, doc.lang, doc.title, doc.created, doc.pipeline)


def _entity_card(entity: Entity, forms: tuple[str, ...] = (), date: DateValue | None = None) -> EntityCard:
    return EntityCard(entity.key, entity.type, entity.label, entity.label_lang, entity.qid, forms, date)


def _document_triples(doc: Document | DocumentCard, creators: Iterable[str], base: str) -> Iterator[Triple]:
    node = document_iri(doc.doc_id, base)
    yield node, RDF.type, HKG.Document
    yield node, DCTERMS.identifier, Literal(doc.doc_id)
    yield node, DCTERMS.language, Literal(doc.lang)
    if doc.title:
        yield node, DCTERMS.title, Literal(doc.title, lang=doc.lang)
    yield node, RDFS.label, Literal(doc.title, lang=doc.lang) if doc.title else Literal(doc.doc_id)
    if doc.created is not None:
        yield node, DCTERMS.created, date_literal(doc.created)
    if doc.pipeline:
        yield node, HKG.pipeline, Literal(doc.pipeline)
    for key in creators:
        yield node, DCTERMS.creator, mint_iri(key, base)


def _entity_triples(entity: Entity | EntityCard, doc_ids: Iterable[str], forms: Iterable[str], base: str) -> Iterator[Triple]:
    node = mint_iri(entity.key, base)
    yield node, RDF.type, HKG[entity.type]
    yield node, RDFS.label, Literal(entity.label, lang=entity.label_lang)
    for form in forms:
        yield node, SKOS.altLabel, Literal(form)
    for doc_id in doc_ids:
        yield node, HKG.mentionedIn, document_iri(doc_id, base)
    if entity.qid:
        yield node, OWL.sameAs, wikidata_iri(entity.qid)


def _date_triples(node: URIRef, date: DateValue) -> Iterator[Triple]:
    yield node, HKG.date, date_literal(date)
    if date.edtf:
        yield node, HKG.edtf, Literal(date.edtf)
