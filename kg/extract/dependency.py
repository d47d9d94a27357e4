"""Relations read off the dependency parse, in English and in Swedish.

The cue table (:mod:`kg.extract.relations`) finds roles by word order and
distance. A parse knows who did what even when the words are far apart: the
subject of a verb shared by conjoined verbs ("The plenum supported Lenin,
adopted a resolution and rebuffed Mdivani", "kongressen antog och
offentliggjorde resolutionen"), the agent of a passive ("It was supported by
the Central Committees of ...", "antogs av kongressen"), the noun a relative
clause or participle hangs on ("Mdivani, who objected to the draft", "the
resolution drafted by the Commission"), the subject after the verb in Swedish
verb-second order ("I oktober antog CK resolutionen"). The rules are rows of
``kg/data/dependency_rules.tsv``: a language, verb lemmas, an optional
particle, where the subject and object stand, and which entity types may fill
them.

The two pipelines label their parses differently: ``en_core_web_sm`` in the
ClearNLP scheme (``dobj``, ``nsubjpass``, ``agent`` and ``prep`` over a
``pobj``), kg's Swedish pipeline in Universal Dependencies (``obj``,
``nsubj:pass``, ``obl:agent``, and ``obl`` over the noun with the preposition
as its ``case``). A :class:`Scheme` names each label set once; the rules are
written in their language's own labels.

A verb that is negated ("did not support", "röstade inte"), carries a modal
("would have supported", "skulle anta"), stands in a condition ("if approved by
the C.C.", "om kongressen antar") or is the complement of another verb
("refused to sign") states no fact and yields nothing.

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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.norms import modern
from kg.extract.relations import MODALS, NEGATIONS, Located, evidence, is_modifier
from kg.extract.tables import table_rows
from kg.model import Document, Relation

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "dependency_rules.tsv"
_ROLE = re.compile(r"(?:nsubj|dobj|nsubjpass|agent|head|prep:[a-z_]+"  # ClearNLP (English)
                   r"|obj|iobj|nsubj:pass|obl:agent|obl:[a-zåäö_]+"  # Universal Dependencies (Swedish)
                   r"|holder|self|nmod:poss|nmod:[a-zåäö_]+"  # on a noun: its role's holder, itself, its owner (UD)
                   r")(?:>owner)?")  # the owner of the role's noun when that noun names nobody: "kritiserade Stalins åsikter"


@dataclass(frozen=True, slots=True)
class Scheme:
    """The dependency labels of one pipeline, and the few words the rules read by form."""

    subject: str
    passive_subject: str
    particles: frozenset[str]
    auxiliaries: frozenset[str]
    passive_markers: frozenset[str]
    relative_clause: str
    compounds: frozenset[str]
    ud: bool
    relatives: frozenset[str]
    conditionals: frozenset[str]
    negation: re.Pattern
    modal: re.Pattern


SCHEMES = {
    "en": Scheme(
        subject="nsubj", passive_subject="nsubjpass", particles=frozenset({"prt"}),
        auxiliaries=frozenset({"aux", "auxpass"}), passive_markers=frozenset({"nsubjpass", "auxpass"}),
        relative_clause="relcl", compounds=frozenset({"compound"}), ud=False,
        relatives=frozenset({"who", "which", "that", "whom"}),
        conditionals=frozenset({"if", "unless", "whether", "lest"}),
        negation=re.compile(rf"^(?:{NEGATIONS['en']})$", re.IGNORECASE),
        modal=re.compile(rf"^(?:{MODALS['en']})$", re.IGNORECASE)),
    "sv": Scheme(
        subject="nsubj", passive_subject="nsubj:pass", particles=frozenset({"compound:prt"}),
        auxiliaries=frozenset({"aux", "aux:pass"}), passive_markers=frozenset({"nsubj:pass", "aux:pass"}),
        relative_clause="acl:relcl", compounds=frozenset({"compound", "flat:name", "flat"}), ud=True,
        relatives=frozenset({"som", "vilken", "vilket", "vilka", "vars"}),
        conditionals=frozenset({"om", "ifall", "såvida", "huruvida"}),
        negation=re.compile(rf"^(?:{NEGATIONS['sv']})$", re.IGNORECASE),
        modal=re.compile(rf"^(?:{MODALS['sv']})$", re.IGNORECASE)),
}

_EN = SCHEMES["en"]


def scheme_of(doc) -> Scheme:
    """The label scheme of a parsed doc, by its language (English for an unknown one)."""
    return SCHEMES.get(doc.lang_, _EN)


@dataclass(frozen=True, slots=True)
class DependencyRule:
    """One row of ``kg/data/dependency_rules.tsv``."""

    name: str
    lang: str
    predicate: str
    lemmas: frozenset[str]
    particle: str | None
    subject: str
    object: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    confidence: float

    @property
    def on_noun(self) -> bool:
        """True for a rule on a noun's dependents ("medlem av CK"), not a verb's."""
        return all(role in ("holder", "self") or role.startswith("nmod") for role in (self.subject, self.object))


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
    >>> next(r for r in rules if r.name == "dep-sv-adopted-passive").subject
    'obl:agent'
    """
    rules = []
    for row in table_rows(path):
        for role in (row["subject"], row["object"]):
            if not _ROLE.fullmatch(role):
                raise ValueError(f"{path}: rule {row['rule']}: unknown role {role!r}")
        rules.append(DependencyRule(
            row["rule"], row["lang"], row["predicate"], frozenset(row["lemma"].split("|")),
            row["particle"] or None, row["subject"], row["object"], frozenset(row["subject_types"].split("|")),
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
    scheme = scheme_of(doc)
    by_lemma: dict[str, list[DependencyRule]] = {}
    for rule in read_dependency_rules():
        if rule.lang == document.lang:
            for lemma in rule.lemmas:
                by_lemma.setdefault(lemma, []).append(rule)
    starts = [s for s, _ in sentences]
    found = []
    anywhere = by_lemma.get("*", [])
    for verb in doc:
        rules = by_lemma.get(modern(verb.lemma_, document.lang), [])
        if _is_verb(verb):
            if _suspended(verb, scheme):
                continue
            rules = [r for r in rules if not r.on_noun]
        elif verb.pos_ in ("NOUN", "PROPN") and scheme.ud:
            # A role noun ("medlem av CK", "Lenins brev till Mdivani"), or any noun with an owner.
            rules = [r for r in rules + anywhere if r.on_noun]
        else:
            continue
        if not rules:
            continue
        i = bisect.bisect_right(starts, base + verb.idx) - 1
        if i < 0 or base + verb.idx >= sentences[i][1]:
            continue
        sentence = sentences[i]
        inside = [loc for loc in located if sentence[0] <= loc.start and loc.end <= sentence[1]]
        for rule in rules:
            if not _particle_fits(verb, rule.particle, scheme):
                continue
            if _venue_with_agent(verb, rule, scheme):
                continue  # "På kongressen antogs resolutionen av CK": CK adopted it, not the congress
            subjects = _fill(document, inside, _role_tokens(verb, rule.subject, scheme), base,
                             rule.subject_types, scheme, owner=rule.subject == "nmod:poss")
            role, through_owner = rule.object.removesuffix(">owner"), rule.object.endswith(">owner")
            tokens = _role_tokens(verb, role, scheme)
            if through_owner:
                tokens = [o for t in tokens if not _named(t, inside, base) for o in t.children if o.dep_ in _OWNER]
            objects = _fill(document, inside, tokens, base, rule.object_types, scheme,
                            owner=role == "nmod:poss" or through_owner)
            for s in subjects:
                for o in objects:
                    if s.mention is o.mention or (s.mention.key and s.mention.key == o.mention.key):
                        continue
                    core = (min(s.start, o.start, base + verb.idx), max(s.end, o.end, base + verb.idx + len(verb)))
                    ev = evidence(document, sentence, core, f"rule:{rule.name}", rule.confidence)
                    found.append((sentence, Relation(s.mention, rule.predicate, o.mention, ev)))
    return found


#: The labels of a noun's genitive owner: UD (Swedish) and ClearNLP (English).
_OWNER = ("nmod:poss", "poss")


def _named(token, located: list[Located], base: int) -> bool:
    """True if a mention covers ``token``: the noun names someone or something itself."""
    return any(_covers(loc, token, base) for loc in located)


def _covers(loc: Located, token, base: int) -> bool:
    """True if the mention ``loc`` overlaps ``token`` (of a segment starting at ``base``)."""
    return loc.start < base + token.idx + len(token) and base + token.idx < loc.end


def _venue_with_agent(verb, rule: DependencyRule, scheme: Scheme) -> bool:
    """A venue rule (the meeting framing an agentless passive) on a passive that has its agent."""
    venue = rule.object == "nsubj:pass" and rule.subject.startswith("obl:") and rule.subject != "obl:agent"
    return venue and bool(_role_tokens(verb, "obl:agent", scheme))


def _is_verb(token) -> bool:
    """A verb, or a participle the Swedish parse tags as an adjective ("den antagna resolutionen")."""
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and "Part" in token.morph.get("VerbForm"))


def _particle_fits(verb, particle: str | None, scheme: Scheme) -> bool:
    """ "drew up" needs its "up", "lade fram" its "fram"; "carried out" is not "carried"
    (a plain rule refuses a particle)."""
    particles = {c.lower_ for c in verb.children if c.dep_ in scheme.particles}
    if particle is None:
        return not particles
    return particle in particles or any(c.lower_ == particle and c.dep_ == "advmod" for c in verb.children)


def _suspended(verb, scheme: Scheme) -> bool:
    """Negated, modal, conditional or the complement of another verb: no fact."""
    return verb.dep_ in ("xcomp", "ccomp", "pcomp") or _denied(verb, scheme)


def _other_particle(verb, cue: tuple[int, int], base: int, scheme: Scheme) -> bool:
    """True when the verb has a particle outside the cue: "carried out" is not "carried"."""
    return any(c.dep_ in scheme.particles and not cue[0] <= base + c.idx < cue[1] for c in verb.children)


def _denied(verb, scheme: Scheme) -> bool:
    """Negated ("did not", "inte"), modal ("would have", "skulle") or conditional ("if", "om").

    A conjoined verb shares what negates or suspends the verb before it only when it
    shares its subject too: "did not sign and publish" is two denials, but in "Trotsky
    may have hoped ..., but Zinoviev sided with Stalin" the siding is a fact.
    """
    for v in _verb_chain(verb):
        for child in v.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and scheme.negation.match(child.text)):
                return True
            if child.dep_ in scheme.auxiliaries and scheme.modal.match(child.text):
                return True
            if child.dep_ == "mark" and child.lower_ in scheme.conditionals:
                return True
        if any(c.dep_ in (scheme.subject, scheme.passive_subject) for c in v.children):
            return False
    return False


