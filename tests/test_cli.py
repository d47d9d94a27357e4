"""The command line: bad input gets one clear line, never a traceback; outputs stay atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import CORPUS, ROOT

runner = CliRunner()
GOOD_SV = CORPUS / "000_7faa08b1aca99881.txt"
BAD = ROOT / "tests" / "data" / "bad"


def _kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def _one_line(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= 1 and "Traceback" not in text


def test_cli_help_has_examples_for_every_command():
    result = _kg("--help")
    assert result.exit_code == 0
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        sub = _kg(name, "--help")
        assert sub.exit_code == 0, name
        assert "Example:" in sub.output, f"kg {name} --help has no example"


def test_cli_missing_path_is_an_error(tmp_path):
    result = _kg("build", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.output
    assert _one_line(result.output)


@pytest.mark.parametrize("bad, problem", [
    ("empty.txt", "empty"),
    ("binary.txt", "binary"),
    ("latin1.txt", "UTF-8"),
    ("german.txt", "language not recognised"),
])
def test_cli_bad_file_is_skipped_with_a_warning(tmp_path, bad, problem):
    result = _kg("build", GOOD_SV, BAD / bad, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and bad in warning[0] and problem in warning[0]
    assert (tmp_path / "graph.ttl").exists()


def test_cli_only_bad_files_is_an_error(tmp_path):
    result = _kg("build", BAD / "empty.txt", BAD / "binary.txt", "--out", tmp_path)
    assert result.exit_code == 1
    assert "no readable documents" in result.output
    assert not (tmp_path / "graph.ttl").exists()


def test_cli_huge_single_line_is_skipped(tmp_path):
    big = tmp_path / "dump.txt"
    big.write_text("Stalin skrev till Kamenev. " * 400_000, encoding="utf-8")  # one ~10 MB line
    result = _kg("build", GOOD_SV, big, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert "dump.txt: a line of" in result.output


def test_cli_output_path_that_is_a_file(tmp_path):
    target = tmp_path / "outputs"
    target.write_text("not a folder")
    result = _kg("build", GOOD_SV, "--out", target)
    assert result.exit_code == 1
    assert "outputs: output path exists and is not a directory" in result.output


def test_cli_unknown_language_option(tmp_path):
    result = _kg("build", GOOD_SV, "--lang", "de", "--out", tmp_path)
    assert result.exit_code == 1 and "--lang de" in result.output


@pytest.mark.parametrize("value, said", [
    ("sv=no_such_pipeline", "Swedish pipeline 'no_such_pipeline': not installed"),
    ("de=de_core_news_sm", "--pipeline de=de_core_news_sm: kg reads sv, en"),
    ("sv", "--pipeline sv: give LANG=NAME"),
])
def test_cli_bad_pipeline_is_one_line_and_writes_nothing(tmp_path, value, said):
    result = _kg("build", GOOD_SV, "--pipeline", value, "--out", tmp_path / "out")
    assert result.exit_code == 1 and said in result.output and _one_line(result.output)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_cli_pipeline_from_a_folder_is_recorded_in_summary_and_graph(tmp_path):
    """A pipeline named by its folder reads the language; the summary and hkg:pipeline name it."""
    import rdflib

    from kg.vocab import HKG

    result = _kg("build", GOOD_SV, "--pipeline", f"sv={ROOT / 'kg_sv' / 'pipeline'}", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "pipeline (sv)" in result.output and "kg_sv 1.0.0" in result.output
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl")
    assert {str(o) for o in graph.objects(None, HKG.pipeline)} == {"kg_sv 1.0.0"}
    assert os.environ.get("KG_PIPELINE_SV") is None  # the choice lasts the build only


def test_cli_interrupt_keeps_previous_outputs(tmp_path, monkeypatch):
    import kg.pipeline

    assert _kg("build", GOOD_SV, "--out", tmp_path).exit_code == 0
    before = (tmp_path / "graph.ttl").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.pipeline, "write_outputs", interrupted)
    result = _kg("build", CORPUS, "--out", tmp_path)
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert not list(tmp_path.glob(".kg-build-*"))


@pytest.mark.slow
def test_cli_real_ctrl_c_mid_build(tmp_path):
    kg = [sys.executable, "-m", "kg"]
    first = subprocess.run(kg + ["build", str(GOOD_SV), "--out", str(tmp_path)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    proc = subprocess.Popen(kg + ["build", str(CORPUS), "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "true"})
    line = proc.stderr.readline()  # the first "extracted ..." line: the build is under way
    assert line.startswith("extracted"), line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_cli_version():
    result = _kg("--version")
    assert result.exit_code == 0 and result.output.startswith("kg ")


def test_cli_build_summary_table(tmp_path):
    result = _kg("build", GOOD_SV, "--out", tmp_path)
    assert result.exit_code == 0
    for row in ("documents", "entities: Person", "relations", "assertions", "seconds"):
        assert row in result.output


def test_cli_validate_and_path(tmp_path):
    assert _kg("build", CORPUS, "--out", tmp_path).exit_code == 0
    valid = _kg("validate", tmp_path)
    assert valid.exit_code == 0 and "0 violations" in valid.output
    chain = _kg("path", "Trotskij", "Kamenev", "--build", tmp_path)
    assert chain.exit_code == 0, chain.output
    assert "chain 1:" in chain.output and "“" in chain.output


def test_cli_validate_without_build(tmp_path):
    result = _kg("validate", tmp_path)
    assert result.exit_code == 1 and "no build here" in result.output


def test_cli_no_annotations_drops_mention_annotations_only(tmp_path):
    assert _kg("build", GOOD_SV, "--out", tmp_path / "with").exit_code == 0
    assert _kg("build", GOOD_SV, "--no-annotations", "--out", tmp_path / "without").exit_code == 0
    with_text = (tmp_path / "with" / "graph.ttl").read_text("utf-8")
    without_text = (tmp_path / "without" / "graph.ttl").read_text("utf-8")
    assert "oa:Annotation" in with_text and "oa:Annotation" not in without_text
    assert without_text.count("hkg:Assertion") == with_text.count("hkg:Assertion") > 0
