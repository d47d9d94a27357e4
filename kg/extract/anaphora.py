"""Pronouns that stand for the body, meeting or decision the last sentence was about.

"The commission met on September 23 and 24. It approved Stalin’s draft." The
relation rules need to know that "It" is the commission. The antecedent is the
first body, meeting or decision of the previous sentence that is not a mere
modifier ("Stalin’s draft was forwarded ... It was supported by ..." -> the draft).
English "it"/"its" are read everywhere; Swedish "Den"/"Det" only directly before a
relation cue ("Den godkände enhälligt en deklaration"), because elsewhere they are
mostly articles ("Den första kongressen") or expletives ("Det är bekant").

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract, make_nlp
>>> text = "The commission met on September 23. It approved the draft."
>>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "en"), make_nlp("en"))
>>> [(r.subject.text, r.predicate, r.object.text) for r in ex.relations]
[('commission', 'adopted', 'draft')]
"""

from __future__ import annotations

import re

from kg.extract.relations import CueRule, Located, is_modifier
from kg.model import Document

_ANTECEDENT_TYPES = frozenset({"Organisation", "Meeting", "Resolution"})
_PRONOUNS = {"en": re.compile(r"\b(?:[Ii]t|[Ii]ts)\b"),
             "sv": re.compile(r"\b(?:Den|Det|Dess|dess)\b(?!\s+\d)")}
_POSSESSIVE = frozenset({"its", "Its", "dess", "Dess"})


def pronoun_mentions(document: Document, sentences: list[tuple[int, int]], located: list[Located],
                     rules: tuple[CueRule, ...], parse=None) -> list[Located]:
    """A :class:`Located` for every pronoun with an antecedent, standing for that antecedent.

    With a ``parse`` (:class:`kg.extract.dependency.ParseCheck`, English), the subject of the
    previous sentence is the antecedent when it is a body, meeting or decision ("At the
    Seventh Congress the resolution was carried ...; Bukharin voted against it").
    """
    found = []
    for previous, sentence in zip([None, *sentences], sentences):
        before: list[Located] = []
        if previous is not None:
            before = (_subject_antecedents(previous, located, parse) if parse is not None else []) \
                or [loc for loc in [_antecedent(document, previous, located)] if loc is not None]
        for match in _PRONOUNS[document.lang].finditer(document.clean, *sentence):
            if document.lang == "sv" and not _before_cue(document, match.end(), sentence[1], rules):
                continue
            # "The resolution ... was a compromise, and Bukharin voted for it": an earlier
            # clause of the same sentence comes first.
            antecedents = (_subject_antecedents((sentence[0], match.start()), located, parse, last=True)
                           if parse is not None else []) or before
            found += [Located(match.start(), match.end(), antecedent.mention,
                              possessive=match.group(0) in _POSSESSIVE) for antecedent in antecedents]
        if parse is not None or document.lang == "sv":
            found += _object_pronouns(document, (previous or sentence)[0], sentence, located, parse, rules)
    return found


_OBJECT_PRONOUNS = {"en": re.compile(r"\b(?:it|them)\b"), "sv": re.compile(r"\b(?:det|den|dem)\b")}


def _object_pronouns(document: Document, reach: int, sentence: tuple[int, int], located: list[Located],
                     parse, rules: tuple[CueRule, ...]) -> list[Located]:
    """ "the Bolsheviks voted for it, but the Assembly rejected it", "Kamenev attacked them",
    "även bolsjevikerna röstade för det": an object pronoun stands for the last decision named
    before it (this sentence or the one before). English objects come from the parse;
    Swedish ones stand right after a relation cue. The relation rules take the pronoun
    only where a decision fits the role."""
    found = []
    for match in _OBJECT_PRONOUNS[document.lang].finditer(document.clean, *sentence):
        if parse is not None and not parse.is_object(match.start()):
            continue
        if parse is None and not _after_cue(document, sentence[0], match.start(), rules):
            continue
        decision = next((loc for loc in reversed(located) if loc.end <= match.start() and loc.start >= reach
                         and loc.mention.label == "Resolution" and not loc.possessive), None)
        if decision is not None:
            found.append(Located(match.start(), match.end(), decision.mention))
    return found


def _subject_antecedents(span: tuple[int, int], located: list[Located], parse, last: bool = False) -> list[Located]:
    """The bodies, meetings or decisions that are the grammatical subject of a main clause in
    ``span`` (the first one, or with ``last`` the one nearest its end): several when they
    share the words ("The commission met ...": the commission and its session)."""
    subjects = parse.subjects(span)
    for start, end in (subjects[::-1] if last else subjects):
        found = [loc for loc in located if loc.start < end and start < loc.end
                 and loc.mention.label in _ANTECEDENT_TYPES and not loc.possessive]
        if found:
            return found
    return []


def _antecedent(document: Document, sentence: tuple[int, int], located: list[Located]) -> Located | None:
    inside = [loc for loc in located if sentence[0] <= loc.start and loc.end <= sentence[1]]
    for loc in inside:
        if loc.mention.label in ("Person", "Place") and not is_modifier(document, loc):
            return None  # the sentence is about a person or place: "it" is not ours to read
        if loc.mention.label in _ANTECEDENT_TYPES and not is_modifier(document, loc):
            return loc
    return None


def _after_cue(document: Document, start: int, end: int, rules: tuple[CueRule, ...]) -> bool:
    """True when a relation cue ends right before ``end`` ("röstade för | det")."""
    head = document.clean[max(start, end - 40):end]
    return any(m.end() >= len(head.rstrip()) and m.end() >= len(head) - 1
               for rule in rules for m in rule.cue.finditer(head))


def _before_cue(document: Document, start: int, end: int, rules: tuple[CueRule, ...]) -> bool:
    """True when a relation cue follows within one word ("Den godkände enhälligt ...")."""
    rest = document.clean[start:end]
    return any((m := rule.cue.search(rest)) and m.start() <= 2 for rule in rules)
