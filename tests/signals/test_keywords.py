"""Crisis keywords: whole words, any case, with or without Polish diacritics, per language."""
from __future__ import annotations

import pytest

from escalation.signals.keywords import KeywordMatcher, fold

CRISIS = KeywordMatcher({"en": ["scam", "boycott", "data breach"], "pl": ["bojkot", "oszustwo", "kłamstwo"]})


@pytest.mark.parametrize("text, found", [
    ("This is a SCAM", ("scam",)),
    ("Scam! Total scam.", ("scam",)),
    ("I ordered the scampi", ()),
    ("antiscam tips", ()),
    ("#boycott them", ("boycott",)),
    ("they had a data   breach", ("data breach",)),
    ("a data leak, not a breach", ()),
    ("boycott this scam", ("scam", "boycott")),  # configuration order, not text order
])
def test_english_keywords_on_word_boundaries_any_case(text, found):
    assert CRISIS.matches(text, "en") == found


@pytest.mark.parametrize("text, found", [
    ("To jest OSZUSTWO!", ("oszustwo",)),
    ("to kłamstwo", ("kłamstwo",)),
    ("to KŁAMSTWO", ("kłamstwo",)),
    ("to klamstwo", ("kłamstwo",)),      # typed without diacritics
    ("Bojkot sklepu", ("bojkot",)),
    ("bojkotujemy", ()),                 # a longer word is not the keyword
    ("oszuśtwo", ("oszustwo",)),         # and a stray accent does not hide it
])
def test_polish_keywords_with_and_without_diacritics(text, found):
    assert CRISIS.matches(text, "pl") == found


def test_keyword_written_without_diacritics_matches_text_with_them():
    assert KeywordMatcher({"pl": ["klamstwo"]}).matches("Totalne kłamstwo", "pl") == ("klamstwo",)


def test_diacritics_count_as_letters_for_word_boundaries():
    # `ś` is a letter: "bojkotś" is one word, not "bojkot" followed by punctuation.
    assert KeywordMatcher({"pl": ["bojkot"]}).matches("bojkotś", "pl") == ()


def test_language_decides_the_list():
    assert CRISIS.matches("scam i oszustwo", "pl") == ("oszustwo",)
    assert CRISIS.matches("scam i oszustwo", "en-GB") == ("scam",)
    assert CRISIS.matches("scam i oszustwo", "PL-pl") == ("oszustwo",)
    assert CRISIS.matches("scam i oszustwo", "de") == ()


def test_unknown_language_is_checked_against_every_list():
    assert CRISIS.matches("scam i oszustwo", None) == ("scam", "oszustwo")


def test_star_list_applies_to_every_language():
    matcher = KeywordMatcher({"*": ["Acme", "@acme"], "en": ["scam"]})
    assert matcher.matches("@ACME is a scam", "en") == ("Acme", "@acme", "scam")
    assert matcher.matches("acme to oszustwo", "pl") == ("Acme",)
    assert matcher.matches("acmeville", "en") == ()


def test_trailing_star_matches_inflected_forms():
    matcher = KeywordMatcher({"pl": ["oszust*"]})
    assert [matcher.matches(text, "pl") for text in ("oszustwo", "Oszustwa!", "oszustem", "nieoszust")] == \
        [("oszust*",)] * 3 + [()]


def test_no_keywords_matches_nothing():
    assert KeywordMatcher({}).matches("scam", "en") == ()
    assert KeywordMatcher({"en": []}).matches("scam", None) == ()


def test_fold():
    assert fold("Zażółć GĘŚLĄ jaźń, Łódź") == "zazolc gesla jazn, lodz"


@pytest.mark.parametrize("keyword, text", [
    ("pozew", "Grozimy pozwem zbiorowym"), ("pozew", "Złożyliśmy pozwy"), ("oszust", "Acme to oszuści!"),
    ("oszukać", "Acme oszukuje klientów"), ("oszukać", "Oszukali mnie"), ("oszukiwać", "Acme mnie oszukało"),
    ("wyciek danych", "Był wyciek danych"), ("wyciek danych", "po wycieku danych klientów"),
])
def test_polish_keywords_match_their_inflected_forms(keyword, text):
    matcher = KeywordMatcher({"pl": [keyword]})
    assert matcher.matches(text, "pl") == (keyword,)
    assert matcher.matches(text, None) == (keyword,)  # a mention of unknown language is read as Polish too
    assert matcher.matches(text, "en") == ()


@pytest.mark.parametrize("keyword, text", [
    ("pozew", "pozwolenie na budowę"), ("wyciek danych", "wyciek, danych brak"), ("oszust", "oszustwo"),
])
def test_polish_stems_do_not_reach_other_words(keyword, text):
    # "oszustwo" is a word of its own (list it, or write `oszust*`); a comma parts the words of a keyword.
    assert KeywordMatcher({"pl": [keyword]}).matches(text, "pl") == ()


@pytest.mark.parametrize("text", ["חרם על אקמה", "קוראים לחרם", "והחרם נמשך"])
def test_hebrew_keywords_match_behind_their_prefixes(text):
    assert KeywordMatcher({"he": ["חרם"]}).matches(text, "he") == ("חרם",)


def test_hebrew_keywords_match_in_the_plural():
    matcher = KeywordMatcher({"he": ["תביעה ייצוגית"]})
    assert matcher.matches("הוגשו תביעות ייצוגיות", "he") == ("תביעה ייצוגית",)
    assert matcher.matches("תביעה", "he") == ()
