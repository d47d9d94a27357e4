"""The data flow of ``kg build``, one entry function per stage, in order.

    files -> read_source -> ingest -> extract -> resolve -> to_quads -> write
                                                       -> to_networkx -> write_analysis
                                                                      -> render_html

Every output is written into a staging folder first and moved into place only
when the whole build has succeeded, so a failed or interrupted build leaves the
previous outputs untouched.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from kg.authority import read_authority
from kg.config import BuildConfig, chosen_pipelines
from kg.errors import InputError
from kg.files import output_folder
from kg.cache import ExtractionCache, GraphCache, KeysCache, prune
from kg.ingest import ingest, iter_paths, read_source
from kg.model import Document, Extraction, Resolved
from kg.parallel import Alongside, Workers, iter_extracted

#: Called with (event, detail): "document" (doc id) after each extraction, "cached" (doc id)
#: for a document whose extraction came from the cache, "warning" (message), and "stage"
#: (what the build does next, e.g. "resolving entities") once extraction is done, so that
#: the corpus-wide steps (13 s of a 1M-word build) do not pass in silence.
Listener = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the closing summary."""

    documents: int
    """Documents built."""
    skipped: tuple[str, ...]
    """One message per file skipped (bad input)."""
    entities: dict[str, int]
    """Entities per type."""
    relations: int
    """Distinct relation triples."""
    assertions: int
    """Evidence nodes (one per statement of a relation)."""
    violations: int
    """SHACL violations of the built graph (0 when valid or not validated)."""
    analysis: dict = field(default_factory=dict)
    """Summary from the analyze stage (nodes, edges, communities, modularity)."""
    seconds: float = 0.0
    """Wall time of the build."""
    outputs: tuple[str, ...] = ()
    """Files written, relative to the output folder."""
    pipelines: dict[str, str] = field(default_factory=dict)
    """The pipeline (name and version) each language's documents were read with."""


def build(paths: Sequence[str | Path], out_dir: str | Path, config: BuildConfig = BuildConfig(),
          listener: Listener | None = None) -> BuildReport:
    """Build the graph, analysis and page of ``paths`` into ``out_dir``."""
    started = time.perf_counter()
    tell = listener or (lambda event, detail: None)
    out = output_folder(out_dir)
    warn = lambda message: tell("warning", message)  # noqa: E731
    with chosen_pipelines(config.pipelines):
        cache, keys = ExtractionCache.open(config, out, warn), KeysCache.open(config, out, warn)
        graphs = GraphCache.open(config, out, warn)
        with _collector(enabled=False):
            # The build's millions of objects die when _build_outputs returns, while the
            # collector is still off; what is left is moved out of its way when it is
            # switched back on (_switch_collector).
            documents, skipped, report, outputs, read_with = _build_outputs(paths, out, config, tell, cache, keys,
                                                                            graphs)
            prune([cache, keys, graphs], config)
    return BuildReport(documents, skipped, *report, outputs=outputs, pipelines=read_with,
                       seconds=round(time.perf_counter() - started, 2))


def _build_outputs(paths: Sequence[str | Path], out: Path, config: BuildConfig, tell: Listener,
                   cache: ExtractionCache | None, keys: KeysCache | None, graphs: GraphCache | None):
    """Read, extract, resolve and write into ``out``; return the document count, skipped files,
    report figures and files written."""
    # Workers start while reading, once there is work for each; with --jobs > 1 a standby
    # imports spaCy meanwhile, for a rebuild with only a little to extract.
    with Workers(config.jobs, standby=True) as workers:
        documents, cached, skipped = read_documents(iter_paths(paths), config, tell, cache, workers)
        extractions = list(extract_all(documents, tell, config.jobs, cache, cached, workers,
                                       meanwhile=lambda: _read_ahead(len(documents), graphs)))
    tell("stage", "resolving entities")
    resolved = resolve_corpus(extractions, keys)
    with _staging(out) as stage:
        report = write_outputs(resolved, stage, config, graphs, tell)
        outputs = _commit(stage, out)
    read_with = {doc.lang: doc.pipeline for doc in sorted(resolved.documents, key=lambda d: d.lang)}
    return len(documents), tuple(skipped), report, outputs, read_with


