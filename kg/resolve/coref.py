"""Key every mention of one document, resolving generic references in reading order.

A generic meeting, resolution or commission ("resolutionen", "förslaget", "the
plenum", "kommittén") names no one thing by itself: it refers to the last thing of
its kind the text mentioned. Kinds come from the pattern rule that found the
mention (``rule:sv-resolution`` -> resolution); related kinds share a group (a
draft, a proposal and a resolution can be the same decision). "nytt
resolutionsförslag", "the new commission" open a new thing of that kind.

Examples
--------
>>> kind_of("rule:sv-draft"), group_of("draft") == group_of("resolution")
('draft', True)
"""

from __future__ import annotations

import re

from kg.authority import Authority
from kg.model import Extraction, Mention
from kg.resolve.keys import dated_key, local_key, name_key

#: Kinds that may refer to one another (one decision is a draft, then a resolution, then a directive).
GROUPS = {
    "resolution": "decision", "draft": "decision", "proposal": "decision", "directive": "decision",
    "decision": "decision", "bill": "bill", "declaration": "treaty", "treaty": "treaty",
    "ultimatum": "ultimatum", "decree": "decree", "platform": "platform", "addendum": "addendum",
    "congress": "congress", "congress-ordinal": "congress", "conference": "conference",
    "plenum": "plenum", "conversation": "conversation", "meeting": "meeting", "commission": "commission",
}
_NEW = re.compile(r"\b(?:nytt|nya|ny|new|another|annan|annat)\b", re.IGNORECASE)
_GENERIC_ORG = "commission"


def kind_of(method: str) -> str:
    """The kind a pattern rule names: ``"rule:en-plenum"`` -> ``"plenum"``."""
    return re.sub(r"^rule:(?:sv|en)-", "", method)


def group_of(kind: str) -> str:
    """The coreference group of a kind (itself when it has none)."""
    return GROUPS.get(kind, kind)


def document_keys(ex: Extraction, authority: Authority) -> dict[Mention, str]:
    """Entity key of every mention of one document."""
    known = {m.key for m in ex.mentions if m.key}
    keys: dict[Mention, str] = {}
    last: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    for m in ex.mentions:
        key = _named_key(m, known, authority)
        if key is None:
            key = _generic_key(m, ex.document.doc_id, last, counts, authority)
        keys[m] = key
    return keys


def _named_key(m: Mention, known: set[str], authority: Authority) -> str | None:
    if m.key:
        return m.key
    if m.candidates:
        in_doc = [c for c in m.candidates if c in known]
        return in_doc[0] if in_doc else m.candidates[0]
    if m.label in ("Person", "Place") or (m.label == "Organisation" and kind_of(m.method) != _GENERIC_ORG):
        return name_key(m.label, m.norm or m.text)
    return None


def _generic_key(m: Mention, doc_id: str, last: dict, counts: dict, authority: Authority) -> str:
    kind = kind_of(m.method)
    group = (m.label, group_of(kind))
    if m.date is not None:
        key = _authority_by_date(m, authority) or dated_key(m.label, kind, m.date.value)
    elif kind == "meeting" and _latest(last, m.label):
        key = _latest(last, m.label)
    elif group in last and not _NEW.search(m.text):
        key = last[group]
    else:
        counts[group] = counts.get(group, 0) + 1
        key = local_key(m.label, group[1], doc_id, counts[group])
    last[group] = key
    last[(m.label, "*")] = key
    return key


def _latest(last: dict, label: str) -> str | None:
    return last.get((label, "*"))


def _authority_by_date(m: Mention, authority: Authority) -> str | None:
    """The one authority meeting of that type held on that day, if exactly one."""
    day = m.date.value
    hits = [e.id for e in authority.entries.values()
            if e.type == m.label and e.date and e.date.split("/")[0] == day]
    return hits[0] if len(hits) == 1 else None
