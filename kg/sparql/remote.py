"""Talking HTTP to SPARQL servers with the standard library only.

:func:`send` performs one request and turns every way it can fail (no server,
timeout, an HTTP error status) into a one-line :class:`~kg.errors.KgError` that
names the URL; :func:`query_endpoint` runs a query against a SPARQL 1.1 Protocol
endpoint and returns the same ``(columns, rows)`` as the embedded store in
:mod:`kg.sparql.query`, so results from both can be compared.

Examples
--------
Port 9 (discard) has no SPARQL server behind it:

>>> query_endpoint("http://127.0.0.1:9/query", "ASK { ?s ?p ?o }")
Traceback (most recent call last):
...
kg.errors.QueryError: http://127.0.0.1:9/query: cannot connect (Connection refused)
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from kg.errors import KgError, PublishError, QueryError
from kg.sparql.query import Row, term_text

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def send(request: urllib.request.Request, *, timeout: float = 60, error: type[KgError] = PublishError) -> bytes:
    """Perform one HTTP request and return the response body.

    Parameters
    ----------
    request : urllib.request.Request
        The request (method, URL, headers, body).
    timeout : float, optional
        Seconds to wait for the server.
    error : type, optional
        The :class:`~kg.errors.KgError` subclass to raise on failure.

    Returns
    -------
    bytes
        The body of a 2xx response.

    Raises
    ------
    KgError
        ``error``, with one line naming the URL (without its query string):
        ``cannot connect (reason)`` when there is no server, ``HTTP <status>
        <reason>: <first line of the body>`` when the server refuses.

    Examples
    --------
    >>> send(urllib.request.Request("http://127.0.0.1:9/store", method="PUT", data=b""))
    Traceback (most recent call last):
    ...
    kg.errors.PublishError: http://127.0.0.1:9/store: cannot connect (Connection refused)
    """
    where = request.full_url.split("?", 1)[0]
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as refused:
        raise error(f"{where}: HTTP {refused.code} {refused.reason}: {_first_line(refused.read())}") from refused
    except urllib.error.URLError as failed:
        raise error(f"{where}: cannot connect ({_reason(failed.reason)})") from failed
    except (TimeoutError, socket.timeout, ConnectionError) as failed:
        raise error(f"{where}: cannot connect ({_reason(failed)})") from failed


def query_endpoint(url: str, text: str, *, default_graph: str | None = None,
                   timeout: float = 60) -> tuple[list[str], list[Row]]:
    """Run a query on a SPARQL 1.1 Protocol endpoint (POST, form-encoded).

    Parameters
    ----------
    url : str
        The query endpoint, for Oxigraph ``http://host:port/query``.
    text : str
        The SPARQL query.
    default_graph : str, optional
        A graph IRI to use as the query's default graph, e.g. the ``--graph`` a
        build was published to. The endpoint is first asked for its graphs, and
        every other graph stays available to ``GRAPH`` (the protocol's
        ``default-graph-uri`` and ``named-graph-uri``), so a published build
        answers like the embedded store.
    timeout : float, optional
        Seconds to wait for the answer.

    Returns
    -------
    tuple of (list of str, list of tuple)
        As :func:`kg.sparql.query.run_query`: lexical values, ``None`` where unbound.

    Raises
    ------
    QueryError
        If the endpoint cannot be reached or answers with an error status.

    Examples
    --------
    >>> query_endpoint("http://127.0.0.1:9/query", "SELEC nothing")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: http://127.0.0.1:9/query: cannot connect (Connection refused)
    """
    fields = [("query", text)]
    if default_graph:
        graphs = query_endpoint(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }", timeout=timeout)[1]
        fields += [("default-graph-uri", default_graph)]
        fields += [("named-graph-uri", g) for (g,) in sorted(graphs) if g and g != default_graph]
    answer = _post(url, fields, timeout)
    if answer.lstrip().startswith(b"{"):
        return _from_json(json.loads(answer))
    triples = ox.parse(answer, format=ox.RdfFormat.N_TRIPLES)
    return ["subject", "predicate", "object"], [
        (term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in triples]


def _post(url: str, fields: list[tuple[str, str]], timeout: float) -> bytes:
    """POST a form-encoded SPARQL Protocol request; the answer's body."""
    body = urllib.parse.urlencode(fields).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT})
    return send(request, timeout=timeout, error=QueryError)


def _from_json(results: dict) -> tuple[list[str], list[Row]]:
    """Columns and rows of a SPARQL 1.1 JSON results document."""
    if "boolean" in results:
        return ["ask"], [("true" if results["boolean"] else "false",)]
    columns = results["head"].get("vars", [])
    return columns, [tuple(_binding(b.get(c)) for c in columns) for b in results["results"]["bindings"]]


def _binding(value: dict | None) -> str | None:
    """One JSON result binding as the embedded store writes it."""
    if value is None:
        return None
    return f"_:{value['value']}" if value["type"] == "bnode" else value["value"]


def _reason(reason: object) -> str:
    """'Connection refused' from ``ConnectionRefusedError(111, 'Connection refused')``."""
    text = getattr(reason, "strerror", None) or str(reason)
    return " ".join(text.split()) or type(reason).__name__


def _first_line(body: bytes) -> str:
    """The first non-empty line of an error body, shortened to 200 characters."""
    lines = [line.strip() for line in body.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0][:200] if lines else "(empty body)"
