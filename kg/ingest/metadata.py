"""Title, author and date of writing, from what a text states about itself.

Letters and circulars of the period, as archives publish them, open with a small
header: an author line (``V I Lenin``, ``Leo Trotskij:``), one or more heading
lines (the title, an addressee line), sometimes a dated heading (``(21 oktober
1928)``, ``Den 26 september``, ``26.IX.``) and a salutation (``Kamrater!``). They
close with a signature (``Er Lenin``; ``Yours,`` / ``Lenin``) and an editor's
colophon (``Skrivet den 26 september 1922.``, ``Written: 26 September 1922``).
The rules below read those parts of the cleaned text, one paragraph at a time;
a text that starts with running prose (a book chapter) simply has no header.
"""

from __future__ import annotations

import re

from kg.dates import iter_dates, parse_date
from kg.ingest.language import FUNCTION_WORDS
from kg.model import DateValue

_HEADING_MAX = 150  # characters; longer paragraphs are prose
_DATE_LINE_MAX = 60
_NAME_MAX = 40
_INITIALS = re.compile(r"(?:[A-ZÅÄÖ]\.?){1,3}")
_NAME_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäöéüëï’'-]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?")
# Words that make a short capitalised line a heading rather than a name.
_NOT_NAMES = frozenset(
    "brev letter notes noter rapport report tal speech resolution circular cirkulär".split()
).union(*FUNCTION_WORDS.values())
_COLOPHON = re.compile(r"(?:Skrivet|Skriven|Skrevs|Daterat|Daterad|Written|Dated)\b[:\s]", re.IGNORECASE)
_VALEDICTION = re.compile(
    r"(?:Er|Eder|Din|Er tillgivne|Med kamratlig hälsning|Med kommunistisk hälsning|"
    r"Yours|Yours truly|Yours sincerely|Yours fraternally|With communist greetings|Fraternally)"
    r"\s*[,.]?\s*(?P<name>.*)"
)
# What may surround the date in a dated heading: "Den 26 september", "(21 oktober 1928)".
_DATE_LINE_WORDS = frozenset("den the on dated daterat daterad skrivet written".split())
_PRECISION = {"gYear": 0, "gYearMonth": 1, "date": 2}
_YEAR = re.compile(r"(?<!\d)1[5-9]\d\d(?!\d)")


def _paragraphs(clean: str) -> list[str]:
    return [p.strip() for p in clean.split("\n\n") if p.strip()]


def _is_name(line: str, single: bool = False) -> bool:
    """Is ``line`` a personal name: initials and capitalised words, ending in a surname?"""
    tokens = line.split()
    if not tokens or len(line) > _NAME_MAX or len(tokens) > 5 or (len(tokens) < 2 and not single):
        return False
    if any(t.lower() in _NOT_NAMES for t in tokens if not _INITIALS.fullmatch(t)):
        return False
    *first, last = tokens
    return bool(_NAME_WORD.fullmatch(last)) and all(
        _INITIALS.fullmatch(t) or _NAME_WORD.fullmatch(t) for t in first
    )


def _author_line(paragraph: str) -> str | None:
    """The author of an author line (``VI Lenin``, ``Leo Trotskij:``), else None."""
    name = paragraph.removesuffix(":").strip()
    return name if _is_name(name, single=paragraph.endswith(":")) else None


def _is_date_line(paragraph: str, lang: str) -> bool:
    """Is the paragraph only a date, as in a dated heading (``Den 26 september``, ``(21 oktober 1928)``)?"""
    if len(paragraph) > _DATE_LINE_MAX:
        return False
    # Any year will do to recognise a day-and-month expression; 2000 admits 29 February.
    found = list(iter_dates(paragraph, lang, anchor_year=2000))
    if len(found) != 1:
        return False
    start, end, _ = found[0]
    rest = re.findall(r"[^\W\d_]+", paragraph[:start] + " " + paragraph[end:])
    return all(word.lower() in _DATE_LINE_WORDS for word in rest)


def _is_heading(paragraph: str, lang: str) -> bool:
    """A title line: short, capitalised, no sentence end, not a salutation or a bracketed note."""
    if len(paragraph) > _HEADING_MAX or not paragraph[0].isupper():
        return False
    if paragraph[-1] in ".!," or _is_date_line(paragraph, lang):
        return False
    return True


def _title(paragraphs: list[str], lang: str) -> tuple[str | None, int]:
    """Join the heading paragraphs at the start; return the title and how many were used."""
    parts: list[str] = []
    for paragraph in paragraphs[:3]:
        if not _is_heading(paragraph, lang):
            break
        parts.append(paragraph if not parts or parts[-1][-1] in ".:?!" else f". {paragraph}")
    return ("".join(parts) or None), len(parts)


def _signature(paragraphs: list[str]) -> str | None:
    """The name after a valediction (``Er Lenin``, or ``Yours,`` then ``Lenin``)."""
    for i, paragraph in enumerate(paragraphs):
        m = _VALEDICTION.fullmatch(paragraph) if len(paragraph) <= _NAME_MAX else None
        if m is None:
            continue
        name = m.group("name") or (paragraphs[i + 1] if i + 1 < len(paragraphs) else "")
        if _is_name(name.rstrip("."), single=True):
            return name.rstrip(".")
    return None


def _created(paragraphs: list[str], header: int, lang: str) -> DateValue | None:
    """The date of writing: a colophon (``Skrivet den ...``) or a dated heading, the more precise.

    A heading without a year (``Den 26 september``) takes its year from the header
    lines or the colophon; otherwise it gives no date.
    """
    colophon = next((parse_date(p, lang) for p in paragraphs if _COLOPHON.match(p)), None)
    years = _YEAR.findall(" ".join(paragraphs[:header]))
    anchor = int(years[0]) if years else (int(colophon.value[:4]) if colophon else None)
    dated = [p for p in paragraphs[header : header + 2] if _is_date_line(p, lang)]
    heading = parse_date(dated[0], lang, anchor) if dated else None
    if heading is None:
        return colophon
    if colophon is None or _PRECISION[heading.datatype] > _PRECISION[colophon.datatype]:
        return heading
    return colophon


def read_metadata(clean: str, lang: str) -> tuple[str | None, str | None, DateValue | None]:
    """Read the title, author and date of writing that a text states.

    Parameters
    ----------
    clean : str
        The cleaned text (paragraphs separated by blank lines), see :func:`~kg.ingest.clean.clean_text`.
    lang : str
        ``"sv"`` or ``"en"`` (month names for dates).

    Returns
    -------
    tuple
        ``(title, author, created)``; each None when the text does not state it.
        Heading lines are joined with ``". "``; the author is verbatim.

    Examples
    --------
    >>> text = "V I Lenin\\n\\nTill alla partimedlemmar\\n\\nKamrater! Vi har segrat.\\n\\nSkrivet den 5-6 (18-19) november 1917."
    >>> title, author, created = read_metadata(text, "sv")
    >>> title, author, created.value
    ('Till alla partimedlemmar', 'V I Lenin', '1917-11-18')
    """
    paragraphs = _paragraphs(clean)
    author = _author_line(paragraphs[0]) if paragraphs else None
    skip = 1 if author else 0
    title, used = _title(paragraphs[skip:], lang)
    return title, author or _signature(paragraphs), _created(paragraphs, skip + used, lang)
