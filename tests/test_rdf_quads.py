"""Quads, GraphView and the streamed Turtle/TriG: the lean path a build writes and analyses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.analyze import to_networkx
from kg.config import BuildConfig
from kg.rdf import WRITERS, to_dataset, to_quads
from kg.rdf.quads import collect_quads, from_rdflib
from kg.rdf.view import GraphView
from kg.vocab import HKG, RDF, RDFS, XSD
from test_rdf_build import small_resolved

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")
ID = "https://w3id.org/histkg/id/"
PARSE = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
         "jsonld": ox.RdfFormat.JSON_LD}


@pytest.fixture(scope="module")
def quads():
    return to_quads(small_resolved(), BuildConfig())


def _statements(path, fmt) -> set[str]:
    return {str(q) for q in ox.parse(path=str(path), format=PARSE[fmt])}


def test_rdf_quads_same_statements_as_dataset(quads):
    dataset = to_dataset(small_resolved(), BuildConfig())
    again = quads.to_dataset()
    assert isomorphic(again.default_graph, dataset.default_graph)
    names = sorted(str(g.identifier) for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier)
    assert quads.graph_names() == names
    for name in names:
        assert isomorphic(again.graph(URIRef(name)), dataset.graph(URIRef(name))), name


def test_rdf_quads_sorted_and_unique():
    lenin, stalin = URIRef(ID + "person/lenin"), URIRef(ID + "person/stalin")
    letter = URIRef(ID + "document/000_letter")
    said = [(stalin, HKG.opposes, lenin), (lenin, RDFS.label, Literal("Lenin")), (lenin, RDF.type, HKG.Person)]
    quads = collect_quads(said + said[:1], [(letter, said), (letter, said[:1])])
    rows = [tuple(str(quad).split(" ")[:2]) for quad in quads.iter_ox()]
    assert len(quads) == 6
    assert rows[0] == (f"<{lenin}>", f"<{RDF.type}>")  # default graph first, rdf:type first
    assert [quad.graph_name for quad in quads.iter_ox()][3:] == [ox.NamedNode(str(letter))] * 3


class _Names:
    """rdf:type, then ``urn:x:<i>`` IRIs in order: a term table of any length, made on demand."""

    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int):
        return ox.NamedNode(str(RDF.type)) if i == 0 else ox.NamedNode(f"urn:x:{i:08d}")


@pytest.mark.parametrize("n_terms", [50, 300_000, 3_000_000])  # sort keys packed in an int64, and too many to pack
def test_rdf_quads_sort_same_as_five_key_lexsort(n_terms):
    import numpy as np

    from kg.rdf.quads import _sorted_unique

    terms = _Names(n_terms)
    rng = np.random.default_rng(7)
    rows = rng.integers(0, 40, size=(5_000, 4)) * (n_terms // 40)
    rows[:, 0] = rng.integers(-1, 3, size=len(rows))
    rows[::3, 2] = 0  # rdf:type
    rows = np.concatenate([rows, rows[:500]])  # duplicates
    not_type = rows[:, 2] != 0
    expected = rows[np.lexsort((rows[:, 3], rows[:, 2], not_type, rows[:, 1], rows[:, 0]))]
    expected = expected[np.r_[True, (expected[1:] != expected[:-1]).any(1)]]
    assert _sorted_unique(rows, terms).tolist() == expected.tolist()


def test_rdf_quads_runs_merge_to_the_same_dataset():
    """A document's run kept from an earlier build merges to the same statements as one made now."""
    from kg.rdf.quads import assemble, make_run

    lenin, stalin = URIRef(ID + "person/lenin"), URIRef(ID + "person/stalin")
    letters = [URIRef(ID + f"document/00{i}_letter") for i in range(3)]
    said = [[(stalin, HKG.opposes, lenin), (lenin, RDF.type, HKG.Person)],
            [(lenin, RDFS.label, Literal("Lenin", lang="en")), (lenin, HKG.supports, stalin)],
            [(stalin, RDFS.label, Literal("Stalin")), (stalin, RDF.type, HKG.Person)]]
    direct = collect_quads(said[0], list(zip(letters, said)), named_in_default=True)
    runs = [make_run(triples) for triples in said]
    merged = assemble(said[0], list(zip(letters, runs))[::-1], named_in_default=True)  # any order of graphs
    assert [str(q) for q in merged.iter_ox()] == [str(q) for q in direct.iter_ox()]


