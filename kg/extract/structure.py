"""Relations stated by the shape of a noun phrase rather than by a verb.

"RKP(b):s centralkommitté", "the Secretariat of the C.C.", "Politbyrån i RKP(b):s
CK" state that one body is part of another; "CK-plenum", "the plenary meeting of
the C.C." that a body held a meeting; "konferensen i Tbilisi" where it was held;
"Bucharins möte med Kamenev" who took part. These rules look at two mentions side
by side (or one nested in a meeting) and the few words between them.

Examples
--------
>>> from kg.ingest import ingest
>>> from kg.model import SourceText
>>> from kg.extract import extract
>>> from kg.extract.nlp import make_nlp
>>> ex = extract(ingest(SourceText("x.txt", "x.txt", "Politbyrån i RKP(b):s CK."), "sv"), make_nlp("sv"))
>>> sorted((r.subject.text, r.predicate, r.object.text) for r in ex.relations)
[('CK', 'partOf', 'RKP(b):s'), ('Politbyrån', 'partOf', 'CK')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kg.extract.relations import Located, evidence, is_genitive
from kg.extract.tables import table_rows
from kg.names import PLURAL
from kg.model import Document, Relation

_OF = re.compile(r"^\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_IN_BODY = re.compile(r"^\s+(?:i|in|within|inom)\s+(?:the\s+)?$", re.IGNORECASE)
_AT_PLACE = re.compile(r"^\s+(?:i|in|at|på)\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:’s|'s)\s+$")
_IN_PLACE = re.compile(r"^\s+(?:i|in)\s+$", re.IGNORECASE)
_UNDER = re.compile(r"^\s+under\s+(?:the\s+)?$", re.IGNORECASE)
_AT_MEETING = re.compile(r"\b(?:at|på|vid|during|under)\s+(?:the\s+|den\s+|det\s+)?$", re.IGNORECASE)
#: Patterns (kg/data/patterns.tsv, without the language prefix) of resolutions that only the
#: body owning them can have taken: a decision, a decree, a directive (not a draft or a proposal).
_DECIDED = {"decision", "decision-owned", "decree", "directive"}
#: How far before a conversation its first participant may be named (characters).
CONVERSATION_REACH = 60
#: How far into a sentence a framing venue ("At the Tenth Congress", "På den fjortonde partikongressen") may start.
VENUE_OPENING = 12


_HIS = re.compile(r"^(?:hans|hennes|his|her)\s", re.IGNORECASE)


def phrase_relations(document: Document, sentence, located: list[Located]) -> list[Relation]:
    """partOf, heldBy, heldIn, memberOf and participatedIn from phrase shapes in one sentence."""
    found: list[Relation] = []
    for i, body in enumerate(located):
        # "av Stalin ... resolutionen av hans kommission": his body is one he belongs to
        if body.mention.label == "Organisation" and _HIS.match(document.clean[body.start:body.end]):
            person = next((m for m in located[:i][::-1] if m.mention.label == "Person"
                           and not is_genitive(document, m)), None)
            if person is not None:
                found.append(_rel(document, sentence, person, "memberOf", body))
    outer = [m for m in located if not _nested(m, located)]
    for i, (a, b) in enumerate(zip(outer, outer[1:])):
        found += _pair(document, sentence, a, b, _head(document, outer, i + 1), located)
    for container in located:
        if container.mention.label == "Meeting":
            found += _nested_relations(document, sentence, container, located)
        elif container.mention.label == "Organisation":
            found += [_rel(document, sentence, container, "partOf", inner) for inner in located
                      if inner.mention.label == "Organisation" and _inside(inner, container)]
    return found


def _head(document: Document, outer: list[Located], i: int) -> Located:
    """Follow genitive owners to the noun they modify: in "i RKP(b):s CK" the head is CK."""
    while i + 1 < len(outer) and is_genitive(document, outer[i]) \
            and not document.clean[outer[i].end:outer[i + 1].start].strip():
        i += 1
    return outer[i]


def _plural(document: Document, loc: Located) -> bool:
    """ "Lenin’s proposals" name a person's views, not one draft."""
    return bool(PLURAL[document.lang].search(document.clean[loc.start:loc.end]))


