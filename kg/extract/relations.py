"""Relations a sentence states, found with the cue table ``kg/data/relation_cues.tsv``.

Each row of the table is one named rule: a cue (a verb or phrase, as a regular
expression), the predicate it signals, the entity types allowed as subject and
object, and the word order (``SVO``: subject before the cue, object after;
``OVS``: the reverse, for passives and "consisted of"). For each cue in a
sentence the nearest allowed mention before it and after it fill the roles;
coordinated lists ("Stalin, Kujbysjev och Rakovskij") fill a role with every
member. A negated cue ("inte", "not") or a modal one ("skulle", "would") states
no fact and yields nothing. Every relation carries its sentence as evidence.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract
>>> from kg.extract.nlp import make_nlp
>>> text = "Centralkommittén antog förslaget. Men Mdivani röstade inte emot förslaget."
>>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "sv"), make_nlp("sv"))
>>> [(r.subject.text, r.predicate, r.object.text) for r in ex.relations]
[('Centralkommittén', 'adopted', 'förslaget')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.tables import table_rows
from kg.model import Document, Evidence, Mention, Relation

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "relation_cues.tsv"
#: Words that deny or suspend the act a cue names: such sentences assert nothing.
NEGATIONS = {"sv": r"inte|ej|icke|aldrig|knappast", "en": r"not|never|n't|no longer|hardly"}
MODALS = {"sv": r"skulle|kunde|kan|ska|skall|vill|ville|borde|måste|tänkte|ämnade|hoppas",
          "en": r"would|could|might|may|shall|will|should|intended|intends|hoped|wanted"}
_LIST_GAP = re.compile(r"^[\s,;()—–\-]*(?:(?:och|and|samt|as well as|med|with)\b[\s,]*)*(?:med|with)?\s*(?:(?:the|a|an|en|ett|den|det)\s+)?$"
                       # a list may go on after a short heading and a dash or colon:
                       # "... Sokolnikov and representatives of the national republics—S. A. Agamali-ogly"
                       r"|^[\s,]*(?:och|and|samt)\s[^.;()]{0,60}[—–:]\s*$"
                       # or, with a time between, repeat its preposition: "i X från 1924 och i Y"
                       r"|^\s+(?:från|sedan|till|from|since|until)\s+\d{4}\s*,?\s*(?:och|and)\s+(?:i|in|på|on)\s+(?:the\s+)?$",
                       re.IGNORECASE)
#: Longest quote kept as evidence; a longer sentence is cut around the relation.
MAX_QUOTE = 300


@dataclass(frozen=True, slots=True)
class CueRule:
    """One row of the cue table, compiled."""

    name: str
    predicate: str
    cue: re.Pattern
    subject: frozenset[str]
    object: frozenset[str]
    passive: bool
    window: int
    confidence: float
    gap: re.Pattern | None = None
    """What must stand between subject and cue, if anything is required."""


@lru_cache(maxsize=4)
def read_cue_rules(lang: str, path: str | Path = CUES_FILE) -> tuple[CueRule, ...]:
    """The cue rules of one language, in file order."""
    return tuple(
        CueRule(row["rule"], row["predicate"],
                re.compile(r"(?<![\w\-])(?:" + row["cue"] + r")(?![\w\-])", re.IGNORECASE),
                frozenset(row["subject"].split("|")), frozenset(row["object"].split("|")),
                row["order"] == "OVS", int(row["window"]), float(row["confidence"]),
                re.compile(row["gap"], re.IGNORECASE) if row.get("gap") else None)
        for row in table_rows(path)
        if row["lang"] == lang)


@dataclass(frozen=True, slots=True)
class Located:
    """A mention with its offsets in the clean text (where the rules look)."""

    start: int
    end: int
    mention: Mention
    possessive: bool = False
    """True for a possessive pronoun standing for the mention ("its", "dess")."""


def sentence_relations(document: Document, sentence: tuple[int, int], located: list[Located],
                       rules: tuple[CueRule, ...], parse=None) -> list[Relation]:
    """Every relation the cue rules find in one sentence (clean-text offsets).

    ``parse``, when given (English), is a :class:`kg.extract.dependency.ParseCheck`:
    roles that the dependency parse of the cue's verb contradicts are dropped.
    """
    s_start, s_end = sentence
    text = document.clean[s_start:s_end]
    found: list[Relation] = []
    for rule in rules:
        for match in rule.cue.finditer(text):
            cue = (s_start + match.start(), s_start + match.end())
            if _suspended(document, sentence, cue) or (not rule.passive and _in_passive(document, cue)):
                continue
            inside, patient = None, False
            for group in ("inside", "patient"):
                if group in rule.cue.groupindex and match.group(group):
                    inside = (s_start + match.start(group), s_start + match.end(group))
                    patient = group == "patient"
            found += _apply(rule, document, sentence, cue, located, inside, parse, patient)
    return found


def _apply(rule: CueRule, document: Document, sentence, cue, located, inside=None, parse=None,
           patient: bool = False) -> list[Relation]:
    subjects, objects = _roles(rule, document, cue, located, inside, patient)
    if parse is not None and subjects and objects:
        subjects, objects = parse.agreeing(cue, rule.passive, subjects, objects)
    relations = []
    for s in subjects:
        for o in objects:
            if s.mention.key is not None and s.mention.key == o.mention.key:
                continue
            core = (min(s.start, o.start, cue[0]), max(s.end, o.end, cue[1]))
            ev = evidence(document, sentence, core, f"rule:{rule.name}", rule.confidence)
            relations.append(Relation(s.mention, rule.predicate, o.mention, ev))
    return relations


def _roles(rule: CueRule, document: Document, cue, located, inside, patient: bool = False) -> tuple[list, list]:
    """Subjects and objects of one cue: plain word order first, then the shapes that change it."""
    before_types, after_types = (rule.object, rule.subject) if rule.passive else (rule.subject, rule.object)
    before = _role(document, [m for m in located if m.end <= cue[0]], before_types, cue, rule.window, True)
    after = _role(document, [m for m in located if m.start >= cue[1]], after_types, cue, rule.window, False)
    subjects, objects = (after, before) if rule.passive else (before, after)
    # A split verb ("röstade Stalin, Sverdlov och Zinovjev för"): the subject stands inside;
    # with a (?P<patient>...) group the object does ("fick Stalin stöd av Molotov").
    held = [m for m in located if inside and inside[0] <= m.start and m.end <= inside[1]
            and m.mention.label in (rule.object if patient else rule.subject) and not is_modifier(document, m)]
    if patient:
        objects = held or objects
    else:
        subjects = held or subjects
    if not rule.passive and subjects and _AGENT_BEFORE.search(document.clean[max(0, subjects[0].start - 12):subjects[0].start]):
        # "the Petrograd organisation, led by Zinoviev, came out in support of ...": the agent
        # of a participle is not the subject of the verb that follows.
        subjects = []
    if not rule.passive and subjects:
        subjects = _apposition_head(document, rule, located, subjects, cue)
    if rule.gap is not None and not rule.passive:
        subjects = [s for s in subjects if rule.gap.match(document.clean[s.end:cue[0]])][:1]
    if not subjects and not rule.passive and document.lang == "sv":
        subjects, objects = _inverted(document, rule, cue, located)
    if subjects and not rule.passive:
        # the first of a list stands next to the relative pronoun ("which Sokolnikov and Bukharin had favoured")
        objects = _object_before(document, rule, located, min(subjects, key=lambda s: s.start), objects)
    return subjects, objects


def _apposition_head(document: Document, rule: CueRule, located, subjects: list, cue) -> list:
    """ "Tomskij, medlem av politbyrån och ordförande för fackföreningarnas centralråd, anslöt
    sig till ...": a subject that closes an apposition stands for the name the apposition
    describes, when that name is of an allowed type."""
    text = document.clean
    if not re.fullmatch(r"\s*,\s*", text[subjects[-1].end:cue[0]]):
        return subjects
    comma = text.rfind(",", 0, subjects[0].start)
    head = next((m for m in reversed(located) if m.end <= comma and not text[m.end:comma].strip()), None)
    if head is None or head.mention.label not in rule.subject or head in subjects or is_modifier(document, head):
        return subjects
    return [head]


def _object_before(document: Document, rule: CueRule, located, subject: Located, objects: list) -> list:
    """Objects that stand before their subject: a relative clause ("resolutionen, som Lenin
    hade utarbetat") or a vote with no object after it ("(Mdivani voting against)")."""
    if _RELATIVE.search(document.clean[max(0, subject.start - 8):subject.start]):
        head = (subject.start - 8, subject.start - 8)
        return _role(document, [m for m in located if m.end <= head[0]], rule.object, head, 40, True)[:1]
    if not objects and rule.predicate in ("votedFor", "votedAgainst"):
        first = (subject.start, subject.start)
        return _role(document, [m for m in located if m.end <= first[0]], rule.object, first, 400, True)[:1]
    return objects


def _inverted(document: Document, rule: CueRule, cue, located) -> tuple[list, list]:
    """Swedish verb-second order: "Med ... utarbetade kommittén ett nytt förslag" puts
    the subject right after the verb when something else opens the clause."""
    after = [m for m in located if m.start >= cue[1]]
    if not after or after[0].mention.label not in rule.subject:
        return [], []
    if len(re.findall(r"\w+", document.clean[cue[1]:after[0].start])) > 1:
        return [], []
    subject = after[0]
    rest = [m for m in after if m.start >= subject.end]
    return [subject], _role(document, rest, rule.object, (subject.end, subject.end), rule.window, False)


def _role(document: Document, side: list[Located], allowed: frozenset[str], cue, window: int,
          before: bool) -> list[Located]:
    """The nearest allowed mention on one side of the cue, plus the list it heads."""
    picked: list[Located] = []
    for loc in (side[::-1] if before else side):
        if loc.mention.label not in allowed or is_modifier(document, loc):
            continue
        if not picked:
            if (cue[0] - loc.end if before else loc.start - cue[1]) > window:
                break
            picked.append(loc)
            continue
        last = picked[-1]
        if loc.start < last.end and last.start < loc.end:
            picked.append(loc)  # "C.C. plenum" and the "C.C." in it: both act
            continue
        between = document.clean[loc.end:last.start] if before else document.clean[last.end:loc.start]
        if not between.strip() or not _LIST_GAP.match(_without_mentions(between)):
            break
        picked.append(loc)
    return picked


def is_genitive(document: Document, loc: Located) -> bool:
    """A Swedish genitive ("Stalins", "RKP(b):s", "politbyråns") or a possessive pronoun.

    A capitalised name is genitive when its norm dropped the ``s``; a lower-case body
    ("politbyråns", "kommissionens") when it ends in the definite genitive ``-ns``.
    """
    if loc.possessive:
        return True
    text = document.clean[loc.start:loc.end]
    if document.lang != "sv" or not text.endswith("s"):
        return False
    return text.endswith((":s", "ns")) or loc.mention.norm != " ".join(text.split())


def is_modifier(document: Document, loc: Located) -> bool:
    """A genitive or possessive name modifies a noun ("Lenins anvisningar"); it is not a subject."""
    follows = document.clean[loc.end:loc.end + 2]
    return is_genitive(document, loc) or follows in ("’s", "'s")


def _without_mentions(gap: str) -> str:
    # Parenthesised places inside a list ("Myasnikov (Armenia), Mdivani (Georgia)").
    return re.sub(r"\([^()]{0,40}\)", "", gap)


_RELATIVE = re.compile(r"\b(?:which|that|som)\s+$", re.IGNORECASE)
_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|blev|blivit)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: The agent of a passive, after at most a short phrase ("replaced at the head of Sovnarkom by").
_AGENT = re.compile(r"^\s+(?:(?:at|in|on|as|from|after|before|during)\s[^,.;]{1,40}?\s+)?(?:by|av)\b", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"\b(?:led|headed|chaired|signed|drafted|written|proposed|supported|ledd|ledda|undertecknad|utarbetad)\s+(?:by|av)\s+(?:the\s+)?$",
                           re.IGNORECASE)


