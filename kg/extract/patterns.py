"""Meeting, resolution and name-shape patterns, read from ``kg/data/patterns.tsv``.

The table is data, reviewed like code: one row per rule with its language, the
entity type it yields, a name (which becomes the mention's ``method``) and a
regular expression. Rows are tried in file order; a later row never claims text
an earlier row already matched, so specific rules come before general ones.

Examples
--------
>>> rules = read_patterns("sv")
>>> [(h.text, h.method) for h in find_patterns("Tolfte partikongressen antog resolutionen.", rules)]
[('Tolfte partikongressen', 'rule:sv-congress'), ('resolutionen', 'rule:sv-resolution')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import OntologyError
from kg.extract.tables import table_rows

PATTERNS_FILE = Path(__file__).resolve().parent.parent / "data" / "patterns.tsv"


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled row of the pattern table."""

    label: str
    name: str
    regex: re.Pattern


@dataclass(frozen=True, slots=True)
class PatternHit:
    """A span a pattern matched in the cleaned text."""

    start: int
    end: int
    text: str
    label: str
    method: str


@lru_cache(maxsize=4)
def read_patterns(lang: str, path: str | Path = PATTERNS_FILE) -> tuple[Rule, ...]:
    """The compiled rules of one language, macros expanded, in file order."""
    macros: dict[str, str] = {}
    rules: list[Rule] = []
    for row in table_rows(path):
        if row["lang"] != lang:
            continue
        regex = _expand(row["regex"], macros)
        if row["label"] == "macro":
            macros[row["rule"]] = regex
            continue
        try:
            compiled = re.compile(r"(?<![\w\-])(?:" + regex + r")(?![\w\-])", re.IGNORECASE * _folds(row))
        except re.error as err:
            raise OntologyError(f"{path}: rule {row['rule']}: {err}") from err
        rules.append(Rule(row["label"], row["rule"], compiled))
    return tuple(rules)


def find_patterns(text: str, rules: tuple[Rule, ...]) -> list[PatternHit]:
    """Every non-overlapping rule match in ``text``, sorted by offset."""
    taken = bytearray(len(text))
    hits: list[PatternHit] = []
    for rule in rules:
        for match in rule.regex.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            hits.append(PatternHit(start, end, match.group(0), rule.label, f"rule:{rule.name}"))
    return sorted(hits, key=lambda h: h.start)


def _folds(row: dict[str, str]) -> bool:
    # Name-shape rules rely on capital letters; every other rule ignores case
    # so a sentence-initial "Resolutionen" matches like "resolutionen".
    return row["label"] not in ("Person", "Place")


def _expand(regex: str, macros: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: macros[m.group(1)], regex)


