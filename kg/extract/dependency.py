"""Relations read off the dependency parse of English sentences.

The cue table (:mod:`kg.extract.relations`) finds roles by word order and
distance, which is all Swedish offers here (no parser is installable for it).
English has ``en_core_web_sm``'s parse, which knows who did what even when the
words are far apart: the subject of a verb shared by conjoined verbs ("The
plenum supported Lenin, adopted a resolution and rebuffed Mdivani"), the agent
of a passive ("It was supported by the Central Committees of ..."), the noun a
relative clause or participle hangs on ("Mdivani, who objected to the draft",
"the resolution drafted by the Commission"). The rules are rows of
``kg/data/dependency_rules.tsv``: verb lemmas, an optional particle, where the
subject and object stand, and which entity types may fill them.

A verb that is negated ("did not support"), carries a modal ("would have
supported"), stands in a condition ("if approved by the C.C.") or is the
complement of another verb ("refused to sign") states no fact and yields nothing.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract
>>> from kg.extract.nlp import make_nlp

A passive with no agent, framed by the meeting that passed it:

>>> text = "At the Tenth Congress the resolution was adopted unanimously."
>>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "en"), make_nlp("en"))
>>> [(r.subject.text, r.predicate, r.object.text, r.evidence.method) for r in ex.relations]
[('Tenth Congress', 'adopted', 'resolution', 'rule:dep-adopted-venue')]
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.relations import MODALS, Located, evidence, is_modifier
from kg.model import Document, Relation

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "dependency_rules.tsv"
_ROLE = re.compile(r"nsubj|dobj|nsubjpass|agent|head|prep:[a-z_]+")
_MODAL = re.compile(rf"^(?:{MODALS['en']})$", re.IGNORECASE)
#: Relative pronouns: the subject is the noun the clause hangs on.
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Subordinators that make a clause a condition or a question, not a statement.
_CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})


@dataclass(frozen=True, slots=True)
class DependencyRule:
    """One row of ``kg/data/dependency_rules.tsv``."""

    name: str
    predicate: str
    lemmas: frozenset[str]
    particle: str | None
    subject: str
    object: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    confidence: float


@lru_cache(maxsize=2)
def read_dependency_rules(path: str | Path = RULES_FILE) -> tuple[DependencyRule, ...]:
    """The rules of the table, in file order.

    Raises
    ------
    ValueError
        If a row names a role the rules do not know.

    Examples
    --------
    >>> rules = read_dependency_rules()
    >>> next(r for r in rules if r.name == "dep-opposes-come-out").particle
    'out'
    """
    with Path(path).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rules = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        for role in (row["subject"], row["object"]):
            if not _ROLE.fullmatch(role):
                raise ValueError(f"{path}: rule {row['rule']}: unknown role {role!r}")
        rules.append(DependencyRule(
            row["rule"], row["predicate"], frozenset(row["lemma"].split("|")), row["particle"] or None,
            row["subject"], row["object"], frozenset(row["subject_types"].split("|")),
            frozenset(row["object_types"].split("|")), float(row["confidence"])))
    return tuple(rules)


def dependency_relations(document: Document, doc, base: int, sentences: list[tuple[int, int]],
                         located: list[Located]) -> list[tuple[tuple[int, int], Relation]]:
    """``(sentence, relation)`` for every relation the parse states in one segment.

    Parameters
    ----------
    document : kg.model.Document
        The document the segment belongs to.
    doc : spacy.tokens.Doc
        The parsed segment; ``base`` is its offset in ``document.clean``.
    base : int
        Offset of the segment in the clean text.
    sentences : list of (int, int)
        Sentence bounds in the clean text (:func:`kg.extract.iter_sentences`).
    located : list of Located
        The mentions (and pronouns standing for mentions) that may fill a role.
    """
    if not doc.has_annotation("DEP"):
        return []
    by_lemma: dict[str, list[DependencyRule]] = {}
    for rule in read_dependency_rules():
        for lemma in rule.lemmas:
            by_lemma.setdefault(lemma, []).append(rule)
    starts = [s for s, _ in sentences]
    found = []
    for verb in doc:
        rules = by_lemma.get(verb.lemma_.lower())
        if not rules or verb.pos_ not in ("VERB", "AUX") or _suspended(verb):
            continue
        i = bisect.bisect_right(starts, base + verb.idx) - 1
        if i < 0 or base + verb.idx >= sentences[i][1]:
            continue
        sentence = sentences[i]
        inside = [loc for loc in located if sentence[0] <= loc.start and loc.end <= sentence[1]]
        for rule in rules:
            if not _particle_fits(verb, rule.particle):
                continue
            subjects = _fill(document, inside, _role_tokens(verb, rule.subject), base, rule.subject_types)
            objects = _fill(document, inside, _role_tokens(verb, rule.object), base, rule.object_types)
            for s in subjects:
                for o in objects:
                    if s.mention is o.mention or (s.mention.key and s.mention.key == o.mention.key):
                        continue
                    core = (min(s.start, o.start, base + verb.idx), max(s.end, o.end, base + verb.idx + len(verb)))
                    ev = evidence(document, sentence, core, f"rule:{rule.name}", rule.confidence)
                    found.append((sentence, Relation(s.mention, rule.predicate, o.mention, ev)))
    return found


def _particle_fits(verb, particle: str | None) -> bool:
    """ "drew up" needs its "up"; "carried out" is not "carried" (a plain rule refuses a particle)."""
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if particle is None:
        return not particles
    return particle in particles or any(c.lower_ == particle and c.dep_ == "advmod" for c in verb.children)


def _suspended(verb) -> bool:
    """Negated, modal, conditional or the complement of another verb: no fact."""
    return verb.dep_ in ("xcomp", "ccomp", "pcomp") or _denied(verb)


def _other_particle(verb, cue: tuple[int, int], base: int) -> bool:
    """True when the verb has a particle outside the cue: "carried out" is not "carried"."""
    return any(c.dep_ == "prt" and not cue[0] <= base + c.idx < cue[1] for c in verb.children)


def _denied(verb) -> bool:
    """Negated ("did not"), modal ("would have") or conditional ("if ... approved").

    A conjoined verb shares what negates or suspends the verb before it only when it
    shares its subject too: "did not sign and publish" is two denials, but in "Trotsky
    may have hoped ..., but Zinoviev sided with Stalin" the siding is a fact.
    """
    for v in _verb_chain(verb):
        for child in v.children:
            if child.dep_ == "neg" or (child.dep_ in ("aux", "auxpass") and _MODAL.match(child.text)):
                return True
            if child.dep_ == "mark" and child.lower_ in _CONDITIONAL:
                return True
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            return False
    return False


def _verb_chain(verb) -> list:
    """The verb and the verbs it is conjoined to ("did not support ... and adopt")."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in ("VERB", "AUX") and len(chain) < 8:
        chain.append(chain[-1].head)
    return chain


