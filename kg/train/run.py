"""Train, assemble and score kg's Swedish pipeline (``python -m kg.train``).

The parse model and the name model are trained side by side, one process per
core, each with the seed of its configuration; the name model's ``ner`` then
joins the parse model with its own copy of its tok2vec
(``replace_listeners``), so each keeps the features it was trained with. The
assembled pipeline is scored with spaCy's own scorer (``nlp.evaluate``) on the
held-out slices and on UD Swedish-LinES, a treebank of translated fiction and
manuals that nothing was trained on, and the scores are written next to it
as ``accuracy.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import Example

from kg.extract.tables import table_rows
from kg.train.data import foreign_docs, write_corpora

CONFIGS = Path(__file__).resolve().parent / "configs"
REPO = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO.parent / "shared" / "training"
DEFAULT_OUT = REPO / "kg_sv" / "pipeline"
FOREIGN = REPO / "benchmarks" / "data" / "ud-swedish-lines" / "sv_lines-ud-test.conllu"
#: Lemmas of strong and irregular verb forms (see the table's comments).
LEMMA_EXCEPTIONS = Path(__file__).resolve().parent / "lemma_exceptions.tsv"
#: What the pipeline's meta says about itself; the licence is the data's (CC BY-SA 4.0).
META = {
    "name": "kg_sv",
    "version": "1.0.0",
    "description": "kg's Swedish pipeline: tagging, morphology, lemmas, dependencies and names",
    "license": "CC BY-SA 4.0",
    "author": "kg",
    "sources": [
        {"name": "UD Swedish-Talbanken (dev, test)", "license": "CC BY-SA 4.0",
         "url": "https://github.com/UniversalDependencies/UD_Swedish-Talbanken"},
        {"name": "UD Swedish-PUD", "license": "CC BY-SA 4.0",
         "url": "https://github.com/UniversalDependencies/UD_Swedish-PUD"},
        {"name": "Swedish NER corpus (Webbnyheter 2012)", "license": "CC BY 4.0",
         "url": "https://github.com/klintan/swedish-ner-corpus"},
    ],
}


def train(config: str, corpus: Path, out: Path, name: str) -> subprocess.Popen:
    """Start ``spacy train`` for one configuration on one core, on the ``name-*.spacy`` corpora."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    log = (out.parent / f"{name}.log").open("w", encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "spacy", "train", str(CONFIGS / config), "--output", str(out),
         "--paths.train", str(corpus / f"{name}-train.spacy"),
         "--paths.dev", str(corpus / f"{name}-dev.spacy")],
        stdout=log, stderr=subprocess.STDOUT, env=env)


def assemble(parse_dir: Path, ner_dir: Path) -> spacy.Language:
    """The parse model with the name model's ``ner`` (and a private copy of its tok2vec)."""
    nlp = spacy.load(parse_dir)
    names = spacy.load(ner_dir)
    names.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=names)
    add_lemma_exceptions(nlp)
    nlp.meta.update(META)
    return nlp


def add_lemma_exceptions(nlp: spacy.Language) -> spacy.Language:
    """Add ``lemma_exceptions``, an ``attribute_ruler`` after the lemmatizer that gives the verb
    forms of :data:`LEMMA_EXCEPTIONS` their lemma (spaCy's own component: any spaCy loads it).

    Examples
    --------
    >>> nlp = add_lemma_exceptions(spacy.blank("sv"))
    >>> doc = nlp.make_doc("han låg lågt")
    >>> for token, pos in zip(doc, ["PRON", "VERB", "ADV"]):
    ...     token.pos_ = pos
    >>> [t.lemma_ for t in nlp.get_pipe("lemma_exceptions")(doc)]
    ['', 'ligga', '']
    """
    ruler = nlp.add_pipe("attribute_ruler", name="lemma_exceptions",
                         **({"after": "trainable_lemmatizer"} if "trainable_lemmatizer" in nlp.pipe_names else {}))
    for row in table_rows(LEMMA_EXCEPTIONS):
        if row["lang"] == nlp.lang:
            ruler.add([[{"LOWER": row["form"], "POS": {"IN": ["VERB", "AUX"]}}]], {"LEMMA": row["lemma"]})
    return nlp


def scores(nlp: spacy.Language, docs) -> dict:
    """spaCy's scores of ``nlp`` on gold ``docs``, re-tokenised from their text."""
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    raw = nlp.evaluate(examples)
    keep = ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p", "sents_r", "sents_f",
            "ents_p", "ents_r", "ents_f", "ents_per_type")
    return {k: _rounded(raw[k]) for k in keep if raw.get(k) is not None}


def _rounded(value):
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in sorted(value.items())}
    return round(float(value), 4)


def accuracy(nlp: spacy.Language, corpus: Path) -> dict:
    """The accuracy report: held-out slices and the foreign treebank, with what they are."""
    def load(name: str):
        return list(DocBin().from_disk(corpus / name).get_docs(nlp.vocab))

    ud = scores(nlp, load("ud-heldout.spacy"))
    ner = scores(nlp, load("ner-heldout.spacy"))
    foreign = scores(nlp, foreign_docs(FOREIGN, nlp.vocab))
    return {
        "pipeline": f"{nlp.meta['name']} {nlp.meta['version']}",
        "ud-heldout": {"data": "UD Swedish-Talbanken dev+test and UD Swedish-PUD, sentences 0 and 10 of every 20",
                       **{k: v for k, v in ud.items() if not k.startswith("ents")}},
        "ner-heldout": {"data": "Swedish NER corpus, test_corpus.txt (the whole file)",
                        **{k: v for k, v in ner.items() if k.startswith("ents")}},
        "other-genre": {"data": "UD Swedish-LinES test (translated fiction, manuals, Europarl); not trained on",
                        **{k: v for k, v in foreign.items() if not k.startswith("ents")}},
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m kg.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with the corpora (default: ../shared/training)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the pipeline goes (default: kg_sv/pipeline)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "train",
                        help="scratch folder for corpora, checkpoints and logs (default: build/train)")
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(f"error: {args.source}: no such folder (pass --source)", file=sys.stderr)
        return 2
    started = time.monotonic()
    corpus = args.work / "corpus"
    counts = write_corpora(args.source, corpus)
    print("corpora:", ", ".join(f"{k} {v} tokens" for k, v in counts.items()), flush=True)
    jobs = {"parse": train("parse.cfg", corpus, args.work / "parse", "ud"),
            "ner": train("ner.cfg", corpus, args.work / "ner", "ner")}
    print(f"training the parse and name models; logs in {args.work}/{{ud,ner}}.log", flush=True)
    failed = [name for name, job in jobs.items() if job.wait() != 0]
    if failed:
        print(f"error: training {', '.join(failed)} failed; see the logs in {args.work}", file=sys.stderr)
        return 1
    nlp = assemble(args.work / "parse" / "model-best", args.work / "ner" / "model-best")
    report = accuracy(nlp, corpus)
    report["training minutes"] = round((time.monotonic() - started) / 60, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    (args.out.parent / "accuracy.json").write_text(text, encoding="utf-8")
    print(text)
    return 0
