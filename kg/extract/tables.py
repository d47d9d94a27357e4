"""The rows of kg's rule tables (``kg/data/*.tsv``): tab-separated, a header line,
``#`` comment lines and blank lines skipped, no quoting.

Examples
--------
>>> from kg.extract.norms import NORMS_FILE
>>> next(table_rows(NORMS_FILE))["old"]
'^hv'
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path


def table_rows(path: str | Path) -> Iterator[dict[str, str]]:
    """Each data row of the table at ``path``, as a dict by column name."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
