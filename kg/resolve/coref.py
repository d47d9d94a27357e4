"""Key every mention of one document, resolving generic references in reading order.

A generic meeting, resolution or commission ("resolutionen", "förslaget", "the
plenum", "kommittén") names no one thing by itself: it refers to the last thing of
its kind the text mentioned. Kinds come from the pattern rule that found the
mention (``rule:sv-resolution`` -> resolution); related kinds share a group (a
draft, a proposal and a resolution can be the same decision). "nytt
resolutionsförslag", "the new commission" open a new thing of that kind.

Some meetings identify themselves: a conversation by who took part ("Bucharins
möte med Kamenev"), a congress by its ordinal ("tredje sovjetkongressen"), a
meeting named by its month ("julimötet") by month and year, any meeting by its
date. Those get keys that other documents can share.

Examples
--------
>>> kind_of("rule:sv-draft"), group_of("draft") == group_of("resolution")
('draft', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.authority import Authority
from kg.dates import MONTHS
from kg.model import Extraction, Mention
from kg.names import PLURAL
from kg.resolve.keys import dated_key, local_key, name_key, slug
from kg.resolve.ordinals import ordinal_meeting

#: Kinds that may refer to one another (one decision is a draft, then a resolution, then a directive).
GROUPS = {
    "resolution": "decision", "draft": "decision", "proposal": "decision", "directive": "decision",
    "decision": "decision", "bill": "bill", "declaration": "treaty", "treaty": "treaty",
    "ultimatum": "ultimatum", "decree": "decree", "platform": "platform", "addendum": "addendum",
    "draft-text": "decision", "theses": "theses", "programme": "programme", "formula": "decision",
    "constitution": "constitution",
    "congress": "congress", "congress-ordinal": "congress", "conference": "conference",
    "plenum": "plenum", "conversation": "conversation", "conversation-bare": "conversation",
    "meeting": "meeting", "month-meeting": "month-meeting", "commission": "commission",
}
_NEW = re.compile(r"\b(?:nytt|nya|ny|new|another|annan|annat)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|elfte|tolfte|"
                      r"trettonde|fjortonde|femtonde|sextonde|sjuttonde|artonde|first|second|third|fourth|fifth|"
                      r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
                      r"sixteenth|seventeenth|\d{1,2}(?::e|st|nd|rd|th))\b", re.IGNORECASE)
_MONTH = re.compile("^(" + "|".join(sorted(MONTHS["sv"], key=len, reverse=True)) + ")", re.IGNORECASE)
_GENERIC_ORG = "commission"
#: How far before a conversation its first participant may be named (characters of the source).
CONVERSATION_REACH = 60


def kind_of(method: str) -> str:
    """The kind a pattern rule names: ``"rule:en-plenum"`` -> ``"plenum"``."""
    return re.sub(r"^rule:(?:sv|en)-", "", method)


def group_of(kind: str) -> str:
    """The coreference group of a kind (itself when it has none)."""
    return GROUPS.get(kind, kind)


@dataclass
class _State:
    """What reading a document so far has established."""

    ex: Extraction
    keys: dict = field(default_factory=dict)
    last: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    days: dict = field(default_factory=dict)
    """Key -> the day (ISO) its first day-dated mention gave it."""


def document_keys(ex: Extraction, authority: Authority) -> dict[Mention, str]:
    """Entity key of every mention of one document."""
    known = {m.key for m in ex.mentions if m.key}
    state = _State(ex)
    # Names first: a conversation is keyed by the persons named inside it.
    for m in ex.mentions:
        key = _named_key(m, known)
        if key:
            state.keys[m] = key
    # Then generic bodies ("his commission"), which own the decisions named next.
    for labels in (("Organisation",), ("Meeting", "Resolution")):
        for m in ex.mentions:
            if m not in state.keys and m.label in labels:
                state.keys[m] = _generic_key(m, state, authority)
    return _merge_lone_named(_merge_appositions(state))


def _named_key(m: Mention, known: set[str]) -> str | None:
    if m.key:
        return m.key
    if m.candidates:
        # "Smirnov" is one of three Smirnovs: the one the document names in full, or
        # (when it names none) an entity of its own rather than a guess.
        in_doc = [c for c in m.candidates if c in known]
        if in_doc:
            return in_doc[0]
    if m.label in ("Person", "Place") or (m.label == "Organisation" and kind_of(m.method) != _GENERIC_ORG):
        return name_key(m.label, m.norm or m.text)
    return None


def _generic_key(m: Mention, state: _State, authority: Authority) -> str:
    kind = kind_of(m.method)
    group = (m.label, group_of(kind))
    key = _self_identifying(m, kind, state, authority) or _by_authority_date(m, authority)
    if key is None and group in state.last and not _opens_new(m, state) and kind != "conversation" \
            and _same_day(m, state.last[group], state):
        # "Resolutionen antogs ... den 23-24 september": a date on a later mention
        # dates the thing already named, it does not make a new one.
        key = state.last[group]
    if key is None and kind == "meeting" and (m.label, "*") in state.last \
            and _same_day(m, state.last[(m.label, "*")], state):
        key = state.last[(m.label, "*")]
    if key is None and m.date is not None:
        key = dated_key(m.label, kind, m.date.value)
    if key is None:
        state.counts[group] = state.counts.get(group, 0) + 1
        key = local_key(m.label, group[1], state.ex.document.doc_id, state.counts[group])
    state.last[group] = key
    state.last[(m.label, "*")] = key
    if m.date is not None and m.date.datatype == "date":
        state.days.setdefault(key, m.date.value)
    return key


def _same_day(m: Mention, key: str, state: _State) -> bool:
    """False when ``m`` is dated to a day other than the one ``key`` was dated to:
    "the meeting on September 15" after "the plenum of October 6" is another meeting."""
    if m.date is None or m.date.datatype != "date" or key not in state.days:
        return True
    return state.days[key] == m.date.value


_INDEFINITE = re.compile(r"\b(?:another|annan|annat)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _opens_new(m: Mention, state: _State) -> bool:
    """ "another resolution", "ett nytt förslag", "the new commission": a thing not named before.

    A plain indefinite article ("a decision", "ett förslag") is not enough: the
    texts use it for the decision under discussion as often as for a new one.
    """
    before = state.ex.document.text[max(0, m.start - 30):m.start]
    return bool(_NEW.search(m.text) or _INDEFINITE.search(before))


def _self_identifying(m: Mention, kind: str, state: _State, authority: Authority) -> str | None:
    """Keys for things that name themselves: conversations, ordinals, months, owners."""
    if m.label == "Resolution" and not _NEW.search(m.text) and not PLURAL[state.ex.document.lang].search(m.text):
        owner = _owner(m, state)
        return f"resolution:{group_of(kind)}-of-{slug(owner.split(':', 1)[1])}" if owner else None
    if kind == "conversation":
        people = _participants(m, state)
        date = f"-{m.date.value}" if m.date else ""
        return f"meeting:conversation-{'-'.join(people)}{date}" if people else None
    if kind in ("congress", "conference", "congress-ordinal") and _ORDINAL.search(m.text):
        created = state.ex.document.created
        year = int(created.value[:4]) if created else None
        return ordinal_meeting(m.norm or m.text, year, authority) or f"meeting:{slug(m.norm or m.text)}"
    if kind == "month-meeting":
        month = _MONTH.match(m.text)
        created = state.ex.document.created
        if month and created:
            return dated_key("Meeting", "meeting", f"{created.value[:4]}-{MONTHS['sv'][month.group(1).lower()]:02d}")
    return None


#: Plural heads ("the decisions of the CEC") name a class of acts, not one decision.
_OWNED_BY = re.compile(r"^\s+(?:of|av|från|by)\s+(?:the\s+)?$", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"^(?:’s|'s)?\s+$")


def _owner(m: Mention, state: _State) -> str | None:
    """The body a decision belongs to: "resolution of the C.C. ...", "kommissionens resolution"."""
    text = state.ex.document.text
    bodies = [b for b in state.ex.mentions if b.label == "Organisation" and b in state.keys]
    after = next((b for b in bodies if b.start >= m.end), None)
    if after and _OWNED_BY.match(text[m.end:after.start]):
        return state.keys[after]
    before = [b for b in bodies if b.end <= m.start]
    if before and _OWNER_BEFORE.match(text[before[-1].end:m.start]) and before[-1].text[-1:] in "sS’'":
        return state.keys[before[-1]]
    return None


def _merge_appositions(state: _State) -> dict[Mention, str]:
    """"resolutionsförslaget Om relationerna mellan ...": a generic head followed by a
    named decision is that decision, and so is everything that referred to the head."""
    keys, text = state.keys, state.ex.document.text
    mentions = [m for m in state.ex.mentions if m.label == "Resolution"]
    for generic, named in zip(mentions, mentions[1:]):
        if generic.key is None and named.key and re.fullmatch(r"[\s:,“”\"«»(]{0,4}", text[generic.end:named.start]):
            old = keys[generic]
            for m, k in list(keys.items()):
                if k == old:
                    keys[m] = named.key
    return keys


def _participants(m: Mention, state: _State) -> list[str]:
    """Slugs of the persons named in a conversation, or just before it ("Lenin ett samtal med")."""
    persons = [p for p in state.ex.mentions if p.label == "Person" and p in state.keys]
    inside = [state.keys[p] for p in persons if m.start <= p.start and p.end <= m.end]
    if len(inside) < 2:
        before = [state.keys[p] for p in persons if p.end <= m.start and m.start - p.end <= CONVERSATION_REACH]
        inside = before[-1:] + inside
    return sorted({k.split(":", 1)[1] for k in inside})


def _by_authority_date(m: Mention, authority: Authority) -> str | None:
    """The one authority meeting of that type held on that day, if exactly one."""
    if m.date is None:
        return None
    hits = [e.id for e in authority.entries.values()
            if e.type == m.label and e.date and e.date.split("/")[0] == m.date.value]
    return hits[0] if len(hits) == 1 else None


#: Groups whose generic mentions ("the plenum", "fördraget") mean the one such thing a
#: document names, and the words that mark a named one as of that group. Decisions are
#: not here: a letter often weighs several drafts and resolutions at once.
_STEMS = {("Meeting", "plenum"): "plen", ("Meeting", "congress"): "kongress|congress",
          ("Meeting", "conference"): "konferens|conference",
          ("Resolution", "treaty"): "fördrag|treat|deklaration|declaration",
          ("Resolution", "platform"): "plattform|platform", ("Resolution", "ultimatum"): "ultimat",
          ("Resolution", "programme"): "program"}


def _merge_lone_named(keys: dict[Mention, str]) -> dict[Mention, str]:
    """In a document that names one identified plenum (congress, treaty ...), an
    undated "the plenum" is that one too."""
    for (label, kind), stem in _STEMS.items():
        members = [m for m in keys if m.label == label and (group_of(kind_of(m.method)) == kind
                                                             or m.key and re.search(stem, m.text, re.I))]
        named = {keys[m] for m in members if m.date is not None or m.key or _ORDINAL.search(m.text)}
        if len(named) == 1:
            (target,) = named
            for m in members:
                keys[m] = target
    return keys
