"""Date expressions in Swedish and English historical prose, as :class:`~kg.model.DateValue`.

The texts state dates the way Soviet-history sources do: ``26 september 1922``,
``September 23 and 24, 1922``, ``den 23-24 september`` (year given elsewhere),
``5-6 (18-19) november 1917`` (Old Style with the New Style date in brackets),
``i juli 1928``, a bare ``1923``, a Roman month ``26.IX.`` or ISO ``1922-09-26``.
One regular expression per language finds them all; each match is turned into the
most precise value the words support (``date``, ``gYearMonth`` or ``gYear``), with
an EDTF string for ranges (``a/b``) and "one of" days (``[a,b]``, from "5 eller 6 mars").

Dual dates keep the New Style day as the value: the Gregorian calendar is what
every other date in the graph uses, so comparisons and time slices stay consistent.

Examples
--------
>>> from kg.dates import parse_date
>>> parse_date("Skrivet den 26 september 1922.", "sv")
DateValue(value='1922-09-26', datatype='date', edtf=None)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from kg.model import DateValue

#: Month names and abbreviations per language, lower case, mapped to month numbers.
MONTHS: dict[str, dict[str, int]] = {
    "sv": {
        "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
        "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11,
        "december": 12, "jan": 1, "febr": 2, "feb": 2, "apr": 4, "aug": 8,
        "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
    },
    "en": {
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
        "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
        "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    },
}

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
          "IX": 9, "X": 10, "XI": 11, "XII": 12}

# Joiners between two day numbers: a dash or "och"/"and" make a range, "eller"/"or"
# an uncertain choice between the two days.
_RANGE = r"\s*(?:[-–—]|och|and|&)\s*"
_EITHER = r"\s+(?:eller|or)\s+"


def _month_pattern(lang: str) -> str:
    """Alternation of the month names of ``lang`` (both languages when unknown)."""
    names = set(MONTHS.get(lang, {})) or set(MONTHS["sv"]) | set(MONTHS["en"])
    words = []
    for name in sorted(names, key=len, reverse=True):
        # English months are capitalised; requiring it keeps the verb "may" out.
        first = name[0].upper() if lang == "en" else f"[{name[0].upper()}{name[0]}]"
        dot = r"\.?" if len(name) <= 4 else ""
        words.append(f"{first}{name[1:]}{dot}")
    return "(?:" + "|".join(words) + ")"


@lru_cache(maxsize=4)
def _date_regex(lang: str) -> re.Pattern[str]:
    """The one pattern that finds every date expression kg understands in ``lang``."""
    m = _month_pattern(lang)
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:1[5-9]\d\d|20\d\d)"
    sep = f"(?:(?P<range>{_RANGE})|(?P<either>{_EITHER}))"
    alternatives = [
        # 5-6 (18-19) november 1917 / 25 oktober (7 november) 1917
        rf"(?P<o1>{day})(?:[-–](?P<o2>{day}))?(?:\s+(?P<om>{m}))?\s*\((?P<n1>{day})"
        rf"(?:[-–](?P<n2>{day}))?(?:\s+(?P<nm>{m}))?\)\s*(?P<dm>{m})?(?:,?\s+(?P<dy>{year}))?",
        # 26 september 1922 / 23-24 september / 20 och 21 april 1923
        rf"(?P<d1>{day})(?:st|nd|rd|th)?(?:{sep}(?P<d2>{day}))?\.?\s+(?P<m>{m})(?:,?\s+(?P<y>{year}))?",
        # September 23 and 24, 1922 / October 2
        rf"(?P<em>{m})\s+(?P<e1>{day})(?:st|nd|rd|th)?"
        rf"(?:(?P<erange>{_RANGE})(?P<e2>{day}))?(?:,?\s+(?P<ey>{year}))?",
        # i juli 1928 / October 1917
        rf"(?P<ym>{m})\s+(?P<yy>{year})",
        # 26.IX. / 26.IX.1922
        rf"(?P<rd>{day})\.(?P<rm>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.(?:\s?(?P<ry>{year}))?",
        # 1922-09-26
        rf"(?P<iy>{year})-(?P<im>0[1-9]|1[0-2])-(?P<id>{day})",
        # a bare year
        rf"(?P<by>{year})",
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def _month(name: str | None, lang: str) -> int | None:
    """Month number of a (possibly abbreviated, dotted) month name."""
    if not name:
        return None
    key = name.rstrip(".").lower()
    return MONTHS.get(lang, {}).get(key) or MONTHS["sv"].get(key) or MONTHS["en"].get(key)


def _day(year: int | None, month: int, day: int | None) -> str | None:
    """ISO date string, or None when the year is unknown or the day does not exist."""
    if year is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _value(year: int | None, month: int | None, days: tuple, mode: str | None) -> DateValue | None:
    """Build the DateValue for a year, month and one or two days joined by ``mode``."""
    if year is None:
        return None
    if month is None:
        return DateValue(str(year), "gYear")
    if days[0] is None:
        return DateValue(f"{year}-{month:02d}", "gYearMonth")
    first = _day(year, month, days[0])
    if first is None:
        return None
    last = _day(year, month, days[1]) if days[1] is not None else None
    if last is None or last <= first:
        return DateValue(first, "date")
    edtf = f"[{first},{last}]" if mode == "either" else f"{first}/{last}"
    return DateValue(first, "date", edtf)


def _numbers(groups: dict):
    """Accessor returning a named group as int, or None when it did not take part."""
    return lambda key: int(groups[key]) if groups.get(key) else None


def _to_value(g: dict, lang: str, anchor: int | None) -> DateValue | None:
    """Turn the named groups of one match into a DateValue (None if it is incomplete)."""
    num = _numbers(g)
    if g.get("n1"):
        month = _month(g["nm"] or g["dm"] or g["om"], lang)
        if month is None:  # "5 (18)" without a month name is not a date
            return None
        return _value(num("dy") or anchor, month, (num("n1"), num("n2")), "range")
    if g.get("d1"):
        mode = "either" if g["either"] else "range"
        return _value(num("y") or anchor, _month(g["m"], lang), (num("d1"), num("d2")), mode)
    if g.get("e1"):
        return _value(num("ey") or anchor, _month(g["em"], lang), (num("e1"), num("e2")), "range")
    if g.get("ym"):
        return _value(num("yy"), _month(g["ym"], lang), (None, None), None)
    if g.get("rd"):
        return _value(num("ry") or anchor, _ROMAN[g["rm"]], (num("rd"), None), None)
    if g.get("iy"):
        return _value(num("iy"), num("im"), (num("id"), None), None)
    return _value(num("by"), None, (None, None), None)


def iter_dates(text: str, lang: str, anchor_year: int | None = None) -> Iterator[tuple[int, int, DateValue]]:
    """Yield ``(start, end, value)`` for every date expression in ``text``.

    Parameters
    ----------
    text : str
        Any text; offsets index it.
    lang : str
        ``"sv"`` or ``"en"``: which month names to recognise (both for anything else).
    anchor_year : int, optional
        The year to assume for day-and-month expressions that state none
        (``den 23-24 september``); without it such expressions are skipped.

    Returns
    -------
    Iterator[tuple[int, int, DateValue]]
        Spans in text order; a bare year is a ``gYear``.

    Examples
    --------
    >>> s = "Kommissionen sammanträdde den 23-24 september och CK den 6 oktober 1922."
    >>> [(s[a:b], v.value, v.edtf) for a, b, v in iter_dates(s, "sv", anchor_year=1922)]
    [('23-24 september', '1922-09-23', '1922-09-23/1922-09-24'), ('6 oktober 1922', '1922-10-06', None)]
    """
    for match in _date_regex(lang).finditer(text):
        value = _to_value(match.groupdict(), lang, anchor_year)
        if value is not None:
            yield match.start(), match.end(), value


def parse_date(text: str, lang: str, anchor_year: int | None = None) -> DateValue | None:
    """Parse the first date expression in ``text``.

    Parameters
    ----------
    text : str
        A date expression, possibly inside a phrase (``"Skrivet den 26 september 1922."``).
    lang : str
        ``"sv"`` or ``"en"``.
    anchor_year : int, optional
        Year for expressions that state only day and month.

    Returns
    -------
    DateValue or None
        The value, or None when ``text`` holds no complete date.

    Examples
    --------
    A dual Old Style / New Style date keeps the New Style days:

    >>> parse_date("Skrivet den 5-6 (18-19) november 1917.", "sv")
    DateValue(value='1917-11-18', datatype='date', edtf='1917-11-18/1917-11-19')
    >>> parse_date("The commission met on September 23 and 24, 1922", "en").edtf
    '1922-09-23/1922-09-24'
    >>> parse_date("i juli 1928", "sv")
    DateValue(value='1928-07', datatype='gYearMonth', edtf=None)
    >>> parse_date("26.IX.", "en") is None, parse_date("26.IX.", "en", anchor_year=1922).value
    (True, '1922-09-26')
    """
    return next((value for _, _, value in iter_dates(text, lang, anchor_year)), None)