def _holds_body(meeting: Located, located: list[Located]) -> bool:
    """ "CK-plenum" names the body that held it; a genitive before it owns that body instead."""
    return any(m.mention.label == "Organisation" and _inside(m, meeting) for m in located)


def _pair(document: Document, sentence, a: Located, b: Located, head: Located, located) -> list[Relation]:
    """Relations of two neighbouring mentions; ``head`` is what ``b`` modifies, if a genitive."""
    gap = document.clean[a.end:b.start]
    la, lb = a.mention.label, b.mention.label
    owner_first = is_genitive(document, a) and gap.strip() == "" or _POSSESSIVE.match(gap)
    if a.possessive and not owner_first:
        return []
    if owner_first and la == "Organisation" and lb == "Organisation":
        return [_rel(document, sentence, b, "partOf", a)]
    if owner_first and la == "Person" and lb == "Organisation" and b.mention.key is None and not _plural(document, b):
        # "Stalins kommission", "Lenin's commission": a body named by a member
        return [_rel(document, sentence, a, "memberOf", b)]
    if owner_first and la == "Person" and lb == "Resolution" and not _plural(document, b):
        # "Bucharins förslag", "Stalin’s draft": a person's proposal is one they drafted.
        return [_rel(document, sentence, a, "drafted", b)]
    if owner_first and la in ("Organisation", "Meeting") and lb == "Resolution" \
            and b.mention.method.removeprefix("rule:").split("-", 1)[-1] in _DECIDED:
        # "CK:s beslut", "the Congress's decree": a body's decision is one it took
        return [_rel(document, sentence, a, "adopted", b)]
    if (owner_first or _genitive_with_adjectives(document, a, gap)) and la == "Organisation" and lb == "Meeting" \
            and not _holds_body(b, located):
        return [_rel(document, sentence, b, "heldBy", a)] + [
            _rel(document, sentence, b, "heldBy", c) for c in _coordinated_before(document, a, located)]
    if document.lang == "en" and la == "Organisation" and lb == "Meeting" and gap == " " and not _holds_body(b, located):
        # "the C.C. meeting", "a Politbureau session": an English noun compound
        return [_rel(document, sentence, b, "heldBy", a)]
    if (_OF.match(gap) or _IN_BODY.match(gap)) and head.mention.label == "Organisation" \
            and la in ("Organisation", "Meeting"):
        predicate = "partOf" if la == "Organisation" else "heldBy"
        found = [_rel(document, sentence, a, predicate, head)]
        if la == "Meeting":
            # "the joint plenum of the C.C. and the C.C.C.": held by both
            found += [_rel(document, sentence, a, predicate, c) for c in _coordinated_after(document, head, located)]
        return found
    if _UNDER.match(gap) and la == "Organisation" and lb in ("Person", "Organisation"):
        # "the Seventh Army under Tukhachevsky" (led by), "en kommission under orgbyrån" (part of)
        if lb == "Person":
            return [_rel(document, sentence, b, "leads", a)]
        return [_rel(document, sentence, a, "partOf", b)]
    if _AT_PLACE.match(gap) and la == "Meeting" and lb == "Place":
        return [_rel(document, sentence, a, "heldIn", b)]
    if _IN_PLACE.match(gap) and la == "Place" and lb == "Place":
        return [_rel(document, sentence, a, "locatedIn", b)]
    return []


def _genitive_with_adjectives(document: Document, owner: Located, gap: str) -> bool:
    """ "centrala kontrollkommissionens gemensamma plenum", "församlingens enda sammanträde"."""
    return is_genitive(document, owner) and bool(re.fullmatch(r"\s+(?:[a-zåäö]+\s+){1,2}", gap))


_AND = re.compile(r"^\s+(?:and|och)\s+(?:the\s+)?$", re.IGNORECASE)


