"""Find and read source files: paths in, :class:`~kg.model.SourceText` out.

Every way a file can be unusable raises :class:`~kg.errors.InputError` with one of
the templates of :mod:`kg.errors`, naming the file, so that a run over thousands of
files can report and skip the bad ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.config import BuildConfig
from kg.errors import BINARY, EMPTY, MISSING, NO_TEXT, NOT_TXT, NOT_UTF8, LONG_LINE, TOO_LARGE, InputError
from kg.model import SourceText

#: How far to look for NUL bytes: text files have none, binary formats have them early.
SNIFF_BYTES = 8192
# Not in kg.errors yet (the lead owns that module); same one-line style.
_DEFAULT_MAX = BuildConfig().max_bytes


def _iter_dir(folder: Path) -> list[Path]:
    """The ``*.txt`` files under ``folder``, sorted, skipping hidden files and folders."""
    found = []
    for path in folder.rglob("*.txt"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(path)
    return sorted(found)


def iter_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and directories into the list of source files to read.

    Parameters
    ----------
    paths : Sequence[str | Path]
        Files and directories as the user gave them. Directories are searched
        recursively for ``*.txt`` (sorted; hidden entries skipped); a file is taken
        as given, whatever its suffix, because naming it was the user's choice.

    Returns
    -------
    list[Path]
        Every file once, in the order given (directory contents sorted).

    Raises
    ------
    InputError
        A path does not exist, or a directory holds no ``.txt`` file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("Lenin skrev till Kamenev.")
    >>> _ = (folder / "a.txt").write_text("Stalin svarade.")
    >>> [p.name for p in iter_paths([folder])]
    ['a.txt', 'b.txt']
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(given), MISSING)
        files = _iter_dir(path) if path.is_dir() else [path]
        if not files:
            raise InputError(str(given), NO_TEXT)
        found.extend(files)
    return list(dict.fromkeys(found))


def _check_bytes(path: str, data: bytes) -> None:
    """Reject empty and binary content."""
    if not data.strip():
        raise InputError(path, EMPTY)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(path, BINARY)


def _decode(path: str, data: bytes) -> str:
    """Decode strict UTF-8 and drop a leading byte-order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, NOT_UTF8.format(byte=data[err.start], offset=err.start)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():  # a BOM, NBSPs or other Unicode whitespace only
        raise InputError(path, EMPTY)
    return text


def read_source(path: str | Path, max_bytes: int = _DEFAULT_MAX, max_line: int = 1_000_000) -> SourceText:
    """Read one source file as UTF-8 text.

    Parameters
    ----------
    path : str | Path
        The file to read.
    max_bytes : int
        Refuse files larger than this (``BuildConfig.max_bytes`` by default).
    max_line : int
        Refuse files with a line longer than this many characters: such a file is
        data or a dump, not prose, and would only stall the language pipelines.

    Returns
    -------
    SourceText
        ``doc_id`` is the file name, ``text`` the decoded content without a BOM.

    Raises
    ------
    InputError
        The file is missing, not a file, empty or whitespace only, binary
        (NUL bytes in its first 8 KB), not UTF-8, larger than ``max_bytes`` or
        has a line longer than ``max_line``.

    Examples
    --------
    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "brev.txt"
    >>> _ = file.write_bytes("\\ufeffLenin skrev till Kamenev den 26 september 1922.".encode())
    >>> source = read_source(file)
    >>> source.doc_id, source.text[:5]
    ('brev.txt', 'Lenin')
    """
    shown, file = str(path), Path(path)
    if not file.exists():
        raise InputError(shown, MISSING)
    if not file.is_file():
        raise InputError(shown, NOT_TXT)
    size = file.stat().st_size
    if size > max_bytes:
        raise InputError(shown, TOO_LARGE.format(size=size, limit=max_bytes))
    data = file.read_bytes()
    _check_bytes(shown, data)
    text = _decode(shown, data)
    longest = max(map(len, text.split("\n")))
    if longest > max_line:
        raise InputError(shown, LONG_LINE.format(size=longest, limit=max_line))
    return SourceText(doc_id=file.name, path=shown, text=text)
