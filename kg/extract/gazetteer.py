"""Find the authority file's entities in a text, by every spelling it knows.

Two passes over the cleaned text. The first is one regular expression built as a
character trie of every known form (fast on large texts: no backtracking across
thousands of alternatives); each hit is confirmed by :meth:`Authority.lookup`,
which applies the case rules and strips Swedish genitives. The second pass looks
at capitalised word sequences the first missed and folds them across
transliterations, so an unseen spelling ("Sinowjew") still finds Zinoviev.

Examples
--------
>>> from kg.authority import Authority
>>> auth = Authority.from_rows([
...     {"id": "person:zinoviev", "type": "Person", "label_en": "Grigory Zinoviev",
...      "aliases": "Zinoviev"},
...     {"id": "org:central-committee", "type": "Organisation",
...      "label_en": "Central Committee", "aliases": "centralkommittén|CK"}])
>>> gaz = Gazetteer(auth)
>>> [(h.text, h.ids) for h in gaz.find("Sinowjew och CK:s centralkommittén.", "sv")]
[('Sinowjew', ('person:zinoviev',)), ('CK:s', ('org:central-committee',)), ('centralkommittén', ('org:central-committee',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.authority import Authority
from kg.extract.compiled import compile_cached

_GENITIVE = r"(?::s|s|’s|'s)?"
_CAPITALISED_RUN = re.compile(
    r"(?<![\w’'])[A-ZÅÄÖÉÜČŠŽ][\w’'\-]*(?:[ \t]+(?:[A-ZÅÄÖÉÜČŠŽ][\w’'\-]*|[a-z]{1,3}[ \t]+[A-ZÅÄÖ][\w\-]*))*"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A span of the cleaned text that the authority file knows."""

    start: int
    end: int
    text: str
    ids: tuple[str, ...]
    method: str


class Gazetteer:
    """Matches every form of an :class:`Authority` in cleaned text."""

    def __init__(self, authority: Authority):
        self.authority = authority
        self.pattern = compile_cached(
            r"(?<![\w])(?:" + _trie_regex(authority.all_forms()) + ")" + _GENITIVE + r"(?![\w])",
            re.IGNORECASE,
        )

    def find(self, text: str, lang: str) -> list[Hit]:
        """Every known entity span in ``text``, sorted, without overlaps."""
        hits = list(self._exact_hits(text, lang))
        covered = _coverage(hits, len(text))
        hits += [h for h in self._folded_hits(text, lang) if not any(covered[h.start:h.end])]
        return sorted(hits, key=lambda h: (h.start, -h.end))

    def _exact_hits(self, text: str, lang: str):
        for match in self.pattern.finditer(text):
            span = match.group(0)
            ids = self.authority.lookup(span, lang)
            if ids:
                yield Hit(match.start(), match.end(), span, ids, "authority")

    def _folded_hits(self, text: str, lang: str):
        for run in _CAPITALISED_RUN.finditer(text):
            yield from self._longest_known(run.group(0), run.start(), lang)

    def _longest_known(self, run: str, offset: int, lang: str):
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                start, end = words[i][0], words[j - 1][1]
                ids = self.authority.lookup(run[start:end], lang)
                if ids and run[start:end][:1].isupper():
                    yield Hit(offset + start, offset + end, run[start:end], ids, "authority:folded")
                    i = j - 1
                    break
            i += 1


def _coverage(hits: list[Hit], size: int) -> bytearray:
    """One byte per character of the text: 1 where a hit already covers it."""
    covered = bytearray(size)
    for hit in hits:
        covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    return covered


def _trie_regex(forms: list[str]) -> str:
    """One regular expression matching any of ``forms`` (case-folded), built as a trie."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form.casefold():
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    ends = "" in node
    branches = [_char_regex(c) + _node_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _char_regex(char: str) -> str:
    # A space in a form matches any run of whitespace (line breaks in the source);
    # the two apostrophes are one.
    # After a dot, space may come or go before the next letter: "R.S. F.S.R." is "R.S.F.S.R.".
    if char == " ":
        return r"\s+"
    if char in "'’":
        return "['’]"
    if char == ".":
        return r"\.(?:\s+(?=\w))?"
    return re.escape(char)
