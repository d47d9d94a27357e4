"""Undo the artefacts of text copy-pasted from PDFs, with a map back to the original.

The output is one paragraph per line, paragraphs separated by a blank line
(``"\\n\\n"``), words separated by single spaces. Nothing is rewritten in place:
:func:`clean_text` returns the cleaned text *and* ``offsets`` so that every
character of the clean text points at the character of the original it came
from. The clean text only ever holds characters of the original, plus single
spaces and paragraph breaks standing for whitespace (and dropped markers) that
were removed; those point at the first removed character.

How lines are read
------------------
Each line is one of: *text*; *blank* (only whitespace); a *rule* (a long run of
spaces only: the footnote separator line PDF viewers paste); a *mark* (only 1-3
digits: a footnote marker or page number the PDF put on a line of its own, which
is dropped). Two document-wide measurements then say how line breaks are meant:

* *wrapped*: most lines end mid-sentence, so lines were wrapped at a page width
  and a line break is a soft break. Otherwise (one paragraph per line, as in web
  copies) every line break is a paragraph break.
* *double*: most lines are followed by a blank line (a PDF paste that doubles every
  break). Then a blank line says nothing; paragraphs are inferred from indentation,
  short sentence-final lines and runs of two or more blank lines. In single-spaced
  wrapped text a blank line is a paragraph break.

Footnote blocks are kept where the PDF put them (offsets stay monotonic) but are
cut off from the running text by paragraph breaks: a rule line or a line starting
with a note number (``2 Se ...``, ``* ...``, ``[1] ...``) opens a notes zone; in it,
each numbered entry starts a paragraph, and the zone ends at the first line that
resumes the page with the single leading space PDF copies give it.

Within a paragraph: a line-end hyphen is dropped and the word joined unless the
hyphen is real (see :func:`_hyphen_joint`); where the paste lost the hyphen but
kept a space at every other line end, a bare line end between two lowercase
letters is a broken word and is joined too. Footnote references glued to a word
(``högern.1``, ``Politbureau[1]``) are dropped because they split tokens and
sentences; a note's own label at the start of its line (``[1] On August ...``) stays.

Known limits: a line in running text that starts with a number and a capital
(``20 Kommissionen ...``) after a finished sentence is read as a note; a compound
split at the margin whose second part is lowercase (``Agamali-|ogly``) loses its
hyphen unless the document spells it with one elsewhere; a paragraph that ends
exactly at the margin is joined to the next one (harmless: the sentence ended).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from kg.dates import MONTHS

#: Inline whitespace: PDF pastes use NBSP (U+00A0) and narrow NBSP (U+202F) as plain word separators.
_SPACE = " \t\r\f\v\u00a0\u2007\u202f"
_PARA = "\n\n"
_RULE_WIDTH = 10  # a whitespace-only line this long is a footnote separator, not a blank line
_SHORT = 0.75  # a line shorter than this share of the typical width ends before the margin
_WRAPPED_OPEN = 0.5  # in wrapped text the median open line is at least this share of the longest
_MARK = re.compile(r"\d{1,3}")
_SENTENCE_END = re.compile(r"[.!?:;…][\"”’»)\]]*\Z")
_NOTE_START = re.compile(r"(?:(\d{1,3})|\*)[ \u00a0]+(?=[A-ZÅÄÖ”“\"«»(])([^\W\d_]*)|\[\d{1,3}\][ \u00a0]")
# Inside a line: whitespace runs to squeeze, and footnote references to drop. A
# reference is 1-3 digits or "*" glued to a word's closing punctuation and followed
# by whitespace ("högern.1 De"), or a bracketed number glued to a word ("Politbureau[1]").
_INLINE = re.compile(
    r"(?P<ws>[ \t\r\f\v\u00a0\u2007\u202f]{2,}|[\t\r\f\v\u00a0\u2007\u202f])"
    r"|(?<=[^\W\d_][.,;:!?”’»)])(?:\d{1,3}|\*)(?=\s|\Z)"
    r"|(?<=[^\s\[])\[\d{1,3}\]"
)
# Words that follow a hyphen kept for an elided compound part ("arbets- och försvarsrådet").
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "resp", "and", "or", "nor"})
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ALL_MONTHS = frozenset(MONTHS["sv"]) | frozenset(MONTHS["en"])


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of the original: its kind and where its content sits."""

    kind: str  # "text", "blank", "rule" or "mark"
    lo: int  # first content character (after leading whitespace)
    hi: int  # end of content (before trailing whitespace)
    end: int  # index of the line's newline (or len(text))
    indent: int  # leading whitespace characters


@dataclass(frozen=True, slots=True)
class _Profile:
    """Document-wide facts about how line breaks are meant."""

    wrapped: bool  # lines are wrapped at a page width; a line break is a soft break
    double: bool  # every break is doubled by a blank line
    width: int  # typical line width (75th percentile of text lines)
    spaced_ends: bool  # soft line ends keep their trailing space; a bare end is mid-word
    words: frozenset[str]  # lower-cased words (hyphenated compounds whole) of the document


