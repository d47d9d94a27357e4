"""Bodies named together under one plural head: "the Central Committees of the
Communist Parties of Azerbaijan and Armenia" names two central committees.

The phrase is read distributively: the plural head words are made singular and
the phrase is rebuilt once for each coordinated owner ("Central Committee of the
Communist Party of Azerbaijan", "... of Armenia"). Every rebuilt name the
authority file knows becomes a candidate spanning the whole phrase, so each body
gets the text as a mention and a relation stated of the phrase holds for each.
Swedish coordinates genitives instead ("Georgiens, Azerbajdzjans och Armeniens
kommunistiska partiers centralkommittéer"); that form is rebuilt the same way,
with the plural endings ``-ers`` / ``-éer`` / ``-er`` made singular.

Examples
--------
>>> from kg.authority import read_authority
>>> text = "It was supported by the Central Committees of the Communist Parties of Azerbaijan and Armenia."
>>> [(c.text[:20], c.key) for c in coordinated_bodies(text, "en", read_authority())]
[('Central Committees o', 'org:azerbaijan-cp-cc'), ('Central Committees o', 'org:armenia-cp-cc')]
>>> singular_en("Parties"), singular_en("Committees"), singular_en("Soviets")
('Party', 'Committee', 'Soviet')
"""

from __future__ import annotations

import re

from kg.authority import Authority
from kg.extract.discover import Candidate

_NAME = r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?"
_PLURAL = r"(?:[A-Z][\w.\-]*\s+)*[A-Z][\w\-]*s"
_EN = re.compile(
    rf"(?P<head>{_PLURAL})\s+of\s+(?:the\s+)?(?:(?P<mid>{_PLURAL})\s+of\s+(?:the\s+)?)?"
    rf"(?P<owners>{_NAME}(?:\s*,\s*{_NAME})*,?\s+and\s+{_NAME})")
_SV_OWNER = r"[A-ZÅÄÖ][\w\-]+s"
_SV = re.compile(
    rf"(?P<owners>{_SV_OWNER}(?:\s*,\s*{_SV_OWNER})*\s+och\s+{_SV_OWNER})"
    r"\s+(?P<mid>(?:[a-zåäö]+\s+){0,2}?[a-zåäö]*partiers)\s+(?P<head>[a-zåäö]*(?:kommittéer|byråer|organisationer))\b")


def coordinated_bodies(text: str, lang: str, authority: Authority) -> list[Candidate]:
    """One candidate per body a coordinated plural phrase names (only bodies the authority knows)."""
    found = []
    pattern = _EN if lang == "en" else _SV if lang == "sv" else None
    if pattern is None:
        return found
    for match in pattern.finditer(text):
        for name in _rebuilt(match, lang):
            ids = authority.lookup(name, lang)
            if len(ids) == 1 and ids[0].startswith("org:"):
                found.append(Candidate(match.start(), match.end(), match.group(0), "Organisation",
                                       "authority:coordinated", 0.8, key=ids[0]))
    return found


def _rebuilt(match: re.Match, lang: str) -> list[str]:
    """The singular names a coordinated phrase stands for, one per owner."""
    owners = [o.strip() for o in re.split(r"\s*,\s*|\s+(?:and|och)\s+", match.group("owners")) if o.strip()]
    if lang == "en":
        head = " ".join(singular_en(w) if i == len(ws) - 1 else w
                        for ws in [match.group("head").split()] for i, w in enumerate(ws))
        mid = match.group("mid")
        if mid:
            mid = " ".join(mid.split()[:-1] + [singular_en(mid.split()[-1])])
            return [f"{head} of the {mid} of {o}" for o in owners]
        return [f"{head} of {o}" for o in owners]
    mid = " ".join(match.group("mid").split()[:-1] + [re.sub(r"partiers$", "partis", match.group("mid").split()[-1])])
    head = re.sub(r"(?:éer|er)$", lambda m: "é" if m.group(0) == "éer" else "", match.group("head"))
    return [f"{o} {mid} {head}" for o in owners]


def singular_en(word: str) -> str:
    """The singular of an English plural noun of a body's name (regular forms only)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
