"""Held-out extraction suite: does extraction generalise beyond the bundled corpus?

``tests/data/snippets/heldout.jsonl`` holds short passages, written for this suite and
never used to write the rules, in the styles of the period's sources (letters, minutes,
circulars, historians' chapters), in Swedish and English, about events of 1917–1930 that
the corpus does not treat (Brest-Litovsk, the Tenth Congress, the Declaration of the 46,
the German October, the Leningrad and United Oppositions, Alma-Ata, the Right deviation,
the Comintern congresses ...). Each line is one snippet::

    {"id": "sv-adopted-01", "lang": "sv", "text": "...",
     "entities": [["tionde partikongressen", "Meeting"], ...],      # surface form, type
     "relations": [["tionde partikongressen", "adopted", "resolutionen ..."], ...],
     "negative": [["Trotskij", "participatedIn", "femtonde partikongressen"]],  # must NOT appear
     "dates": [["tionde partikongressen", "1921-03"]],                # meeting date prefix
     "complete": true,                # every entity and relation annotated: counts for precision
     "note": "..."}

A surface form matches a mention when, after folding case, whitespace, apostrophes and a
final genitive (``-s``, ``:s``, ``'s``), one contains the other as whole words;
``"doc"`` stands for the document itself (a mention of ``None``). ``metWith`` and
``corresponded`` match in either direction. A place name inside the name of a body,
meeting or resolution is annotated as a Place only after a locative preposition
("freden i Brest-Litovsk", "ingenjörerna från Sjachty"), not as a modifier ("Hamburg
organisation", "the Brest-Litovsk peace").

Snippets that the current rules get wrong are marked ``xfail`` (not strict) with the
missing rule as the reason, so that a fix shows up as XPASS. The aggregate test prints
precision, recall and F1 and guards them with a floor just below the measured value.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from tests.conftest import extract_text

SNIPPETS_FILE = Path(__file__).parent / "data" / "snippets" / "heldout.jsonl"


def read_snippets(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


SNIPPETS: list[dict] = read_snippets(SNIPPETS_FILE)
#: A second set (60 snippets, 36 en / 24 sv), written later by an annotator who had not seen
#: the rules. It is scored in aggregate only (no per-snippet xfail list); see
#: test_heldout2_aggregate_scores for its history.
SNIPPETS2: list[dict] = read_snippets(SNIPPETS_FILE.with_name("heldout2.jsonl"))
#: A third set (60 snippets, 34 en / 26 sv, 10 of them letters), written blind after the rules
#: of this stop were final and measured once; see test_heldout3_aggregate_scores.
SNIPPETS3: list[dict] = read_snippets(SNIPPETS_FILE.with_name("heldout3.jsonl"))
SYMMETRIC = {"metWith", "corresponded"}

# ---------------------------------------------------------------------------------------------
# What the rules miss today: snippet id -> the rule that is missing (decided by running them).
# A fixed rule turns the snippet into XPASS; move it out of here then.
XFAIL: dict[str, str] = {
    # --- Swedish
    "sv-adopted-02": "'CKK' (Swedish abbreviation of the CCC) not in the authority; no '<Org>:s presidium' shape, so no Organisation, adopted or partOf",
    "sv-rejected-01": "compound 'ändringsförslag' not a Resolution (sv-proposal has no \\w* prefix), so 'förkastade' binds Lenin's resolution; 'vänsterkommunisternas' (genitive) not found; no drafted from a possessive ('Lenins resolution')",
    "sv-rejected-02": "V2 inversion splits the passive cue ('avvisades oppositionens plattform av politbyrån'); 'oppositionens' inside 'oppositionens plattform' not an Organisation",
    "sv-drafted-02": "V2 inversion splits the particle verb 'lade Stalin fram'; no participatedIn from a fronted 'På <meeting>'; lower-case 'oppositionen' not an Organisation",
    "sv-member-01": "second coordinated apposition ('medlem av X och ordförande för Y') not linked to the head person; no supports cue 'anslöt sig till'",
    "sv-member-02": "no memberOf cue for founding a body ('bildade ... den förenade oppositionen', 'tillsammans med')",
    "sv-member-03": "'Zeigners regering' not an Organisation (no '<Person>s regering' shape); split particle verb 'gick ... in i' is no memberOf cue",
    "sv-leads-03": "definite back-reference 'exekutivkommittén' (= Kominterns exekutivkommitté) not an Organisation, so 'stödde' takes 'Sveriges kommunistiska parti' as subject",
    "sv-leads-04": "party noun as person title ('vänstersocialistrevolutionären Lazimir') missing from name_cues; no passive leads cue 'leddes av'",
    "sv-chaired-02": "no heldBy from '<Org>s <meeting noun>' with an adjective between ('församlingens enda sammanträde'); no heldIn when a date stands between meeting and 'i <Place>'",
    "sv-participated-01": "relative adverb 'där Stalin talade' not linked to the meeting; authority match 'CK-plenum i juli 1928' swallows 'CK' (no heldBy)",
    "sv-heldin-01": "no heldIn cue 'sammanträdde i' (met in); 'partiet' (the party) not an Organisation",
    "sv-heldin-02": "no Meeting pattern for 'fredsförhandlingar(na)'; 'delegationen' not an Organisation; no passive leads cue 'leddes av'",
    "sv-supports-01": "no supports cue 'ställde sig på X:s sida'; bare 'mot' is no opposes cue",
    "sv-supports-02": "no participatedIn from a PP 'på <meeting>' after the verb phrase",
    "sv-opposes-02": "no participatedIn from 'på <meeting>'; no passive leads cue 'leddes av' (subject is the pronoun 'den')",
    "sv-votedfor-01": "V2 inversion with a subject list splits 'röstade ... för'; elliptic 'röstade emot' (object in the previous sentence); no heldBy '<Org>s sammanträde' or participatedIn from 'På <meeting>'",
    "sv-votedagainst-01": "'Leningraddelegationen' (a delegation) not an Organisation; agentless passive 'som antogs med 559 röster' not linked to the fronted meeting",
    "sv-met-01": "participants of 'träffade' not linked to the later 'mötet' (participatedIn)",
    "sv-corresponded-01": "'brevväxlade ... med' split by subject and PP; list 'med X, med Y och med Z'",
    "sv-corresponded-02": "pronoun subject ('där han angrep') not resolved",
    "sv-replaces-03": "no passive replaces cue 'ersattes av'; no memberOf cue 'sekreterare i'",
    "sv-replaces-04": "apposition gate blocks 'ledde'; pronoun object 'efterträdde honom' not resolved",
    "sv-partof-01": "no partOf cue 'organ under'; authority match 'RKP(b):s centralkommitté' gives no inner partOf; no passive leads 'leddes ... av'",
    "sv-unknown-01": "no Resolution pattern for 'krav(en)'; split particle verb 'lade general Hoffmann fram'",
    "sv-neg-01": "'oppositionens' (genitive) not an Organisation",
    "sv-neg-02": "no supports cue 'gick samman med' (only 'gick ihop med'); pronoun subject 'han'",
    "sv-neg-03": "'partiet' (the party) not an Organisation",
    "sv-dates-01": "'posten som ordförande i X' after a pronoun ('han') gives no leads",
    # --- English
    "en-rejected-02": "no Resolution pattern for 'formula' or 'proposal'; agentless passives ('was adopted by nine votes', 'was rejected') not linked to the fronted meeting; 'C.C. meeting' gives no heldBy",
    "en-drafted-02": "'Opposition' inside 'Platform of the Opposition' not a separate Organisation",
    "en-drafted-03": "no Resolution pattern for 'theses'; no passive leads cue 'led by'; no participatedIn from 'At <meeting>'",
    "en-authored-01": "no authored cue 'was the author of'; object-relative clause 'which the Tenth Congress adopted'",
    "en-addressed-01": "heading 'To the Members of the X and the Y' not read as addressees",
    "en-member-01": "apposition gate: ', who had sat on' / 'and headed' fail the gap (only ', who was'); no Resolution pattern for 'measures'; 'joined X in opposing'",
    "en-member-02": "apposition gate blocks 'joined' and 'was elected to' after a long relative clause",
    "en-worksfor-01": "no worksFor from a possessive ('Stalin's secretary'); possessive 'Politbureau's' not found",
    "en-worksfor-02": "no leads cue 'editor of'",
    "en-leads-01": "coordinated objects of 'headed X and Y' (only the first); lower-case 'the opposition' not an Organisation; no participatedIn from 'at <meeting>'",
    "en-replaces-04": "no replaces cue 'took over X from Y'",
    "en-chaired-02": "'with X in the chair' after the meeting not a chaired cue (SVO); no heldIn 'met in'; 'also spoke' without 'at'",
    "en-participated-02": "no person title 'the Social Democrat'; 'Chemnitz' tagged Person",
    "en-heldin-02": "no English place cue for 'on Anchor Square in Kronstadt'; no locatedIn rule; pronoun object 'spoke against it'",
    "en-supports-01": "no drafted from a possessive ('Lenin's “platform of the ten”')",
    "en-supports-02": "en-supports-passive also emits the active reading (Stalin supports Bukharin); 'defended X against Y' read as supports Y; no participatedIn from 'At <meeting>'",
    "en-opposes-01": "passive 'was attacked by' with the object as a possessive of an unrecognised work ('Trotsky's “Lessons of October”')",
    "en-opposes-02": "no opposes cue 'led the campaign against'; sentence-initial 'Comrade X,' read as a salutation (doc addressedTo ...)",
    "en-votedagainst-02": "agentless passive 'was carried by thirty votes' not linked to the fronted meeting; pronoun object 'voted against it' only bound for the nearest subject",
    "en-met-02": "possessive 'Kamenev's' tagged Place; 'his conversation with X' gives no metWith with the possessor; 'Trotskyists' not an Organisation",
    "en-corresponded-02": "adjectival 'Left S.R.' (singular) not an Organisation; 'S.R.' tagged Place",
    "en-partof-01": "'Hamburg organisation' (city + organisation) not an Organisation",
    "en-partof-02": "chained 'X of the C.C. of the R.C.P.(B.)' links X to the last body only; 'Presidium of the C.C.C.' gets no partOf",
    "en-locatedin-01": "no locatedIn rule at all ('an island in the Sea of Marmara')",
    "en-locatedin-02": "'Shakhty' not recognised; no Meeting pattern for 'trial'; no locatedIn rule; 'presided' without 'over'",
    "en-variant-01": "newspaper 'Daily Mail' not an Organisation (no newspaper cue)",
    "en-neg-01": "'Brest-Litovsk peace' not in the authority (only 'Brest peace', 'Peace of Brest-Litovsk'); 'voted with X' is no supports cue; 'C.C. meeting' gives no heldBy",
    "en-neg-02": "the parse check drops 'Lenin proposed ... the proposal': the verb's object is a that-clause, and 'the proposal' of the next clause is not linked to it",
}

# Meeting dates the rules miss today: snippet id -> reason.
XFAIL_DATES: dict[str, str] = {
    "sv-participated-01": "authority match 'CK-plenum i juli 1928' carries no date although the text states it inside the match",
    "sv-heldin-02": "'Fredsförhandlingarna' not recognised as a meeting",
    "sv-locatedin-02": "'Processen' (trial) not recognised as a meeting",
}

# ---------------------------------------------------------------------------------------------
# matching


_QUOTES = str.maketrans({"’": "'", "‘": "'", "”": '"', "“": '"', "„": '"', "»": '"', "«": '"'})
_GENITIVE = re.compile(r"(?::s|'s|'|s)$")


def _fold(text: str) -> str:
    """Case, whitespace, typographic quotes and surrounding punctuation folded away."""
    return " ".join(text.translate(_QUOTES).split()).casefold().strip(" ,;:\"'")


def surface_match(gold: str, found: str | None) -> bool:
    """True if a gold surface form and a found mention text denote the same words: one
    contains the other as whole words, a final genitive (-s, :s, 's) on either side ignored."""
    if gold == "doc" or found is None:
        return gold == "doc" and found is None
    a, b = _fold(gold), _fold(found)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    stem = _GENITIVE.sub("", short) or short
    # "C.C." is not inside "C.C.C.", nor "CK" inside "CK-plenum"
    pattern = r"(?<![\w.\-])" + re.escape(stem) + r"(?::s|'s|'|s)?(?![\w\-])"
    return re.search(pattern, long_) is not None


def _text(mention) -> str | None:
    return None if mention is None else mention.text


@lru_cache(maxsize=None)
def extraction(snippet_id: str):
    snippet = _BY_ID[snippet_id]
    return extract_text(snippet["text"], snippet["lang"], name=f"{snippet_id}.txt")


_BY_ID = {s["id"]: s for s in SNIPPETS + SNIPPETS2 + SNIPPETS3}


def entity_found(gold: list[str], mentions) -> bool:
    surface, label = gold
    return any(m.label == label and surface_match(surface, m.text) for m in mentions)


def relation_found(gold: list[str], relations) -> bool:
    subj, pred, obj = gold
    for rel in relations:
        if rel.predicate != pred:
            continue
        s, o = _text(rel.subject), _text(rel.object)
        if surface_match(subj, s) and surface_match(obj, o):
            return True
        if pred in SYMMETRIC and surface_match(subj, o) and surface_match(obj, s):
            return True
    return False


def snippet_problems(snippet: dict) -> list[str]:
    """Everything the extraction gets wrong on one snippet (empty when it is right)."""
    ex = extraction(snippet["id"])
    problems = []
    for ent in snippet["entities"]:
        if not entity_found(ent, ex.mentions):
            problems.append(f"entity not found: {ent[0]!r} ({ent[1]})")
    for rel in snippet["relations"]:
        if not relation_found(rel, ex.relations):
            problems.append(f"relation not found: {tuple(rel)}")
    for rel in snippet.get("negative", []):
        if relation_found(rel, ex.relations):
            problems.append(f"negative relation asserted: {tuple(rel)}")
    return problems


def describe(snippet: dict) -> str:
    ex = extraction(snippet["id"])
    name = lambda m: "doc" if m is None else " ".join(m.text.split())  # noqa: E731
    mentions = ", ".join(f"{' '.join(m.text.split())}/{m.label}" for m in ex.mentions)
    relations = "; ".join(f"({name(r.subject)}, {r.predicate}, {name(r.object)})" for r in ex.relations)
    return f"text: {snippet['text']!r}\nfound mentions: {mentions}\nfound relations: {relations}"


def _params(items, xfails):
    out = []
    for s in items:
        marks = [pytest.mark.xfail(reason=xfails[s["id"]], strict=False)] if s["id"] in xfails else []
        out.append(pytest.param(s, id=s["id"], marks=marks))
    return out


# ---------------------------------------------------------------------------------------------
# the data itself


def test_heldout_snippets_are_well_formed():
    predicates = {"authored", "drafted", "addressedTo", "memberOf", "worksFor", "leads", "participatedIn",
                  "chaired", "heldBy", "heldIn", "adopted", "rejected", "votedFor", "votedAgainst",
                  "supports", "opposes", "metWith", "corresponded", "replaces", "partOf", "locatedIn"}
    types = {"Person", "Organisation", "Meeting", "Resolution", "Place"}
    assert len(SNIPPETS) >= 60
    assert len({s["id"] for s in SNIPPETS}) == len(SNIPPETS)
    counts = {p: 0 for p in predicates}
    for s in SNIPPETS:
        assert s["lang"] in ("sv", "en")
        for surface, label in s["entities"]:
            assert label in types and surface in s["text"], (s["id"], surface)
        for subj, pred, obj in s["relations"] + s.get("negative", []):
            assert pred in predicates, (s["id"], pred)
            for x in (subj, obj):
                assert x == "doc" or x in s["text"], (s["id"], x)
        for subj, pred, obj in s["relations"]:
            counts[pred] += 1
        for surface, _ in s.get("dates", []):
            assert surface in s["text"], (s["id"], surface)
    assert min(counts.values()) >= 2, counts
    assert set(XFAIL) <= set(_BY_ID) and set(XFAIL_DATES) <= set(_BY_ID)


# ---------------------------------------------------------------------------------------------
# per snippet


@pytest.mark.parametrize("snippet", _params(SNIPPETS, XFAIL))
def test_heldout_snippet(snippet):
    problems = snippet_problems(snippet)
    assert not problems, "\n".join(problems) + "\n" + describe(snippet)


@pytest.mark.parametrize("snippet", _params([s for s in SNIPPETS if s.get("dates")], XFAIL_DATES))
def test_heldout_meeting_dates(snippet):
    ex = extraction(snippet["id"])
    for surface, prefix in snippet["dates"]:
        dated = [m for m in ex.mentions if m.label in ("Meeting", "Resolution") and surface_match(surface, m.text)]
        values = [(m.date.value, m.date.edtf) for m in dated if m.date is not None]
        assert any(v.startswith(prefix) or (e or "").find(prefix) >= 0 for v, e in values), (
            f"{surface!r}: expected a date starting {prefix!r}, found {values}\n" + describe(snippet))


# ---------------------------------------------------------------------------------------------
# aggregate


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _nested_place(mention, snippet: dict) -> bool:
    """A place name inside the name of a body, meeting or resolution ("Hamburg organisation",
    "Brest-Litovsk peace") is annotated only after a locative preposition ("freden i
    Brest-Litovsk"); found there otherwise, it counts neither for nor against precision."""
    if mention.label != "Place" or any(lab == "Place" and surface_match(g, mention.text)
                                       for g, lab in snippet["entities"]):
        return False
    return any(lab != "Place" and len(g) > len(mention.text) and surface_match(g, mention.text)
               for g, lab in snippet["entities"])


def heldout_scores(snippets: list[dict] | None = None) -> dict[str, dict]:
    """Entity and relation precision/recall/F1 over all snippets, overall and per language.

    Recall counts every gold entity and relation. Precision counts only snippets marked
    ``"complete": true``: there every distinct predicted mention (text, type) that matches
    no gold entity, and every distinct predicted relation that matches no gold relation,
    is a false positive (a place name nested in another entity's name is left out, see
    :func:`_nested_place`). Negative relations asserted are counted separately.
    """
    rows: dict[str, dict] = {}
    for scope in ("all", "sv", "en"):
        c = dict(ent_gold=0, ent_hit=0, ent_pred=0, ent_pred_ok=0,
                 rel_gold=0, rel_hit=0, rel_pred=0, rel_pred_ok=0, neg=0, neg_hit=0)
        for s in SNIPPETS if snippets is None else snippets:
            if scope != "all" and s["lang"] != scope:
                continue
            ex = extraction(s["id"])
            c["ent_gold"] += len(s["entities"])
            c["ent_hit"] += sum(entity_found(e, ex.mentions) for e in s["entities"])
            c["rel_gold"] += len(s["relations"])
            c["rel_hit"] += sum(relation_found(r, ex.relations) for r in s["relations"])
            c["neg"] += len(s.get("negative", []))
            c["neg_hit"] += sum(relation_found(r, ex.relations) for r in s.get("negative", []))
            if not s.get("complete"):
                continue
            preds = {(_fold(m.text), m.label): m for m in ex.mentions if not _nested_place(m, s)}
            c["ent_pred"] += len(preds)
            c["ent_pred_ok"] += sum(
                any(lab == m.label and surface_match(g, m.text) for g, lab in s["entities"]) for m in preds.values())
            rels = {(_fold(_text(r.subject) or "doc"), r.predicate, _fold(_text(r.object) or "doc")): r
                    for r in ex.relations}
            c["rel_pred"] += len(rels)
            c["rel_pred_ok"] += sum(
                any(relation_found(g, [r]) for g in s["relations"]) for r in rels.values())
        c["ent"] = _prf(c["ent_pred_ok"], c["ent_pred"], c["ent_hit"], c["ent_gold"])
        c["rel"] = _prf(c["rel_pred_ok"], c["rel_pred"], c["rel_hit"], c["rel_gold"])
        rows[scope] = c
    return rows


def format_scores(rows: dict[str, dict]) -> str:
    lines = [f"{'scope':<6}{'kind':<10}{'P':>7}{'R':>7}{'F1':>7}   counts"]
    for scope, c in rows.items():
        p, r, f = c["ent"]
        lines.append(f"{scope:<6}{'entities':<10}{p:7.3f}{r:7.3f}{f:7.3f}   "
                     f"found {c['ent_hit']}/{c['ent_gold']} gold, {c['ent_pred_ok']}/{c['ent_pred']} predicted ok")
        p, r, f = c["rel"]
        lines.append(f"{scope:<6}{'relations':<10}{p:7.3f}{r:7.3f}{f:7.3f}   "
                     f"found {c['rel_hit']}/{c['rel_gold']} gold, {c['rel_pred_ok']}/{c['rel_pred']} predicted ok, "
                     f"negatives asserted {c['neg_hit']}/{c['neg']}")
    return "\n".join(lines)


# Measured when this suite was written (107 snippets, 55 sv / 52 en; 106 fully annotated):
#
#   scope kind            P      R     F1   counts
#   all   entities    0.980  0.900  0.939   found 406/451 gold, 400/408 predicted ok
#   all   relations   0.812  0.310  0.448   found 83/268 gold, 82/101 predicted ok, negatives asserted 2/31
#   sv    entities    1.000  0.904  0.950   found 198/219 gold, 198/198 predicted ok
#   sv    relations   0.857  0.279  0.421   found 36/129 gold, 36/42 predicted ok, negatives asserted 0/12
#   en    entities    0.962  0.897  0.928   found 208/232 gold, 202/210 predicted ok
#   en    relations   0.780  0.338  0.472   found 47/139 gold, 46/59 predicted ok, negatives asserted 2/19
#
# After the rule changes prompted by this suite (verb cues without apposition gates,
# passives, venues, heldIn/locatedIn, fronted dates, ";" clause ends):
#
#   all   entities    0.993  0.914  0.951   found 412/451 gold, 407/410 predicted ok
#   all   relations   0.897  0.396  0.549   found 106/268 gold, 105/117 predicted ok, negatives asserted 1/31
#
# Then with surname endings in English, split Swedish verbs ("röstade X för"), authored cues:
#
#   all   entities    0.990  0.922  0.955   found 416/451 gold, 411/415 predicted ok
#   all   relations   0.914  0.481  0.631   found 129/268 gold, 128/140 predicted ok, negatives asserted 1/31
#
# Then with English rules over the dependency parse (kg/extract/dependency.py: parse-based
# roles, cue-table roles the parse contradicts dropped, "it" = the previous subject) and
# coordinated bodies ("the Central Committees of the Communist Parties of A and B"):
#
#   all   entities    0.990  0.922  0.955   found 416/451 gold, 411/415 predicted ok
#   all   relations   0.933  0.519  0.667   found 139/268 gold, 139/149 predicted ok, negatives asserted 1/31
#   en    relations   0.909  0.504  0.648   found 70/139 gold, 70/77 predicted ok, negatives asserted 1/19
#
# And at the end of that stop (set 2 as development data; membership, leadership, support,
# meeting and letter shapes, possessive roles, reports heard):
#
#   all   entities    0.991  0.938  0.964   found 423/451 gold, 418/422 predicted ok
#   all   relations   0.944  0.631  0.756   found 169/268 gold, 169/179 predicted ok, negatives asserted 1/31
#
# then succession, second verb phrases in role gates and object pronouns ("voted for it"):
#
#   all   relations   0.947  0.664  0.781   found 178/268 gold, 178/188 predicted ok, negatives asserted 1/31
#   ... and with Swedish agentless passives at a meeting:
#   all   relations   0.947  0.668  0.783   found 179/268 gold, 179/189 predicted ok, negatives asserted 1/31
#
# The floors sit just below (about five relations or entities of slack): a rule change that
# loses held-out ground fails here even when every xfailed snippet stays xfailed. Raise them
# when the rules improve.
FLOOR = {"entities": {"P": 0.97, "R": 0.89, "F1": 0.93},
         "relations": {"P": 0.92, "R": 0.63, "F1": 0.75}}
#: Negative (negated, hypothetical, inverted) relations that may be asserted at most.
MAX_NEGATIVES_ASSERTED = 1


def test_heldout_every_predicate_found():
    # Precision is never bought by dropping a predicate: every relation the held-out gold
    # uses is found correctly at least once.
    both = SNIPPETS + SNIPPETS2 + SNIPPETS3
    used = {r[1] for s in both for r in s["relations"]}
    found = {r[1] for s in both for r in s["relations"] if relation_found(r, extraction(s["id"]).relations)}
    assert used <= found, sorted(used - found)


# heldout2.jsonl, scored blind (before anyone looked at what the rules do with it):
#
#   rules of commit 6f06570 (before the dependency parse)
#   all   relations   0.853  0.291  0.434   found 58/199 gold, 58/68 predicted ok, negatives asserted 1/25
#   rules of commit 6c3fefd (dependency parse and parse check)
#   all   relations   0.902  0.276  0.423   found 55/199 gold, 55/61 predicted ok, negatives asserted 0/25
#   en    relations   0.929  0.317  0.473
#   sv    relations   0.842  0.211  0.337
#   all   entities    0.985  0.915  0.949   found 260/284 gold, 260/264 predicted ok
#
# (seven "corresponded" annotations between a letter's own author and addressee were
# removed first: the gold schema counts only letters other than the document itself.)
# After that it served as development data: letter signatures and bare-name salutations,
# letters whose lines are paragraphs no longer run together in cleaning, "it" resolved
# within its sentence, prepositions of names ("Decree on Land") and of the cue kept
# in the parse check:
#
#   all   relations   0.920  0.347  0.504   found 69/199 gold, 69/75 predicted ok, negatives asserted 0/25
#
# then the grammatical subjects of a sentence set at a meeting took part in it (English
# parse; Swedish verb-second after a fronted venue), unless negated:
#
#   all   relations   0.925  0.372  0.530   found 74/199 gold, 74/80 predicted ok, negatives asserted 0/25
#
# and at the end of the stop:
#
#   all   relations   0.944  0.508  0.660   found 101/199 gold, 102/108 predicted ok, negatives asserted 0/25
#   ... and after the object pronouns, passive agents after a phrase, roles in a body,
#   Swedish agentless passives at a meeting:
#   all   relations   0.959  0.578  0.721   found 115/199 gold, 116/121 predicted ok, negatives asserted 0/25
#
# A third set, heldout3.jsonl, was written blind after that for the final measurement.
FLOOR2 = {"entities": {"P": 0.96, "R": 0.89, "F1": 0.93},
          "relations": {"P": 0.93, "R": 0.55, "F1": 0.69}}


# heldout3.jsonl, measured blind once, when the rules of this stop were thought final:
#
#   rules at the start of the stop (commit 6f06570)
#   all   relations   0.877  0.256  0.396   found 57/223 gold, 57/65 predicted ok, negatives asserted 1/49
#   all   entities    0.993  0.911  0.950   found 287/315 gold, 279/281 predicted ok
#   rules at the end of the stop (commit 28c729b)
#   all   relations   0.908  0.354  0.510   found 79/223 gold, 79/87 predicted ok, negatives asserted 2/49
#   sv    relations   0.850  0.374  0.519
#   en    relations   0.957  0.341  0.503
#   all   entities    0.996  0.924  0.959   found 291/315 gold, 283/284 predicted ok
#
# A few rules followed, written from the misses of sets 1 and 2 only (succession, second verb
# phrases, object pronouns, passive agents after a phrase); nobody looked at what set 3 misses.
# With them, at the end of the stop:
#
#   all   relations   0.903  0.377  0.532   found 84/223 gold, 84/93 predicted ok, negatives asserted 2/49
#
# The recall on text nobody tuned for is the honest figure: about a third of the relations
# such passages state. Keep this set for measuring; rules written from its misses make it
# one more development set (write a fresh one then).
FLOOR3 = {"entities": {"P": 0.97, "R": 0.90, "F1": 0.94},
          "relations": {"P": 0.89, "R": 0.35, "F1": 0.51}}


@pytest.mark.parametrize("name, snippets, floor, max_negatives", [
    ("set 1", SNIPPETS, FLOOR, MAX_NEGATIVES_ASSERTED),
    ("set 2", SNIPPETS2, FLOOR2, MAX_NEGATIVES_ASSERTED),
    ("set 3", SNIPPETS3, FLOOR3, 2),
])
def test_heldout_aggregate_scores(capsys, name, snippets, floor, max_negatives):
    rows = heldout_scores(snippets)
    table = format_scores(rows)
    with capsys.disabled():
        print(f"\nheld-out {name} extraction scores\n" + table)
    allr = rows["all"]
    for kind, (p, r, f) in (("entities", allr["ent"]), ("relations", allr["rel"])):
        assert p >= floor[kind]["P"] and r >= floor[kind]["R"] and f >= floor[kind]["F1"], (kind, (p, r, f), table)
    assert allr["neg_hit"] <= max_negatives, table
