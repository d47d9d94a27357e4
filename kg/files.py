"""Writing outputs safely: every file appears whole or not at all.

Examples
--------
>>> import tempfile, pathlib
>>> folder = output_folder(pathlib.Path(tempfile.mkdtemp()) / "outputs")
>>> write_atomic(folder / "metrics.csv", "iri,label\\n").read_text()
'iri,label\\n'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import NOT_DIR, OutputError


def output_folder(path: str | os.PathLike) -> Path:
    """The folder ``path``, created if missing.

    Raises
    ------
    OutputError
        If a file stands where the folder should be, or it cannot be created.
    """
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), NOT_DIR)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(out), f"cannot create folder ({error.strerror or error})") from error
    return out


def write_atomic(path: str | os.PathLike, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to a temporary file beside ``path``, then move it
    over ``path``; a failure leaves any earlier file as it was. The folder must exist
    (:func:`output_folder` makes it).

    Raises
    ------
    OutputError
        If the file cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open_atomic(path) as stream:
        stream.write(data)
    return Path(path)


@contextmanager
def open_atomic(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to stream into; it replaces ``path`` only when the ``with`` block succeeds.

    For outputs too large to render in memory first. If the block raises, the
    temporary file is removed and any earlier file at ``path`` stays as it was.

    Raises
    ------
    OutputError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "graph.nq"
    >>> with open_atomic(target) as stream:
    ...     _ = stream.write(b"<urn:x:lenin> <urn:x:wrote> <urn:x:letter> .\\n")
    >>> target.read_bytes().count(b"\\n")
    1
    """
    target = Path(path)
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600; give it a new file's mode
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputError(str(target), error.strerror or str(error)) from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
