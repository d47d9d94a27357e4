"""Training data for the Swedish pipeline, as spaCy ``DocBin`` files.

Every corpus is split by sentence position, never at random, so the split is
the same on every machine: of every 20 sentences, numbers 0 and 10 are held
out for the accuracy report, number 5 goes to the development set that picks
the best checkpoint, and the other 17 are trained on. The NER corpus has its
own test file, which is held out whole.

Examples
--------
>>> [slice_of(i) for i in range(6)]
['heldout', 'train', 'train', 'train', 'train', 'dev']
>>> ner_sentences(["Gunhild\\tPER", "Westman PER", ",\\t0", "bn", "", "i\\t0"])
[(['Gunhild', 'Westman', ','], ['PER', 'PER', '0']), (['i'], ['0'])]
>>> iob(["PER", "PER", "0", "LOC"])
['B-PER', 'I-PER', 'O', 'B-LOC']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

# The UD files of ../shared/training/ trained on, by folder.
TREEBANKS = {
    "ud-swedish-talbanken": ("sv_talbanken-ud-dev.conllu", "sv_talbanken-ud-test.conllu"),
    "ud-swedish-pud": ("sv_pud-ud-test.conllu",),
}
NER_TRAIN = "swedish-ner-corpus/train_corpus.txt"
NER_TEST = "swedish-ner-corpus/test_corpus.txt"
# Documents of this many sentences, so that the parser learns where sentences end.
SENTENCES_PER_DOC = 10


def slice_of(index: int) -> str:
    """The slice (``train``, ``dev`` or ``heldout``) of a corpus's sentence ``index``."""
    position = index % 20
    if position in (0, 10):
        return "heldout"
    if position == 5:
        return "dev"
    return "train"


def conllu_sentences(path: Path) -> list[str]:
    """The sentence blocks of a CoNLL-U file, in file order."""
    text = path.read_text(encoding="utf-8")
    return [block for block in text.split("\n\n") if block.strip()]


def conllu_docs(blocks: Iterable[str], vocab: Vocab) -> list[Doc]:
    """Docs of :data:`SENTENCES_PER_DOC` sentences from CoNLL-U sentence blocks."""
    text = "\n\n".join(blocks) + "\n"
    return list(conllu_to_docs(text, n_sents=SENTENCES_PER_DOC, merge_subtokens=True,
                               no_print=True))


def ner_sentences(lines: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """(words, tags) per sentence of the NER corpus's token-per-line format.

    The separator is a tab on some lines and spaces on others, so each line is
    split on its last run of whitespace. Soft hyphens are dropped from the words,
    and a line with no tag is skipped.
    """
    sentences, words, tags = [], [], []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        fields = line.rsplit(None, 1)
        if len(fields) < 2:
            continue  # a stray line without a tag (one in the training file)
        word, tag = fields
        word = word.replace("\u00ad", "").strip()
        if word:
            words.append(word)
            tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def iob(tags: list[str]) -> list[str]:
    """IOB tags, as ``Doc(ents=...)`` takes them, from the corpus's prefix-less ones.

    ``0`` is outside; a run of one label is one name (the corpus cannot mark
    two adjacent names of one label, and has no such case).
    """
    out = []
    for i, tag in enumerate(tags):
        if tag == "0":
            out.append("O")
        elif i > 0 and tags[i - 1] == tag:
            out.append(f"I-{tag}")
        else:
            out.append(f"B-{tag}")
    return out


def ner_docs(sentences: list[tuple[list[str], list[str]]], vocab: Vocab) -> list[Doc]:
    """Docs of :data:`SENTENCES_PER_DOC` sentences with their entities."""
    docs = []
    for start in range(0, len(sentences), SENTENCES_PER_DOC):
        group = sentences[start:start + SENTENCES_PER_DOC]
        words = [w for ws, _ in group for w in ws]
        ents = [t for _, ts in group for t in iob(ts)]
        starts = [j == 0 for ws, _ in group for j in range(len(ws))]
        docs.append(Doc(vocab, words=words, ents=ents, sent_starts=starts))
    return docs


def treebank_slices(source: Path) -> dict[str, dict[str, list[str]]]:
    """The CoNLL-U sentence blocks of each treebank of ``source`` by slice, by folder.

    Each treebank is split on its own, so every one has a held-out slice.
    """
    slices = {}
    for folder, names in TREEBANKS.items():
        blocks = [b for name in names for b in conllu_sentences(source / folder / name)]
        slices[folder] = {part: [b for i, b in enumerate(blocks) if slice_of(i) == part]
                          for part in ("train", "dev", "heldout")}
    return slices


def heldout_blocks(source: Path) -> dict[str, list[str]]:
    """The held-out CoNLL-U sentence blocks of each treebank of ``source``, by folder."""
    return {folder: parts["heldout"] for folder, parts in treebank_slices(source).items()}


def heldout_docs(folder: Path, vocab: Vocab) -> tuple[list[Doc], list[Doc]]:
    """The UD and NER held-out docs kept in ``folder`` (``benchmarks/data/kg-sv-heldout``), as ``make model`` scores them."""
    ud = [doc for name in TREEBANKS for doc in conllu_docs(conllu_sentences(folder / f"{name}-heldout.conllu"), vocab)]
    names = ner_sentences((folder / "swedish-ner-corpus-test.txt").read_text(encoding="utf-8").splitlines())
    return _in(vocab, ud), ner_docs(names, vocab)


def _in(vocab: Vocab, docs: list[Doc]) -> list[Doc]:
    # The converter makes docs in a vocab of its own; a DocBin carries them into ``vocab``.
    return list(DocBin(docs=docs).get_docs(vocab))


def _save(docs: list[Doc], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return sum(len(doc) for doc in docs)


def write_corpora(source: Path, out: Path) -> dict[str, int]:
    """Write ``ud-{train,dev,heldout}.spacy`` and ``ner-{train,dev,heldout}.spacy``.

    Returns the number of tokens in each file, by file name.
    """
    vocab = Vocab()
    counts: dict[str, int] = {}
    slices: dict[str, list[Doc]] = {"train": [], "dev": [], "heldout": []}
    for parts in treebank_slices(source).values():
        for part, chosen in parts.items():
            slices[part].extend(conllu_docs(chosen, vocab))
    for part, docs in slices.items():
        counts[f"ud-{part}.spacy"] = _save(docs, out / f"ud-{part}.spacy")
    train = ner_sentences((source / NER_TRAIN).read_text(encoding="utf-8").splitlines())
    test = ner_sentences((source / NER_TEST).read_text(encoding="utf-8").splitlines())
    ner = {
        "train": [s for i, s in enumerate(train) if i % 20 != 5],
        "dev": [s for i, s in enumerate(train) if i % 20 == 5],
        "heldout": test,
    }
    for part, sentences in ner.items():
        counts[f"ner-{part}.spacy"] = _save(ner_docs(sentences, vocab), out / f"ner-{part}.spacy")
    return counts


def foreign_docs(path: Path, vocab: Vocab | None = None) -> Iterator[Doc]:
    """Docs of a treebank kg does not train on, for the out-of-genre score."""
    vocab = vocab or Vocab()
    yield from _in(vocab, conllu_docs(conllu_sentences(path), vocab))
