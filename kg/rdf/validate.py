"""Check a graph against the contract: pySHACL with ``ontology/shapes.ttl``.

The shapes that are a SPARQL query only (the factoid rule, reified triples) are run
once over the whole graph instead of once per focus node: pySHACL parses such a
query again for every node, which made validation quadratic in practice.

Examples
--------
>>> from rdflib import Graph, URIRef
>>> from kg.rdf.validate import validate
>>> from kg.vocab import HKG, RDF
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/histkg/id/person/lenin"), RDF.type, HKG.Person))
>>> sorted(row["path"] for row in validate(g))   # no label, no document
['http://www.w3.org/2000/01/rdf-schema#label', 'https://w3id.org/histkg/ontology#mentionedIn']
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.errors import OntologyError
from kg.vocab import ONTOLOGY_DIR

#: The keys of every violation row, in report order.
COLUMNS = ("graph", "focus", "path", "value", "message", "severity", "shape")


def validate(data: Graph, *, inference: str = "none", ontology_dir: Path = ONTOLOGY_DIR) -> list[dict[str, str]]:
    """Validate a graph, or every graph of a dataset, against the contract's shapes.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        A graph, or a dataset whose default graph and named graphs are each checked.
    inference : {"none", "rdfs"}, default "none"
        Entailment pySHACL applies (with ``hkg.ttl`` mixed in) before validating.
    ontology_dir : pathlib.Path
        Folder holding ``hkg.ttl`` and ``shapes.ttl``.

    Returns
    -------
    list of dict
        One row per SHACL result, sorted, with the keys of :data:`COLUMNS`
        (``graph`` is empty for the default graph or a plain graph; absent values
        are empty strings). An empty list means the graph conforms.

    Raises
    ------
    OntologyError
        If ``hkg.ttl`` or ``shapes.ttl`` cannot be read or parsed.

    Examples
    --------
    "Stalin was a member of the Central Committee", stated without its evidence:

    >>> from rdflib import Literal, URIRef
    >>> from kg.vocab import DCTERMS, HKG, RDF, RDFS
    >>> stalin = URIRef("https://w3id.org/histkg/id/person/stalin")
    >>> cc = URIRef("https://w3id.org/histkg/id/organisation/cc")
    >>> doc = URIRef("https://w3id.org/histkg/id/document/001_x")
    >>> g = Graph()
    >>> for node, cls, label in ((stalin, HKG.Person, "Stalin"), (cc, HKG.Organisation, "CC")):
    ...     g += [(node, RDF.type, cls), (node, RDFS.label, Literal(label)), (node, HKG.mentionedIn, doc)]
    >>> g += [(doc, RDF.type, HKG.Document), (doc, RDFS.label, Literal("001_x.txt"))]
    >>> g += [(doc, DCTERMS.identifier, Literal("001_x.txt")), (doc, DCTERMS.language, Literal("en"))]
    >>> validate(g)
    []
    >>> _ = g.add((stalin, HKG.memberOf, cc))
    >>> [row["message"].split(" has ")[1] for row in validate(g)]
    ['no hkg:Assertion (rdf:subject / rdf:predicate / rdf:object) as evidence']
    """
    shapes, ontology = _read(ontology_dir / "shapes.ttl"), _read(ontology_dir / "hkg.ttl")
    core, graph_wide = _split_shapes(shapes)
    rows = []
    for name, graph in _graphs(data):
        working = Graph()
        working += graph
        working += ontology
        # Imported here: pyshacl pulls in rdflib's SPARQL engine (0.3 s), which a
        # build that does not validate (the default) never needs.
        import pyshacl

        _, results, text = pyshacl.validate(
            working, shacl_graph=shapes, inference=inference, inplace=True, use_shapes=core, allow_warnings=True
        )
        if not isinstance(results, Graph):
            raise OntologyError(f"{ontology_dir / 'shapes.ttl'}: {text.strip()}")
        rows.extend(_rows(results, name))
        rows.extend(row for shape in graph_wide for row in _sparql_rows(working, shapes, shape, name))
    return sorted(rows, key=lambda row: tuple(row[column] for column in COLUMNS))


def _read(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise OntologyError(f"{path}: cannot read ({error})") from error


def _split_shapes(shapes: Graph) -> tuple[list[str], list[URIRef]]:
    """Node shapes pySHACL checks, and the SPARQL-only shapes run once over the whole graph."""
    node_shapes = sorted(set(shapes.subjects(RDF.type, SH.NodeShape)))
    graph_wide = [shape for shape in node_shapes if (shape, SH.sparql, None) in shapes]
    return [str(shape) for shape in node_shapes if shape not in graph_wide], graph_wide


def _sparql_rows(graph: Graph, shapes: Graph, shape: URIRef, graph_name: str) -> list[dict[str, str]]:
    """Run each SPARQL constraint of ``shape`` once, ``$this`` unbound (see ``shapes.ttl``)."""
    rows = []
    for constraint in shapes.objects(shape, SH.sparql):
        declarations = shapes.objects(shapes.value(constraint, SH.prefixes), SH.declare)
        header = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n" for d in declarations
        )
        query = header + str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        template = str(shapes.value(constraint, SH.message))
        for result in graph.query(query):
            bound = {str(var): str(term) for var, term in result.asdict().items()}
            message = re.sub(r"\{[?$](\w+)\}", lambda m: bound.get(m.group(1), m.group(0)), template)
            rows.append({
                "graph": graph_name, "focus": bound.get("this", ""), "path": bound.get("path", ""),
                "value": bound.get("value", ""), "message": message, "severity": str(SH.Violation),
                "shape": str(shape),
            })
    return rows


def _graphs(data: Graph) -> list[tuple[str, Graph]]:
    """``(name, graph)`` pairs to check: a plain graph, or each non-empty graph of a dataset."""
    if not isinstance(data, Dataset):
        return [("", data)]
    default = data.default_graph.identifier
    named = sorted((str(g.identifier), g) for g in data.graphs() if g.identifier != default and len(g))
    return [("", data.default_graph), *named]


def _rows(results: Graph, graph_name: str) -> list[dict[str, str]]:
    rows = []
    for result in results.subjects(SH.resultSeverity, None):
        value = {
            "focus": results.value(result, SH.focusNode),
            "path": results.value(result, SH.resultPath),
            "value": results.value(result, SH.value),
            "message": results.value(result, SH.resultMessage),
            "severity": results.value(result, SH.resultSeverity),
            "shape": results.value(result, SH.sourceShape),
        }
        row = {"graph": graph_name} | {key: "" if term is None else str(term) for key, term in value.items()}
        rows.append(row)
    return rows
