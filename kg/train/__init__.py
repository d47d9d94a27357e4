"""Train kg's own Swedish pipeline from openly licensed corpora (``make model``).

No trained Swedish spaCy pipeline can be installed from a package registry
here, so kg trains one: a parse model (tok2vec, morphologizer, trainable
lemmatizer, parser) on UD Swedish treebanks and a name model (its own tok2vec
and ner) on the Swedish NER corpus, assembled into one pipeline that ships in
``kg_sv/`` under CC BY-SA 4.0. The stages:

1. :mod:`kg.train.data` turns the corpora into spaCy ``DocBin`` files, with a
   held-out slice of each corpus that training never sees;
2. :mod:`kg.train.run` trains both models with fixed seeds, assembles them and
   scores the result with spaCy's own scorer on the held-out slices and on a
   treebank of another genre (``accuracy.json``).

Run ``python -m kg.train --help`` for the options.
"""