def _verb_chain(verb) -> list:
    """The verb and the verbs it is conjoined to ("did not support ... and adopt")."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and _is_verb(chain[-1].head) and len(chain) < 8:
        chain.append(chain[-1].head)
    return chain


def _role_tokens(verb, role: str, scheme: Scheme) -> list:
    """The tokens that fill ``role`` of ``verb``, widened to their coordinated members and
    to the list an apposition spells out ("Några medlemmar av CK – Kamenev, Zinovjev, Nogin")."""
    heads = []
    if role == "holder":
        heads = _holders(verb)
    elif role == "self":
        return [verb]
    elif role == "nmod:poss":
        heads = [c for c in verb.children if c.dep_ == "nmod:poss"]
    elif role.startswith("nmod:"):
        # On a copula's predicate the parse may call it obl: "Vorosjilov var anhängare till Stalin".
        heads = [c for c in verb.children if c.dep_ in ("nmod", "obl") and _case(c)[-1:] == (role[5:],)]
    elif role == "head":
        if verb.dep_ in ("acl", "amod") and (verb.tag_ == "VBN" or "Part" in verb.morph.get("VerbForm")):
            heads = [verb.head]
    elif role in ("nsubj", "nsubjpass", "nsubj:pass"):
        heads = _subjects(verb, role, scheme)
    elif role in ("dobj", "obj", "iobj"):
        # A second object of one verb is a gapped clause's: "ledde Zinovjev X och Kamenev Y".
        heads = [c for c in verb.children if c.dep_ == role][:1]
        if heads and heads[0].lower_ in scheme.relatives and verb.dep_ == scheme.relative_clause:
            heads = [verb.head]  # "den resolution som kongressen antog"
    elif role == "agent":
        heads = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    elif role == "obl:agent":
        heads = [c for c in verb.children if c.dep_ == "obl:agent"
                 or (c.dep_ == "obl" and verb_is_passive(verb, scheme) and _case(c) == ("av",))]
        if not heads and verb_is_passive(verb, scheme):
            # The parse may hang the agent on the subject: "antogs resolutionen av CK".
            heads = [g for c in verb.children if c.dep_ == scheme.passive_subject for g in c.children
                     if g.dep_ == "nmod" and _case(g) == ("av",) and g.i > verb.i]
    elif role.startswith("obl:"):
        heads = _obliques(verb, tuple(role.split(":", 1)[1].split("_")))
        if not heads and verb.dep_ == scheme.relative_clause and any(c.lower_ in _WHERE for c in verb.children):
            heads = [verb.head]  # "kommissionen, där Radek och Pjatakov ingick"
    else:
        heads = _prepositional_objects(verb, role.split(":", 1)[1].split("_"))
    return [t for h in heads for t in _members(h)]


def _gapped(conjunct) -> bool:
    """True when a name of its own, not part of the conjunct's name, stands right before it."""
    if conjunct.i == 0 or conjunct.i < conjunct.head.i:
        return False
    before = conjunct.doc[conjunct.i - 1]
    return before.pos_ == "PROPN" and before.head != conjunct and conjunct.head != before


