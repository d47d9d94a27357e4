"""SPARQL over a build: embedded queries, a local endpoint, upload to any triple store.

``run_query`` answers a query from a build folder in an embedded Oxigraph store,
``serve`` runs Oxigraph's server over a build, ``publish`` uploads a build to a
SPARQL 1.1 Graph Store Protocol endpoint, ``query_endpoint`` asks a remote one.
All of them see the same dataset: the build's graphs plus the ontology.

Examples
--------
>>> import kg.sparql
>>> kg.sparql.DEFAULT_GRAPH, kg.sparql.ONTOLOGY_GRAPH
('https://w3id.org/histkg/id/graph/default', 'https://w3id.org/histkg/ontology')
"""

from kg.sparql.publish import DEFAULT_GRAPH, publish
from kg.sparql.query import FORMATS, ONTOLOGY_GRAPH, read_query, read_store, run_query, select, to_text
from kg.sparql.remote import query_endpoint
from kg.sparql.serve import serve

__all__ = ["DEFAULT_GRAPH", "FORMATS", "ONTOLOGY_GRAPH", "publish", "query_endpoint", "read_query",
           "read_store", "run_query", "select", "serve", "to_text"]