@pytest.mark.parametrize("bound", [{"person": ID + "person/"}, {}, {"p": ID + "person/", "person": ID + "person/"}])
def test_rdf_quads_forms_spelled_in_runs_only_where_the_prefixes_agree(tmp_path, bound):
    """A run kept from a build with other prefixes must not lend its spelling (person:lenin) to this one."""
    from kg.rdf.quads import assemble, make_run
    from kg.rdf.write import write_trig

    lenin, letter = URIRef(ID + "person/lenin"), URIRef(ID + "document/000_letter")
    said = [(lenin, RDF.type, HKG.Person), (lenin, RDFS.label, Literal("Ленин", lang="ru")),
            (lenin, HKG.date, Literal("1922", datatype=XSD.gYear))]
    run = make_run(said, {"person": ID + "person/", "xsd": str(XSD), "hkg": str(HKG), "unused": "urn:x:"})
    assert dict(run.prefixes) == {"person": ID + "person/", "xsd": str(XSD), "hkg": str(HKG)}
    merged = assemble([], [(letter, run)], bound, named_in_default=True)
    fresh = collect_quads([], [(letter, said)], bound, named_in_default=True)
    assert write_trig(merged, tmp_path / "a.trig").read_bytes() == write_trig(fresh, tmp_path / "b.trig").read_bytes()
    assert merged.used_prefixes() == fresh.used_prefixes()


def test_rdf_quads_build_lays_out_each_document_graph_once(quads):
    """A build's named graphs come laid out from the rdf stage, their terms spelled there."""
    assert sorted(quads.terms[g].value for g in quads.blocks) == quads.graph_names()
    prefixes, forms = quads.spelled
    assert prefixes == tuple(sorted(quads.used_prefixes().items()))
    named = quads.rows[len(quads.default_rows()):]
    assert all(forms[i] is not None for i in quads.used_ids(named).tolist())


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_rdf_quads_write_same_bytes_as_dataset(tmp_path, quads, fmt):
    lean = WRITERS[fmt](quads, tmp_path / f"lean.{fmt}")
    rich = WRITERS[fmt](to_dataset(small_resolved(), BuildConfig()), tmp_path / f"rich.{fmt}")
    assert lean.read_bytes() == rich.read_bytes()


def _pyoxigraph_layout(data: bytes, prefixes: dict[str, str]) -> bytes:
    """pyoxigraph's own Turtle/TriG with sorted prefixes and a blank line between subjects."""
    out = [f"@prefix {name}: <{namespace}> ." for name, namespace in sorted(prefixes.items())]
    for line in data.decode("utf-8").split("\n"):
        if line.startswith("@prefix "):
            continue
        previous = out[-1] if out else ""
        if line and line != "}" and (previous.endswith(" .") or previous == "}"):
            out.append("")
        out.append(line)
    return "\n".join(out).encode("utf-8")


def _awkward_quads():
    """Terms whose spelling is easy to get wrong: escapes, numbers, tags, datatypes, odd local names."""
    node = URIRef(ID + "person/trotskij")
    objects = [Literal('He said "no"\nand left\\'), Literal("Троцкий", lang="ru"), Literal("1922", datatype=XSD.gYear),
               Literal(7), Literal("0.50", datatype=XSD.decimal), Literal("true", datatype=XSD.boolean),
               Literal("x y", datatype=XSD.nonNegativeInteger), URIRef(ID + "place/a%20b"), URIRef(ID + "person/x.")]
    triples = [(node, HKG.quote, o) for o in objects] + [(node, RDF.type, HKG.Person), (node, HKG.metWith, node)]
    prefixes = {"hkg": str(HKG), "person": ID + "person/", "place": ID + "place/", "xsd": str(XSD)}
    return collect_quads(triples, [(URIRef(ID + "document/a"), triples[:3])], prefixes)


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_rdf_quads_layout_is_pyoxigraphs(tmp_path, fmt):
    quads = _awkward_quads()
    written = WRITERS[fmt](quads, tmp_path / f"g.{fmt}").read_bytes()
    if fmt == "ttl":
        statements = [ox.Triple(q.subject, q.predicate, q.object) for q in quads.iter_ox() if q.graph_name == ox.DefaultGraph()]
        prefixes = quads.used_prefixes(default_only=True)
    else:
        statements, prefixes = list(quads.iter_ox()), quads.used_prefixes()
    expected = ox.serialize(statements, format=PARSE[fmt], prefixes=prefixes)
    assert written == _pyoxigraph_layout(expected, prefixes)


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_rdf_quads_stream_across_chunks(tmp_path, fmt):
    """More statements than one chunk of rows (65,536): nothing lost or doubled at the seams."""
    people = [URIRef(f"{ID}person/p{i}") for i in range(7_000)]
    triples = [(p, HKG.metWith, q) for i, p in enumerate(people) for q in people[i + 1 : i + 11]]
    quads = collect_quads(triples, [(URIRef(ID + "document/a"), triples[:70_000])], {"person": ID + "person/"})
    path = WRITERS[fmt](quads, tmp_path / f"g.{fmt}")
    expected = {str(q) for q in quads.iter_ox() if fmt == "trig" or q.graph_name == ox.DefaultGraph()}
    assert len(expected) > 65_536
    assert _statements(path, fmt) == expected