def _holders(noun) -> list:
    """Who holds the role a noun names: the list in apposition to it ("medlemmar av CK –
    Kamenev, Zinovjev"), the name it stands in apposition to ("Rykov, medlem av politbyrån"),
    or the subject when it is a copula's predicate ("Rykov var medlem av politbyrån")."""
    holders = [c for c in noun.children if c.dep_ in ("appos", "flat:name") or _listed_after(noun, c)]
    if noun.dep_ == "appos":
        holders.append(noun.head)
    if any(c.dep_ == "cop" for c in noun.children):
        holders += [c for c in noun.children if c.dep_ == "nsubj"]
    return holders


#: Relative adverbs of place: the clause's place (obl:i, obl:på, obl:vid) is the noun it hangs on.
_WHERE = frozenset({"där", "vari", "varest", "where"})
#: Punctuation that opens a list spelling out a noun: "medlemmar av CK – Kamenev, Zinovjev".
_LIST_OPENERS = frozenset({"–", "—", "-", ":"})


def _listed_after(noun, child) -> bool:
    """A name the parse coordinated with the noun, after a dash or colon: one of the list."""
    return (child.dep_ == "conj" and child.pos_ == "PROPN" and child.i > noun.i
            and any(t.text in _LIST_OPENERS for t in noun.doc[noun.i + 1:child.i]))


