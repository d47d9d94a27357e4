"""Resolution across documents and languages: one entity per real thing, stable keys."""

from kg.authority import read_authority
from kg.resolve import resolve
from tests.conftest import extract_text


def _resolved(*texts):
    return resolve([extract_text(t, lang, f"{i}.txt") for i, (t, lang) in enumerate(texts)], read_authority())


def _keys(resolved, type_):
    return {e.key for e in resolved.entities if e.type == type_}


def test_resolve_merges_across_languages_and_spellings():
    r = _resolved(("Zinovjev och Trotskij talade.", "sv"), ("Zinoviev and Trotsky spoke.", "en"))
    assert _keys(r, "Person") == {"person:zinoviev", "person:trotsky"}
    zinoviev = next(e for e in r.entities if e.key == "person:zinoviev")
    assert zinoviev.doc_ids == ("0.txt", "1.txt") and {"Zinovjev", "Zinoviev"} <= set(zinoviev.alt_labels)


def test_resolve_unknown_person_keyed_by_surname():
    r = _resolved(("Kamrat Petersson kom. Sedan talade kamrat Peterssons vän.", "sv"))
    assert "person:peterson" in _keys(r, "Person") or "person:petersson" in _keys(r, "Person")
    assert len([k for k in _keys(r, "Person") if "peter" in k]) == 1


def test_resolve_generic_references_point_back():
    r = _resolved(("Kommissionen utarbetade resolutionen. Sedan antog plenum resolutionen.", "sv"))
    assert len(_keys(r, "Resolution")) == 1


def test_resolve_new_opens_a_new_thing():
    r = _resolved(("Kommissionen antog resolutionen. Sedan utarbetade den ett nytt resolutionsförslag.", "sv"))
    assert len(_keys(r, "Resolution")) == 2


def test_resolve_conversations_by_participants():
    r = _resolved(("Bucharins möte med Kamenev ägde rum i juli. Senare kom Kamenevs möte med Trotskij.", "sv"))
    assert {"meeting:conversation-bukharin-kamenev", "meeting:conversation-kamenev-trotsky"} <= _keys(r, "Meeting")


def test_resolve_ordinal_congress_to_authority_by_time():
    r = _resolved(("Skrivet 1923. Tolfte kongressen öppnades i april.", "sv"))
    assert "meeting:12th-party-congress-1923" in _keys(r, "Meeting")


def test_resolve_facts_use_entity_keys_and_keep_evidence():
    r = _resolved(("Stalin drafted the resolution. Stalin drafted the resolution again.", "en"))
    drafted = [f for f in r.facts if f.predicate == "drafted"]
    assert {f.subject for f in drafted} == {"person:stalin"}
    assert len(drafted) == 2 and drafted[0].evidence.start != drafted[1].evidence.start


def test_resolve_is_order_independent():
    texts = [("Zinovjev talade.", "sv"), ("Zinoviev spoke.", "en")]
    a = resolve([extract_text(t, l, f"{i}.txt") for i, (t, l) in enumerate(texts)], read_authority())
    b = resolve([extract_text(t, l, f"{i}.txt") for i, (t, l) in reversed(list(enumerate(texts)))], read_authority())
    assert a == b


def test_resolve_generic_meeting_with_another_day_is_another_meeting():
    resolved = _resolved(("The plenary meeting of October 6, 1922 adopted the directives. "
                          "At its meeting on September 15, 1922 the Georgian C.C. had passed a decision.", "en"))
    meetings = [e for e in resolved.entities if e.type == "Meeting"]
    assert len(meetings) == 2, [(e.key, e.alt_labels) for e in meetings]