def _role_tokens(verb, role: str) -> list:
    """The tokens that fill ``role`` of ``verb``, widened to their coordinated members."""
    heads = []
    if role == "head":
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            heads = [verb.head]
    elif role in ("nsubj", "nsubjpass"):
        heads = _subjects(verb, role)
    elif role == "dobj":
        heads = [c for c in verb.children if c.dep_ == "dobj"]
    elif role == "agent":
        heads = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        heads = _prepositional_objects(verb, role.split(":", 1)[1].split("_"))
    return [t for h in heads for t in (h, *h.conjuncts)]


def _subjects(verb, dep: str) -> list:
    """The subject, also of a verb conjoined to one that has it, or of a relative clause."""
    for v in _verb_chain(verb):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive != (dep == "nsubjpass"):
            return []
        found = [c for c in v.children if c.dep_ == dep]
        if found:
            if found[0].lower_ in _RELATIVE and v.dep_ == "relcl":
                return [v.head]
            return found
    return []


def _prepositional_objects(verb, words: list[str]) -> list:
    """Objects of a preposition on the verb; ``["in", "favour", "of"]`` walks "in favour of X"."""
    heads = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != words[0]:
            continue
        node = prep
        for word in words[1:]:
            node = next((c for c in node.children if c.lower_ in (word, _american(word))), None)
            if node is None:
                break
        if node is not None:
            heads += [c for c in node.children if c.dep_ == "pobj"]
    return heads


def _american(word: str) -> str:
    return word.replace("our", "or")


def _fill(document: Document, located: list[Located], tokens: Iterable, base: int,
          allowed: frozenset[str]) -> list[Located]:
    """The mentions that cover a role's head words (or their compound modifiers)."""
    picked: list[Located] = []
    for token in tokens:
        words = [token, *(c for c in token.children if c.dep_ == "compound")]
        for loc in located:
            if loc in picked or loc.mention.label not in allowed or is_modifier(document, loc):
                continue
            if any(loc.start < base + w.idx + len(w) and base + w.idx < loc.end for w in words):
                picked.append(loc)
    return picked


