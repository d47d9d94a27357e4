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
_SALUTATION = re.compile(r"^[ \t]*(?:kamrat|kamrater|kära|bäste|käre|comrade|comrades|dear)\b[^\n!,:.]{0,40}(?:!|[,:][ \t]*$)",
                         re.IGNORECASE | re.MULTILINE)
#: A name alone on one of the first lines, with "!" ("Lev Borisovitj!"), is a salutation too.
_NAMED_SALUTATION = re.compile(r"^[ \t]*[^\n!?.]{2,40}![ \t]*$", re.MULTILINE)
#: How many opening lines may hold a bare-name salutation.
SALUTATION_LINES = 3
#: Words that close a letter before the signature ("Er Lenin", "Yours, Trotsky").
_CLOSING = re.compile(r"^(?:er|din|eder|vår|er tillgivne|med kamratlig hälsning|med kommunistisk hälsning|"
                      r"yours|your|yours fraternally|with communist greetings|with comradely greetings)\b[ ,]*",
                      re.IGNORECASE)
#: How many closing lines may follow the signature (date, place).
SIGNATURE_LINES = 3
#: Longest line read as a signature.
SIGNATURE_CHARS = 60
#: Longest line read as a heading ("Brev till L. B. Kamenev"); longer lines are running text.
HEADING_CHARS = 160


def header_relations(document: Document, located: list[Located]) -> list[Relation]:
    """authored (author -> document), addressedTo (document -> addressee) and, in minutes,
    participatedIn (those present -> the meeting of the heading) from the opening."""
    head = document.clean[:HEADER_SPAN]
    found = (_authored(document, located) or _signed(document, located)) + _present(document, located)
    for match in list(_ADDRESS.finditer(head)) + list(_SALUTATION.finditer(head)) + _named_salutations(head):
        line = _line_of(head, match.start())
        if line[1] - line[0] > HEADING_CHARS and match.re is _ADDRESS:
            continue
        # A heading names its addressees up to the end of its line; a salutation within itself
        # ("Kamrat Kamenev! Ni har troligen av Stalin ...": Stalin is not addressed).
        end = line[1] if match.re is _ADDRESS else match.end()
        for loc in located:
            if match.start() <= loc.start and loc.end <= end and loc.mention.label in ("Person", "Organisation"):
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


def _named_salutations(head: str) -> list[re.Match]:
    """ "Lev Borisovitj!" standing alone on one of the first lines."""
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", head)][:SALUTATION_LINES]
    return [m for line in lines if (m := _NAMED_SALUTATION.match(head, line.start(), line.end()))]


def _signed(document: Document, located: list[Located]) -> list[Relation]:
    """The signature of a letter: a name alone on one of its last lines ("Lenin", "Er Lenin",
    "N. Krupskaja"), followed by nothing but a date or a place."""
    text = document.clean
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    people = [loc for loc in located if loc.mention.label == "Person"]
    for line in reversed(lines[-(SIGNATURE_LINES + 1):]):
        start, end = line.start(), line.end()
        body = text[start:end].strip()
        inside = [loc for loc in people if start <= loc.start and loc.end <= end]
        if len(body) <= SIGNATURE_CHARS and len(inside) == 1 and len(lines) > 1:
            rest = _CLOSING.sub("", body).replace(inside[0].mention.text, "", 1)
            if not rest.strip(" ,.:;!"):
                ev = evidence(document, (start, end), (inside[0].start, inside[0].end), "rule:header-signature", 0.8)
                return [Relation(inside[0].mention, "authored", None, ev)]
        if any(c.isalpha() for c in body) and not _DATELINE.match(body):
            return []  # running text: the letter is not signed at its end
    return []


#: A closing date or place line ("March 5, 1923", "6 mars 1923", "Moskva, 6 mars 1923").
_DATELINE = re.compile(r"^(?:[A-ZÅÄÖ][\w\-]+,?\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\d{4})\.?$")


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)
