"""Make a synthetic corpus of a given size from the bundled texts (seeded, reproducible).

Each synthetic document is one language: a seeded random sample of that language's
paragraphs, as they stand in the source files (PDF artefacts included, so cleaning
has its real work to do). Languages are drawn in proportion to the bundled words
unless ``--langs`` says otherwise.

Example: .venv/bin/python benchmarks/make_corpus.py --words 250000 --out /tmp/corpus-250k
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_paragraphs(corpus: Path) -> dict[str, list[str]]:
    """Paragraphs of the bundled texts by language, verbatim from the files.

    A paragraph is a line of the cleaned text, cut back out of the original file
    through the offset map (so hyphenation and blank lines between lines stay).
    """
    from kg.ingest import clean_text, detect_language

    paragraphs: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text("utf-8")
        clean, offsets = clean_text(text)
        lang = detect_language(clean)
        for line in re.finditer(r"[^\n]+", clean):
            if len(line.group(0).split()) >= 3:
                paragraphs[lang].append(text[offsets[line.start()]:offsets[line.end() - 1] + 1])
    return dict(paragraphs)


def make_corpus(words: int, out: Path, doc_words: int = 2000, seed: int = 1,
                langs: tuple[str, ...] | None = None, corpus: Path = ROOT / "corpus") -> list[Path]:
    """Write documents of about ``doc_words`` words until ``words`` words are written."""
    rng = random.Random(seed)
    paragraphs = read_paragraphs(corpus)
    pool = {lang: ps for lang, ps in sorted(paragraphs.items()) if langs is None or lang in langs}
    weights = [sum(len(p.split()) for p in ps) for ps in pool.values()]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written, paths = 0, []
    while written < words:
        lang = rng.choices(list(pool), weights)[0]
        picked, n = [], 0
        while n < min(doc_words, words - written):
            paragraph = rng.choice(pool[lang])
            picked.append(paragraph)
            n += len(paragraph.split())
        path = out / f"syn_{len(paths):05d}_{lang}.txt"
        path.write_text("\n\n".join(picked) + "\n", encoding="utf-8")
        paths.append(path)
        written += n
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, required=True, help="Total words to write (whitespace-separated).")
    parser.add_argument("--out", type=Path, required=True, help="Folder for the documents (replaced).")
    parser.add_argument("--doc-words", type=int, default=2000, help="Words per document (about).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed.")
    parser.add_argument("--langs", default=None, help="Comma-separated languages to draw from (default: all).")
    args = parser.parse_args()
    langs = tuple(args.langs.split(",")) if args.langs else None
    paths = make_corpus(args.words, args.out, args.doc_words, args.seed, langs)
    print(f"{len(paths)} documents in {args.out}")


if __name__ == "__main__":
    main()