def _coordinated_after(document: Document, loc: Located, located: list[Located]) -> list[Located]:
    """Bodies coordinated after ``loc``: "the C.C. and the C.C.C." -> [C.C.C.]."""
    found, last = [], loc
    for m in located:
        if m.start >= last.end and m.mention.label == "Organisation":
            if not _AND.match(document.clean[last.end:m.start]):
                break
            found.append(m)
            last = m
    return found


def _coordinated_before(document: Document, loc: Located, located: list[Located]) -> list[Located]:
    """Genitive bodies coordinated before ``loc``: "Centralkommitténs och centrala
    kontrollkommissionens gemensamma plenum" -> [Centralkommitténs] for the second."""
    found, first = [], loc
    for m in reversed(located):
        if m.end <= first.start and m.mention.label == "Organisation":
            if not _AND.match(document.clean[m.end:first.start]) or not is_genitive(document, m):
                break
            found.append(m)
            first = m
    return found


def meeting_participation(document: Document, sentence, located: list[Located],
                          stated: list[Relation], parse=None) -> list[Relation]:
    """ "På fjortonde partikongressen stödde Sokolnikov ...", "At the Tenth Congress Radek
    voted for ...": whoever acts in a sentence set at a meeting took part in it.

    The actors are the subjects of the relations the sentence states, and also the
    sentence's grammatical subjects: from the parse in English ("At the Twelfth Congress
    Trotsky delivered the report on industry"), and in Swedish the names right after the
    verb that follows a fronted venue ("På sextonde partikongressen framträdde Rykov och
    Tomskij med självkritik").
    """
    text = document.clean
    # The venue frames the clause when it opens the sentence or closes it; in between
    # ("discussed at the plenary meeting, Lenin, who was unable to attend, ...") it need not.
    last = max((m.end for m in located), default=0)
    venues = [m for m in located if m.mention.label == "Meeting"
              and _AT_MEETING.search(text[max(sentence[0], m.start - 12):m.start])
              and (m.start - sentence[0] <= VENUE_OPENING or m.end == last)]
    actors = {id(r.subject): r.subject for r in stated if r.subject is not None
              and r.subject.label in ("Person", "Organisation") and r.evidence.method.startswith("rule:")
              and not r.evidence.method.startswith(("rule:phrase", "rule:header"))}
    if venues:
        opening = [v for v in venues if v.start - sentence[0] <= VENUE_OPENING]
        for loc in _grammatical_subjects(document, sentence, located, opening, parse):
            actors.setdefault(id(loc.mention), loc.mention)
    found = []
    for venue in venues:
        for actor in actors.values():
            ev = evidence(document, sentence, (venue.start, venue.end), "rule:at-meeting", 0.6)
            found.append(Relation(actor, "participatedIn", venue.mention, ev))
    return found


_HEARD = re.compile(r"\b(?:heard|hörde|åhörde)\s+(?P<who>[^.;]{1,80}?)\s*(?:reports?|rapport(?:er|en|erna)?|speech(?:es)?|tal(?:et)?)\b",
                    re.IGNORECASE)


def report_participation(document: Document, sentence, located: list[Located]) -> list[Relation]:
    """ "the Congress ... heard Krzhizhanovsky's report", "kongressen hörde Sverdlovs och Lenins
    rapporter": whoever reported to a meeting took part in it."""
    found = []
    for match in _HEARD.finditer(document.clean, *sentence):
        meeting = next((m for m in reversed(located) if m.mention.label == "Meeting" and m.end <= match.start()), None)
        if meeting is None:
            continue
        for loc in located:
            if match.start("who") <= loc.start and loc.end <= match.end("who") and loc.mention.label in _PERSON_OR_BODY:
                core = (meeting.start, match.end())
                ev = evidence(document, sentence, core, "rule:heard-report", 0.6)
                found.append(Relation(loc.mention, "participatedIn", meeting.mention, ev))
    return found


