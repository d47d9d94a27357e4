"""Turn the ``kg_mentions`` spans of a spaCy doc into :class:`~kg.model.Mention` values.

This is where offsets go back to the original file: the doc was made from the
cleaned text, a mention records where its words stand in the source as read.
Meetings and resolutions also get the date the sentence gives for them: the
first date expression after the mention in the same sentence ("CK-plenum den 6
oktober 1922", "at its meeting on September 15, 1922").

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract.nlp import make_nlp
>>> document = ingest(SourceText("x.txt", "x.txt", "Plenum den 6 oktober 1922 antog resolutionen."), "sv")
>>> doc = make_nlp("sv")(document.clean)
>>> [(m.text, m.label, m.date.value if m.date else None)
...  for m in to_mentions(doc._.kg_candidates, [s.end_char for s in doc.sents], document)]
[('Plenum', 'Meeting', '1922-10-06'), ('resolutionen', 'Resolution', None)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from kg.dates import iter_dates
from kg.model import DateValue, Document, Mention
from kg.names import strip_genitive

_DATED = frozenset({"Meeting", "Resolution"})
#: How far after a meeting or resolution its date may stand (characters of clean text).
DATE_REACH = 80
#: How far into its sentence an opening date may start ("In", "Den", "On" and spaces).
OPENING = 6


def to_mentions(candidates, sentence_ends: list[int], document: Document,
                dates: list | None = None) -> tuple[Mention, ...]:
    """Mentions for candidates (clean-text offsets), in the same order, with original
    offsets, norms and, for meetings and resolutions, dates (``dates`` from
    :func:`document_dates`, computed here when not given)."""
    dates = document_dates(document) if dates is None else dates
    mentions = []
    for cand in candidates:
        start, end = document.to_original(cand.start, cand.end)
        date = _date_after(cand, dates, sentence_ends) if cand.label in _DATED else None
        mentions.append(Mention(
            doc_id=document.doc_id, start=start, end=end, text=document.text[start:end],
            label=cand.label, key=cand.key, candidates=cand.candidates,
            norm=norm_form(cand.text, document.lang), method=cand.method,
            confidence=cand.confidence, date=date))
    return tuple(mentions)


def document_dates(document: Document) -> list:
    """Every date expression of the clean text: ``(start, end, DateValue)``, sorted.

    "den 26 september" takes its year from the date the document was written or,
    when the text does not say, from the year it names most often.
    """
    return list(iter_dates(document.clean, document.lang, anchor_year(document)))


def anchor_year(document: Document) -> int | None:
    """The year partial dates in ``document`` belong to.

    Examples
    --------
    >>> from kg.model import Document
    >>> anchor_year(Document("x", "x", "", "I maj 1922 ... 1922 ... 1917", (0,), "sv"))
    1922
    """
    if document.created:
        return int(document.created.value[:4])
    years = Counter(re.findall(r"\b(1[89]\d\d|20\d\d)\b", document.clean))
    return int(max(years, key=lambda y: (years[y], y))) if years else None


def norm_form(text: str, lang: str) -> str:
    """The name without line breaks, possessive or Swedish genitive.

    Examples
    --------
    >>> norm_form("Stalin’s", "en"), norm_form("Bucharins", "sv"), norm_form("RKP(b):s", "sv")
    ('Stalin', 'Bucharin', 'RKP(b)')
    """
    text = " ".join(text.split())
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    if lang == "sv" and text[:1].isupper():
        words = text.rsplit(" ", 1)
        base = strip_genitive(words[-1], lang) if not words[-1].isupper() else None
        if base and base[-1:] not in "s":
            text = " ".join([*words[:-1], base])
    return text


def _date_after(cand, dates, sentence_ends) -> DateValue | None:
    """The first date after the mention in its sentence or, failing that, a date that
    opens the sentence ("In October 1923 the joint plenum ...")."""
    # Both lists are sorted by offset: bisect instead of scanning (large texts).
    i = bisect_left(sentence_ends, cand.end)
    limit = min(sentence_ends[i] if i < len(sentence_ends) else cand.end + DATE_REACH, cand.end + DATE_REACH)
    j = bisect_left(dates, (cand.end,))
    if j < len(dates) and dates[j][0] <= limit:
        return dates[j][2]
    sentence_start = sentence_ends[i - 1] if i > 0 else 0
    k = bisect_left(dates, (sentence_start,))
    if k < len(dates) and dates[k][1] <= cand.start and dates[k][0] - sentence_start <= OPENING:
        return dates[k][2]
    return None