def test_rdf_quads_view_answers_like_rdflib(quads):
    graph = Graph()
    for s, p, o, _ in to_dataset(small_resolved(), BuildConfig()).quads((None, None, None, None)):
        graph.add((s, p, o))
    view = GraphView(quads)
    for s, p in {(s, p) for s, p, _ in graph}:
        assert sorted(view.objects(s, p)) == sorted(graph.objects(s, p)), (s, p)
    for p, o in {(p, o) for _, p, o in graph}:
        assert sorted(view.subjects(p, o)) == sorted(graph.subjects(p, o)), (p, o)
    assert list(view.objects(URIRef(ID + "person/nobody"), RDFS.label)) == []
    assert view.value(URIRef(ID + "person/nobody"), RDFS.label, "none") == "none"


def test_rdf_quads_projection_same_as_from_rdflib(quads):
    G, H = to_networkx(quads), to_networkx(to_dataset(small_resolved(), BuildConfig()))
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert G.number_of_edges() > 0


def test_rdf_quads_from_rdflib_keeps_graphs_and_prefixes():
    dataset = Dataset()
    doc = URIRef(ID + "document/a")
    dataset.bind("hkg", str(HKG))
    dataset.graph(doc).add((doc, RDF.type, HKG.Document))
    quads = from_rdflib(dataset)
    assert quads.graph_names() == [str(doc)] and len(quads) == 1
    assert quads.used_prefixes() == {"hkg": str(HKG), "rdf": str(RDF)}


def test_rdf_quads_view_reads_named_graphs_too():
    """A statement only a named graph makes is still seen (the view reads the union)."""
    kamenev, stalin = URIRef(ID + "person/kamenev"), URIRef(ID + "person/stalin")
    said = (kamenev, HKG.supports, stalin)
    view = GraphView(collect_quads([(kamenev, RDF.type, HKG.Person)], [(URIRef(ID + "document/a"), [said, said])]))
    assert list(view.objects(kamenev, HKG.supports)) == [stalin]
    assert list(view.subjects(RDF.type, HKG.Person)) == [kamenev]


def test_rdf_quads_string_keys_sort_as_their_parts(corpus_build):
    # Term keys are single strings for speed; they must order the terms exactly as
    # (kind, lexical form, datatype, language) would, on every term of a real build.
    from kg.rdf.quads import split_key, term_key

    terms = {term_key(t) for q in Dataset().parse(corpus_build[0] / "graph.trig", format="trig").quads()
             for t in q[:3]}
    terms |= {term_key(Literal("Lenin")), term_key(Literal("Lenin", lang="sv")), term_key(URIRef(ID + "person/len")),
              term_key(Literal("Lenin", datatype=XSD.string)), term_key(Literal("1922", datatype=XSD.gYear))}
    assert len(terms) > 5000
    assert sorted(terms) == sorted(terms, key=split_key)
    assert all(term_key(_rdflib_of(split_key(key))) == key for key in terms)


def _rdflib_of(parts):
    kind, value, datatype, language = parts
    assert kind != 1  # kg writes no blank nodes
    if kind == 2:
        return Literal(value, lang=language or None, datatype=URIRef(datatype) if datatype else None)
    return URIRef(value)


def test_rdf_quads_term_with_a_nul_character_is_refused():
    from kg.rdf.quads import term_key

    with pytest.raises(ValueError, match="NUL character"):
        term_key(Literal("Lenin\x00Stalin"))
