"""Date expressions: parse_date and iter_dates over Swedish and English phrasings."""

from __future__ import annotations

import pytest

from kg.dates import iter_dates, parse_date
from kg.model import DateValue


@pytest.mark.parametrize(
    "text, lang, anchor, expected",
    [
        ("26 september 1922", "sv", None, DateValue("1922-09-26", "date")),
        ("Skrivet den 26 september 1922.", "sv", None, DateValue("1922-09-26", "date")),
        ("Written: 26 September 1922", "en", None, DateValue("1922-09-26", "date")),
        ("September 23 and 24, 1922", "en", None, DateValue("1922-09-23", "date", "1922-09-23/1922-09-24")),
        ("On August 10, 1922, the Politbureau", "en", None, DateValue("1922-08-10", "date")),
        ("Oct. 25, 1917", "en", None, DateValue("1917-10-25", "date")),
        ("the 26th October 1917", "en", None, DateValue("1917-10-26", "date")),
        ("den 23-24 september", "sv", 1922, DateValue("1922-09-23", "date", "1922-09-23/1922-09-24")),
        ("den 23-24 september", "sv", None, None),
        ("den 20 och 21 april 1923", "sv", None, DateValue("1923-04-20", "date", "1923-04-20/1923-04-21")),
        ("den 5 eller 6 mars 1923", "sv", None, DateValue("1923-03-05", "date", "[1923-03-05,1923-03-06]")),
        ("5-6 (18-19) november 1917", "sv", None, DateValue("1917-11-18", "date", "1917-11-18/1917-11-19")),
        ("den 7 (20) november 1917", "sv", None, DateValue("1917-11-20", "date")),
        ("25 oktober (7 november) 1917", "sv", None, DateValue("1917-11-07", "date")),
        ("i juli 1928", "sv", None, DateValue("1928-07", "gYearMonth")),
        ("in October 1917", "en", None, DateValue("1917-10", "gYearMonth")),
        ("1923", "sv", None, DateValue("1923", "gYear")),
        ("26.IX.", "en", None, None),
        ("26.IX.", "en", 1922, DateValue("1922-09-26", "date")),
        ("26.IX.1922", "sv", None, DateValue("1922-09-26", "date")),
        ("1922-09-26", "en", None, DateValue("1922-09-26", "date")),
        ("(21 oktober 1928)", "sv", None, DateValue("1928-10-21", "date")),
        ("30 februari 1923", "sv", None, None),
        ("I may 12 times", "en", None, None),
        ("kl. 12-2 och 5-7", "sv", None, None),
        ("s. 151-152", "sv", None, None),
    ],
)
def test_dates_parse(text, lang, anchor, expected):
    assert parse_date(text, lang, anchor_year=anchor) == expected


def test_dates_iter_spans():
    text = "Resolutionen antogs den 23-24 september. CK-plenum den 6 oktober 1922; sovjetkongressen 1922."
    found = [(text[a:b], v.value) for a, b, v in iter_dates(text, "sv", anchor_year=1922)]
    assert found == [("23-24 september", "1922-09-23"), ("6 oktober 1922", "1922-10-06"), ("1922", "1922")]


def test_dates_iter_skips_day_month_without_anchor():
    assert [v.value for _, _, v in iter_dates("den 26 september och i juli 1928", "sv")] == ["1928-07"]


def test_dates_unknown_language_uses_both_month_tables():
    assert parse_date("26 September 1922", "de") == DateValue("1922-09-26", "date")
    assert parse_date("26 september 1922", "xx") == DateValue("1922-09-26", "date")