def _members(token) -> list:
    """``token``, its coordinated members, and the members of a list in apposition to it."""
    # A conjunct right after another name is a gapped clause, not a member: in "ledde Zinovjev
    # Petrogradsovjeten och Kamenev Moskvasovjeten" Zinovjev led only the first.
    members = [token, *(c for c in token.conjuncts if not _gapped(c))]
    for t in list(members):
        for child in t.children:
            if child.dep_ == "appos":
                members += [child, *child.conjuncts]
    return members


def verb_is_passive(verb, scheme: Scheme) -> bool:
    """A passive verb: a passive subject or auxiliary, or a Swedish s-passive ("antogs")."""
    return (any(c.dep_ in scheme.passive_markers for c in verb.children)
            or (scheme.ud and "Pass" in verb.morph.get("Voice")))


def _subjects(verb, dep: str, scheme: Scheme) -> list:
    """The subject, also of a verb conjoined to one that has it, or of a relative clause."""
    dep = scheme.passive_subject if dep in ("nsubjpass", "nsubj:pass") else scheme.subject
    for v in _verb_chain(verb):
        if verb_is_passive(v, scheme) != (dep == scheme.passive_subject):
            return []
        found = [c for c in v.children if c.dep_ == dep]
        if found:
            if found[0].lower_ in scheme.relatives and v.dep_ == scheme.relative_clause:
                return [v.head]
            return found
    if verb.dep_ == scheme.relative_clause and verb.head.pos_ in ("NOUN", "PROPN"):
        # "kommittén, som antog resolutionen": the parse may hang "som" elsewhere.
        if any(c.lower_ in scheme.relatives for c in verb.children):
            return [verb.head]
    return []


def _case(token) -> tuple[str, ...]:
    """The preposition words (``case``) on a Universal Dependencies noun: ("i", "spetsen", "för")."""
    return tuple(c.lower_ for c in token.children if c.dep_ in ("case", "fixed") and c.i < token.i)


def _obliques(verb, words: tuple[str, ...]) -> list:
    """Nouns on the verb (``obl``) led by the preposition ``words[0]``; with three words, the
    noun led by the last one under the middle one: "i spetsen för X" is X."""
    found = []
    for child in verb.children:
        if child.dep_ not in ("obl", "obl:agent") or _case(child)[-1:] != words[:1]:
            continue
        if len(words) == 1:
            found.append(child)
        elif child.lower_ == words[1]:
            found += [g for g in child.children if g.dep_ == "nmod" and _case(g)[-1:] == words[-1:]]
    return found


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
          allowed: frozenset[str], scheme: Scheme, owner: bool = False) -> list[Located]:
    """The mentions that cover a role's head words (or their compound modifiers); a genitive
    fills a role only as the ``owner`` ("Lenins brev": Lenin wrote it)."""
    picked: list[Located] = []
    for token in tokens:
        words = [token, *(c for c in token.children if c.dep_ in scheme.compounds)]
        for loc in located:
            if loc in picked or loc.mention.label not in allowed or (is_modifier(document, loc) and not owner):
                continue
            if any(_covers(loc, w, base) for w in words):
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

    It reads the ClearNLP labels of the English parse; a Swedish parse states its
    relations through :func:`dependency_relations` instead.

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
        if verb is not None and (_denied(verb, _EN) or _other_particle(verb, cue, self.base, _EN)):
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
            if asserted and _denied(token.head, _EN):
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
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and not _denied(t, _EN)]

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
            return subject.lower_ not in _EN.relatives
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
