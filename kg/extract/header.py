"""Document-level relations: who wrote the text and to whom it is addressed.

Letters and circulars say it in their headings and salutations: an author line
("VI Lenin", "Leo Trotskij:"), a title ("Brev till L. B. Kamenev", "Letter to
L. B. Kamenev for Members of the Politbureau", "Cirkulärbrev till oppositionen",
"Till alla partimedlemmar") and a salutation ("Kamrat Kamenev!", "Comrade
Kamenev,"). Only the opening of the text is read for these.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract
>>> from kg.extract.nlp import make_nlp
>>> text = "Brev till L. B. Kamenev\\n\\nKamrat Kamenev! Jag skriver kort."
>>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "sv"), make_nlp("sv"))
>>> sorted({(r.predicate, r.object.text) for r in ex.relations if r.subject is None})
[('addressedTo', 'Kamenev'), ('addressedTo', 'L. B. Kamenev')]
"""

from __future__ import annotations

import re

from kg.extract.relations import Located, evidence
from kg.model import Document, Relation

#: How much of the opening is read for headings and salutations (characters of clean text).
HEADER_SPAN = 1200
_ADDRESS = re.compile(
    r"(?:\b(?:brev|cirkulärbrev|skrivelse|telegram|upprop|letter|note|telegram|circular|appeal|message)\s+"
    r"(?:till|to|for|för)\b|^\s*(?:till|to)\b|\b(?:för|for)\s+(?:members|medlemmarna)\b)",
    re.IGNORECASE | re.MULTILINE)
# A salutation ends in "!" ("Kamrat Kamenev!") or stands alone on its line ("Dear Comrade,").
_SALUTATION = re.compile(r"^\s*(?:kamrat|kamrater|kära|bäste|käre|comrade|comrades|dear)\b[^\n!,:.]{0,40}(?:!|[,:]\s*$)",
                         re.IGNORECASE | re.MULTILINE)
#: Longest line read as a heading ("Brev till L. B. Kamenev"); longer lines are running text.
HEADING_CHARS = 160


def header_relations(document: Document, located: list[Located]) -> list[Relation]:
    """authored (author -> document), addressedTo (document -> addressee) and, in minutes,
    participatedIn (those present -> the meeting of the heading) from the opening."""
    head = document.clean[:HEADER_SPAN]
    found = _authored(document, located) + _present(document, located)
    for match in list(_ADDRESS.finditer(head)) + list(_SALUTATION.finditer(head)):
        line = _line_of(head, match.start())
        if line[1] - line[0] > HEADING_CHARS and match.re is _ADDRESS:
            continue
        for loc in located:
            if match.start() <= loc.start and loc.end <= line[1] and loc.mention.label in ("Person", "Organisation"):
                ev = evidence(document, line, (loc.start, loc.end), "rule:header-addressee", 0.8)
                found.append(Relation(None, "addressedTo", loc.mention, ev))
    return found


_PRESENT = re.compile(r"^[ \t]*(?:närvarande|närvarade|deltagare|present|attended by|in attendance)\s*:",
                      re.IGNORECASE | re.MULTILINE)


def _present(document: Document, located: list[Located]) -> list[Relation]:
    """Minutes list who was present ("Närvarande: Stalin, Bucharin ..."): each of them
    took part in the meeting the heading names."""
    head = document.clean[:HEADER_SPAN]
    meeting = next((loc for loc in located if loc.mention.label == "Meeting" and loc.start < HEADER_SPAN), None)
    found = []
    for match in _PRESENT.finditer(head) if meeting else ():
        line = _line_of(head, match.start())
        for loc in located:
            if match.end() <= loc.start and loc.end <= line[1] and loc.mention.label == "Person":
                ev = evidence(document, line, (loc.start, loc.end), "rule:minutes-present", 0.8)
                found.append(Relation(loc.mention, "participatedIn", meeting.mention, ev))
    return found


def _authored(document: Document, located: list[Located]) -> list[Relation]:
    if not document.author:
        return []
    author = " ".join(document.author.split()).rstrip(":")
    named = [loc for loc in located if loc.mention.label == "Person"
             and " ".join(loc.mention.text.split()).rstrip(":") == author]
    # The author line of the heading, else the signature (the last time the name stands).
    heading = [loc for loc in named if loc.start <= HEADER_SPAN]
    chosen = heading[:1] or named[-1:]
    if not chosen:
        return []
    loc = chosen[0]
    line = _line_of(document.clean, loc.start)
    ev = evidence(document, line, (loc.start, loc.end), "rule:header-author", 0.9)
    return [Relation(loc.mention, "authored", None, ev)]


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)
