"""The committed authority Turtle is the TSV files compiled: they never drift apart."""

from kg.rdf.authority import TURTLE, write_authority_turtle


def test_rdf_authority_turtle_in_step_with_tsv(tmp_path):
    fresh = write_authority_turtle(tmp_path / "authority.ttl")
    assert fresh.read_bytes() == TURTLE.read_bytes(), "run: python -m kg.rdf.authority"


def test_rdf_authority_turtle_has_identities_and_hierarchy():
    text = TURTLE.read_text("utf-8")
    assert "owl:sameAs wd:Q855" in text  # Stalin
    assert "<https://w3id.org/histkg/id/org/politburo> a hkg:Organisation" in text
    assert "hkg:partOf <https://w3id.org/histkg/id/org/central-committee>" in text
