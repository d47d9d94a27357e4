"""Name keys: spellings of one Russian name across conventions fold together, others do not."""

import pytest

from kg.names import exact_key, fold, strip_genitive


@pytest.mark.parametrize("spellings", [
    ("Zinoviev", "Zinovjev", "Sinowjew", "Zinovyev"),
    ("Trotsky", "Trotskij", "Trotzki", "Trotski", "Trotskii"),
    ("Bukharin", "Bucharin"),
    ("Dzerzhinsky", "Dzerzjinskij", "Dserschinski"),
    ("Ordzhonikidze", "Ordzjonikidze", "Ordschonikidse"),
    ("Kuibyshev", "Kujbysjev"),
    ("Krupskaya", "Krupskaja"),
    ("Chicherin", "Tjitjerin", "Tschitscherin"),
    ("Yaroslavsky", "Jaroslavskij"),
    ("Molotov", "Molotow"),
])
def test_names_fold_variants_together(spellings):
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [
    ("Kamenev", "Kalinin"), ("Radek", "Rykov"), ("Stalin", "Stalinism"), ("Tomsky", "Tomskaja"),
])
def test_names_keep_different_names_apart(a, b):
    assert fold(a) != fold(b)


def test_names_exact_key_normalises_apostrophes_and_space():
    assert exact_key("Council of People’s\n Commissars") == exact_key("council of people's commissars")


@pytest.mark.parametrize("word, lang, base", [
    ("Stalins", "sv", "Stalin"), ("RKP(b):s", "sv", "RKP(b)"), ("Stalin", "sv", None),
    ("Stalins", "en", None), ("Gross", "sv", None),
])
def test_names_strip_genitive(word, lang, base):
    assert strip_genitive(word, lang) == base
