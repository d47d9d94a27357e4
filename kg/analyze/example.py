"""A one-sentence graph for examples and tests, the analyze stage's ``path_graph(3)``.

The sentence, from an invented source ``example.txt`` of 1923::

    At the Twelfth Congress Kamenev sided with Stalin against Trotsky, who opposed them both.

gives three persons, one meeting and six relations, each backed by an ``hkg:Assertion``
exactly as ``shared/CONTRACT.md`` prescribes, in one named graph for the document.
"""

from __future__ import annotations

from rdflib import Dataset

#: The sentence the example graph states.
SENTENCE = "At the Twelfth Congress Kamenev sided with Stalin against Trotsky, who opposed them both."

EXAMPLE_TRIG = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix hkg: <https://w3id.org/histkg/ontology#> .
@prefix id: <https://w3id.org/histkg/id/> .

id:doc a hkg:Document ; dcterms:identifier "example.txt" ; dcterms:language "en" ;
    dcterms:created "1923"^^xsd:gYear .
id:kamenev a hkg:Person ; rdfs:label "Kamenev"@en .
id:stalin a hkg:Person ; rdfs:label "Stalin"@en ; skos:altLabel "Stalins" .
id:trotsky a hkg:Person ; rdfs:label "Trotsky"@en , "Trotskij"@sv .
id:congress a hkg:Meeting ; rdfs:label "Twelfth Congress"@en ;
    hkg:date "1923-04-17"^^xsd:date .

id:doc {
  id:kamenev hkg:mentionedIn id:doc . id:stalin hkg:mentionedIn id:doc .
  id:trotsky hkg:mentionedIn id:doc . id:congress hkg:mentionedIn id:doc .
  id:kamenev hkg:supports id:stalin ; hkg:opposes id:trotsky ; hkg:participatedIn id:congress .
  id:stalin hkg:participatedIn id:congress .
  id:trotsky hkg:opposes id:kamenev , id:stalin .
  id:e1 a hkg:Assertion ; rdf:subject id:kamenev ; rdf:predicate hkg:supports ;
    rdf:object id:stalin ; prov:wasDerivedFrom id:doc ; hkg:quote "Kamenev sided with Stalin" ;
    hkg:charStart 24 ; hkg:charEnd 49 ; hkg:method "rule:supports-sided-with" ; hkg:confidence 0.8 .
  id:e2 a hkg:Assertion ; rdf:subject id:kamenev ; rdf:predicate hkg:opposes ;
    rdf:object id:trotsky ; prov:wasDerivedFrom id:doc ;
    hkg:quote "Kamenev sided with Stalin against Trotsky" ;
    hkg:charStart 24 ; hkg:charEnd 65 ; hkg:method "rule:opposes-against" ; hkg:confidence 0.7 .
  id:e3 a hkg:Assertion ; rdf:subject id:trotsky ; rdf:predicate hkg:opposes ;
    rdf:object id:kamenev ; prov:wasDerivedFrom id:doc ; hkg:quote "Trotsky, who opposed them both" ;
    hkg:charStart 58 ; hkg:charEnd 88 ; hkg:method "rule:opposes-verb" ; hkg:confidence 0.7 .
  id:e4 a hkg:Assertion ; rdf:subject id:trotsky ; rdf:predicate hkg:opposes ;
    rdf:object id:stalin ; prov:wasDerivedFrom id:doc ; hkg:quote "Trotsky, who opposed them both" ;
    hkg:charStart 58 ; hkg:charEnd 88 ; hkg:method "rule:opposes-verb" ; hkg:confidence 0.7 .
  id:e5 a hkg:Assertion ; rdf:subject id:kamenev ; rdf:predicate hkg:participatedIn ;
    rdf:object id:congress ; prov:wasDerivedFrom id:doc ;
    hkg:quote "At the Twelfth Congress Kamenev" ;
    hkg:charStart 0 ; hkg:charEnd 31 ; hkg:method "rule:participatedIn-at" ; hkg:confidence 0.6 .
  id:e6 a hkg:Assertion ; rdf:subject id:stalin ; rdf:predicate hkg:participatedIn ;
    rdf:object id:congress ; prov:wasDerivedFrom id:doc ;
    hkg:quote "At the Twelfth Congress Kamenev sided with Stalin" ;
    hkg:charStart 0 ; hkg:charEnd 49 ; hkg:method "rule:participatedIn-at" ; hkg:confidence 0.5 .
}
"""


def example_dataset() -> Dataset:
    """Return the contract-shaped Dataset that :data:`SENTENCE` gives.

    Returns
    -------
    rdflib.Dataset
        Four entities, one document and six ``hkg:Assertion`` nodes; the statements of
        the document sit in a named graph named after it.

    Examples
    --------
    >>> from kg.analyze.example import SENTENCE, example_dataset
    >>> ds = example_dataset()
    >>> len(list(ds.graphs()))  # the default graph and the document's graph
    2
    >>> SENTENCE[24:49]
    'Kamenev sided with Stalin'
    """
    return Dataset().parse(data=EXAMPLE_TRIG, format="trig")