#: Swedish passives of adopting with no agent ("antogs enhälligt", "fattades på ...").
_SV_ADOPTED = re.compile(r"\b(?:antogs|godkändes|fattades|fastställdes|ratificerades)\b(?!\s+(?:\w+\s+)?av\b)")
_SV_AT = re.compile(r"^\s+(?:\w+\s+)?(?:på|vid)\s+(?:den\s+|det\s+)?(?:[\w():]+s\s+){0,3}$", re.IGNORECASE)


def venue_adoptions(document: Document, sentence, located: list[Located]) -> list[Relation]:
    """ "Vid andra sovjetkongressen ... antogs Martovs förslag", "Beslutet fattades på
    folkkommissariernas råds sammanträde": a decision passed at a meeting, with no agent
    named, was adopted by that meeting (Swedish; English gets this from the parse)."""
    if document.lang != "sv":
        return []
    text = document.clean
    found = []
    for match in _SV_ADOPTED.finditer(text, *sentence):
        meetings = [m for m in located if m.mention.label == "Meeting"]
        venue = next((m for m in meetings if m.start >= match.end() and _SV_AT.match(text[match.end():m.start])), None)
        if venue is None:
            venue = next((m for m in meetings if m.start - sentence[0] <= VENUE_OPENING
                          and _AT_MEETING.search(text[max(sentence[0], m.start - 12):m.start])), None)
        decisions = [m for m in located if m.mention.label == "Resolution" and not is_genitive(document, m)]
        decision = next((m for m in decisions if 0 <= m.start - match.end() <= 40), None) or \
            next((m for m in reversed(decisions) if m.end <= match.start()), None)
        if venue is not None and decision is not None:
            core = (min(venue.start, decision.start, match.start()), max(venue.end, decision.end, match.end()))
            ev = evidence(document, sentence, core, "rule:venue-adopted", 0.6)
            found.append(Relation(venue.mention, "adopted", decision.mention, ev))
    return found


def succession_relations(stated: list[Relation]) -> list[Relation]:
    """ "Kuibyshev succeeded Dzerzhinsky as chairman of the Supreme Council": the office the
    predecessor held (a leads or memberOf the sentence states) passes to the successor."""
    found = []
    for succession in (r for r in stated if r.predicate == "replaces"):
        for office in stated:
            if office.predicate in ("leads", "memberOf") and office.subject is succession.object:
                ev = replace(office.evidence, quote=succession.evidence.quote, start=succession.evidence.start,
                             end=succession.evidence.end, method="rule:succession")
                found.append(Relation(succession.subject, office.predicate, office.object, ev))
    return found


_PERSON_OR_BODY = ("Person", "Organisation")
#: Words that may stand between a fronted venue and the verb in Swedish (a date, a season).
_SV_FRONT_GAP = re.compile(r"^[\s,]*(?:(?:\w+|\d{4}|den|i|år)\s+){0,3}?(?P<verb>[a-zåäö]+)\s+$")


def _grammatical_subjects(document: Document, sentence, located: list[Located], opening: list[Located],
                          parse) -> list[Located]:
    """Persons and bodies that are subjects of the sentence's main verbs."""
    people = [m for m in located if m.mention.label in _PERSON_OR_BODY and not m.possessive
              and not is_genitive(document, m)]
    if parse is not None:
        spans = parse.subjects(sentence, conjuncts=True, asserted=True)
        found = [m for m in people if any(m.start < end and start < m.end for start, end in spans)]
        # Without a comma after the venue the parse may swallow the subject into it: then the
        # name standing right before the verb is the subject.
        verbs = parse.subjectless_verbs(sentence)
        return found + [m for m in people if m not in found and any(0 < v - m.end <= 2 for v in verbs)]
    if document.lang != "sv" or not opening:
        return []
    # Verb-second order: after "På <möte> [sommaren 1930]" comes the verb, then the subject.
    venue = opening[-1]
    after = [m for m in people if m.start >= venue.end]
    if not after or not _SV_FRONT_GAP.match(document.clean[venue.end:after[0].start]):
        return []
    subjects = [after[0]]
    for m in after[1:]:
        if not re.fullmatch(r"\s*(?:,|och|samt)\s*", document.clean[subjects[-1].end:m.start]):
            break
        subjects.append(m)
    if _SV_DENIED.match(document.clean[subjects[-1].end:sentence[1]]):
        return []  # "På kongressen talade Bucharin inte": no act, and no attendance either
    return subjects


