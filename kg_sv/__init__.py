"""kg's Swedish spaCy pipeline, trained by ``make model`` (see ``README.md`` here).

The pipeline files are under CC BY-SA 4.0 (``LICENSE`` here), apart from kg's
MIT code. It is a plain spaCy pipeline: ``spacy.load(kg_sv.PATH)`` reads it
too.
"""

from __future__ import annotations

from pathlib import Path

#: The pipeline's folder, as ``spacy.load`` takes it.
PATH = Path(__file__).resolve().parent / "pipeline"


def load(**overrides):
    """The pipeline (``spacy.load`` keyword arguments pass through)."""
    import spacy

    return spacy.load(PATH, **overrides)
