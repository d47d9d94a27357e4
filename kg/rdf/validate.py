"""Check a graph against the contract: pySHACL with ``ontology/shapes.ttl``.

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

from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph
from rdflib.namespace import SH

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
    rows = []
    for name, graph in _graphs(data):
        _, results, text = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference=inference, allow_warnings=True
        )
        if not isinstance(results, Graph):
            raise OntologyError(f"{ontology_dir / 'shapes.ttl'}: {text.strip()}")
        rows.extend(_rows(results, name))
    return sorted(rows, key=lambda row: tuple(row[column] for column in COLUMNS))


def _read(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise OntologyError(f"{path}: cannot read ({error})") from error


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
