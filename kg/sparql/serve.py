"""A local SPARQL endpoint for a build: Oxigraph's own server over a temporary store.

:func:`serve` copies the build (``graph.trig``) and the ontology into a fresh
Oxigraph store in a temporary folder with ``oxigraph load``, starts ``oxigraph
serve`` on ``127.0.0.1`` (the build's default graph is the endpoint's default
graph, so it answers exactly like ``kg query``), waits until it answers, and on leaving stops
the server and removes the folder. The ``oxigraph`` program comes from the PyPI
package ``oxigraph``; it is looked for next to the running Python first, then on
``PATH``.

Examples
--------
>>> free_port() > 0
True
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KgError, PublishError
from kg.sparql.query import ONTOLOGY_FILE, ONTOLOGY_GRAPH
from kg.sparql.remote import query_endpoint


@dataclass(frozen=True, slots=True)
class Server:
    """A running ``oxigraph serve`` process and its endpoints."""

    query_url: str
    """The SPARQL 1.1 Protocol query endpoint, ``http://127.0.0.1:PORT/query``."""
    store_url: str
    """The Graph Store Protocol endpoint, ``http://127.0.0.1:PORT/store``."""
    process: subprocess.Popen
    """The server process; :func:`serve` stops it."""


def find_oxigraph() -> Path:
    """The ``oxigraph`` command: next to ``sys.executable``, else on ``PATH``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    PublishError
        If the command is not installed.

    Examples
    --------
    >>> find_oxigraph().name
    'oxigraph'
    """
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise PublishError("oxigraph: command not found; install it with `pip install oxigraph`")
    return Path(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the system picks it).

    Returns
    -------
    int
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_location(build_dir: str | Path, location: str | Path) -> None:
    """Load a build and the ontology into the Oxigraph store at ``location``.

    Parameters
    ----------
    build_dir : str or pathlib.Path
        A build folder holding ``graph.trig``.
    location : str or pathlib.Path
        The store folder (created by ``oxigraph load`` if missing).

    Raises
    ------
    InputError
        If the folder holds no build.
    PublishError
        If ``oxigraph load`` fails.

    Examples
    --------
    >>> import tempfile
    >>> load_location(tempfile.mkdtemp(), tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    kg.errors.InputError: ...graph.trig: no build here; run `kg build` first
    """
    trig = Path(build_dir) / "graph.trig"
    if not trig.is_file():
        raise InputError(str(trig), "no build here; run `kg build` first")
    _oxigraph("load", "--location", str(location), "--file", str(trig))
    _oxigraph("load", "--location", str(location), "--file", str(ONTOLOGY_FILE), "--graph", ONTOLOGY_GRAPH)


def _oxigraph(*args: str) -> None:
    """Run one ``oxigraph`` subcommand; a failure is a PublishError with its message."""
    done = subprocess.run([str(find_oxigraph()), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()] or ["no message"]
        raise PublishError(f"oxigraph {args[0]}: failed ({lines[-1].strip()})")


@contextlib.contextmanager
def serve(build_dir: str | Path, *, port: int = 7878, ready_timeout: float = 30) -> Iterator[Server]:
    """Serve a build over SPARQL on ``127.0.0.1:port`` while the block runs.

    Parameters
    ----------
    build_dir : str or pathlib.Path
        A build folder holding ``graph.trig``.
    port : int, optional
        The TCP port to listen on.
    ready_timeout : float, optional
        Seconds to wait for the server to answer before giving up.

    Yields
    ------
    Server
        The endpoints and the process.

    Raises
    ------
    InputError
        If the folder holds no build.
    PublishError
        If the port is taken, or ``oxigraph`` is missing, fails to load, exits
        or does not answer within ``ready_timeout``.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from kg.sparql.query import FIXTURE
    >>> build = Path(tempfile.mkdtemp())
    >>> _ = shutil.copy(FIXTURE, build / "graph.trig")
    >>> with serve(build, port=free_port()) as server:
    ...     query_endpoint(server.query_url, '''PREFIX hkg: <https://w3id.org/histkg/ontology#>
    ...         SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a hkg:Person }''')
    (['n'], [('6',)])
    """
    _check_port(port)
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        load_location(build_dir, folder / "store")
        server = _start(folder, port)
        try:
            _wait_ready(server, folder / "server.log", ready_timeout)
            yield server
        finally:
            _stop(server.process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_port(port: int) -> None:
    """Fail early, and clearly, when something already listens on the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise PublishError(f"127.0.0.1:{port}: port not free ({error.strerror or error}); "
                               "choose another with --port") from error


def _start(folder: Path, port: int) -> Server:
    """Start ``oxigraph serve`` on the store in ``folder``, logging to ``server.log``."""
    command = [str(find_oxigraph()), "serve", "--location", str(folder / "store"),
               "--bind", f"127.0.0.1:{port}"]
    with open(folder / "server.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    return Server(query_url=f"{root}/query", store_url=f"{root}/store", process=process)


def _wait_ready(server: Server, log: Path, timeout: float) -> None:
    """Poll the endpoint until it answers; fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
            raise PublishError(f"{server.query_url}: oxigraph serve exited ({(lines or ['no message'])[-1].strip()})")
        with contextlib.suppress(KgError):
            query_endpoint(server.query_url, "ASK {}", timeout=2)
            if server.process.poll() is None:
                return
        time.sleep(0.1)
    raise PublishError(f"{server.query_url}: oxigraph serve did not answer within {timeout:g} s")


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server; kill it if it does not stop within ten seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