@dataclass(slots=True)
class _Gap:
    """What lies between two text lines."""

    blanks: int = 0
    marks: int = 0
    rule: bool = False

    @property
    def empty(self) -> bool:
        return not (self.blanks or self.marks or self.rule)


def _read_line(text: str, start: int, end: int) -> _Line:
    """Classify the line ``text[start:end]``."""
    raw = text[start:end]
    body = raw.lstrip(_SPACE)
    indent = len(raw) - len(body)
    body = body.rstrip(_SPACE)
    lo = start + indent
    if not body:
        kind = "rule" if end - start >= _RULE_WIDTH else "blank"
    elif _MARK.fullmatch(body):
        kind = "mark"
    else:
        kind = "text"
    return _Line(kind, lo, lo + len(body), end, indent)


def _read_lines(text: str) -> list[_Line]:
    """All lines of ``text``, classified."""
    lines, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        lines.append(_read_line(text, start, end))
        start = end + 1
    return lines


def _spaced(text: str, line: _Line) -> bool:
    """Does the line keep whitespace after its content (a carriage return does not count)?"""
    return bool(text[line.hi : line.end].strip("\r"))


def _ends_sentence(text: str, line: _Line) -> bool:
    return _SENTENCE_END.search(text[max(line.lo, line.hi - 8) : line.hi]) is not None


