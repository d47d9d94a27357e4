r"""Large regular expressions compiled once per machine, not once per process.

The gazetteer's pattern spells every form the authority file knows as one trie
(about 70,000 characters). ``re.compile`` spends 0.3 s on it, in pure Python, in
every process that extracts: a third of the time a rebuild takes to extract one
changed letter, and as much again in each ``--jobs`` worker. What it makes is a
list of integers that CPython's regex engine takes as it is (``_sre.compile`` is
the last step of ``re.compile`` itself), so :func:`compile_cached` keeps that list
in a file named by a hash of the pattern, the flags and the exact Python build,
and reads it back in a few milliseconds.

The engine checks the list before it accepts it, and any surprise (another
Python, a damaged or unreadable file, a folder that cannot be written) means
compiling as usual: the cache can make a run faster, never different.

The folder is ``$KG_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``;
deleting it is always safe.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> names = "|".join(["lenin", "stalin"] + [f"delegate {i}" for i in range(1000)])
>>> first = compile_cached(rf"\b(?:{names})s?\b", re.IGNORECASE, folder)
>>> again = compile_cached(rf"\b(?:{names})s?\b", re.IGNORECASE, folder)   # read from the file
>>> [m.group(0) for m in again.finditer("Lenins brev till STALIN och delegate 999")]
['Lenins', 'STALIN', 'delegate 999']
>>> len(list(folder.glob("*.sre"))), again.pattern == first.pattern, again.flags == first.flags
(1, True, True)
"""

from __future__ import annotations

import hashlib
import os
from array import array
import pickle
import re
import sys
import tempfile
from pathlib import Path
from re import _compiler, _parser  # CPython's own compiler; the code below keys its output by Python build

import _sre

#: Patterns shorter than this are compiled as usual: the file would cost more than it saves.
MIN_LENGTH = 10_000


def compile_cached(pattern: str, flags: int = 0, folder: Path | None = None) -> re.Pattern:
    """``re.compile(pattern, flags)``, from a file of the compiled form when one was made before.

    Parameters
    ----------
    pattern : str
        The regular expression.
    flags : int
        ``re`` flags.
    folder : pathlib.Path, optional
        Where compiled forms are kept (default: :func:`cache_folder`).

    Returns
    -------
    re.Pattern
        The same pattern ``re.compile`` returns.
    """
    if len(pattern) < MIN_LENGTH:
        return re.compile(pattern, flags)
    try:
        path = (folder or cache_folder()) / f"{_name(pattern, flags)}.sre"
    except (RuntimeError, KeyError):  # no home folder to keep it in
        return re.compile(pattern, flags)
    compiled = _read(path, pattern)
    if compiled is None:
        compiled, form = _compile(pattern, flags)
        _write(path, form)
    return compiled


def cache_folder() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; then ``regex/``."""
    root = os.environ.get("KG_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    return Path(root) / "regex"


def _name(pattern: str, flags: int) -> str:
    build = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|"
    return hashlib.sha256((build + pattern).encode("utf-8", "surrogatepass")).hexdigest()


def _compile(pattern: str, flags: int) -> tuple[re.Pattern, dict]:
    """What ``re._compiler.compile`` does, keeping the compiled form."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    form = {"flags": flags | tree.state.flags, "code": array("I", code).tobytes(), "groups": tree.state.groups - 1,
            "groupindex": groupindex, "indexgroup": tuple(indexgroup)}
    return _from_form(pattern, form), form


def _from_form(pattern: str, form: dict) -> re.Pattern:
    code = array("I", form["code"]).tolist()  # the code words, as _sre.CODESIZE (4) bytes each
    return _sre.compile(pattern, form["flags"], code, form["groups"], form["groupindex"], form["indexgroup"])


def _read(path: Path, pattern: str) -> re.Pattern | None:
    try:
        with open(path, "rb") as stream:
            return _from_form(pattern, pickle.load(stream))
    except Exception:  # missing, damaged, or made by another Python: compile instead
        return None


def _write(path: Path, form: dict) -> None:
    if array("I").itemsize != _sre.CODESIZE:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return  # a read-only home: every run compiles, as without the cache
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(form, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # two processes writing at once: either file is whole
    except OSError:
        Path(temporary).unlink(missing_ok=True)
