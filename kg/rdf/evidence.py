"""Evidence as triples: one ``hkg:Assertion`` per fact, one Web Annotation per mention.

A relation triple never stands alone: :func:`iter_fact_triples` yields it
together with its factoid (the reified triple, the document it was derived
from, the verbatim quote, its offsets, the rule and its confidence).
:func:`iter_annotation_triples` records where an entity is mentioned, in the
W3C Web Annotation shape: ``oa:TextQuoteSelector`` + ``oa:TextPositionSelector``.

Examples
--------
>>> from kg.model import Evidence, Fact
>>> from kg.rdf.evidence import iter_fact_triples
>>> ev = Evidence("001_x.txt", 0, 25, "Stalin drafted the theses", "rule:drafted-verb", 0.9)
>>> len(list(iter_fact_triples(Fact("person:stalin", "drafted", "resolution:theses", ev), "https://w3id.org/histkg/id/")))
11
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from rdflib.term import Literal, URIRef

from kg.model import Fact, Mention
from kg.rdf.iris import annotation_iri, assertion_iri, document_iri, mint_iri, part_iri
from kg.vocab import HKG, OA, PROV, RDF, RELATION_PREDICATES, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_CENT = Decimal("0.01")
#: Terms used for every mention, looked up once: a ``DefinedNamespace`` attribute costs a
#: Python call each time, and an annotation takes fifteen of them.
_A, _ANNOTATION, _SPECIFIC, _QUOTE, _POSITION = (
    RDF.type, OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector)
_MOTIVATED, _IDENTIFYING, _BODY, _TARGET, _SOURCE, _SELECTOR, _EXACT, _START, _END = (
    OA.motivatedBy, OA.identifying, OA.hasBody, OA.hasTarget, OA.hasSource, OA.hasSelector, OA.exact,
    OA.start, OA.end)
_METHOD, _CONFIDENCE, _NON_NEGATIVE = HKG.method, HKG.confidence, XSD.nonNegativeInteger


def iter_fact_triples(fact: Fact, base: str) -> Iterator[Triple]:
    """Yield a fact's relation triple and the ``hkg:Assertion`` that backs it.

    Parameters
    ----------
    fact : kg.model.Fact
        Subject and object are entity keys or ``document:<doc_id>`` keys.
    base : str
        The base IRI.

    Yields
    ------
    tuple
        ``(subject, predicate, object)`` triples of rdflib terms.

    Raises
    ------
    ValueError
        If the predicate is not one of the contract's relation predicates.

    Examples
    --------
    "Lenin wrote to the Central Committee" makes the letter the subject:

    >>> from kg.model import Evidence, Fact
    >>> ev = Evidence("000_letter.txt", 10, 44, "I write to the Central Committee", "rule:addressed", 0.85)
    >>> fact = Fact("document:000_letter.txt", "addressedTo", "organisation:cc", ev)
    >>> triples = list(iter_fact_triples(fact, "https://w3id.org/histkg/id/"))
    >>> [o.n3() for s, p, o in triples if p == HKG.confidence]
    ['"0.85"^^<http://www.w3.org/2001/XMLSchema#decimal>']
    >>> str(triples[0][0])
    'https://w3id.org/histkg/id/document/000_letter'
    """
    if fact.predicate not in RELATION_PREDICATES:
        raise ValueError(f"not a relation predicate of the contract: {fact.predicate!r}")
    ev = fact.evidence
    s, p, o = mint_iri(fact.subject, base), HKG[fact.predicate], mint_iri(fact.object, base)
    node = assertion_iri(fact, base)
    yield s, p, o
    yield node, RDF.type, HKG.Assertion
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield node, PROV.wasDerivedFrom, document_iri(ev.doc_id, base)
    yield node, HKG.quote, Literal(ev.quote)
    yield node, HKG.charStart, Literal(ev.start)
    yield node, HKG.charEnd, Literal(ev.end)
    yield node, _METHOD, _plain(ev.method)
    yield node, HKG.confidence, confidence_literal(ev.confidence)


def iter_annotation_triples(key: str, mention: Mention, base: str) -> Iterator[Triple]:
    """Yield the Web Annotation saying that ``mention`` refers to entity ``key``.

    Parameters
    ----------
    key : str
        The entity key the mention was resolved to (the annotation's body).
    mention : kg.model.Mention
        The mention: document, offsets into the original text, verbatim text.
    base : str
        The base IRI.

    Yields
    ------
    tuple
        Triples for the ``oa:Annotation``, its ``oa:SpecificResource`` target and
        the two selectors, all named by :func:`kg.rdf.iris.part_iri` (no blank nodes).

    Examples
    --------
    "Lenin" at characters 0-5 of a letter:

    >>> from kg.model import Mention
    >>> m = Mention("000_letter.txt", 0, 5, "Lenin", "Person", key="person:lenin", method="authority")
    >>> triples = list(iter_annotation_triples("person:lenin", m, "https://w3id.org/histkg/id/"))
    >>> sorted(str(o) for s, p, o in triples if p == RDF.type)[:2]
    ['http://www.w3.org/ns/oa#Annotation', 'http://www.w3.org/ns/oa#SpecificResource']
    >>> [str(o) for s, p, o in triples if p == OA.exact]
    ['Lenin']
    """
    node = annotation_iri(key, mention, base)
    target, quote, position = (part_iri(node, name) for name in ("target", "quote", "position"))
    yield node, _A, _ANNOTATION
    yield node, _MOTIVATED, _IDENTIFYING
    yield node, _BODY, mint_iri(key, base)
    yield node, _TARGET, target
    yield node, _METHOD, _plain(mention.method)
    yield node, _CONFIDENCE, confidence_literal(mention.confidence)
    yield target, _A, _SPECIFIC
    yield target, _SOURCE, document_iri(mention.doc_id, base)
    yield target, _SELECTOR, quote
    yield target, _SELECTOR, position
    yield quote, _A, _QUOTE
    yield quote, _EXACT, _plain(mention.text)
    yield position, _A, _POSITION
    yield position, _START, _offset(mention.start)
    yield position, _END, _offset(mention.end)


@lru_cache(maxsize=1 << 16)
def confidence_literal(value: float) -> Literal:
    """An ``xsd:decimal`` literal of ``value`` rounded half-up to two places.

    Parameters
    ----------
    value : float
        A confidence in [0, 1].

    Returns
    -------
    rdflib.Literal
        Two decimal places, so that ``0.9`` and ``0.90000001`` serialise alike.

    Examples
    --------
    >>> confidence_literal(0.9)
    rdflib.term.Literal('0.90', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> str(confidence_literal(0.675)), str(confidence_literal(1))
    ('0.68', '1.00')
    """
    rounded = Decimal(repr(float(value))).quantize(_CENT, rounding=ROUND_HALF_UP)
    return Literal(str(rounded), datatype=XSD.decimal)


# rdflib parses every literal it makes; the same few methods, names and offsets recur
# thousands of times, so each is made once (the caches are bounded).
@lru_cache(maxsize=1 << 16)
def _plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=1 << 16)
def _offset(value: int) -> Literal:
    return Literal(value, datatype=_NON_NEGATIVE)