def _read_ahead(documents: int, graphs: GraphCache | None) -> None:
    """What the later stages will read, read while a standby extracts (see :class:`kg.parallel.Standby`):
    the authority files (kept once read) and the kept named graphs."""
    read_authority()
    if graphs is not None:
        graphs.preload(documents)


def read_documents(files: Iterable[Path], config: BuildConfig, tell: Listener,
                   cache: ExtractionCache | None = None,
                   workers: Workers | None = None) -> tuple[list[Document], dict[str, Extraction], list[str]]:
    """Ingest every readable file; a bad one is reported and skipped.

    Returns the documents, the extractions the cache already holds (by document id;
    their documents come from the cache too, so those files are read but not cleaned
    again), and one message per skipped file. ``workers`` hears of each document
    that will have to be extracted (see :class:`kg.parallel.Workers`).
    """
    documents, cached, skipped = [], {}, []
    for path in files:
        try:
            source = read_source(path, config.max_bytes, config.max_line)
            extraction = cache.read(source) if cache is not None else None
            if extraction is not None:
                cached[source.doc_id] = extraction
                documents.append(extraction.document)
            else:
                documents.append(ingest(source, config.lang))
                if workers is not None:
                    workers.expect(documents[-1])
        except InputError as err:
            skipped.append(str(err))
            tell("warning", f"skipped {err}")
    if not documents:
        raise InputError(", ".join(map(str, files)) or "(no paths)", "no readable documents to build")
    _check_unique_ids(documents)
    return documents, cached, skipped


def extract_all(documents: list[Document], tell: Listener, jobs: int = 1, cache: ExtractionCache | None = None,
                cached: dict[str, Extraction] | None = None, workers: Workers | None = None,
                meanwhile: Callable[[], object] | None = None) -> Iterator[Extraction]:
    """Extractions of every document by language and id: ``cached`` ones as given, the rest
    extracted with ``jobs`` processes (``workers``, when already started) and stored in ``cache``
    (``meanwhile``: see :func:`kg.parallel.iter_extracted`)."""
    documents = sorted(documents, key=lambda d: (d.lang, d.doc_id))
    cached = cached or {}
    fresh = iter_extracted([d for d in documents if d.doc_id not in cached], jobs, workers, meanwhile)
    for document in documents:
        extraction = cached.get(document.doc_id)
        event = "document" if extraction is None else "cached"
        if extraction is None:
            extraction = next(fresh)
            if cache is not None:
                cache.write(extraction)
        tell(event, document.doc_id)
        yield extraction


def resolve_corpus(extractions: Iterable[Extraction], cache: KeysCache | None = None) -> Resolved:
    """Entities and facts of the corpus (see :func:`kg.resolve.resolve`; ``cache`` keeps each document's own keys)."""
    from kg.resolve import resolve

    return resolve(list(extractions), read_authority(), cache)


