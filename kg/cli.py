"""The ``kg`` command line: thin wrappers over the library.

Only this module turns a :class:`~kg.errors.KgError` into a one-line message and
an exit code; everything else raises.
"""

from __future__ import annotations

import os
import sys
from functools import wraps
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from kg import __version__
from kg.config import DEFAULT_BASE, BuildConfig
from kg.errors import KgError

app = typer.Typer(
    help="kg: build a historical knowledge graph (RDF with evidence, network measures, an "
         "interactive page) from Swedish and English texts.\n\nExample: kg build corpus/ --out outputs/",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def _fails_cleanly(command):
    """Run a command; a KgError becomes one line on stderr and its exit code, Ctrl-C exit 130."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KgError as error:
            err.print(f"error: {error}", markup=False)
            raise typer.Exit(error.exit_code)
        except KeyboardInterrupt:
            err.print("interrupted: nothing written; previous outputs left as they were", markup=False)
            raise typer.Exit(130)
        except Exception as error:  # a bug in kg: still one line, the traceback on request
            if os.environ.get("KG_DEBUG"):
                raise
            err.print(f"internal error: {type(error).__name__}: {error} "
                      "(a bug in kg; set KG_DEBUG=1 for the traceback and please report it)", markup=False)
            raise typer.Exit(70)
    return wrapper


def _version(value: bool):
    if value:
        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")):
    """kg: historical knowledge graphs from letters, minutes and chapters."""


@app.command()
@_fails_cleanly
def build(
    paths: Optional[List[Path]] = typer.Argument(None, help="Text files (.txt) or folders of them. Default: corpus/"),
    out_dir: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the outputs (created if missing)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the language of every file: sv or en. Default: detect per file."),
    pipeline: Optional[List[str]] = typer.Option(None, "--pipeline", metavar="LANG=NAME",
                                                 help="Read LANG (sv or en) with this spaCy pipeline, a package or a folder, e.g. sv=sv_core_news_sm. Default: kg_sv, en_core_web_sm."),
    base: str = typer.Option(DEFAULT_BASE, "--base", help="Base IRI for minted entity IRIs."),
    formats: str = typer.Option("ttl,trig", "--formats", help="RDF formats, comma-separated: ttl,trig,nq,jsonld."),
    max_nodes: int = typer.Option(2000, "--max-nodes", help="Above this many nodes the HTML page keeps the top ones by PageRank."),
    annotations: bool = typer.Option(True, "--annotations/--no-annotations", help="Record every mention as a Web Annotation with its offsets (most of the triples)."),
    validate: bool = typer.Option(False, "--validate/--no-validate", help="Also check the graph against ontology/shapes.ttl (slow; same as `kg validate`)."),
    seed: int = typer.Option(42, "--seed", help="Seed for community detection and layout."),
    max_bytes: int = typer.Option(50_000_000, "--max-bytes", help="Skip (with a warning) files larger than this many bytes."),
    max_line: int = typer.Option(1_000_000, "--max-line", help="Skip (with a warning) files with a longer line (characters)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract in this many worker processes (same outputs as 1)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache", help="Folder of the caches (ingest+extraction, named graphs). Default: OUT/.kg-cache"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Clean, extract and lay out every document again; neither read nor write the caches."),
):
    """Build the graph of PATHS into --out: graph.ttl, graph.trig, metrics.csv, graph.html ...

    Unchanged documents are not cleaned, extracted or laid out again: their results come from the cache.

    Example: kg build corpus/ --out outputs/ --jobs 2
    Another pipeline for a language: kg build corpus/ --pipeline sv=sv_core_news_sm
    """
    from kg.pipeline import build as run_build

    if lang not in (None, "sv", "en"):
        raise KgError(f"--lang {lang}: kg reads sv or en")
    config = BuildConfig(base_iri=base, lang=lang, pipelines=_pipelines(pipeline or []), formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
                         html_max_nodes=max_nodes, annotations=annotations, validate=validate, seed=seed, max_bytes=max_bytes, max_line=max_line,
                         jobs=jobs, cache=not no_cache, cache_dir=str(cache_dir) if cache_dir else None)
    _check_formats(config.formats)
    with _progress() as listener:
        report = run_build(paths or [Path("corpus")], out_dir, config, listener)
    _summary(report, out_dir)
    if report.violations:
        err.print(f"warning: {report.violations} SHACL violations; run `kg validate {out_dir}` for details", markup=False)


def _pipelines(values: list[str]) -> tuple[tuple[str, str], ...]:
    """``--pipeline sv=NAME`` values as (lang, name) pairs."""
    pairs = []
    for value in values:
        lang, sep, name = value.partition("=")
        if not sep:
            raise KgError(f"--pipeline {value}: give LANG=NAME, e.g. sv=sv_core_news_sm")
        pairs.append((lang.strip(), name.strip()))
    return tuple(pairs)


def _check_formats(formats):
    from kg.rdf import WRITERS

    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise KgError(f"--formats: unknown {', '.join(unknown)}; choose from {', '.join(sorted(WRITERS))}")


#: How the progress line names each listener event.
_DONE = {"document": "extracted", "cached": "from the cache:", "stage": ""}


class _progress:
    """A rich progress bar on a terminal; plain lines in CI and pipes.

    The lines name each document extracted; documents read from the cache are
    counted in one line (a rebuild of ten thousand letters prints one line, not
    ten thousand), printed when the corpus-wide steps begin.
    """

    def __enter__(self):
        self.bar = None
        self.cached = 0
        if err.is_terminal and not os.environ.get("CI"):
            from rich.progress import Progress

            self.bar = Progress(console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=None)
        return self.listen

    def listen(self, event: str, detail: str) -> None:
        if event == "warning":
            err.print(f"warning: {detail}", markup=False)
        elif self.bar is not None:
            advance = 0 if event == "stage" else 1
            self.bar.update(self.task, advance=advance, description=f"{_DONE.get(event, event)} {detail}".strip())
        elif event == "cached":
            self.cached += 1
        else:
            if event == "stage" and self.cached:
                err.print(f"from the cache: {self.cached} document{'s' * (self.cached != 1)}", markup=False)
                self.cached = 0
            err.print(f"{_DONE.get(event, event)} {detail}".strip(), markup=False)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def _summary(report, out_dir: Path) -> None:
    table = Table(title=f"kg build -> {out_dir}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(report.documents))
    if report.skipped:
        table.add_row("skipped files", str(len(report.skipped)))
    for kind, n in report.entities.items():
        table.add_row(f"entities: {kind}", str(n))
    table.add_row("relations", str(report.relations))
    table.add_row("assertions (evidence)", str(report.assertions))
    for name in ("communities", "modularity"):
        if name in report.analysis:
            table.add_row(name, str(report.analysis[name]))
    table.add_row("SHACL violations", str(report.violations))
    for lang, name in report.pipelines.items():
        table.add_row(f"pipeline ({lang})", name)
    table.add_row("seconds", f"{report.seconds:.1f}")
    out.print(table)


@app.command()
@_fails_cleanly
def validate(build_dir: Path = typer.Argument(Path("outputs"), help="A build folder holding graph.trig.")):
    """Check a build against the contract's SHACL shapes; exit 1 if it violates them.

    Example: kg validate outputs/
    """
    from kg.errors import ValidationError
    from kg.rdf import validate as run_validate
    from kg.store import read_build

    rows = run_validate(read_build(build_dir))
    for row in rows[:50]:
        out.print(" | ".join(str(v) for v in row.values()), markup=False)
    if rows:
        raise ValidationError(f"{build_dir}: {len(rows)} SHACL violations")
    out.print(f"{build_dir}: valid (0 violations)")


@app.command()
@_fails_cleanly
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold annotation files (*.json)."),
    build_dir: Path = typer.Option(Path("outputs"), "--build", help="Build folder to evaluate (graph.trig)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Where the annotated texts are, to build them if --build has no graph."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="Score this graph file (graph.ttl or graph.trig) instead of a build folder."),
    details: bool = typer.Option(False, "--details", help="List every missed and spurious entity and relation."),
):
    """Score a build against gold annotations: entity and relation precision, recall, F1.

    Example: kg evaluate ../shared/gold --build outputs/
    """
    from kg.evaluate import evaluate_build, format_report

    report = evaluate_build(gold_dir, build_dir, corpus, graph)
    out.print(format_report(report, details=details), markup=False)


@app.command()
@_fails_cleanly
def analyze(build_dir: Path = typer.Argument(Path("outputs"), help="A build folder holding graph.trig."),
            seed: int = typer.Option(42, "--seed", help="Seed for community detection.")):
    """Recompute the network analysis (metrics.csv, communities.csv, graph.graphml ...) of a build.

    Example: kg analyze outputs/
    """
    from kg.analyze import to_networkx, write_analysis
    from kg.store import read_build

    summary = write_analysis(to_networkx(read_build(build_dir)), build_dir, seed)
    out.print(", ".join(f"{k}: {v}" for k, v in summary.items()), markup=False)


@app.command()
@_fails_cleanly
def path(a: str = typer.Argument(..., help="First entity: a name, a name variant or an IRI."),
         b: str = typer.Argument(..., help="Second entity."),
         build_dir: Path = typer.Option(Path("outputs"), "--build", help="A build folder holding graph.trig."),
         k: int = typer.Option(3, "--k", help="How many shortest chains to show.")):
    """Print the shortest chains between two entities, with the quote and document behind each link.

    Example: kg path Trotskij Stalin --build outputs/
    """
    from kg.analyze import evidence_path, to_networkx
    from kg.store import read_build

    G = to_networkx(read_build(build_dir))
    chains = evidence_path(G, a, b, k=k)
    if not chains:
        out.print(f"no chain between {a} and {b}", markup=False)
    for n, chain in enumerate(chains, 1):
        out.print(f"chain {n}:", markup=False)
        for hop in chain:
            names = (G.nodes[hop.u].get("label", hop.u), G.nodes[hop.v].get("label", hop.v))
            out.print(f"  {names[0]} --{hop.predicate}--> {names[1]}", markup=False)
            out.print(f"      “{hop.quote}” ({hop.doc})", markup=False)


@app.command()
@_fails_cleanly
def show(entity: str = typer.Argument(..., help="A person, body or meeting: a name, variant or IRI."),
         hops: int = typer.Option(1, "--hops", help="How many links out from the entity."),
         build_dir: Path = typer.Option(Path("outputs"), "--build", help="A build folder holding graph.trig."),
         output: Optional[Path] = typer.Option(None, "--out", "-o", help="Page to write. Default: BUILD/ego-<name>.html")):
    """Write an ego-network page for one entity.

    Example: kg show Trotskij --hops 2 --build outputs/
    """
    from kg.analyze import to_networkx
    from kg.render import ego_graph, find_node, render_html, write_html
    from kg.resolve.keys import slug
    from kg.store import read_build

    G = to_networkx(read_build(build_dir))
    node = find_node(G, entity)
    label = G.nodes[node].get("label", entity)
    target = output or build_dir / f"ego-{slug(label)}.html"
    write_html(render_html(ego_graph(G, node, hops), title=f"{label}: {hops}-hop network"), target)
    out.print(f"wrote {target}", markup=False)


@app.command()
@_fails_cleanly
def query(text: str = typer.Argument(..., help="A .rq file, or the SPARQL query itself in quotes."),
          build_dir: Path = typer.Argument(Path("outputs"), help="A build folder holding graph.trig."),
          fmt: str = typer.Option("table", "--format", "-f", help="Output: table, csv or json (a list of row objects)."),
          union: bool = typer.Option(False, "--union", help="Query the union of all graphs (for TriG files whose default graph is not complete)."),
          endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Ask this SPARQL endpoint (e.g. http://127.0.0.1:7878/query) instead of BUILD_DIR."),
          default_graph: Optional[str] = typer.Option(None, "--default-graph", help="With --endpoint: graph IRI to query as the default graph (the --graph of kg publish).")):
    """Run a SPARQL query on a build (its graphs plus the ontology) and print the rows.

    Example: kg query queries/opponents_of_stalin.rq outputs/ --format csv
    """
    from kg.sparql import FORMATS, query_endpoint, read_query, run_query, to_text

    if fmt not in FORMATS:
        raise KgError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    name, sparql = read_query(text)
    if endpoint:
        columns, rows = query_endpoint(endpoint, sparql, default_graph=default_graph)
    else:
        columns, rows = run_query(build_dir, sparql, name=name, union=union)
    if fmt != "table":
        out.print(to_text(columns, rows, fmt), markup=False, end="" if fmt == "csv" else "\n")
        return
    table = Table(*columns, title=f"{name}: {len(rows)} rows", show_lines=False)
    for row in rows:
        table.add_row(*("" if value is None else value for value in row))
    out.print(table)


@app.command()
@_fails_cleanly
def serve(build_dir: Path = typer.Argument(Path("outputs"), help="A build folder holding graph.trig."),
          port: int = typer.Option(7878, "--port", help="TCP port on 127.0.0.1 to listen on.")):
    """Serve a build as a SPARQL endpoint (Oxigraph) on 127.0.0.1 until Ctrl-C.

    Example: kg serve outputs/ --port 7878
    """
    import signal

    from kg.errors import PublishError
    from kg.sparql import serve as run_server

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it as cleanly as Ctrl-C
    try:
        with run_server(build_dir, port=port) as server:
            out.print(f"SPARQL endpoint: {server.query_url}", markup=False)
            out.print(f"Graph Store:     {server.store_url}", markup=False)
            out.print("press Ctrl-C to stop", markup=False)
            code = server.process.wait()
        raise PublishError(f"{server.query_url}: oxigraph serve stopped unexpectedly (exit code {code})")
    except KeyboardInterrupt:
        out.print("stopped; temporary store removed", markup=False)


@app.command()
@_fails_cleanly
def publish(build_dir: Path = typer.Argument(Path("outputs"), help="A build folder holding graph.trig."),
            store: str = typer.Option(..., "--store", help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph)."),
            graph: str = typer.Option("https://w3id.org/histkg/id/graph/default", "--graph", help="Graph IRI that receives the build's default graph."),
            timeout: float = typer.Option(120, "--timeout", help="Seconds to wait for each upload.")):
    """Upload a build to a SPARQL triple store: one graph per document, the default graph, the ontology.

    Example: kg publish outputs/ --store http://127.0.0.1:7878/store
    """
    from kg.sparql import publish as upload

    written = upload(build_dir, store, graph=graph, timeout=timeout)
    total = sum(n for _, n in written)
    out.print(f"published {len(written)} graphs ({total} triples) to {store}", markup=False)


def run() -> None:
    """Entry point for ``python -m kg``."""
    app(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
