"""Finding and reading source files; every bad-input case has a fixture named after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import BINARY, EMPTY, MISSING, NO_TEXT, UNKNOWN_LANG, InputError
from kg.ingest import ingest, iter_paths, read_source

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = Path(__file__).parents[1] / "corpus"


def test_read_iter_paths_expands_directories_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", "notes.md"):
        (tmp_path / name).write_text("Lenin skrev.", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])] == ["a.txt", "b.txt", "sub/c.txt"]


def test_read_iter_paths_skips_hidden_entries(tmp_path):
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "brev.txt").write_text("Lenin skrev.", encoding="utf-8")
    assert [p.name for p in iter_paths([tmp_path])] == ["brev.txt"]


def test_read_iter_paths_accepts_explicit_non_txt_file_once(tmp_path):
    note = tmp_path / "brev.md"
    note.write_text("Lenin skrev.", encoding="utf-8")
    assert iter_paths([note, str(note)]) == [note]


def test_read_iter_paths_corpus():
    assert [p.name[:3] for p in iter_paths([CORPUS])] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda tmp: tmp / "missing.txt", MISSING),
        (lambda tmp: tmp, NO_TEXT),
    ],
    ids=["missing", "no-text"],
)
def test_read_iter_paths_errors(tmp_path, make, problem):
    with pytest.raises(InputError) as err:
        iter_paths([make(tmp_path)])
    assert err.value.problem == problem
    assert str(make(tmp_path)) in str(err.value)


@pytest.mark.parametrize(
    "name, problem",
    [
        ("empty.txt", EMPTY),
        ("whitespace.txt", EMPTY),
        ("binary.txt", BINARY),
        ("latin1.txt", "not valid UTF-8 (byte 0xf6 at offset 38); re-save the file as UTF-8"),
        ("missing.txt", MISSING),
    ],
)
def test_read_source_bad_inputs(name, problem):
    with pytest.raises(InputError) as err:
        read_source(BAD / name)
    assert err.value.problem == problem
    assert str(err.value) == f"{BAD / name}: {problem}"


def test_read_source_german_reads_but_does_not_ingest():
    source = read_source(BAD / "german.txt")
    with pytest.raises(InputError) as err:
        ingest(source)
    assert err.value.problem == UNKNOWN_LANG
    assert ingest(source, lang="sv").lang == "sv"  # the user may force a language


def test_read_source_strips_bom_and_names_document(tmp_path):
    path = tmp_path / "000_brev.txt"
    path.write_bytes("\ufeffV I Lenin\n".encode("utf-8"))
    source = read_source(path)
    assert (source.doc_id, source.path, source.text) == ("000_brev.txt", str(path), "V I Lenin\n")


def test_read_source_directory_is_not_a_file(tmp_path):
    with pytest.raises(InputError):
        read_source(tmp_path)


def test_read_source_too_large(tmp_path):
    big = tmp_path / "big.txt"
    line = "Lenin skrev till Kamenev den 26 september 1922 om Sovjetunionens bildande. "
    big.write_text(line * (10_000_000 // len(line) + 1), encoding="utf-8")  # one 10 MB line
    with pytest.raises(InputError) as err:
        read_source(big, max_bytes=1_000_000)
    assert "over the limit of 1000000" in err.value.problem
    with pytest.raises(InputError) as err:
        read_source(big)
    assert "not prose with line breaks" in err.value.problem and str(big) in str(err.value)
    source = read_source(big, max_line=20_000_000)
    assert len(source.text) > 10_000_000
    doc = ingest(source)
    assert doc.lang == "sv" and len(doc.offsets) == len(doc.clean) + 1