def _profile(text: str, lines: list[_Line]) -> _Profile:
    """Measure how this document breaks its lines (see the module docstring)."""
    texts = [i for i, line in enumerate(lines) if line.kind == "text"]
    if not texts:
        return _Profile(False, False, 0, False, frozenset())
    open_ends = [lines[i] for i in texts if not _ends_sentence(text, lines[i])]
    followed = sum(1 for i in texts if i + 1 < len(lines) and lines[i + 1].kind == "blank")
    widths = sorted(lines[i].hi - lines[i].lo for i in texts)
    spaced = sum(1 for line in open_ends if _spaced(text, line))
    # The word list only serves line-end hyphens; skip the pass when there are none.
    hyphenated = "-\n" in text or "-\r\n" in text
    open_widths = sorted(line.hi - line.lo for line in open_ends)
    return _Profile(
        # Wrapped text breaks most lines mid-sentence at the margin, so its open lines
        # are about as long as its longest (or words are hyphenated across them): a letter
        # whose open lines are a salutation, a closing and a signature ("Dear Comrade
        # Trotsky,", "Lenin") is not wrapped.
        wrapped=len(open_ends) >= 0.5 * len(texts)
        and (hyphenated or open_widths[len(open_widths) // 2] >= _WRAPPED_OPEN * widths[-1]),
        double=followed >= 0.5 * len(texts),
        width=widths[(len(widths) - 1) * 3 // 4],
        spaced_ends=bool(open_ends) and spaced >= 0.8 * len(open_ends),
        words=frozenset(_WORDS.findall(text.lower())) if hyphenated else frozenset(),
    )


def _is_note_start(text: str, a: _Line, b: _Line, gap: _Gap) -> bool:
    """Does ``b`` open a footnote entry (``2 Se ...``, ``* SUKP ...``, ``[1] On ...``)?"""
    m = _NOTE_START.match(text, b.lo, b.hi)
    if m is None or (m.group(2) or "").lower() in _ALL_MONTHS:  # "10 August 1922" is a date
        return False
    # A note follows a finished line; a number after an open line is running text.
    return bool(gap.blanks or gap.rule or _ends_sentence(text, a))


def _is_ornament(text: str, line: _Line) -> bool:
    """A line without letters or digits, e.g. the ``* * *`` section break."""
    return not any(c.isalnum() for c in text[line.lo : line.hi])


def _structural_break(
    text: str, a: _Line, b: _Line, gap: _Gap, p: _Profile, zone: bool
) -> tuple[bool | None, bool]:
    """Decide breaks forced by layout; returns (is_break or None when undecided, zone)."""
    if gap.rule or _is_note_start(text, a, b, gap):
        return True, True
    if zone and gap.empty and b.indent >= 1:
        # One leading space resumes the page after the notes; two or more start an
        # unnumbered note (its number was lost in the copy).
        return True, b.indent >= 2
    if zone and gap.marks and b.indent == 1:
        return True, True
    if not p.wrapped or (gap.blanks and not p.double):
        return True, zone
    if gap.blanks >= 2:  # a page end in a double-spaced paste
        return True, False
    if _is_ornament(text, a) or _is_ornament(text, b) or b.indent >= 2:
        return True, zone
    return None, zone


def _hyphen_joint(text: str, a: _Line, b: _Line, p: _Profile) -> tuple[str, bool]:
    """Join a line ending in a hyphen: drop it (``sovjet-|kongressen``) or keep it.

    The hyphen is kept before a capital or a digit (``Lenin-|Trotskij``), after an
    abbreviation or single letter (``CK-|plenum``), before a conjunction (an elided
    compound, ``arbets-| och``), and when the document itself spells the compound
    with a hyphen and never without.
    """
    m = _WORDS.match(text, b.lo, b.hi)
    nxt = m.group(0).split("-")[0] if m else ""
    start = a.hi - 1
    while start > a.lo and text[start - 1].isalpha():
        start -= 1
    prefix = text[start : a.hi - 1]
    if not nxt or not nxt[0].islower() or len(prefix) < 2 or prefix.isupper():
        return "", False
    if nxt.lower() in _CONJUNCTIONS:
        return " ", False
    joined = (prefix + nxt).lower()
    if f"{prefix}-{nxt}".lower() in p.words and joined not in p.words:
        return "", False
    return "", True


def _is_short(line: _Line, p: _Profile) -> bool:
    """Does the line stop well before the margin (a paragraph end, heading or signature)?"""
    return line.hi - line.lo < _SHORT * p.width


def _soft_joint(text: str, a: _Line, b: _Line, gap: _Gap, p: _Profile) -> tuple[str, bool]:
    """Join two lines of one paragraph, or split at a short line; returns (separator, drop hyphen)."""
    last = text[a.hi - 1]
    if gap.marks and b.indent == 1 and gap.blanks <= 1:
        return " ", False  # the PDF put a note marker on its own line mid-line; the line goes on
    if last == "-" and a.hi - a.lo >= 2 and text[a.hi - 2].isalnum():
        # A space after the hyphen marks an elided compound part ("arbetar- och").
        return (" ", False) if _spaced(text, a) else _hyphen_joint(text, a, b, p)
    if text[b.lo].isupper() and (_is_short(a, p) or (_ends_sentence(text, a) and _is_short(b, p))):
        return _PARA, False  # a heading, or a closing line such as a signature
    if _is_short(a, p) and _ends_sentence(text, a):
        return _PARA, False
    if p.spaced_ends and not _spaced(text, a) and gap.empty and b.indent == 0:
        if last.isalpha() and last.islower() and text[b.lo].islower():
            return "", False  # a word broken at the margin whose hyphen was lost
    return " ", False


class _Builder:
    """Collects clean text pieces and their original offsets."""

    def __init__(self, text: str):
        self.text = text
        self.parts: list[str] = []
        self.offsets = array("l")

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.text[start:end])
            self.offsets.extend(range(start, end))

    def put(self, chars: str, offset: int) -> None:
        self.parts.append(chars)
        self.offsets.extend([offset] * len(chars))

    def line(self, start: int, end: int) -> None:
        """Copy a line's content, squeezing whitespace and dropping footnote references."""
        pos = start
        for m in _INLINE.finditer(self.text, start, end):
            self.copy(pos, m.start())
            if m.group("ws"):
                self.put(" ", m.start())
            pos = m.end()
        self.copy(pos, end)


def clean_text(text: str) -> tuple[str, array]:
    """Clean PDF-pasted text and map every clean character back to the original.

    Parameters
    ----------
    text : str
        The original decoded text.

    Returns
    -------
    tuple[str, array.array]
        The clean text and ``offsets``: ``offsets[i]`` is the index in ``text`` of
        ``clean[i]``; one more entry equal to ``len(text)`` closes the map. A machine-word
        array, not a tuple of ints: a tenth of the memory on a long text.

    Examples
    --------
    A hyphenated line break is joined and a footnote-number line dropped:

    >>> original = "Andra allryska sovjet-\\nkongressen gav bolsjevikerna\\n2\\nmajoritet."
    >>> clean, offsets = clean_text(original)
    >>> clean
    'Andra allryska sovjetkongressen gav bolsjevikerna majoritet.'
    >>> original[offsets[15]:offsets[30] + 1]
    'sovjet-\\nkongressen'
    """
    lines = _read_lines(text)
    profile = _profile(text, lines)
    out, gap = _Builder(text), _Gap()
    prev, zone = None, False
    for line in lines:
        if line.kind != "text":
            gap.blanks += line.kind == "blank"
            gap.marks += line.kind == "mark"
            gap.rule = gap.rule or line.kind == "rule"
            continue
        if prev is not None:
            zone = _emit_joint(out, prev, line, gap, profile, zone)
        prev, gap = line, _Gap()
    if prev is not None:
        out.line(prev.lo, prev.hi)
    out.offsets.append(len(text))
    return "".join(out.parts), out.offsets


def _emit_joint(out: _Builder, a: _Line, b: _Line, gap: _Gap, p: _Profile, zone: bool) -> bool:
    """Emit line ``a`` and the separator between it and ``b``; return the new notes-zone state."""
    is_break, zone = _structural_break(out.text, a, b, gap, p, zone)
    sep, drop = (_PARA, False) if is_break else _soft_joint(out.text, a, b, gap, p)
    out.line(a.lo, a.hi - drop)
    if sep:
        out.put(sep, a.hi)
    return zone
