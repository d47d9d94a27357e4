"""Resolution: merge mentions into entities across documents and languages.

A mention the authority file resolved keeps its authority id. An ambiguous one
("Smirnov") takes the candidate the same document names unambiguously. Other
names are keyed by their folded form (:mod:`kg.resolve.keys`), so "Kamenevs",
"L. B. Kamenev" and "Kamenew" meet. Meetings and resolutions are matched to the
authority file by date, keyed by kind and date when dated, and otherwise a
generic mention ("resolutionen", "the plenum", "kommittén") refers back to the
last one of its kind in the same document (:mod:`kg.resolve.coref`).

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract, make_nlp
>>> from kg.authority import read_authority
>>> texts = [("a.txt", "Stalin drafted the resolution.", "en"),
...          ("b.txt", "Kamrat Stalins förslag.", "sv")]
>>> exs = [extract(ingest(SourceText(n, n, t), lang), make_nlp(lang)) for n, t, lang in texts]
>>> resolved = resolve(exs, read_authority())
>>> [(e.key, e.doc_ids) for e in resolved.entities if e.type == "Person"]
[('person:stalin', ('a.txt', 'b.txt'))]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.authority import Authority
from kg.cache import KeysCache
from kg.model import DateValue, Entity, Extraction, Fact, Mention, Resolved
from kg.resolve.coref import document_keys


def resolve(extractions: Sequence[Extraction], authority: Authority, cache: KeysCache | None = None) -> Resolved:
    """Entities and facts of a corpus, deterministic whatever the input order.

    ``cache`` keeps each document's own keys (:func:`~kg.resolve.coref.document_keys`)
    between builds; what merges them across documents is redone every time. Its
    entries are named by the document and kg's code and authority files, so it
    serves builds that resolve against :func:`kg.authority.read_authority`'s index.
    """
    extractions = sorted(extractions, key=lambda ex: ex.document.doc_id)
    keyed: dict[Mention, str] = {}
    for ex in extractions:
        keyed.update(_document_keys(ex, authority, cache))
    entities = to_entities(keyed, authority)
    facts = to_facts(extractions, keyed)
    authors = sorted({(f.object.removeprefix("document:"), f.subject)
                      for f in facts if f.predicate == "authored" and f.object.startswith("document:")})
    return Resolved(tuple(ex.document for ex in extractions), entities, facts, tuple(authors))


def _document_keys(ex: Extraction, authority: Authority, cache: KeysCache | None) -> dict[Mention, str]:
    """:func:`~kg.resolve.coref.document_keys` of ``ex``, from ``cache`` when it holds them.

    Stored as (index into ``ex.mentions``, key) pairs in the order found, so the
    dict comes back exactly as made (its order decides ties further on).
    """
    if cache is None:
        return document_keys(ex, authority)
    stored = cache.read(ex.document)
    try:
        return {ex.mentions[i]: key for i, key in stored}
    except (TypeError, ValueError, IndexError):  # missing, or an entry of another shape: make it again
        pass
    keys = document_keys(ex, authority)
    index = {mention: i for i, mention in reversed(list(enumerate(ex.mentions)))}
    cache.write(ex.document, tuple((index[mention], key) for mention, key in keys.items()))
    return keys


def to_entities(keyed: dict[Mention, str], authority: Authority) -> tuple[Entity, ...]:
    """One :class:`Entity` per key, labels and dates merged from its mentions."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention, key in keyed.items():
        groups[key].append(mention)
    return tuple(_entity(key, sorted(ms, key=_order), authority) for key, ms in sorted(groups.items()))


def _order(m: Mention):
    return (m.doc_id, m.start, m.end, m.label)


def _entity(key: str, mentions: list[Mention], authority: Authority) -> Entity:
    entry = authority.entries.get(key)
    forms = [" ".join(m.text.split()) for m in mentions] + [m.norm for m in mentions if m.norm]
    if entry:
        label, lang, type_ = entry.label_en, "en", entry.type
    else:
        label, lang = _preferred(mentions), None
        type_ = Counter(m.label for m in mentions).most_common(1)[0][0]
    alt = tuple(sorted({f for f in forms if f and f != label}))
    date = entry.date_value() if entry and entry.date else _earliest(mentions)
    return Entity(key=key, type=type_, label=label, label_lang=lang, alt_labels=alt,
                  qid=entry.qid if entry and entry.qid else None,
                  doc_ids=tuple(sorted({m.doc_id for m in mentions})), date=date,
                  mentions=tuple(mentions))


def _preferred(mentions: list[Mention]) -> str:
    """The most frequent normalised form; ties go to the longer, then the first in order."""
    counts = Counter(m.norm or " ".join(m.text.split()) for m in mentions)
    return max(counts, key=lambda f: (counts[f], len(f), [-ord(c) for c in f]))


def _earliest(mentions: list[Mention]) -> DateValue | None:
    dated = [m.date for m in mentions if m.date]
    precision = {"date": 0, "gYearMonth": 1, "gYear": 2}
    return min(dated, key=lambda d: (precision.get(d.datatype, 3), d.value, d.edtf or "")) if dated else None


def to_facts(extractions: Sequence[Extraction], keyed: dict[Mention, str]) -> tuple[Fact, ...]:
    """Relations with mentions replaced by entity keys (the document by ``document:<id>``)."""
    facts = set()
    for ex in extractions:
        doc_key = f"document:{ex.document.doc_id}"
        for rel in ex.relations:
            s = keyed.get(rel.subject, None) if rel.subject else doc_key
            o = keyed.get(rel.object, None) if rel.object else doc_key
            if s and o and s != o:
                facts.add(Fact(s, rel.predicate, o, rel.evidence))
    return tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object, f.evidence.doc_id,
                                              f.evidence.start, f.evidence.end, f.evidence.method)))
