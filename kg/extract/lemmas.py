"""A lookup lemmatizer that loads fast: the ``kg_lookup_lemmatizer`` component.

The Swedish pipeline lemmatizes by table lookup (``lemma_lookup`` from
``spacy-lookups-data``, 660,000 forms). spaCy's own ``lemmatizer`` in lookup
mode is correct but slow to load: its ``initialize()`` takes about 2.9 s, of
which parsing the JSON is only 0.45 s; the rest is copying the table into a
``spacy.lookups.Table``, which hashes every key in Python (``Table.__setitem__``)
and fills a Bloom filter. Every build with a Swedish document paid that, even an
incremental one that re-reads a single document. This component keeps the table
as the plain dict the JSON parser returns, read once per process, and so loads
in about 0.45 s.

It gives the same ``token.lemma_`` as spaCy's lookup lemmatizer
(``spacy.pipeline.Lemmatizer`` with ``mode="lookup"``), whose rules are:

- the table is found the way spaCy finds it (the ``spacy_lookups`` entry point
  of the language) and read with spaCy's own reader, so the dict has the same
  entries (for ``sv`` the ``.json`` is absent and the ``.json.gz`` is read);
- the key is ``token.text`` as it is: no lower-casing ("Var" stays "Var", "var"
  becomes "vara");
- a form missing from the table is its own lemma;
- a list value means several lemmas, of which the first is taken;
- a token that already has a lemma keeps it unless ``overwrite`` is set.

spaCy's table is keyed by the 64-bit hash of the string rather than the string;
the ``sv`` table has no two keys with the same hash, so a string-keyed dict
holds the same entries. Its Bloom filter only speeds up ``in``, which the
lemmatizer does not use.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("sv")
>>> nlp.add_pipe("kg_lookup_lemmatizer").name
'kg_lookup_lemmatizer'
>>> [t.lemma_ for t in nlp("Partimedlemmarna antog resolutionerna.")]
['Partimedlemmarna', 'anta', 'resolution', '.']
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

FACTORY = "kg_lookup_lemmatizer"


@lru_cache(maxsize=None)
def lookup_table(lang: str) -> dict:
    """The ``lemma_lookup`` table of ``lang`` as a plain dict, read once per process.

    Parameters
    ----------
    lang : str
        A language code with a table in ``spacy-lookups-data`` (``"sv"``).

    Returns
    -------
    dict
        Word form to lemma (a string, or in principle a list of lemmas). Shared:
        do not modify it.

    Raises
    ------
    catalogue.RegistryError
        No ``spacy-lookups-data`` entry point for ``lang``.
    KeyError
        The language has tables but no ``lemma_lookup``.

    Examples
    --------
    >>> table = lookup_table("sv")
    >>> table["antog"], "Kommissionen" in table
    ('anta', False)
    >>> lookup_table("sv") is table
    True
    """
    # Locate and read the file exactly as spacy.lookups.load_lookups does: it is
    # also the fastest reader measured here (ujson via srsly; orjson is not installed).
    path = registry.lookups.get(lang)["lemma_lookup"]
    return load_language_data(path)


def lookup_lemma(table: dict, text: str) -> str:
    """The lemma of ``text`` by ``table``, as spaCy's ``Lemmatizer.lookup_lemmatize`` gives it.

    Parameters
    ----------
    table : dict
        A table from :func:`lookup_table`.
    text : str
        The token's text, looked up as it is (case-sensitive).

    Returns
    -------
    str
        The table's lemma, the first one if it lists several, or ``text`` itself.

    Examples
    --------
    >>> table = {"antog": "anta", "sina": ["sin", "sig"]}
    >>> lookup_lemma(table, "antog"), lookup_lemma(table, "Antog"), lookup_lemma(table, "sina")
    ('anta', 'Antog', 'sin')
    """
    lemma = table.get(text, text)
    return lemma if isinstance(lemma, str) else lemma[0]


class LookupLemmatizer:
    """Set ``token.lemma_`` from a lookup table (see the module docstring).

    Parameters
    ----------
    table : dict
        Word form to lemma, usually :func:`lookup_table`.
    name : str
        The component's name in the pipeline.
    overwrite : bool
        Replace lemmas a token already has; spaCy's lemmatizer defaults to False too.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("sv")
    >>> lemmatize = LookupLemmatizer({"skrevs": "skriva"})
    >>> [t.lemma_ for t in lemmatize(nlp("Brevet skrevs"))]
    ['Brevet', 'skriva']
    """

    def __init__(self, table: dict, name: str = FACTORY, overwrite: bool = False):
        self.table = table
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        table, overwrite = self.table, self.overwrite
        for token in doc:
            # Lemma 0 is "not set", the test spaCy's Lemmatizer.__call__ makes.
            if overwrite or token.lemma == 0:
                token.lemma_ = lookup_lemma(table, token.text)
        return doc


@Language.factory(FACTORY, assigns=["token.lemma"], default_config={"overwrite": False})
def make_lookup_lemmatizer(nlp: Language, name: str, overwrite: bool) -> LookupLemmatizer:
    """Factory for :class:`LookupLemmatizer` with the table of ``nlp.lang``.

    The table is read here, when the component is added, not on the first
    document, so a missing table fails at once and the load time shows where
    the pipeline is built.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("sv")
    >>> lemmatizer = nlp.add_pipe(FACTORY)
    >>> lemmatizer.table is lookup_table("sv")
    True
    """
    return LookupLemmatizer(lookup_table(nlp.lang), name, overwrite)
