"""The rdf stage: resolved entities and facts -> an RDF dataset in the contract's vocabulary.

``to_dataset`` builds it, the writers in ``WRITERS`` serialise it canonically and
atomically, and ``validate`` checks it against ``ontology/shapes.ttl``.

Examples
--------
>>> import kg.rdf
>>> sorted(kg.rdf.WRITERS)
['jsonld', 'nq', 'trig', 'ttl']
"""

from kg.rdf.build import to_dataset
from kg.rdf.validate import validate
from kg.rdf.write import WRITERS, write_jsonld, write_nquads, write_trig, write_turtle

__all__ = ["WRITERS", "to_dataset", "validate", "write_jsonld", "write_nquads", "write_trig", "write_turtle"]
