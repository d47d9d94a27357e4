"""Every notebook runs headless against the analysis fixture (as CI runs it against a build)."""

import warnings
from pathlib import Path

import pytest
import rdflib

from kg.analyze import to_networkx, write_analysis

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "data" / "graphs" / "analysis_fixture.trig"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    """A fake build folder: the fixture as graph.trig and graph.ttl, plus the analysis files."""
    folder = tmp_path_factory.mktemp("build")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset().parse(FIXTURE, format="trig")
        dataset.serialize(folder / "graph.trig", format="trig")
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(folder / "graph.ttl", format="turtle")
    write_analysis(to_networkx(dataset), folder, seed=42)
    return folder


def test_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["01_sparql.ipynb", "02_network.ipynb", "03_graph.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_committed_without_outputs(path):
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_run(path, build_dir, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_run_on_the_corpus_build(path, corpus_build, monkeypatch):
    # The notebooks are for real builds (`make run` writes outputs/): run them on one.
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_BUILD_DIR", str(corpus_build[0]))
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
