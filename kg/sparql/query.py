"""SPARQL over a finished build, in an embedded Oxigraph store.

The dataset a query sees is the build's ``graph.trig`` and the ontology
``ontology/hkg.ttl`` in the named graph ``https://w3id.org/histkg/ontology``, the
same dataset ``kg serve`` serves. A build's default graph holds everything (all
entities, relations and evidence, as ``graph.ttl``) and each document's named graph
holds what that document says, so a query without ``GRAPH`` sees the whole graph
once, and ``GRAPH ?g`` picks out documents. For TriG files whose default graph is
not complete (hand-written fixtures), ``union=True`` queries the union of all
graphs instead; every triple then matches once per graph that holds it, so use
``DISTINCT``. Results come back as plain strings: the columns, and one tuple per
row with the lexical value of each term (``None`` where unbound).

Examples
--------
"Stalin drafted the resolution" (the fixture keeps relations in the documents'
graphs only, hence ``union=True``):

>>> store = read_store(FIXTURE)
>>> columns, rows = select(store, '''
...     PREFIX hkg: <https://w3id.org/histkg/ontology#>
...     SELECT DISTINCT ?who WHERE { ?who hkg:drafted ?resolution }''', union=True)
>>> columns, rows
(['who'], [('https://w3id.org/histkg/id/person/stalin',)])
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.vocab import ONTOLOGY_DIR

Row = tuple[str | None, ...]

#: The named graph that holds ``ontology/hkg.ttl`` wherever kg puts a build.
ONTOLOGY_GRAPH = "https://w3id.org/histkg/ontology"

#: The ontology file loaded next to every build.
ONTOLOGY_FILE = ONTOLOGY_DIR / "hkg.ttl"

#: The hand-written analysis fixture the doctests of this package query (in a repository checkout).
FIXTURE = ONTOLOGY_DIR.parent / "tests" / "data" / "graphs" / "analysis_fixture.trig"

#: The output formats of :func:`to_text`.
FORMATS = ("table", "csv", "json")


def run_query(build_dir: str | Path, text: str, *, name: str = "query",
              union: bool = False) -> tuple[list[str], list[Row]]:
    """Run one SPARQL query on a build and return its columns and rows.

    Parameters
    ----------
    build_dir : str or pathlib.Path
        A build folder holding ``graph.trig``.
    text : str
        The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE).
    name : str, optional
        What to call the query in error messages, usually its file name.
    union : bool, optional
        Use the union of all graphs as the default graph.

    Returns
    -------
    columns : list of str
        The projected variables (``ask`` for ASK; ``subject``, ``predicate``,
        ``object`` for CONSTRUCT and DESCRIBE).
    rows : list of tuple
        One tuple of lexical values per solution, ``None`` where unbound.

    Raises
    ------
    QueryError
        If the build is missing or unreadable, or the query is malformed.

    Examples
    --------
    Who sat in the Politburo, according to the troika passage of document 003?

    >>> import shutil, tempfile
    >>> build = Path(tempfile.mkdtemp())
    >>> _ = shutil.copy(FIXTURE, build / "graph.trig")
    >>> columns, rows = run_query(build, '''
    ...     PREFIX hkg: <https://w3id.org/histkg/ontology#>
    ...     PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    ...     SELECT DISTINCT ?name WHERE { ?p hkg:memberOf ?o . ?p rdfs:label ?name
    ...                                   FILTER(lang(?name) = "en") } ORDER BY ?name''', union=True)
    >>> [name for (name,) in rows]
    ['Kamenev', 'Stalin', 'Zinoviev']
    >>> run_query(build, "SELEC ?x", name="broken.rq")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: broken.rq: malformed SPARQL (...)
    """
    path = Path(build_dir) / "graph.trig"
    if not path.is_file():
        raise QueryError(f"{path}: no build here; run `kg build` first")
    return select(read_store(path), text, name=name, union=union)


def read_store(trig: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding a build's TriG and the ontology.

    Parameters
    ----------
    trig : str or pathlib.Path
        The ``graph.trig`` of a build (any TriG file).

    Returns
    -------
    pyoxigraph.Store
        The dataset; the ontology sits in the named graph :data:`ONTOLOGY_GRAPH`.

    Raises
    ------
    QueryError
        If a file is missing or cannot be parsed.

    Examples
    --------
    >>> store = read_store(FIXTURE)
    >>> ox.NamedNode(ONTOLOGY_GRAPH) in set(store.named_graphs())
    True
    >>> read_store("nowhere/graph.trig")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: nowhere/graph.trig: no such file or directory
    """
    store = ox.Store()
    _load(store, Path(trig), ox.RdfFormat.TRIG, None)
    _load(store, ONTOLOGY_FILE, ox.RdfFormat.TURTLE, ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def _load(store: ox.Store, path: Path, fmt: ox.RdfFormat, graph: ox.NamedNode | None) -> None:
    """Load one file into ``store``; a missing or broken file is a QueryError."""
    if not path.is_file():
        raise QueryError(f"{path}: no such file or directory")
    try:
        store.load(path=str(path), format=fmt, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"{path}: cannot parse ({_one_line(error)})") from error


def select(store: ox.Store, text: str, *, name: str = "query",
           union: bool = False) -> tuple[list[str], list[Row]]:
    """Run a query on a store and return its columns and rows.

    Parameters
    ----------
    store : pyoxigraph.Store
        A store, usually from :func:`read_store`.
    text : str
        The SPARQL query.
    name : str, optional
        What to call the query in error messages.
    union : bool, optional
        Use the union of all graphs as the default graph.

    Returns
    -------
    tuple of (list of str, list of tuple)
        As :func:`run_query`.

    Raises
    ------
    QueryError
        If the query is malformed or fails.

    Examples
    --------
    >>> store = read_store(FIXTURE)
    >>> select(store, "ASK { ?s ?p ?o }")
    (['ask'], [('true',)])
    >>> columns, rows = select(store, '''PREFIX wd: <http://www.wikidata.org/entity/>
    ...     CONSTRUCT { ?s ?p wd:Q855 } WHERE { ?s ?p wd:Q855 }''')
    >>> columns, rows
    (['subject', 'predicate', 'object'], [('https://w3id.org/histkg/id/person/stalin', 'http://www.w3.org/2002/07/owl#sameAs', 'http://www.wikidata.org/entity/Q855')])
    """
    try:
        result = store.query(text, use_default_graph_as_union=union)
        return _table(result)
    except SyntaxError as error:
        raise QueryError(f"{name}: malformed SPARQL ({_one_line(error)})") from error
    except (ValueError, OSError) as error:
        raise QueryError(f"{name}: query failed ({_one_line(error)})") from error


def _table(result) -> tuple[list[str], list[Row]]:
    """Columns and rows of any query result (solutions, boolean, triples)."""
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [("true" if bool(result) else "false",)]
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], [
            (term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in result]
    columns = [variable.value for variable in result.variables]
    return columns, [tuple(term_text(solution[c]) for c in columns) for solution in result]


def term_text(term) -> str | None:
    """The lexical value of an RDF term as a string (``None`` for unbound).

    IRIs give the IRI, literals their lexical form (without language tag or
    datatype), blank nodes ``_:`` and their label.

    Parameters
    ----------
    term : pyoxigraph term or None

    Returns
    -------
    str or None

    Examples
    --------
    >>> term_text(ox.Literal("Trotskij", language="sv")), term_text(ox.NamedNode("http://example.org/x"))
    ('Trotskij', 'http://example.org/x')
    >>> term_text(None) is None
    True
    """
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def to_text(columns: Sequence[str], rows: Sequence[Row], fmt: str) -> str:
    """Render a result as CSV or JSON text.

    Parameters
    ----------
    columns : sequence of str
        The column names.
    rows : sequence of tuple
        The rows, values as strings or ``None``.
    fmt : {"csv", "json"}
        CSV (a header line, RFC 4180 quoting, unbound values empty) or JSON (a
        list of objects, one per row, unbound values ``null``).

    Returns
    -------
    str

    Raises
    ------
    QueryError
        For any other format.

    Examples
    --------
    >>> rows = [("Trotskij", "sv"), ("Trotsky, L. D.", None)]
    >>> print(to_text(["name", "lang"], rows, "csv"), end="")
    name,lang
    Trotskij,sv
    "Trotsky, L. D.",
    >>> print(to_text(["name", "lang"], rows[:1], "json"))
    [
      {
        "name": "Trotskij",
        "lang": "sv"
      }
    ]
    """
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(columns, row)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2)
    raise QueryError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")


def read_query(query: str) -> tuple[str, str]:
    """The name and text of a query given as a ``.rq`` file or as SPARQL text.

    Parameters
    ----------
    query : str
        A path to a file (read as UTF-8) or the query itself.

    Returns
    -------
    name : str
        The file's path, or ``"query"`` for inline text (used in error messages).
    text : str
        The query.

    Raises
    ------
    QueryError
        If ``query`` ends in ``.rq`` but there is no such file.

    Examples
    --------
    >>> read_query("ASK { ?s ?p ?o }")
    ('query', 'ASK { ?s ?p ?o }')
    >>> read_query("queries/nowhere.rq")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: queries/nowhere.rq: no such file or directory
    """
    path = Path(query)
    if query.endswith((".rq", ".sparql")) or ("\n" not in query and "{" not in query and _is_file(path)):
        if not _is_file(path):
            raise QueryError(f"{query}: no such file or directory")
        return query, path.read_text(encoding="utf-8")
    return "query", query


def _is_file(path: Path) -> bool:
    """``path.is_file()`` that is False for strings too long to be a path."""
    try:
        return path.is_file()
    except OSError:
        return False


def _one_line(error: BaseException) -> str:
    """An exception's message on one line, cut after 300 characters."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"
