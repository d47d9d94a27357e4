"""Every IRI kg mints, in one place: entities, documents, assertions, annotations.

IRIs are pure functions of content (an entity key, a file name, a hash of a
fact's evidence), so the same input always gives the same IRI and no graph
ever needs a blank node. Nothing outside this module puts an IRI together.

Examples
--------
>>> from kg.rdf.iris import mint_iri
>>> mint_iri("person:stalin", "https://w3id.org/histkg/id/")
rdflib.term.URIRef('https://w3id.org/histkg/id/person/stalin')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib.term import URIRef

from kg.model import Fact, Mention
from kg.vocab import WD

#: The key prefix that marks a document rather than an entity (``"document:<doc_id>"``).
DOCUMENT = "document"
ASSERTION = "assertion"
ANNOTATION = "annotation"

_KIND = re.compile(r"[a-z][a-z0-9_-]*")
_QID = re.compile(r"Q[1-9][0-9]*")


@lru_cache(maxsize=1 << 16)  # the same keys recur for every mention and fact
def mint_iri(key: str, base: str) -> URIRef:
    """Mint the IRI of an entity key or a ``document:<doc_id>`` key.

    Parameters
    ----------
    key : str
        ``"<kind>:<slug>"``, e.g. ``"person:stalin"``, or ``"document:<file name>"``.
    base : str
        The base IRI, ending in ``/`` or ``#``.

    Returns
    -------
    rdflib.URIRef
        ``<base><kind>/<slug>``; characters other than letters, digits and
        ``-._~`` in the slug are percent-encoded, and a document's ``.txt`` is dropped.

    Raises
    ------
    ValueError
        If the key has no ``kind:`` prefix.

    Examples
    --------
    A sentence such as "Stalin drafted the resolution" yields the key ``person:stalin``:

    >>> base = "https://w3id.org/histkg/id/"
    >>> str(mint_iri("person:stalin", base))
    'https://w3id.org/histkg/id/person/stalin'
    >>> str(mint_iri("organisation:centralkommittén", base))
    'https://w3id.org/histkg/id/organisation/centralkommittén'
    >>> str(mint_iri("document:000_lenin_kamenev_1922.txt", base))
    'https://w3id.org/histkg/id/document/000_lenin_kamenev_1922'
    """
    kind, sep, slug = key.partition(":")
    if not sep or not slug or not _KIND.fullmatch(kind):
        raise ValueError(f"not an entity key of the form 'kind:slug': {key!r}")
    if kind == DOCUMENT:
        return document_iri(slug, base)
    return URIRef(f"{base}{kind}/{_encode(slug)}")


@lru_cache(maxsize=1 << 16)
def document_iri(doc_id: str, base: str) -> URIRef:
    """Mint the IRI of a source document from its file name.

    Parameters
    ----------
    doc_id : str
        The file name, e.g. ``"000_lenin_kamenev_1922.txt"``.
    base : str
        The base IRI.

    Returns
    -------
    rdflib.URIRef
        ``<base>document/<file name without .txt>``; it also names the
        document's graph in TriG.

    Examples
    --------
    >>> str(document_iri("001_letter_1922.txt", "https://w3id.org/histkg/id/"))
    'https://w3id.org/histkg/id/document/001_letter_1922'
    """
    stem = doc_id[: -len(".txt")] if doc_id.endswith(".txt") else doc_id
    return URIRef(f"{base}{DOCUMENT}/{_encode(stem)}")


def assertion_iri(fact: Fact, base: str) -> URIRef:
    """Mint the IRI of the ``hkg:Assertion`` behind one fact.

    Parameters
    ----------
    fact : kg.model.Fact
        The fact; its subject, predicate, object, document and offsets are hashed.
    base : str
        The base IRI.

    Returns
    -------
    rdflib.URIRef
        ``<base>assertion/<16 hex digits of sha256>``.

    Examples
    --------
    "Stalin drafted the commission's resolution", at characters 4203-4245:

    >>> from kg.model import Evidence, Fact
    >>> ev = Evidence("001_letter_1922.txt", 4203, 4245,
    ...               "Stalin drafted the commission's resolution", "rule:drafted-verb", 0.9)
    >>> fact = Fact("person:stalin", "drafted", "resolution:autonomisation", ev)
    >>> iri = assertion_iri(fact, "https://w3id.org/histkg/id/")
    >>> iri.startswith("https://w3id.org/histkg/id/assertion/"), len(iri.rsplit("/", 1)[1])
    (True, 16)
    """
    ev = fact.evidence
    return _hashed(ASSERTION, base, fact.subject, fact.predicate, fact.object, ev.doc_id, ev.start, ev.end)


def annotation_iri(key: str, mention: Mention, base: str) -> URIRef:
    """Mint the IRI of the Web Annotation that links one mention to its entity.

    Parameters
    ----------
    key : str
        The entity key the mention was resolved to.
    mention : kg.model.Mention
        The mention; its document and offsets are hashed.
    base : str
        The base IRI.

    Returns
    -------
    rdflib.URIRef
        ``<base>annotation/<16 hex digits of sha256>``.

    Examples
    --------
    >>> from kg.model import Mention
    >>> m = Mention("001_letter_1922.txt", 0, 6, "Stalin", "Person", key="person:stalin")
    >>> str(annotation_iri("person:stalin", m, "https://w3id.org/histkg/id/"))[:38]
    'https://w3id.org/histkg/id/annotation/'
    """
    return _hashed(ANNOTATION, base, key, mention.doc_id, mention.start, mention.end)


def part_iri(iri: URIRef, part: str) -> URIRef:
    """Name a part of a minted resource (an annotation's target or selector) by a suffix.

    A suffix rather than a ``#fragment`` keeps the IRI a plain prefixed name in
    Turtle (``annotation:0123456789abcdef-target``).

    Parameters
    ----------
    iri : rdflib.URIRef
        The minted resource.
    part : str
        The part's name: ``"target"``, ``"quote"``, ``"position"``.

    Returns
    -------
    rdflib.URIRef

    Examples
    --------
    >>> str(part_iri(URIRef("https://w3id.org/histkg/id/annotation/0123456789abcdef"), "target"))
    'https://w3id.org/histkg/id/annotation/0123456789abcdef-target'
    """
    return URIRef(f"{iri}-{part}")


def wikidata_iri(qid: str) -> URIRef:
    """The Wikidata entity IRI for a QID, the object of ``owl:sameAs``.

    Parameters
    ----------
    qid : str
        ``"Q855"`` (Stalin).

    Returns
    -------
    rdflib.URIRef
        ``http://www.wikidata.org/entity/<qid>``.

    Raises
    ------
    ValueError
        If ``qid`` is not of the form ``Q<digits>``.

    Examples
    --------
    >>> str(wikidata_iri("Q855"))
    'http://www.wikidata.org/entity/Q855'
    """
    if not _QID.fullmatch(qid):
        raise ValueError(f"not a Wikidata QID: {qid!r}")
    return WD[qid]


def id_prefixes(base: str, kinds: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Turtle prefixes for the minted IRIs: one per kind, so IRIs print as ``person:stalin``.

    Parameters
    ----------
    base : str
        The base IRI.
    kinds : sequence of str
        The kinds of entity keys in the build (``"person"``, ``"organisation"`` ...);
        documents, assertions and annotations are always included.

    Returns
    -------
    dict
        Prefix name -> namespace IRI, sorted by name.

    Examples
    --------
    >>> id_prefixes("https://w3id.org/histkg/id/", ["person"])["person"]
    'https://w3id.org/histkg/id/person/'
    >>> sorted(id_prefixes("https://w3id.org/histkg/id/", []))
    ['annotation', 'assertion', 'document']
    """
    names = sorted(set(kinds) | {DOCUMENT, ASSERTION, ANNOTATION})
    return {name: f"{base}{name}/" for name in names if _KIND.fullmatch(name)}


def _hashed(kind: str, base: str, *parts: object) -> URIRef:
    """``<base><kind>/<16 hex>`` over the ``|``-joined parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{base}{kind}/{digest}")


def _encode(slug: str) -> str:
    """NFC-normalise and percent-encode what is not a letter, digit or ``-._~``."""
    return "".join(
        ch if ch.isalnum() or ch in "-._~" else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in unicodedata.normalize("NFC", slug)
    )
