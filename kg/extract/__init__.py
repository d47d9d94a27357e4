"""Extraction: a :class:`~kg.model.Document` in, an :class:`~kg.model.Extraction` out.

spaCy lives only inside this package: each ``Doc`` is made, read and dropped here;
what leaves is plain mentions and relations with offsets into the original file.
Long documents are processed in segments cut at paragraph breaks, so memory stays
bounded and spaCy's length limit never applies.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> doc = ingest(SourceText("x.txt", "x.txt", "Stalin drafted the resolution."), "en")
>>> ex = extract(doc, make_nlp("en"))
>>> [(m.text, m.label) for m in ex.mentions]
[('Stalin', 'Person'), ('resolution', 'Resolution')]
>>> [(r.subject.text, r.predicate, r.object.text, r.evidence.quote) for r in ex.relations]
[('Stalin', 'drafted', 'resolution', 'Stalin drafted the resolution.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from kg.extract.anaphora import pronoun_mentions
from kg.extract.dependency import ParseCheck, dependency_relations
from kg.extract.header import header_relations
from kg.extract.mentions import document_dates, to_mentions
from kg.extract.nlp import make_nlp, pipeline_name
from kg.extract.relations import Located, read_cue_rules, sentence_relations
from kg.extract.structure import (list_relations, meeting_participation, phrase_relations, report_participation,
                                  role_relations, succession_relations, venue_adoptions)
from kg.model import Document, Extraction, Relation

__all__ = ["extract", "iter_extractions", "make_nlp", "segments"]

#: Longest piece of clean text given to spaCy at once (characters).
SEGMENT_CHARS = 100_000
_FIRST_PERSON = {"sv": re.compile(r"\b(?:jag|Jag)\b"), "en": re.compile(r"\bI\b")}


def extract(document: Document, nlp) -> Extraction:
    """Mentions and relations of one document (``nlp`` from :func:`make_nlp`)."""
    return next(iter_extractions([document], nlp))


def iter_extractions(documents: Iterable[Document], nlp, batch_size: int = 8) -> Iterator[Extraction]:
    """Extract a stream of documents of one language with ``nlp.pipe``, one ``Doc`` at a time."""
    pieces = ((document.clean[s:e], (document, s, i)) for document in documents
              for i, (s, e) in enumerate(segments(document.clean)))
    name = pipeline_name(nlp)
    current, parts = None, []
    for doc, (document, base, index) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        if index == 0 and current is not None:
            yield _joined(current, parts)
            parts = []
        if index == 0:
            current = _Context(replace(document, pipeline=name))
        parts.append(_segment(current, doc, base))
    if current is not None:
        yield _joined(current, parts)


def segments(text: str, size: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``size`` characters, at paragraph breaks if possible.

    Examples
    --------
    >>> segments("a b\\n\\nc d\\n\\ne f", size=6)
    [(0, 5), (5, 10), (10, 13)]
    """
    bounds, start = [], 0
    while len(text) - start > size:
        cut = max(text.rfind(sep, start + 1, start + size) + len(sep) for sep in ("\n\n", "\n", ". ", " "))
        cut = cut if cut > start + len(" ") else start + size
        bounds.append((start, cut))
        start = cut
    return bounds + [(start, len(text))]


class _Context:
    """What later segments of a document need from earlier ones."""

    def __init__(self, document: Document):
        self.document = document
        self.dates = document_dates(document)
        self.author_voice = None


def _segment(ctx: _Context, doc, base: int) -> tuple[tuple, list[Relation]]:
    document = ctx.document
    candidates = [replace(c, start=c.start + base, end=c.end + base) for c in doc._.kg_candidates or ()]
    sentences = [(s + base, e + base) for s, e in iter_sentences(doc)]
    mentions = to_mentions(candidates, [e for _, e in sentences], document, ctx.dates)
    located = [Located(c.start, c.end, m) for c, m in zip(candidates, mentions)]
    relations = header_relations(document, located) if base == 0 else []
    if base == 0:
        ctx.author_voice = next((r.subject for r in relations if r.predicate == "authored"), None)
    rules = read_cue_rules(document.lang)
    # The parse check reads English (ClearNLP) labels; Swedish relations come from dependency_relations.
    parse = ParseCheck(doc, base) if doc.has_annotation("DEP") and document.lang == "en" else None
    voiced = (located + _author_voice(document, ctx.author_voice, base, base + len(doc.text))
              + pronoun_mentions(document, sentences, located, rules, parse))
    said, own = set(), {id(loc) for loc in located}  # the text's own mentions, not pronouns standing for them
    for bounds in sentences:
        inside = sorted((loc for loc in voiced if bounds[0] <= loc.start and loc.end <= bounds[1]),
                        key=lambda loc: (loc.start, -loc.end))
        stated = sentence_relations(document, bounds, [loc for loc in inside if not _inner(loc)], rules, parse)
        relations += stated + meeting_participation(document, bounds, inside, stated, parse)
        relations += succession_relations(stated)
        named = [loc for loc in inside if id(loc) in own]
        relations += phrase_relations(document, bounds, [loc for loc in inside if id(loc) in own or loc.possessive])
        relations += role_relations(document, bounds, named)
        relations += list_relations(document, bounds, named)
        relations += report_participation(document, bounds, named)
        relations += venue_adoptions(document, bounds, named)
        said |= {(bounds, r.subject, r.predicate, r.object) for r in stated}
    # The parse (English) finds roles word order cannot; what the cue table already said stays once.
    parsed = dependency_relations(document, doc, base, sentences, [loc for loc in voiced if not _inner(loc)])
    relations += [r for bounds, r in parsed if (bounds, r.subject, r.predicate, r.object) not in said]
    return mentions, relations


def _joined(ctx: _Context, parts) -> Extraction:
    mentions = tuple(m for ms, _ in parts for m in ms)
    relations = [r for _, rs in parts for r in rs]
    return Extraction(ctx.document, mentions, tuple(_unique(relations)))


def iter_sentences(doc) -> Iterator[tuple[int, int]]:
    """Sentence bounds (offsets in ``doc.text``), also cut at line breaks.

    In cleaned text a line break ends a paragraph or a heading, never a sentence's
    middle; spaCy's sentencizer would run a heading into the first sentence. A
    semicolon ends a clause whose roles do not reach into the next one.
    """
    text = doc.text  # spaCy rebuilds doc.text from the tokens on every access: read it once
    for sent in doc.sents:
        start = sent.start_char
        for line in re.finditer(r"[^\n;]+;?", text[sent.start_char:sent.end_char]):
            if line.group(0).strip():
                yield start + line.start(), start + line.end()


def _inner(loc: Located) -> bool:
    # "C.C." inside "the Secretariat of the C.C." names the owner, not an actor.
    return loc.mention.method == "authority:inner"


def _author_voice(document: Document, author, start: int, end: int) -> list[Located]:
    """First-person pronouns in ``[start, end)``, standing for the author mention (if any)."""
    if author is None:
        return []
    pattern = _FIRST_PERSON[document.lang]
    return [Located(m.start(), m.end(), author) for m in pattern.finditer(document.clean, start, end)]


def _unique(relations: list[Relation]) -> list[Relation]:
    seen, kept = set(), []
    for rel in relations:
        key = (rel.subject, rel.predicate, rel.object, rel.evidence.start, rel.evidence.end)
        if key not in seen:
            seen.add(key)
            kept.append(rel)
    return kept
