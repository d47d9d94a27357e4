"""The ingest stage: source files in, :class:`~kg.model.Document` values out.

``iter_paths`` finds the files, ``read_source`` decodes one, and ``ingest`` cleans
it (with an offset map back to the original), settles its language and reads the
title, author and date it states.
"""

from __future__ import annotations

from kg.errors import UNKNOWN_LANG, InputError
from kg.ingest.clean import clean_text
from kg.ingest.language import detect_language
from kg.ingest.metadata import read_metadata
from kg.ingest.read import iter_paths, read_source
from kg.model import Document, SourceText

__all__ = ["clean_text", "detect_language", "ingest", "iter_paths", "read_metadata", "read_source"]

#: The languages kg extracts from.
LANGUAGES = ("sv", "en")


def ingest(source: SourceText, lang: str | None = None) -> Document:
    """Turn a source text into a document ready for extraction.

    Parameters
    ----------
    source : SourceText
        The text as read by :func:`read_source`.
    lang : str, optional
        ``"sv"`` or ``"en"`` to force the language; None detects it.

    Returns
    -------
    Document
        The original text, the clean text and its offset map, the language, and
        the title, author and date of writing when the text states them.

    Raises
    ------
    InputError
        The language is neither detected nor given as ``"sv"`` or ``"en"``.

    Examples
    --------
    >>> source = SourceText("brev.txt", "brev.txt", "V I Lenin\\n\\nStalin har gått med på att uppskjuta resolu-\\ntionen.")
    >>> doc = ingest(source)
    >>> doc.lang, doc.author, doc.clean[-23:]
    ('sv', 'V I Lenin', 'uppskjuta resolutionen.')
    >>> doc.text[slice(*doc.to_original(len(doc.clean) - 13, len(doc.clean) - 1))]
    'resolu-\\ntionen'
    """
    clean, offsets = clean_text(source.text)
    lang = lang or detect_language(clean)
    if lang not in LANGUAGES:
        raise InputError(source.path, UNKNOWN_LANG)
    title, author, created = read_metadata(clean, lang)
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=source.text,
        clean=clean,
        offsets=offsets,
        lang=lang,
        title=title,
        author=author,
        created=created,
    )
