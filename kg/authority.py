"""The authority file: what kg knows about the world before it reads a text.

The files in ``ontology/authorities/*.tsv`` list persons, bodies, meetings and
places with their preferred labels, every spelling sources use, Wikidata ids and
the body or place they belong to. They hold facts about the world only, never
about one document. This module reads them into an :class:`Authority` whose
indexes answer "which entity could this surface form be?".

Examples
--------
>>> auth = Authority.from_rows([
...     {"id": "person:stalin", "type": "Person", "qid": "Q855", "label_en": "Joseph Stalin",
...      "label_sv": "Josef Stalin", "aliases": "Stalin|J. V. Stalin|Koba"},
...     {"id": "org:central-committee", "type": "Organisation", "label_en": "Central Committee",
...      "label_sv": "centralkommittén", "aliases": "CK|C.C.|centralkommitté"}])
>>> auth.lookup("Stalins", "sv")
('person:stalin',)
>>> auth.lookup("C.C.", "en"), auth.lookup("cc", "en")
(('org:central-committee',), ())
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from kg.errors import OntologyError
from kg.model import DateValue
from kg.names import exact_key, fold, strip_genitive

AUTHORITY_DIR = Path(__file__).resolve().parent.parent / "ontology" / "authorities"
COLUMNS = ("id", "type", "qid", "label_en", "label_sv", "aliases", "broader", "date", "note")
#: Types whose names are proper names, matched across transliterations and only when capitalised.
NAME_TYPES = frozenset({"Person", "Place"})


@dataclass(frozen=True, slots=True)
class AuthorityEntry:
    """One row of the authority file."""

    id: str
    """``"<type-prefix>:<slug>"``, e.g. ``"person:stalin"``."""
    type: str
    """``Person``, ``Organisation``, ``Meeting``, ``Resolution`` or ``Place``."""
    label_en: str
    """Preferred English label."""
    label_sv: str = ""
    """Preferred Swedish label ("" when the English one is used)."""
    aliases: tuple[str, ...] = ()
    """Every other spelling, in any language."""
    qid: str = ""
    """Wikidata QID, "" if unknown."""
    broader: str = ""
    """The body this one is part of, the place containing this one, or the body holding a meeting."""
    date: str = ""
    """For meetings: ISO date or ``start/end`` range."""

    def date_value(self) -> DateValue | None:
        """The ``date`` column as a :class:`DateValue` (a range keeps its EDTF form).

        Examples
        --------
        >>> AuthorityEntry("meeting:x", "Meeting", "X", date="1922-09-23/1922-09-24").date_value()
        DateValue(value='1922-09-23', datatype='date', edtf='1922-09-23/1922-09-24')
        """
        if not self.date:
            return None
        start, _, end = self.date.partition("/")
        datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(start), "date")
        return DateValue(start, datatype, self.date if end else None)

    def raw_forms(self) -> tuple[str, ...]:
        """The labels and aliases as written in the file.

        An alias written ``=Oppositionen`` matches only with exactly that capitalisation.
        """
        forms = [self.label_en, self.label_sv, *self.aliases]
        return tuple(dict.fromkeys(f.strip() for f in forms if f.strip()))

    def surnames(self) -> tuple[str, ...]:
        """For persons, the last word of each label: a form derived, not listed."""
        if self.type != "Person":
            return ()
        return tuple(dict.fromkeys(label.split()[-1] for label in (self.label_en, self.label_sv) if label))

    def forms(self) -> tuple[str, ...]:
        """Every form as it stands in texts (the ``=`` mark of case-exact aliases removed)."""
        return tuple(dict.fromkeys([f.removeprefix("=") for f in self.raw_forms()] + list(self.surnames())))


def is_abbreviation(form: str) -> bool:
    """True for forms matched case-sensitively: ``CK``, ``C.C.``, ``RKP(b)``, ``GPU``.

    Examples
    --------
    >>> is_abbreviation("RKP(b)"), is_abbreviation("C.C."), is_abbreviation("Politbyrån")
    (True, True, False)
    """
    upper = sum(c.isupper() for c in form)
    return upper >= 2 and (upper * 2 >= sum(c.isalpha() for c in form) or "." in form)


@dataclass(frozen=True, eq=False)
class Authority:
    """The authority file, indexed for lookup by surface form."""

    entries: Mapping[str, AuthorityEntry]
    exact: Mapping[str, tuple[str, ...]] = field(repr=False)
    """``exact_key(form)`` -> ids, for forms that are not abbreviations."""
    verbatim: Mapping[str, tuple[str, ...]] = field(repr=False)
    """Abbreviations as written (whitespace normalised) -> ids."""
    folded: Mapping[str, tuple[str, ...]] = field(repr=False)
    """``fold(form)`` -> ids, for persons and places."""

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "Authority":
        """Index rows with the columns of :data:`COLUMNS` (missing columns count as empty)."""
        entries = {}
        for row in rows:
            entry = _to_entry(row)
            if entry.id in entries:
                raise OntologyError(f"authority: duplicate id {entry.id}")
            entries[entry.id] = entry
        exact, verbatim, folded = defaultdict(set), defaultdict(set), defaultdict(set)
        for entry in entries.values():
            for raw in entry.raw_forms():
                form = compact(raw.removeprefix("="))
                if raw.startswith("=") or is_abbreviation(form):
                    verbatim[form].add(entry.id)
                else:
                    exact[exact_key(form)].add(entry.id)
                if entry.type in NAME_TYPES and len(fold(form)) >= 4:
                    folded[fold(form)].add(entry.id)
        # A derived surname counts only where no entry lists that form itself: "Kamenev"
        # is listed for Lev Kamenev, so Sergei Kamenev's derived surname does not compete.
        listed_exact, listed_folded = set(exact), set(folded)
        for entry in entries.values():
            for form in entry.surnames():
                if exact_key(form) not in listed_exact:
                    exact[exact_key(form)].add(entry.id)
                if len(fold(form)) >= 4 and fold(form) not in listed_folded:
                    folded[fold(form)].add(entry.id)
        freeze = lambda d: {k: tuple(sorted(v)) for k, v in sorted(d.items())}  # noqa: E731
        return cls(entries, freeze(exact), freeze(verbatim), freeze(folded))

    def lookup(self, form: str, lang: str) -> tuple[str, ...]:
        """The ids a surface form may denote (several when ambiguous, () when unknown)."""
        form = compact(form)
        hits = self._lookup_base(form)
        if not hits:
            words = form.rsplit(" ", 1)
            base = strip_genitive(words[-1], lang)
            if base:
                hits = self._lookup_base(" ".join([*words[:-1], base]))
        return hits

    def _lookup_base(self, form: str) -> tuple[str, ...]:
        if form in self.verbatim:
            return self.verbatim[form]
        hits = tuple(i for i in self.exact.get(exact_key(form), ()) if _case_fits(self.entries[i], form))
        if hits or not form[:1].isupper():
            return hits
        return self.folded.get(fold(form), ())

    def all_forms(self) -> list[str]:
        """Every form of every entry, longest first (for building matchers)."""
        forms = {f for entry in self.entries.values() for f in entry.forms()}
        return sorted(forms, key=lambda f: (-len(f), f))


def compact(form: str) -> str:
    """Single spaces, and none between dotted letters: "R.S. F.S.R." -> "R.S.F.S.R.".

    Examples
    --------
    >>> compact("R.S. F.S.R."), compact("J. V.  Stalin")
    ('R.S.F.S.R.', 'J.V. Stalin')
    """
    return re.sub(r"(?<=\.) (?=\w\.)", "", " ".join(form.split()))


def _case_fits(entry: AuthorityEntry, form: str) -> bool:
    # Proper names match only when capitalised: "stalin" in lower case is not a person.
    return entry.type not in NAME_TYPES or form[:1].isupper()


def _to_entry(row: Mapping[str, str]) -> AuthorityEntry:
    get = lambda k: (row.get(k) or "").strip()  # noqa: E731
    if not re.fullmatch(r"(person|org|meeting|resolution|place):[a-z0-9][a-z0-9\-]*", get("id")):
        raise OntologyError(f"authority: malformed id {get('id')!r}")
    aliases = tuple(a.strip() for a in get("aliases").split("|") if a.strip())
    return AuthorityEntry(id=get("id"), type=get("type"), label_en=get("label_en"),
                          label_sv=get("label_sv"), aliases=aliases, qid=get("qid"),
                          broader=get("broader"), date=get("date"))


def read_authority(directory: str | Path = AUTHORITY_DIR) -> Authority:
    """Read every ``*.tsv`` file of the authority folder.

    The index is built once per process for the same files: extraction (the
    gazetteer) and resolution both ask for it, and building it takes about 0.1 s.
    A file that is added, removed or rewritten (name, size or modification time)
    is read afresh. The :class:`Authority` returned is shared: do not modify it.

    Raises
    ------
    OntologyError
        If the folder has no TSV file, a file lacks the ``id`` column or an id repeats.

    Examples
    --------
    >>> read_authority() is read_authority()
    True
    >>> read_authority().entries["person:zinoviev"].label_en
    'Grigory Zinoviev'
    """
    files = sorted(Path(directory).glob("*.tsv"))
    if not files:
        raise OntologyError(f"{directory}: no authority files (*.tsv)")
    stats = [(path, path.stat()) for path in files]
    return _authority_of(tuple((str(path.resolve()), st.st_mtime_ns, st.st_size) for path, st in stats))


@lru_cache(maxsize=4)
def _authority_of(signature: tuple[tuple[str, int, int], ...]) -> Authority:
    """The authority index of the files named in ``signature`` (path, mtime, size)."""
    rows: list[dict[str, str]] = []
    for name, _, _ in signature:
        path = Path(name)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if not reader.fieldnames or "id" not in reader.fieldnames:
                raise OntologyError(f"{path}: missing header row with an 'id' column")
            rows.extend(reader)
    return Authority.from_rows(rows)