def write_outputs(resolved: Resolved, folder: Path, config: BuildConfig, graphs: GraphCache | None = None,
                  tell: Listener = lambda event, detail: None):
    """Write RDF, analysis and HTML into ``folder``; return the report figures (``tell`` hears each step).

    The graph is held once, as sorted integer rows (:func:`kg.rdf.to_quads`): the
    writers stream it to the files, the network is projected from it, and only
    SHACL validation (``config.validate``) makes an rdflib copy. Each document's
    named graph comes from ``graphs`` when nothing it is made from has changed.
    With ``config.jobs`` > 1 the Turtle and TriG files, and then the network's
    files, are written by forked children (:class:`kg.parallel.Alongside`).
    """
    from kg.analyze import centrality_table, to_networkx, write_analysis
    from kg.rdf import WRITERS, to_quads, validate, write_turtle_and_trig

    tell("stage", "making the RDF graph")
    quads = to_quads(resolved, config, annotations=config.annotations, cache=graphs)
    tell("stage", "writing graph.ttl and graph.trig")
    # With --jobs > 1 forked copies of this process write the RDF files while this one
    # measures the network, and the network's files while it draws the page (see
    # Alongside): 0.9 s of a 1M-word rebuild's 4.8 s. (This split measured fastest: after
    # a fork, whichever process first writes a shared page pays for copying it.)
    fork = config.jobs > 1
    with Alongside(write_turtle_and_trig, quads, folder / "graph.ttl", folder / "graph.trig", fork=fork) as rdf:
        others, violations = [fmt for fmt in dict.fromkeys(config.formats) if fmt not in ("ttl", "trig")], 0
        # See _collector: rdflib and pyshacl make cyclic garbage, so it runs for them.
        with _collector(enabled=True) if others or config.validate else nullcontext():
            for fmt in others:
                tell("stage", f"writing graph.{fmt}")
                WRITERS[fmt](quads, folder / f"graph.{fmt}")
            if config.validate:
                tell("stage", "validating against ontology/shapes.ttl")
                violations = len(validate(quads.to_dataset()))
        tell("stage", "measuring the network")
        G = to_networkx(quads)
        metrics = centrality_table(G, config.seed)
        with Alongside(write_analysis, G, folder, config.seed, metrics, fork=fork) as network:
            tell("stage", "rendering graph.html")
            _write_page(G, metrics, folder / "graph.html", config)
            analysis = network.wait()
        rdf.wait()
    by_type = Counter(e.type for e in resolved.entities)
    relations = len({(f.subject, f.predicate, f.object) for f in resolved.facts})
    return dict(sorted(by_type.items())), relations, len(resolved.facts), violations, analysis


def _write_page(G, metrics: list[dict], path: Path, config: BuildConfig) -> None:
    """Render the network and its measures as ``graph.html`` (see :func:`kg.render.render_html`)."""
    from kg.render import render_html, write_html

    write_html(render_html(G, {row["iri"]: row for row in metrics}, title=config.title,
                           max_nodes=config.html_max_nodes, seed=config.seed), path)


@contextmanager
def _collector(enabled: bool) -> Iterator[None]:
    """Run a block with Python's cyclic garbage collector on or off; restore its setting after.

    A build runs with it off. A build's heap is millions of small objects
    (mentions, facts, term keys) that stay alive until it ends, and the collector
    re-scans all of them each time the heap has grown by a quarter: about 1 s of a
    7 s rebuild of a 1M-word corpus. The default build makes almost no cyclic
    garbage (6,800 objects left for the collector after a 250k-word build, and the
    same peak memory with or without it); reference counting frees the rest as
    usual. The optional outputs run with it on: rdflib graphs and pyshacl's reports
    hold reference cycles (validating a 30k-word build peaked at 362 MB with the
    collector off, 238 MB with it on).
    """
    was_enabled = gc.isenabled()
    _switch_collector(enabled)
    try:
        yield
    finally:
        _switch_collector(was_enabled)


def _switch_collector(on: bool) -> None:
    if on and not gc.isenabled() and not gc.get_freeze_count():
        # Every object made while it was off sits in the youngest generation, so its
        # first pass would walk them all (0.08 s after a 1M-word rebuild: spaCy's
        # modules and pipeline, the caches). Freezing and unfreezing moves them to the
        # oldest generation, which is collected on its usual, rarer schedule. (Not when
        # the program froze objects of its own: unfreezing would release those too.)
        gc.freeze()
        gc.unfreeze()
    gc.enable() if on else gc.disable()


class _staging:
    """A temporary folder beside the outputs, removed whatever happens."""

    def __init__(self, out: Path):
        self.out = out

    def __enter__(self) -> Path:
        self.path = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=self.out))
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _commit(stage: Path, out: Path) -> tuple[str, ...]:
    """Move every staged file into the output folder (each move is atomic)."""
    names = sorted(p.name for p in stage.iterdir() if p.is_file())
    for name in names:
        os.replace(stage / name, out / name)
    return tuple(names)


def _check_unique_ids(documents: list[Document]) -> None:
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.doc_id in seen:
            raise InputError(doc.path, f"same file name as {seen[doc.doc_id]}; document ids must be unique")
        seen[doc.doc_id] = doc.path
