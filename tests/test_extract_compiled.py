"""The gazetteer's compiled pattern, kept between runs: faster, never different."""

from __future__ import annotations

import re

import pytest

from kg.extract.compiled import compile_cached
from kg.extract.components import gazetteer_for
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def gazetteer_pattern():
    pattern = gazetteer_for("").pattern
    return pattern.pattern, re.IGNORECASE


@pytest.fixture(scope="module")
def corpus_text():
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_cached_pattern_finds_what_re_compile_finds(gazetteer_pattern, corpus_text, tmp_path):
    expected = _spans(re.compile(*gazetteer_pattern), corpus_text)
    made = compile_cached(*gazetteer_pattern, folder=tmp_path)
    (entry,) = tmp_path.glob("*.sre")
    read = compile_cached(*gazetteer_pattern, folder=tmp_path)
    assert len(expected) > 500
    assert _spans(made, corpus_text) == _spans(read, corpus_text) == expected
    assert read.flags == re.compile(*gazetteer_pattern).flags
    assert [e.name for e in tmp_path.iterdir()] == [entry.name]  # no temporary file left


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated"])
def test_a_damaged_entry_is_compiled_again(gazetteer_pattern, corpus_text, tmp_path, damage):
    compile_cached(*gazetteer_pattern, folder=tmp_path)
    (entry,) = tmp_path.glob("*.sre")
    entry.write_bytes(entry.read_bytes()[:5000] if damage == "truncated" else damage)
    again = compile_cached(*gazetteer_pattern, folder=tmp_path)
    assert _spans(again, corpus_text) == _spans(re.compile(*gazetteer_pattern), corpus_text)
    assert len(entry.read_bytes()) > 100_000  # made again


def test_an_unwritable_cache_folder_only_costs_time(gazetteer_pattern, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    pattern = compile_cached(*gazetteer_pattern, folder=blocked / "regex")
    assert pattern.search("Zinovjev och Kamenev") is not None


def test_cache_folder_follows_kg_cache_dir(monkeypatch, tmp_path):
    from kg.extract.compiled import cache_folder

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    assert cache_folder() == tmp_path / "regex"
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "kg" / "regex"


def test_no_home_folder_only_costs_time(gazetteer_pattern, monkeypatch):
    from pathlib import Path

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    for name in ("KG_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert compile_cached(*gazetteer_pattern).search("Zinovjev och Kamenev") is not None
