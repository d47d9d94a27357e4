"""The rdf stage: resolved entities and facts -> an RDF dataset in the contract's vocabulary.

``to_quads`` builds it in the lean, sorted form a build writes and analyses
(``to_dataset`` as an rdflib ``Dataset``), the writers in ``WRITERS`` serialise it
canonically and atomically, and ``validate`` checks it against ``ontology/shapes.ttl``.

Examples
--------
>>> import kg.rdf
>>> sorted(kg.rdf.WRITERS)
['jsonld', 'nq', 'trig', 'ttl']
"""

from kg.rdf.build import to_dataset, to_quads
from kg.rdf.quads import Quads
from kg.rdf.validate import validate
from kg.rdf.write import WRITERS, write_jsonld, write_nquads, write_trig, write_turtle, write_turtle_and_trig

__all__ = ["WRITERS", "Quads", "to_dataset", "to_quads", "validate", "write_jsonld", "write_nquads", "write_trig",
           "write_turtle", "write_turtle_and_trig"]