def _in_passive(document: Document, cue) -> bool:
    """ "was succeeded by": an active cue inside a passive would reverse the roles."""
    return bool(_AUXILIARY.search(document.clean[max(0, cue[0] - 30):cue[0]])
                and _AGENT.match(document.clean[cue[1]:cue[1] + 50]))


def _suspended(document: Document, sentence, cue) -> bool:
    """True when a negation or modal stands within three words before the cue or inside it."""
    lang = document.lang
    head = document.clean[max(sentence[0], cue[0] - 40):cue[1]]
    words = re.findall(r"[\w']+", head)[-5:]
    pattern = re.compile(rf"^(?:{NEGATIONS[lang]}|{MODALS[lang]})$", re.IGNORECASE)
    return any(pattern.match(w) for w in words)


def evidence(document: Document, sentence: tuple[int, int], core: tuple[int, int],
             method: str, confidence: float) -> Evidence:
    """The sentence (or, if long, the part around ``core``) as verbatim evidence."""
    start, end = sentence
    if end - start > MAX_QUOTE:
        start = max(start, core[0] - 60)
        end = min(end, max(core[1] + 60, start + 1))
    while start < end and document.clean[start].isspace():
        start += 1
    while end > start and document.clean[end - 1].isspace():
        end -= 1
    o_start, o_end = document.to_original(start, end)
    return Evidence(document.doc_id, o_start, o_end, document.text[o_start:o_end], method, confidence)