_SV_DENIED = re.compile(r"^\s+(?:\w+\s+)?(?:inte|ej|icke|aldrig)\b", re.IGNORECASE)


ROLES_FILE = Path(__file__).resolve().parent.parent / "data" / "role_nouns.tsv"


@lru_cache(maxsize=2)
def read_roles(path: str | Path = ROLES_FILE) -> dict[str, list[tuple[str, re.Pattern, re.Pattern]]]:
    """Rows of ``kg/data/role_nouns.tsv`` by language: (predicate, role pattern, holder-gap pattern)."""
    roles: dict[str, list] = {}
    for row in table_rows(path):
        role = re.compile(r"(?:’s|'s)?\s+(?:[\w\-]+\s+)?(?:" + row["role"] + r")(?![\w\-])", re.IGNORECASE)
        roles.setdefault(row["lang"], []).append((row["predicate"], role, re.compile(row["before"], re.IGNORECASE)))
    return roles


def role_relations(document: Document, sentence, located: list[Located]) -> list[Relation]:
    """ "Sklyansky, Trotsky's deputy", "Gorbunov var ... Lenins personlige sekreterare",
    "Stalin's secretary Bazhanov": a role named by its possessor links the holder to them."""
    text = document.clean
    people = [m for m in located if m.mention.label == "Person"]
    found = []
    for predicate, role, before in read_roles().get(document.lang, ()):
        for i, owner in enumerate(people):
            if not (is_genitive(document, owner) or text[owner.end:owner.end + 2] in ("’s", "'s")):
                continue
            match = role.match(text, owner.end, sentence[1])
            if match is None:
                continue
            holder = next((p for p in people[i + 1:] if p.start >= match.end()
                           and re.fullmatch(r"\s*,?\s*", text[match.end():p.start])), None)
            if holder is None:
                holder = next((p for p in people[:i][::-1] if p.start >= sentence[0]
                               and before.match(text[p.end:owner.start])), None)
            if holder is not None and holder.mention is not owner.mention:
                core = (min(holder.start, owner.start), max(holder.end, match.end()))
                ev = evidence(document, sentence, core, f"rule:role-{predicate}", 0.7)
                found.append(Relation(holder.mention, predicate, owner.mention, ev))
                # "Trotsky's deputy in the Revolutionary Military Council": a seat on that body
                body = next((m for m in located if m.start >= match.end() and m.mention.label == "Organisation"
                             and _ROLE_BODY.fullmatch(text[match.end():m.start])), None)
                if body is not None:
                    ev = evidence(document, sentence, (core[0], body.end), "rule:role-memberOf", 0.6)
                    found.append(Relation(holder.mention, "memberOf", body.mention, ev))
    return found


_ROLE_BODY = re.compile(r"\s+(?:in|on|i|inom)\s+(?:the\s+)?", re.IGNORECASE)


