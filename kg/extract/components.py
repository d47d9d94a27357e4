"""The spaCy component that finds kg's mentions: ``kg_mentions``.

It runs the authority gazetteer, the pattern table and the discovery rules over
the document, settles overlaps, and writes the result to
``doc.spans["kg_mentions"]`` (label = entity type, ``span.id_`` = authority key)
with the full :class:`Candidate` records, in the same order, in
``doc._.kg_candidates``.

Overlaps are settled by trust, then length: an authority hit beats a pattern,
a pattern beats a statistical or cue guess. A longer name-shaped span that
contains an authority hit of the same type takes it over with its key
("L. B. Kamenev" around "Kamenev"). Spans of different types may nest only
inside a meeting or resolution ("CK-plenum" holds "CK", "samtal med Stalin"
holds "Stalin"): that nesting is what lets relation rules see who held or
attended the meeting.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.authority import AUTHORITY_DIR, read_authority
from kg.extract.coordination import coordinated_bodies
from kg.extract.discover import Candidate, capital_candidates, ner_candidates, read_cues
from kg.extract.gazetteer import Gazetteer
from kg.extract.patterns import find_patterns, read_patterns

SPANS_KEY = "kg_mentions"
_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?")
_CONTAINERS = frozenset({"Meeting", "Resolution"})
_NAMES = frozenset({"Person", "Organisation", "Place"})

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)


@lru_cache(maxsize=2)
def gazetteer_for(authority_dir: str) -> Gazetteer:
    """One compiled gazetteer per authority folder, shared by every pipeline."""
    return Gazetteer(read_authority(authority_dir or AUTHORITY_DIR))


@Language.factory("kg_mentions", assigns=["doc.spans", "doc._.kg_candidates"],
                  default_config={"authority_dir": ""})
def make_mention_finder(nlp: Language, name: str, authority_dir: str) -> "MentionFinder":
    """Factory for :class:`MentionFinder` (``nlp.add_pipe("kg_mentions")``)."""
    return MentionFinder(nlp.lang, authority_dir, name)


class MentionFinder:
    """Find persons, organisations, meetings, resolutions and places in a doc."""

    def __init__(self, lang: str, authority_dir: str = "", name: str = "kg_mentions"):
        self.lang = lang
        self.name = name
        self.gazetteer = gazetteer_for(str(authority_dir))
        self.rules = read_patterns(lang)
        self.cues = read_cues(lang)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        """All candidates, overlaps settled, sorted by offset."""
        text = doc.text  # rebuilt from the tokens on every access: read it once
        found = [_from_hit(h) for h in self.gazetteer.find(text, self.lang)]
        found += [Candidate(h.start, h.end, h.text, h.label, h.method, 0.8)
                  for h in find_patterns(text, self.rules) if not _used_as_verb(doc, h.start, h.end)]
        # Capitalisation cues (titles, surname endings) and the pipeline's statistical NER.
        found += capital_candidates(doc, self.cues)
        if doc.has_annotation("ENT_IOB"):
            found += ner_candidates(doc, self.cues)
        kept = settle_overlaps(found)
        # "the Central Committees of the Communist Parties of Azerbaijan and Armenia": one
        # candidate per body, each spanning the phrase, in place of bodies found inside it.
        coordinated = coordinated_bodies(text, self.lang, self.gazetteer.authority)
        if coordinated:
            kept = [c for c in kept if c.label != "Organisation"
                    or not any(k.start <= c.start and c.end <= k.end for k in coordinated)] + coordinated
        # An inner body counts when the text also names it by itself: then "the Secretariat
        # of the C.C." states a tie between two bodies the text is about. The body that holds
        # a meeting always counts ("the Second Congress of the Communist International").
        named = {c.key for c in kept if c.key}
        inner = [c for outer, c in self.inner_bodies(kept) if c.key in named or outer.label == "Meeting"]
        return sorted(kept + inner, key=lambda c: (c.start, -c.end))

    def inner_bodies(self, candidates: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
        """Bodies named inside a body's or meeting's name, with their container: "the
        Secretariat of the C.C." holds "C.C.", "Kominterns fjärde kongress" holds "Kominterns"."""
        inner = []
        for cand in candidates:
            if cand.label not in ("Organisation", "Meeting"):
                continue
            for match in _OF_BODY.finditer(cand.text):
                tail = cand.text[match.end():]
                ids = self.gazetteer.authority.lookup(tail, self.lang)
                if len(ids) == 1 and ids[0] != cand.key and _type_of(ids[0]) == "Organisation":
                    start = cand.start + match.end()
                    inner.append((cand, Candidate(start, cand.end, tail, "Organisation", "authority:inner", 0.9,
                                                  key=ids[0])))
                    break
            else:
                head = cand.text.split(maxsplit=1)[0] if cand.label == "Meeting" and " " in cand.text else ""
                ids = self.gazetteer.authority.lookup(head, self.lang) if head.endswith("s") else ()
                if len(ids) == 1 and _type_of(ids[0]) == "Organisation":
                    inner.append((cand, Candidate(cand.start, cand.start + len(head), head, "Organisation",
                                                  "authority:inner", 0.9, key=ids[0])))
        return inner

    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Write spans and candidate records onto the doc."""
        spans, kept = [], []
        for cand in candidates:
            span = doc.char_span(cand.start, cand.end, label=cand.label,
                                 span_id=cand.key or "", alignment_mode="expand")
            if span is not None:
                spans.append(span)
                kept.append(cand)
        doc.spans[SPANS_KEY] = spans
        doc._.kg_candidates = kept


def _from_hit(hit) -> Candidate:
    ids = hit.ids
    entry_type = _type_of(ids[0])
    confidence = 1.0 if hit.method == "authority" else 0.8
    key = ids[0] if len(ids) == 1 else None
    return Candidate(hit.start, hit.end, hit.text, entry_type, hit.method, confidence,
                     key=key, candidates=ids if key is None else ())


def _type_of(key: str) -> str:
    prefix = key.split(":", 1)[0]
    return {"person": "Person", "org": "Organisation", "meeting": "Meeting",
            "resolution": "Resolution", "place": "Place"}[prefix]


def _trust(cand: Candidate) -> int:
    return 3 if cand.method.startswith("authority") else 2 if cand.method.startswith("rule") else 1


def settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the most trusted candidate of each overlap (see the module docstring)."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-_trust(c), c.start - c.end, c.start)):
        clashes = [k for k in kept if k.start < cand.end and cand.start < k.end]
        if not clashes:
            kept.append(cand)
        elif len(clashes) == 1 and _takes_over(cand, clashes[0]):
            kept[kept.index(clashes[0])] = _with_key(cand, clashes[0])
        elif all(_nests(cand, k) for k in clashes):
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _takes_over(cand: Candidate, held: Candidate) -> bool:
    return (cand.label == held.label and cand.label in _NAMES and cand.key is None
            and cand.start <= held.start and held.end <= cand.end and cand.end - cand.start > held.end - held.start)


def _with_key(cand: Candidate, held: Candidate) -> Candidate:
    return Candidate(cand.start, cand.end, cand.text, cand.label, held.method, held.confidence,
                     key=held.key, candidates=held.candidates)


def _nests(a: Candidate, b: Candidate) -> bool:
    if a.label == b.label:
        return False
    outer, inner = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
    return outer.label in _CONTAINERS and outer.start <= inner.start and inner.end <= outer.end


def _used_as_verb(doc: Doc, start: int, end: int) -> bool:
    """True when the tagger read a pattern's head word as a verb ("the Congress, meeting in
    the Bolshoi Theatre", "he plans to"); only English has a tagger."""
    if not doc.has_annotation("TAG"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span[-1].pos_ in ("VERB", "AUX")
