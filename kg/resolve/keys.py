"""Entity keys for mentions the authority file does not know.

A key is ``<prefix>:<slug>``, the same shape as authority ids, so IRIs minted from
it are stable: the same name in the same kind of context always gives the same
key. Persons are keyed by their surname (so "L. B. Kamenev" and "Kamenev" meet),
folded across transliterations; bodies and places by their whole folded name;
dated meetings and resolutions by what they are and when; undated generic ones
("resolutionen", "the commission") by the document they occur in.

Examples
--------
>>> slug("Agamali-ogly"), slug("Müller & Söhne")
('agamali-ogly', 'muller-sohne')
>>> name_key("Person", "L. B. Kamenev") == name_key("Person", "Kamenew")
True
"""

from __future__ import annotations

import re

from kg.names import fold, strip_accents

PREFIX = {"Person": "person", "Organisation": "org", "Meeting": "meeting",
          "Resolution": "resolution", "Place": "place"}


def slug(text: str) -> str:
    """ASCII, lower case, words joined by hyphens."""
    text = strip_accents(text).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def name_key(label: str, norm: str) -> str:
    """The key of an unresolved named mention (person, body or place)."""
    words = [w for w in re.split(r"[\s.]+", norm) if w]
    if label == "Person" and words:
        # Initials and first names vary between sources; the surname does not.
        return f"person:{slug(fold(words[-1]))}"
    return f"{PREFIX[label]}:{slug(fold(norm))}"


def dated_key(label: str, head: str, date: str) -> str:
    """The key of a dated meeting or resolution: ``meeting:plenum-1922-10-06``."""
    return f"{PREFIX[label]}:{slug(head)}-{slug(date)}"


def local_key(label: str, head: str, doc_id: str, n: int) -> str:
    """The key of the ``n``-th undated generic entity of a kind in one document."""
    stem = doc_id.rsplit(".", 1)[0]
    return f"{PREFIX[label]}:{slug(head)}-{slug(stem)}" + (f"-{n}" if n > 1 else "")
