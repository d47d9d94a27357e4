"""Score a build against gold annotations (``kg evaluate``).

The gold files (schema: ``shared/gold/SCHEMA.md``) list, per document, every
entity with its surface forms and every relation the text states. The build is
read only through the contract, as an outside evaluation would read it: entities
are the typed IRIs ``hkg:mentionedIn`` the document, their names are
``rdfs:label`` and ``skos:altLabel``; relations are the triples behind the
``hkg:Assertion`` nodes derived from the document.

A predicted entity matches a gold entity of the same type when they share a
name (case, apostrophes, possessives and Swedish genitives aside) or a Wikidata
id; matching is one-to-one, greedy by the number of shared names. A predicted
relation is correct when both ends map to the gold ids of a gold relation with
the same predicate (either direction for the symmetric ones).

Examples
--------
>>> prf(8, 10, 16)
{'tp': 8, 'predicted': 10, 'gold': 16, 'precision': 0.8, 'recall': 0.5, 'f1': 0.615}
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError
from kg.names import exact_key, strip_genitive
from kg.store import read_build, read_graph
from kg.vocab import DCTERMS, HKG, OWL, PROV, RDF, RDFS, SKOS

TYPES = ("Person", "Organisation", "Meeting", "Resolution", "Place")
SYMMETRIC = {"metWith", "corresponded"}


@dataclass
class DocScore:
    """Counts and lists for one gold document."""

    doc_id: str
    entities: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    relations: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def prf(tp: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 (3 places) from counts."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "predicted": predicted, "gold": gold,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def name_keys(form: str) -> set[str]:
    """Comparable keys of a surface form: itself, without possessive, without genitive.

    Examples
    --------
    >>> sorted(name_keys("Stalins"))
    ['stalin', 'stalins']
    """
    key = exact_key(form).removesuffix("'s")
    keys = {key}
    base = strip_genitive(key, "sv")
    if base:
        keys.add(base)
    return keys


def evaluate_build(gold_dir: str | Path, build_dir: str | Path, corpus: str | Path | None = None,
                   graph: str | Path | None = None) -> dict:
    """Scores of every gold document against a build (built from ``corpus`` if missing),
    or against one graph file (``graph``: Turtle or TriG) when given."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise InputError(str(gold_dir), "no gold annotation files (*.json)")
    if graph is not None:
        dataset = read_graph(graph)
    else:
        dataset = _dataset(build_dir, corpus, [json.loads(p.read_text("utf-8"))["document"] for p in gold_files])
    scores = [score_document(json.loads(p.read_text("utf-8")), dataset) for p in gold_files]
    return summarise(scores)


def _dataset(build_dir, corpus, doc_ids) -> Dataset:
    if (Path(build_dir) / "graph.trig").is_file() or corpus is None:
        return read_build(build_dir)
    from kg.pipeline import build

    paths = [Path(corpus) / d for d in doc_ids]
    folder = tempfile.mkdtemp(prefix="kg-evaluate-")
    build(paths, folder)
    return read_build(folder)


def score_document(gold: dict, dataset: Dataset) -> DocScore:
    """Entity and relation counts of one document."""
    score = DocScore(gold["document"])
    doc = _document_node(dataset, gold["document"])
    predicted = _predicted_entities(dataset, doc) if doc else {}
    mapping = _match(gold["entities"], predicted)
    for t in TYPES:
        g = [e for e in gold["entities"] if e["type"] == t]
        p = [iri for iri, info in predicted.items() if info[0] == t]
        tp = sum(1 for iri in p if iri in mapping)
        score.entities[t] = [tp, len(p), len(g)]
        score.missed += [f"{t} {e['id']}" for e in g if e["id"] not in mapping.values()]
        score.spurious += [f"{t} {predicted[i][1]}" for i in p if i not in mapping]
    _score_relations(score, gold, dataset, doc, mapping)
    return score


def _document_node(dataset: Dataset, doc_id: str):
    for node in dataset.subjects(DCTERMS.identifier, None):
        if str(dataset.value(node, DCTERMS.identifier)) == doc_id:
            return node
    return None