LISTS_FILE = Path(__file__).resolve().parent.parent / "data" / "member_lists.tsv"
_LIST_JOIN = re.compile(r"\s*,\s*(?:(?:och|samt|and)\s+)?|\s+(?:och|samt|and|&)\s+")
_TITLE = re.compile(r"[a-zåäö]+\s+")
_SECOND_CONJUNCT = re.compile(r"\b(?:och|samt|and)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=2)
def read_member_lists(path: str | Path = LISTS_FILE) -> dict[str, list[tuple[str, re.Pattern | None, re.Pattern]]]:
    """Rows of ``kg/data/member_lists.tsv`` by language: (predicate, before pattern or None, after pattern)."""
    rows: dict[str, list] = {}
    for row in table_rows(path):
        before = re.compile(row["before"], re.IGNORECASE) if row["before"] else None
        rows.setdefault(row["lang"], []).append((row["predicate"], before, re.compile(row["after"])))
    return rows


def list_relations(document: Document, sentence, located: list[Located]) -> list[Relation]:
    """ "Några medlemmar av CK – Kamenev, Zinovjev, Nogin", "the Politburo – Stalin, Zinoviev and
    Kamenev": each person of a list after a body belongs to it (or leads it, after "ledarna för").

    Examples
    --------
    >>> from kg.ingest import ingest
    >>> from kg.model import SourceText
    >>> from kg.extract import extract, make_nlp
    >>> text = "Två medlemmar av politbyrån, Kamenev och Zinovjev, röstade emot."
    >>> ex = extract(ingest(SourceText("x.txt", "x.txt", text), "sv"), make_nlp("sv"))
    >>> sorted((r.subject.text, r.object.text) for r in ex.relations if r.predicate == "memberOf")
    [('Kamenev', 'politbyrån'), ('Zinovjev', 'politbyrån')]
    """
    text = document.clean
    found, named_by_role = [], set()
    for predicate, before, after in read_member_lists().get(document.lang, ()):
        for body in located:
            if body.mention.label != "Organisation" or (before is None and id(body) in named_by_role):
                continue  # "the leaders of X – A, B": leaders, said once
            ahead = text[max(sentence[0], body.start - 80):body.start]
            if before is not None and not before.search(ahead):
                continue
            if _SECOND_CONJUNCT.search(ahead):
                continue  # "medlemmar av CK och rådet – A, B": the list is the first body's
            gap = after.match(text, body.end, sentence[1])
            if gap is None:
                continue
            members = _listed(document, gap.end(), located, sentence)
            if len(members) < (1 if before is not None else 2):
                continue
            if before is not None:
                named_by_role.add(id(body))
            for person in members:
                core = (min(body.start, person.start), max(body.end, person.end))
                ev = evidence(document, sentence, core, f"rule:list-{predicate}", 0.7)
                found.append(Relation(person.mention, predicate, body.mention, ev))
    return found


def _listed(document: Document, start: int, located: list[Located], sentence) -> list[Located]:
    """The persons named one after another from ``start``: "Kamenev, Zinovjev och Nogin"."""
    text, people = document.clean, []
    title = _TITLE.match(text, start)
    at = title.end() if title and not any(m.start == start for m in located) else start
    for loc in located:
        if loc.start < at or loc.mention.label != "Person" or loc.end > sentence[1]:
            continue
        if loc.start != at:
            break
        people.append(loc)
        join = _LIST_JOIN.match(text, loc.end)
        if join is None:
            break
        at = join.end()
    return people


def _nested_relations(document: Document, sentence, meeting: Located, located) -> list[Relation]:
    inner = [m for m in located if m is not meeting and _inside(m, meeting)]
    by_type = {"Organisation": "heldBy", "Place": "heldIn"}
    found = [_rel(document, sentence, meeting, by_type[m.mention.label], m)
             for m in inner if m.mention.label in by_type]
    people = [m for m in inner if m.mention.label == "Person"]
    if people and "conversation" in meeting.mention.method:
        people = _opener(document, meeting, located, people) + people
        found += [_rel(document, sentence, p, "participatedIn", meeting) for p in people]
        if len(people) >= 2:
            found.append(_rel(document, sentence, people[0], "metWith", people[1]))
    return found


def _opener(document: Document, meeting: Located, located, people) -> list[Located]:
    """The person named just before a conversation ("hade Lenin ett samtal med Stalin")."""
    if len(people) >= 2:
        return []
    before = [m for m in located if m.end <= meeting.start and m.mention.label == "Person"
              and meeting.start - m.end <= CONVERSATION_REACH]
    return before[-1:]


def _rel(document: Document, sentence, s: Located, predicate: str, o: Located) -> Relation:
    core = (min(s.start, o.start), max(s.end, o.end))
    ev = evidence(document, sentence, core, f"rule:phrase-{predicate}", 0.7)
    return Relation(s.mention, predicate, o.mention, ev)


def _inside(a: Located, b: Located) -> bool:
    return b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end)


def _nested(a: Located, located: list[Located]) -> bool:
    return any(_inside(a, b) for b in located)
