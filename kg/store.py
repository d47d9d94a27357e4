"""Reading a finished build back: the graph a build folder holds.

Examples
--------
>>> import tempfile
>>> read_build(tempfile.mkdtemp())
Traceback (most recent call last):
...
kg.errors.InputError: ...graph.trig: no build here; run `kg build` first
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError


def read_build(build_dir: str | Path) -> Dataset:
    """The dataset of ``build_dir/graph.trig`` (one named graph per document).

    Raises
    ------
    InputError
        If the folder holds no ``graph.trig`` or it cannot be parsed.
    """
    path = Path(build_dir) / "graph.trig"
    if not path.is_file():
        raise InputError(str(path), "no build here; run `kg build` first")
    dataset = Dataset()
    try:
        dataset.parse(path, format="trig")
    except Exception as error:  # rdflib raises many parser error types
        raise InputError(str(path), f"cannot parse ({type(error).__name__}: {error})") from error
    return dataset


def read_graph(path: str | Path) -> Dataset:
    """One graph file, Turtle (``.ttl``) or TriG (``.trig``), as a dataset.

    Raises
    ------
    InputError
        If the file is missing or cannot be parsed.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such graph file")
    dataset = Dataset()
    fmt = "trig" if path.suffix == ".trig" else "turtle"
    try:
        dataset.parse(path, format=fmt)
    except Exception as error:  # rdflib raises many parser error types
        raise InputError(str(path), f"cannot parse ({type(error).__name__}: {error})") from error
    return dataset