def _predicted_entities(dataset: Dataset, doc) -> dict:
    """IRI -> (type, label, {name keys}, qid) of the entities mentioned in ``doc``."""
    found = {}
    for entity in sorted(set(dataset.subjects(HKG.mentionedIn, doc))):
        types = [str(t).rsplit("#", 1)[-1] for t in dataset.objects(entity, RDF.type)]
        etype = next((t for t in types if t in TYPES), None)
        if etype is None:
            continue
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in dataset.objects(entity, p)]
        qids = {str(o).rsplit("/", 1)[-1] for o in dataset.objects(entity, OWL.sameAs)}
        keys = set().union(*(name_keys(n) for n in names)) if names else set()
        found[entity] = (etype, str(dataset.value(entity, RDFS.label)), keys, qids)
    return found


def _match(gold_entities: list[dict], predicted: dict) -> dict:
    """Predicted IRI -> gold id, one-to-one, greedy by shared names."""
    pairs = []
    for g in gold_entities:
        gkeys = set().union(*(name_keys(m) for m in g.get("mentions", []) + [g.get("name", "")]))
        for iri, (ptype, _, pkeys, qids) in predicted.items():
            shared = len(gkeys & pkeys) + (5 if g.get("wikidata") and g["wikidata"] in qids else 0)
            if ptype == g["type"] and shared:
                pairs.append((-shared, g["id"], str(iri), iri))
    mapping, used = {}, set()
    for _, gid, _, iri in sorted(pairs):
        if iri not in mapping and gid not in used:
            mapping[iri] = gid
            used.add(gid)
    return mapping


def _score_relations(score: DocScore, gold: dict, dataset: Dataset, doc, mapping: dict) -> None:
    gold_set = {(r["s"], r["p"], r["o"]) for r in gold["relations"]}
    predicted = set()
    for assertion in (dataset.subjects(PROV.wasDerivedFrom, doc) if doc else ()):
        if (assertion, RDF.type, HKG.Assertion) not in dataset:
            continue
        s, p, o = (dataset.value(assertion, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        name = str(p).rsplit("#", 1)[-1]
        ends = tuple("doc" if x == doc else mapping.get(x, f"?{x}") for x in (s, o))
        predicted.add((ends[0], name, ends[1]))
    for pred in sorted({r[1] for r in gold_set | predicted}):
        g = {r for r in gold_set if r[1] == pred}
        p = {r for r in predicted if r[1] == pred}
        hits = {r for r in p if r in g or (pred in SYMMETRIC and (r[2], r[1], r[0]) in g)}
        score.relations[pred] = [len(hits), len(p), len(g)]
        found = hits | {(r[2], r[1], r[0]) for r in hits}
        score.missed += [f"relation {r}" for r in sorted(g - found)]
        score.spurious += [f"relation {r}" for r in sorted(p - hits)]


def summarise(scores: list[DocScore]) -> dict:
    """Micro-averaged scores per type, per predicate and overall."""
    def total(attr):
        sums = defaultdict(lambda: [0, 0, 0])
        for s in scores:
            for k, v in getattr(s, attr).items():
                sums[k] = [a + b for a, b in zip(sums[k], v)]
        overall = [sum(v[i] for v in sums.values()) for i in range(3)]
        return {k: prf(*v) for k, v in sorted(sums.items())}, prf(*overall)

    entities, entity_all = total("entities")
    relations, relation_all = total("relations")
    documents = {s.doc_id: {"entities": prf(*_sum(s.entities)), "relations": prf(*_sum(s.relations)),
                            "missed": s.missed, "spurious": s.spurious} for s in scores}
    return {"entities": entities, "entity_overall": entity_all, "relations": relations,
            "relation_overall": relation_all, "documents": documents}


def _sum(counts: dict) -> list[int]:
    return [sum(v[i] for v in counts.values()) for i in range(3)]


def format_report(report: dict, details: bool = False) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'':24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
    row = lambda name, s: f"{name:24}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}{s['tp']:6}{s['predicted']:6}{s['gold']:6}"  # noqa: E731
    lines += [row(f"entity {k}", v) for k, v in report["entities"].items()]
    lines.append(row("ENTITIES (micro)", report["entity_overall"]))
    lines += [row(f"relation {k}", v) for k, v in report["relations"].items()]
    lines.append(row("RELATIONS (micro)", report["relation_overall"]))
    for doc, scores in report["documents"].items():
        lines.append(row(f"{doc[:14]} entities", scores["entities"]))
        lines.append(row(f"{doc[:14]} relations", scores["relations"]))
    if details:
        for doc, lists in report["documents"].items():
            lines.append(f"\n{doc}")
            lines += [f"  missed   {m}" for m in lists["missed"]]
            lines += [f"  spurious {m}" for m in lists["spurious"]]
    return "\n".join(lines)
