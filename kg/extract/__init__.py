"""Extraction: a :class:`~kg.model.Document` in, an :class:`~kg.model.Extraction` out.

spaCy lives only inside this package: the ``Doc`` is made, read and dropped here;
what leaves is plain mentions and relations with offsets into the original file.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract.nlp import make_nlp
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

from kg.extract.header import header_relations
from kg.extract.mentions import to_mentions
from kg.extract.nlp import make_nlp
from kg.extract.relations import Located, read_cue_rules, sentence_relations
from kg.extract.structure import phrase_relations
from kg.model import Document, Extraction, Relation

__all__ = ["extract", "iter_extractions", "make_nlp"]

_FIRST_PERSON = {"sv": re.compile(r"\b(?:jag|Jag)\b"), "en": re.compile(r"\bI\b")}


def extract(document: Document, nlp) -> Extraction:
    """Mentions and relations of one document (``nlp`` from :func:`make_nlp`)."""
    return _to_extraction(document, nlp(document.clean))


def iter_extractions(documents: Iterable[Document], nlp, batch_size: int = 8) -> Iterator[Extraction]:
    """Extract a stream of documents of one language with ``nlp.pipe``, one ``Doc`` at a time."""
    pairs = ((d.clean, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _to_extraction(document, doc)


def _to_extraction(document: Document, doc) -> Extraction:
    mentions = to_mentions(doc, document)
    located = [Located(c.start, c.end, m) for c, m in zip(doc._.kg_candidates or (), mentions)]
    relations = header_relations(document, located)
    rules = read_cue_rules(document.lang)
    voiced = located + _author_voice(document, relations)
    for bounds in iter_sentences(doc):
        inside = sorted((loc for loc in voiced if bounds[0] <= loc.start and loc.end <= bounds[1]),
                        key=lambda loc: (loc.start, -loc.end))
        relations += sentence_relations(document, bounds, inside, rules)
        relations += phrase_relations(document, bounds, [loc for loc in inside if loc in located])
    return Extraction(document, mentions, tuple(_unique(relations)))


def iter_sentences(doc) -> Iterator[tuple[int, int]]:
    """Sentence bounds (clean-text offsets), also cut at line breaks.

    In cleaned text a line break ends a paragraph or a heading, never a sentence's
    middle; spaCy's sentencizer would run a heading into the first sentence.
    """
    for sent in doc.sents:
        start = sent.start_char
        for line in re.finditer(r"[^\n]+", doc.text[sent.start_char:sent.end_char]):
            if line.group(0).strip():
                yield start + line.start(), start + line.end()


def _author_voice(document: Document, header: list[Relation]) -> list[Located]:
    """First-person pronouns, standing for the author mention of the heading (if any)."""
    authored = [r.subject for r in header if r.predicate == "authored"]
    if not authored:
        return []
    return [Located(m.start(), m.end(), authored[0]) for m in _FIRST_PERSON[document.lang].finditer(document.clean)]


def _unique(relations: list[Relation]) -> list[Relation]:
    seen, kept = set(), []
    for rel in relations:
        key = (id(rel.subject), rel.predicate, id(rel.object), rel.evidence.start, rel.evidence.end)
        if key not in seen:
            seen.add(key)
            kept.append(rel)
    return kept
