"""One error hierarchy for kg; only :mod:`kg.cli` turns these into messages and exit codes.

Every message names the file it is about and the problem, on one line, so that a
user running over thousands of files can grep the log.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 1


class FileError(KgError):
    """A problem with one file: its path and the problem, one line."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # pickled as (path, problem), so that it crosses processes whole
        return type(self), (self.path, self.problem)


class InputError(FileError):
    """A source file cannot be used (missing, empty, binary, not UTF-8, wrong language)."""


class OutputError(FileError):
    """An output cannot be written (path is a file, not writable ...)."""


class OntologyError(KgError):
    """The ontology, shapes or authority file is malformed."""


class ValidationError(KgError):
    """The built graph violates the SHACL shapes of the contract."""


class PublishError(KgError):
    """A SPARQL endpoint is unreachable or refused an upload."""


class QueryError(KgError):
    """A SPARQL query is malformed or the build to query is missing."""


# Message templates, kept in one place so wording stays consistent.
MISSING = "no such file or directory"
EMPTY = "file is empty"
BINARY = "file looks binary (NUL bytes), not text"
NOT_UTF8 = "not valid UTF-8 (byte {byte:#04x} at offset {offset}); re-save the file as UTF-8"
NOT_TXT = "not a .txt file"
UNKNOWN_LANG = "language not recognised as Swedish or English; pass --lang sv|en to force one"
NO_TEXT = "no .txt files found"
LONG_LINE = "a line of {size:,} characters (limit {limit:,}): not prose with line breaks; re-wrap it or raise --max-line"
TOO_LARGE = "file is {size} bytes, over the limit of {limit}; raise --max-bytes to read it"
NOT_DIR = "output path exists and is not a directory"
