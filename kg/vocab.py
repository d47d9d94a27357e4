"""The vocabularies kg writes: ``hkg:`` (ours) and the standard ones it reuses.

``HKG`` mirrors ``ontology/hkg.ttl`` term for term, the way rdflib's
``namespace/_PROV.py`` mirrors PROV-O, and ``_fail = True`` makes a misspelt
term an error instead of a silently minted IRI. ``tests/test_vocab_sync.py``
fails when this list and the ontology drift apart. ``OA`` does the same for the
W3C Web Annotation vocabulary, which rdflib does not ship.

Examples
--------
>>> from kg.vocab import HKG, OA, RELATION_PREDICATES
>>> HKG.drafted
rdflib.term.URIRef('https://w3id.org/histkg/ontology#drafted')
>>> OA.TextQuoteSelector
rdflib.term.URIRef('http://www.w3.org/ns/oa#TextQuoteSelector')
>>> HKG.draughted
Traceback (most recent call last):
...
AttributeError: term 'draughted' not in namespace 'https://w3id.org/histkg/ontology#'
>>> len(RELATION_PREDICATES)
21
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "HKG",
    "OA",
    "ONTOLOGY_DIR",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RELATION_PREDICATES",
    "SKOS",
    "SYMMETRIC",
    "WD",
    "XSD",
]

#: The folder holding ``hkg.ttl`` and ``shapes.ttl`` (the repository's ``ontology/``).
ONTOLOGY_DIR: Path = Path(__file__).resolve().parent.parent / "ontology"

#: Wikidata entities, the targets of ``owl:sameAs``.
WD = Namespace("http://www.wikidata.org/entity/")


class HKG(DefinedNamespace):
    """The histkg ontology (``ontology/hkg.ttl``): classes and properties of the contract."""

    _fail = True

    # Classes
    Person: URIRef  # A named individual human being mentioned in a source text.
    Organisation: URIRef  # A party, party organ, state organ, faction, newspaper, army unit or international body.
    Meeting: URIRef  # A specific gathering: congress, plenum, conference, commission session, named conversation.
    Resolution: URIRef  # A decision, draft, directive, declaration, treaty or ultimatum, adopted or proposed.
    Place: URIRef  # A city, country, republic or region.
    Document: URIRef  # A source text that kg read, identified by its file name.
    Assertion: URIRef  # The factoid behind a relation triple: reified triple, document, quote, offsets, rule.

    # Relations between entities
    authored: URIRef  # Person -> Document or Resolution.
    drafted: URIRef  # Person or Organisation -> Resolution.
    addressedTo: URIRef  # Document -> Person or Organisation.
    memberOf: URIRef  # Person -> Organisation.
    worksFor: URIRef  # Person -> Person or Organisation.
    leads: URIRef  # Person -> Organisation.
    participatedIn: URIRef  # Person or Organisation -> Meeting.
    chaired: URIRef  # Person -> Meeting.
    heldBy: URIRef  # Meeting -> Organisation.
    heldIn: URIRef  # Meeting -> Place.
    adopted: URIRef  # Meeting or Organisation -> Resolution.
    rejected: URIRef  # Meeting, Organisation or Person -> Resolution.
    votedFor: URIRef  # Person or Organisation -> Resolution.
    votedAgainst: URIRef  # Person or Organisation -> Resolution.
    supports: URIRef  # Person or Organisation -> Person, Organisation or Resolution.
    opposes: URIRef  # Person or Organisation -> Person, Organisation or Resolution.
    metWith: URIRef  # Person -> Person (symmetric).
    corresponded: URIRef  # Person -> Person (symmetric).
    replaces: URIRef  # Person -> Person.
    partOf: URIRef  # Organisation -> Organisation.
    locatedIn: URIRef  # Place -> Place.

    # Entity attributes
    mentionedIn: URIRef  # Entity -> each Document that mentions it.
    date: URIRef  # xsd:date, xsd:gYearMonth or xsd:gYear, as precise as the text gives it.
    edtf: URIRef  # EDTF string for ranges, uncertain and dual-calendar dates.

    # Evidence
    quote: URIRef  # The verbatim passage that states the relation.
    charStart: URIRef  # Start offset of the quote in the source file's text.
    charEnd: URIRef  # End offset (exclusive) of the quote in the source file's text.
    method: URIRef  # The rule or component that extracted it.
    confidence: URIRef  # How sure that rule is, 0..1 (xsd:decimal).
    pipeline: URIRef  # The spaCy pipeline (name and version) that read a document.

    _NS = Namespace("https://w3id.org/histkg/ontology#")


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary (``http://www.w3.org/ns/oa#``)."""

    _fail = True

    Annotation: URIRef
    Choice: URIRef
    CssSelector: URIRef
    CssStyle: URIRef
    DataPositionSelector: URIRef
    Direction: URIRef
    FragmentSelector: URIRef
    HttpRequestState: URIRef
    Motivation: URIRef
    RangeSelector: URIRef
    ResourceSelection: URIRef
    Selector: URIRef
    SpecificResource: URIRef
    State: URIRef
    Style: URIRef
    SvgSelector: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    TextualBody: URIRef
    TimeState: URIRef
    XPathSelector: URIRef

    annotationService: URIRef
    bodyValue: URIRef
    cachedSource: URIRef
    canonical: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasEndSelector: URIRef
    hasPurpose: URIRef
    hasScope: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasStartSelector: URIRef
    hasState: URIRef
    hasTarget: URIRef
    motivatedBy: URIRef
    prefix: URIRef
    processingLanguage: URIRef
    refinedBy: URIRef
    renderedVia: URIRef
    sourceDate: URIRef
    sourceDateEnd: URIRef
    sourceDateStart: URIRef
    start: URIRef
    styleClass: URIRef
    styledBy: URIRef
    suffix: URIRef
    textDirection: URIRef
    via: URIRef

    PreferContainedDescriptions: URIRef
    PreferContainedIRIs: URIRef
    assessing: URIRef
    bookmarking: URIRef
    classifying: URIRef
    commenting: URIRef
    describing: URIRef
    editing: URIRef
    highlighting: URIRef
    identifying: URIRef
    linking: URIRef
    ltrDirection: URIRef
    moderating: URIRef
    questioning: URIRef
    replying: URIRef
    rtlDirection: URIRef
    tagging: URIRef

    _NS = Namespace("http://www.w3.org/ns/oa#")


#: The contract's relation predicates (local names of ``HKG``), in the contract's order.
RELATION_PREDICATES: tuple[str, ...] = (
    "authored",
    "drafted",
    "addressedTo",
    "memberOf",
    "worksFor",
    "leads",
    "participatedIn",
    "chaired",
    "heldBy",
    "heldIn",
    "adopted",
    "rejected",
    "votedFor",
    "votedAgainst",
    "supports",
    "opposes",
    "metWith",
    "corresponded",
    "replaces",
    "partOf",
    "locatedIn",
)

#: Relation predicates that are ``owl:SymmetricProperty``: the graph keeps the stated direction.
SYMMETRIC: tuple[str, ...] = ("metWith", "corresponded")

#: The prefixes every graph kg writes binds (besides one per kind of minted IRI).
PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "hkg": str(HKG),
    "oa": str(OA),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "wd": str(WD),
    "xsd": str(XSD),
}
