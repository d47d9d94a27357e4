"""Loader check for the authority file (ontology/authorities/*.tsv).

The authority file is pure data reviewed like code; these tests keep it loadable and
internally consistent: exact header, unique ids, id prefix matching the type, well-formed
and unique Wikidata QIDs, resolvable ``broader`` links, non-empty English labels, valid
dates, and no surface form shared by two entities unless the ambiguity is declared below.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

AUTH_DIR = Path(__file__).resolve().parents[1] / "ontology" / "authorities"
FILES = ("persons.tsv", "organisations.tsv", "places.tsv", "meetings.tsv")
HEADER = ["id", "type", "qid", "label_en", "label_sv", "aliases", "broader", "date", "note"]
PREFIX_TYPE = {
    "person": "Person",
    "org": "Organisation",
    "meeting": "Meeting",
    "resolution": "Resolution",
    "place": "Place",
}
ID_RE = re.compile(r"^(person|org|meeting|resolution|place):[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
DATE_RE = re.compile(rf"^{DAY}(?:/{DAY})?$")

# Surface forms deliberately shared by several entities. Each entry: the form (compared
# case-insensitively), the exact set of ids that share it, and why the sharing is right.
# A shared form that is not listed here fails the test; an entry that no longer matches
# the data fails too, so the list cannot go stale.
AMBIGUOUS_ALIASES: dict[str, tuple[frozenset[str], str]] = {
    # "form": (frozenset({"person:a", "person:b"}), "reason"),
}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(AUTH_DIR / name, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = []
        for lineno, fields in enumerate(reader, start=2):
            assert len(fields) == len(HEADER), f"{name}:{lineno}: {len(fields)} fields"
            rows.append(dict(zip(HEADER, fields)) | {"_where": f"{name}:{lineno}"})
    return header, rows


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return {name: _read(name)[1] for name in FILES}


@pytest.fixture(scope="module")
def rows(tables) -> list[dict[str, str]]:
    return [r for name in FILES for r in tables[name]]


@pytest.mark.parametrize("name", FILES)
def test_header_exact(name):
    header, _ = _read(name)
    assert header == HEADER


@pytest.mark.parametrize("name", FILES)
def test_file_is_clean_utf8(name):
    raw = (AUTH_DIR / name).read_bytes()
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    assert not text.startswith("\ufeff"), "no BOM"
    assert "\r" not in text, "LF line endings only"
    assert text.endswith("\n")


def test_minimum_sizes(tables):
    assert len(tables["persons.tsv"]) >= 300
    assert len(tables["organisations.tsv"]) >= 80
    assert len(tables["places.tsv"]) >= 60
    assert sum(r["type"] == "Meeting" for r in tables["meetings.tsv"]) >= 30


def test_ids_well_formed_and_unique(rows):
    seen: dict[str, str] = {}
    for r in rows:
        assert ID_RE.match(r["id"]), f"{r['_where']}: bad id {r['id']!r}"
        assert r["id"] not in seen, f"{r['_where']}: duplicate id {r['id']} (first at {seen.get(r['id'])})"
        seen[r["id"]] = r["_where"]


def test_prefix_matches_type(rows):
    for r in rows:
        prefix = r["id"].split(":", 1)[0]
        assert r["type"] == PREFIX_TYPE.get(prefix), f"{r['_where']}: {r['id']} typed {r['type']!r}"


def test_types_in_expected_files(tables):
    expected = {
        "persons.tsv": {"Person"},
        "organisations.tsv": {"Organisation"},
        "places.tsv": {"Place"},
        "meetings.tsv": {"Meeting", "Resolution"},
    }
    for name, allowed in expected.items():
        for r in tables[name]:
            assert r["type"] in allowed, f"{r['_where']}: {r['type']} does not belong in {name}"


def test_qids_well_formed_and_unique(rows):
    seen: dict[str, str] = {}
    for r in rows:
        qid = r["qid"]
        if not qid:
            continue
        assert QID_RE.match(qid), f"{r['_where']}: bad QID {qid!r}"
        assert qid not in seen, f"{r['_where']}: QID {qid} also used by {seen[qid]}"
        seen[qid] = r["id"]


def test_labels_present(rows):
    for r in rows:
        assert r["label_en"].strip(), f"{r['_where']}: empty label_en"
        assert r["label_sv"] != r["label_en"], f"{r['_where']}: label_sv identical to label_en (leave empty)"


def test_no_stray_whitespace(rows):
    for r in rows:
        for col in HEADER:
            value = r[col]
            assert value == value.strip(), f"{r['_where']}: whitespace around {col}"
            assert "  " not in value, f"{r['_where']}: double space in {col}"
        for alias in r["aliases"].split("|") if r["aliases"] else []:
            assert alias and alias == alias.strip(), f"{r['_where']}: empty or padded alias"


def test_broader_resolves(rows):
    by_id = {r["id"]: r for r in rows}
    allowed = {
        "Organisation": {"Organisation"},
        "Place": {"Place"},
        "Meeting": {"Organisation"},
        "Resolution": {"Meeting", "Organisation"},
        "Person": set(),
    }
    for r in rows:
        if not r["broader"]:
            continue
        target = by_id.get(r["broader"])
        assert target is not None, f"{r['_where']}: broader {r['broader']} does not exist"
        assert target["type"] in allowed[r["type"]], (
            f"{r['_where']}: {r['type']} {r['id']} has broader {target['type']} {target['id']}"
        )
        assert r["broader"] != r["id"]


def test_broader_has_no_cycles(rows):
    parent = {r["id"]: r["broader"] for r in rows if r["broader"]}
    for start in parent:
        seen = {start}
        node = parent.get(start)
        while node:
            assert node not in seen, f"broader cycle through {start}"
            seen.add(node)
            node = parent.get(node)


def test_dates(rows):
    for r in rows:
        if r["type"] == "Person":
            assert r["date"] == "", f"{r['_where']}: persons carry no date"
        if r["type"] == "Meeting":
            assert r["date"], f"{r['_where']}: meeting without date"
        if r["date"]:
            assert DATE_RE.match(r["date"]), f"{r['_where']}: bad date {r['date']!r}"
            if "/" in r["date"]:
                start, end = r["date"].split("/")
                assert start < end, f"{r['_where']}: range ends before it starts"


def _forms(r: dict[str, str]) -> set[str]:
    forms = {r["label_en"], r["label_sv"]}
    forms.update(r["aliases"].split("|") if r["aliases"] else [])
    forms.discard("")
    return {f.casefold() for f in forms}


def test_aliases_not_shared_between_entities(rows):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for form in _forms(r):
            owners[form].add(r["id"])
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    unexplained = {
        form: sorted(ids)
        for form, ids in shared.items()
        if form not in {k.casefold() for k in AMBIGUOUS_ALIASES}
        or AMBIGUOUS_ALIASES[next(k for k in AMBIGUOUS_ALIASES if k.casefold() == form)][0] != frozenset(ids)
    }
    assert not unexplained, f"surface forms shared by several entities: {unexplained}"


def test_ambiguity_allow_list_is_current(rows):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for form in _forms(r):
            owners[form].add(r["id"])
    for form, (ids, reason) in AMBIGUOUS_ALIASES.items():
        assert reason.strip(), f"allow-list entry {form!r} needs a reason"
        assert owners.get(form.casefold()) == set(ids), f"allow-list entry {form!r} is stale"


def test_no_genitive_duplicates(rows):
    """The matcher strips genitive -s / ’s, so listing such forms is redundant."""
    for r in rows:
        forms = {r["label_en"], r["label_sv"], *(r["aliases"].split("|") if r["aliases"] else [])}
        forms.discard("")
        for f in forms:
            for suffix in ("’s", "'s", ":s"):
                if f.endswith(suffix):
                    assert f[: -len(suffix)] not in forms, f"{r['_where']}: genitive form {f!r}"
