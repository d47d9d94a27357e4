"""Meetings named by their number: "tolfte partikongressen", "the Twelfth Congress".

A congress or conference with an ordinal is one identifiable meeting. This module
reads the number, the kind (congress, conference, plenum) and whether it is a
congress of soviets or of the Comintern, in Swedish and English, and finds the
authority meeting with the same reading. When several fit (the sixth party
congress of 1917 and the sixth Comintern congress of 1928 are both "sjätte
kongressen"), the one closest in time to the document is taken.

Examples
--------
>>> read_ordinal("Tolfte kongressen"), read_ordinal("Second All-Russian Congress of Soviets")
((12, 'congress', ''), (2, 'congress', 'soviet'))
>>> read_ordinal("the plenum") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.authority import Authority

_WORDS = ["första|first|1st|i", "andra|second|2nd|ii", "tredje|third|3rd|iii", "fjärde|fourth|4th|iv",
          "femte|fifth|5th|v", "sjätte|sixth|6th|vi", "sjunde|seventh|7th|vii", "åttonde|eighth|8th|viii",
          "nionde|ninth|9th|ix", "tionde|tenth|10th|x", "elfte|eleventh|11th|xi", "tolfte|twelfth|12th|xii",
          "trettonde|thirteenth|13th|xiii", "fjortonde|fourteenth|14th|xiv", "femtonde|fifteenth|15th|xv",
          "sextonde|sixteenth|16th|xvi", "sjuttonde|seventeenth|17th|xvii", "artonde|eighteenth|18th|xviii"]
ORDINALS = {word: n for n, words in enumerate(_WORDS, 1) for word in words.split("|")}
_ORDINAL = re.compile(r"\b(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")(?::e)?\b", re.IGNORECASE)
_KINDS = (("congress", r"kongress|congress"), ("conference", r"konferens|conference"), ("plenum", r"plen"))
# "All-Russian"/"allryska" marks the congresses of soviets (party congresses are not so named).
_FLAVOURS = (("soviet", r"sovjet|soviet|allrysk|all-russia|all russia|all-union|unionell"), ("comintern", r"komintern|comintern|communist international|ecci"))


def read_ordinal(text: str) -> tuple[int, str, str] | None:
    """(number, kind, flavour) of a numbered meeting name, or None."""
    number = _ORDINAL.search(text)
    kind = next((k for k, rx in _KINDS if re.search(rx, text, re.IGNORECASE)), None)
    if not number or not kind or number.group(1).lower() in ("i", "v", "x"):
        return None
    flavour = next((f for f, rx in _FLAVOURS if re.search(rx, text, re.IGNORECASE)), "")
    return ORDINALS[number.group(1).lower()], kind, flavour


def ordinal_meeting(text: str, year: int | None, authority: Authority) -> str | None:
    """The authority meeting a numbered name denotes (nearest in time when several fit)."""
    reading = read_ordinal(text)
    if reading is None:
        return None
    fits = _numbered(authority).get(reading, [])
    if not reading[2]:
        fits = fits + _numbered(authority).get((reading[0], reading[1], "comintern"), [])
    if len(fits) == 1 or (fits and year):
        return min(fits, key=lambda f: (abs(f[0] - year) if year else 0, f[0]))[1]
    return None


@lru_cache(maxsize=4)
def _numbered(authority: Authority) -> dict:
    """Reading -> [(year, id)] over every authority meeting."""
    index: dict = {}
    for entry in authority.entries.values():
        if entry.type != "Meeting" or not entry.date:
            continue
        readings = {read_ordinal(form) for form in (entry.label_en, *entry.aliases)} - {None}
        for reading in readings:
            index.setdefault(reading, []).append((int(entry.date[:4]), entry.id))
    return index
