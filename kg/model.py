"""The values that cross stage boundaries.

Every stage of kg is a function from some of these values to others:
``read_source -> SourceText``, ``ingest -> Document``, ``extract -> Extraction``,
``resolve -> Resolved``. They are frozen, slotted dataclasses so that a stage can
neither mutate what it was given nor hide state in it, and so that per-document
results can be pickled (for ``--jobs``) and cached.

Offsets in :class:`Mention` and :class:`Evidence` always index the *original*
decoded text of the source file (``SourceText.text``), never the cleaned text
that spaCy sees: that is what lets a historian check ``text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

class _Record:
    """Pickles as a call of its class with its fields, in order.

    A frozen, slotted dataclass pickles its state field by field through
    ``object.__setattr__``, which made reading the extraction cache of a
    1M-word corpus (half a million mentions) 2.4 times slower than calling
    the constructor. Every field of these classes is an ``__init__``
    argument, in ``__slots__`` order.

    Examples
    --------
    >>> import pickle
    >>> date = DateValue("1922-09-26", "date")
    >>> date.__reduce__()
    (<class 'kg.model.DateValue'>, ('1922-09-26', 'date', None))
    >>> pickle.loads(pickle.dumps(date)) == date
    True
    """

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


#: The core entity types of the contract, in the order reports list them.
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organisation", "Meeting", "Resolution", "Place")


@dataclass(frozen=True, slots=True)
class SourceText(_Record):
    """A source file as read from disk, decoded but otherwise untouched."""

    doc_id: str
    """The file name, e.g. ``"000_lenin_kamenev_1922.txt"``; unique within a build."""
    path: str
    """The path the file was read from (as given, for messages)."""
    text: str
    """The whole file decoded as UTF-8 (a leading BOM removed); offsets index this."""


@dataclass(frozen=True, slots=True)
class DateValue(_Record):
    """A date as precise as the text states it."""

    value: str
    """ISO lexical form: ``"1922-09-26"``, ``"1922-09"`` or ``"1922"``."""
    datatype: str
    """The XSD datatype local name: ``"date"``, ``"gYearMonth"`` or ``"gYear"``."""
    edtf: str | None = None
    """EDTF string for ranges, uncertain and dual-calendar dates (``"1917-11-05/1917-11-06"``)."""


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """A source text ready for extraction: cleaned text, offset map, language, metadata."""

    doc_id: str
    """The file name (``dcterms:identifier``)."""
    path: str
    """Where it was read from."""
    text: str
    """The original decoded text; evidence offsets index this string."""
    clean: str
    """The text with PDF artefacts undone (joined hyphenation, dropped footnote numbers ...)."""
    offsets: Sequence[int]
    """``offsets[i]`` is the index in ``text`` of character ``clean[i]``; one entry per
    character of ``clean`` plus a final entry equal to ``len(text)``. An ``array("l")``
    from :func:`~kg.ingest.clean_text` (8 bytes a character, where a tuple of ints takes 40)."""
    lang: str
    """``"sv"`` or ``"en"``."""
    title: str | None = None
    """The title the text states, if any."""
    author: str | None = None
    """The author name the text states (author line, signature), verbatim."""
    created: DateValue | None = None
    """The date the text says it was written (``Skrivet den ...``, ``Written: ...``, a dated heading)."""
    pipeline: str = ""
    """The spaCy pipeline that read it, ``"<name> <version>"`` (set by extraction; empty before)."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``clean`` to the matching span of ``text``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """One surface form of an entity at one place in one document."""

    doc_id: str
    """The document it occurs in."""
    start: int
    """Start offset in the original text."""
    end: int
    """End offset (exclusive) in the original text."""
    text: str
    """The surface form, verbatim from the original text (line breaks as in the file)."""
    label: str
    """One of :data:`ENTITY_TYPES`."""
    key: str | None = None
    """The authority id (``"person:stalin"``) when a rule or list resolved it; else None."""
    candidates: tuple[str, ...] = ()
    """Authority ids an ambiguous form may denote ("Smirnov"); resolution picks one from context."""
    norm: str | None = None
    """A normalised name for unresolved mentions (genitive stripped, lines joined)."""
    method: str = "rule"
    """Which component found it, e.g. ``"authority"``, ``"ner"``, ``"rule:meeting"``."""
    confidence: float = 1.0
    """How sure the component is, 0..1."""
    date: DateValue | None = None
    """For meetings and resolutions: the date the text gives for it, if any."""


@dataclass(frozen=True, slots=True)
class Evidence(_Record):
    """Where a source says something: the factoid behind a relation."""

    doc_id: str
    """The document that says it."""
    start: int
    """Start offset of the quote in the original text."""
    end: int
    """End offset (exclusive) of the quote in the original text."""
    quote: str
    """The quoted passage, verbatim from the original text."""
    method: str
    """The rule that found it, e.g. ``"rule:drafted-verb"``."""
    confidence: float
    """How sure the rule is, 0..1."""


@dataclass(frozen=True, slots=True)
class Relation(_Record):
    """A relation a text states between two mentions (or the document and a mention)."""

    subject: Mention | None
    """The subject mention; None means the document itself."""
    predicate: str
    """A contract predicate local name, e.g. ``"drafted"``."""
    object: Mention | None
    """The object mention; None means the document itself."""
    evidence: Evidence
    """The sentence that states it."""


@dataclass(frozen=True, slots=True)
class Extraction(_Record):
    """Everything extraction found in one document; a pure function of (text, config)."""

    document: Document
    """The ingested document."""
    mentions: tuple[Mention, ...] = ()
    """All entity mentions, sorted by offset."""
    relations: tuple[Relation, ...] = ()
    """All stated relations."""


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    """One real-world thing, merged from its mentions across all documents."""

    key: str
    """Stable id ``"<type-prefix>:<slug>"`` (``"person:stalin"``); the IRI is minted from it."""
    type: str
    """One of :data:`ENTITY_TYPES`."""
    label: str
    """Preferred label (authority label, else the most frequent full form)."""
    label_lang: str | None = None
    """Language tag of ``label`` (``"en"``, ``"sv"``) or None for a name used in every language."""
    alt_labels: tuple[str, ...] = ()
    """Every other surface form seen, sorted."""
    qid: str | None = None
    """Wikidata QID when the authority file knows the identity."""
    doc_ids: tuple[str, ...] = ()
    """Documents that mention it, sorted."""
    date: DateValue | None = None
    """For meetings and resolutions: the date, if any text gives one."""
    mentions: tuple[Mention, ...] = field(default=(), repr=False)
    """The mentions merged into it."""


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    """A resolved relation: entity keys (or a document id) plus its evidence."""

    subject: str
    """Entity key, or ``"document:<doc_id>"`` for the document itself."""
    predicate: str
    """Contract predicate local name."""
    object: str
    """Entity key, or ``"document:<doc_id>"``."""
    evidence: Evidence
    """One piece of evidence; a relation stated twice yields two facts."""


@dataclass(frozen=True, slots=True)
class Resolved(_Record):
    """The output of resolution: the corpus's entities and facts."""

    documents: tuple[Document, ...]
    """Every document read, sorted by id."""
    entities: tuple[Entity, ...]
    """Every entity, sorted by key."""
    facts: tuple[Fact, ...]
    """Every fact, sorted."""
    authors: tuple[tuple[str, str], ...] = ()
    """``(doc_id, person key)`` for documents whose author is known."""