class ParseCheck:
    """The parse of one segment, asked whether a cue rule's roles are the verb's arguments.

    The cue table picks the nearest mention of an allowed type on each side of a
    cue. The parse knows better when the two are far apart or the sentence is
    involved: in "the Workers' Opposition, led by Shlyapnikov and Kollontai, put
    forward its own theses" the nearest person before "put forward" is Kollontai,
    but the parse's subject is the Opposition. A role is kept when its mention
    covers one of the verb's arguments; cues without a verb ("member of"), and
    verbs the parse gave no arguments, are left as the cue table found them.

    Examples
    --------
    >>> from kg.ingest import ingest
    >>> from kg.model import SourceText
    >>> from kg.extract import extract
    >>> from kg.extract.nlp import make_nlp
    >>> text = "Zelensky led the campaign against the Opposition."
    >>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "en"), make_nlp("en"))
    >>> [(r.subject.text, r.predicate, r.object.text) for r in ex.relations]
    []
    """

    def __init__(self, doc, base: int):
        self.doc = doc
        self.base = base
        self.starts = [base + t.idx for t in doc]

    def agreeing(self, cue: tuple[int, int], passive: bool, subjects: list[Located],
                 objects: list[Located]) -> tuple[list[Located], list[Located]]:
        """``subjects`` and ``objects`` without the mentions the parse does not attach to the cue's verb."""
        verb = self._verb(cue)
        if verb is not None and (_denied(verb) or _other_particle(verb, cue, self.base)):
            # "If the plenum approved ...", "did not support", "carried out" (not "carried").
            return [], []
        if verb is None or not _has_subject(verb):
            # No verb, or the parse found no subject: the sentence is beyond it; trust word order.
            return subjects, objects
        inside = (cue[0] - self.base, cue[1] - self.base)
        spans = [(self.base + t.idx, self.base + t.idx + len(t)) for t in _arguments(verb, inside)]

        def attached(loc: Located) -> bool:
            return any(loc.start < end and start < loc.end for start, end in spans)

        return [s for s in subjects if attached(s)], [o for o in objects if attached(o)]

    def subjects(self, sentence: tuple[int, int], conjuncts: bool = False,
                 asserted: bool = False) -> list[tuple[int, int]]:
        """Clean-text spans of the subjects of the main verbs of ``sentence``, in order
        (with ``conjuncts``, also the subjects coordinated with them: "Rykov and Tomsky";
        with ``asserted``, only of verbs not negated or suspended: not "Trotsky was not present")."""
        spans = []
        for token in self._tokens(sentence):
            if token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if asserted and _denied(token.head):
                continue
            top = _verb_chain(token.head)[-1]
            # The main verb: the root, or the highest verb of a clause cut off at a semicolon.
            if top.dep_ == "ROOT" or not sentence[0] <= self.base + top.head.idx < sentence[1]:
                for head in (token, *token.conjuncts) if conjuncts else (token,):
                    words = [head, *(c for c in head.children if c.dep_ == "compound")]
                    spans.append((self.base + min(w.idx for w in words),
                                  self.base + max(w.idx + len(w) for w in words)))
        return spans

    def subjectless_verbs(self, sentence: tuple[int, int]) -> list[int]:
        """Clean-text starts of root verbs of ``sentence`` the parse gave no subject (in "At the
        Twelfth Congress Trotsky delivered ..." it takes Trotsky for part of the venue)."""
        return [self.base + t.idx for t in self._tokens(sentence)
                if t.dep_ == "ROOT" and t.pos_ == "VERB"
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and not _denied(t)]

    def is_object(self, offset: int) -> bool:
        """True when the token at ``offset`` (clean text) is an object: "voted for it", "rejected it"."""
        i = bisect.bisect_left(self.starts, offset)
        return i < len(self.doc) and self.starts[i] == offset and self.doc[i].dep_ in ("dobj", "pobj", "dative")

    def _tokens(self, span: tuple[int, int]):
        """The tokens starting inside ``span`` (clean-text offsets), found by bisection."""
        return self.doc[bisect.bisect_left(self.starts, span[0]):bisect.bisect_left(self.starts, span[1])]

    def _verb(self, cue: tuple[int, int]):
        i = bisect.bisect_left(self.starts, cue[0])
        tokens = []
        while i < len(self.doc) and self.starts[i] < cue[1]:
            tokens.append(self.doc[i])
            i += 1
        verbs = [t for t in tokens if t.pos_ == "VERB"]
        if verbs:
            return verbs[0]
        return next((t for t in tokens if t.pos_ == "AUX" and any(c.dep_ == "nsubj" for c in t.children)), None)


#: Dependencies that attach an argument directly to its verb.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "agent", "prep"})
#: Dependents that open a clause of their own: what stands there is not the verb's argument.
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _has_subject(verb) -> bool:
    """True when the parse names the verb's subject itself (not through a relative pronoun)."""
    for v in _verb_chain(verb):
        subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "agent")), None)
        if subject is not None:
            return subject.lower_ not in _RELATIVE
    return False


#: Prepositions that belong to a noun's name or topic ("Decree on Land", "Commissariat for
#: Foreign Affairs"); other prepositions on an argument ("the campaign against X") lead away from it.
_NAME_PREPOSITIONS = frozenset({"of", "on", "for", "about", "concerning", "regarding"})


def _arguments(verb, cue: tuple[int, int] = (0, 0)) -> list:
    """The tokens of the verb's arguments: subjects (also shared with conjoined verbs), objects,
    agents and prepositional objects, each with its coordinated members, appositions and
    "of" phrases, but not the clauses or other prepositions hanging on them."""
    heads = [c for c in verb.children if c.dep_ in _ARGUMENT_DEPS]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        for v in _verb_chain(verb)[1:]:
            heads += [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        heads.append(verb.head)  # "the congress that Lenin attended", "the theses drafted by Bukharin"
    tokens, stack = [], list(heads)
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            # A preposition the cue names ("took part in") is the verb's own wherever the parse put it.
            own = child.dep_ == "prep" and cue[0] <= child.idx < cue[1]
            if child.dep_ in _CLAUSES or (child.dep_ == "prep" and child.lower_ not in _NAME_PREPOSITIONS and not own):
                continue
            stack.append(child)
    return tokens
