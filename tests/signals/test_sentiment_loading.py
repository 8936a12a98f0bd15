"""What reading Polish costs stays where it belongs: an English mention never loads the Polish stemming table (a
mention's language is detected once, for its score and its keywords), a 50,000-letter token is no word and is
kept in no cache, and the scorers a config needs are loaded ahead by `warm`."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config.model import Config
from bot.config.signals import SignalSettings
from bot.config.templates import TemplateSettings
from bot.signals.warmup import languages, warm_in_background
from escalation.signals import classify
from escalation.signals.classify import Classifier
from escalation.signals.keywords import KeywordMatcher
from escalation.signals.mentions import MentionIn
from escalation.signals.rules import Topic
from escalation.signals.sentiment import detect, hebrew, polish, score_text, stemming, warm

CRISIS = {"en": ["boycott", "scam"], "pl": ["bojkot", "pozew"]}
AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def mention(text: str, **fields) -> MentionIn:
    return MentionIn(id="m1", text=text, published_at=AT, **fields)


@pytest.fixture
def stemmed():
    """The words the Polish stemmer has seen are forgotten before and after, so a test sees every call it makes."""
    stemming._stem.cache_clear()
    stemming._polish_keyword_forms.cache_clear()
    yield
    stemming._stem.cache_clear()
    stemming._polish_keyword_forms.cache_clear()


@pytest.fixture
def no_polish(monkeypatch, stemmed):
    """Reading the Polish stemming table fails the test."""
    def refuse():
        raise AssertionError("the Polish stemming table was loaded")
    monkeypatch.setattr(stemming, "_polish_stemmer", refuse)


def test_an_english_mention_without_a_language_never_reaches_the_polish_stemmer(no_polish):
    found = Classifier([], CRISIS).classify(
        "listenly", mention("Great product, I love it, but I will join the boycott if they keep lying to customers"))
    assert (found.score.by, found.keywords) == ("textblob", ("boycott",))


def test_a_polish_mention_without_a_language_is_detected_once_for_its_score_and_keywords(monkeypatch):
    asked = []
    monkeypatch.setattr(classify, "detect_language", lambda text: asked.append(text) or detect.detect_language(text))
    found = Classifier([], CRISIS).classify("listenly", mention("Acme oszukuje klientów, grozimy pozwem"))
    assert (found.score.by, found.score.label, found.keywords) == ("polish", "negative", ("pozew",))
    assert asked == ["Acme oszukuje klientów, grozimy pozwem"]


def test_a_mention_whose_language_is_not_recognised_is_read_against_every_list_and_detected_once(monkeypatch):
    asked = []
    monkeypatch.setattr(classify, "detect_language", lambda text: asked.append(text) or detect.detect_language(text))
    found = Classifier([], CRISIS).classify("listenly", mention("@acme pozwem, scam"))
    assert (found.score.label, found.score.reason, found.keywords) == (
        "unscored", "language not given and not recognised", ("scam", "pozew"))
    assert asked == ["@acme pozwem, scam"]  # not once more by the scorer


def test_a_mention_scored_by_its_source_needs_no_detection_unless_a_list_is_stemmed(monkeypatch):
    def refuse(text):
        raise AssertionError("detected")
    monkeypatch.setattr(classify, "detect_language", refuse)
    found = Classifier([Topic("acme", keywords=("Acme",))], {"en": ["scam"]}).classify(
        "listenly", mention("Acme to scam", sentiment="negative"))
    assert (found.score.by, found.keywords, found.topics) == ("source", ("scam",), ("acme",))


def test_keyword_forms_stem_a_word_once(monkeypatch, stemmed):
    asked = []
    monkeypatch.setattr(stemming, "_polish_stemmer", lambda: lambda word: asked.append(word) or "oszukiwać")
    assert stemming.polish_keyword_forms("oszukujemy") == ("oszukujemy", "oszukiwac", "oszuk~")
    assert asked == ["oszukujemy"]


def test_a_50000_letter_token_is_no_word_and_is_kept_in_no_cache():
    polish_token, hebrew_token = "ą" * 50_000, "א" * 50_000
    matcher = KeywordMatcher({"pl": ["pozew"], "he": ["חרם"]})
    score_text("masakra", "pl"), score_text("גרוע", "he"), matcher.matches("pozwem בחרם", None)  # loaded
    caches = (stemming._stem, stemming._polish_keyword_forms, stemming._hebrew_forms)
    before = [cache.cache_info().currsize for cache in caches]
    assert score_text(f"{polish_token} {'!' * 50_000}", "pl").polarity == 0.0
    assert score_text(hebrew_token, "he").polarity == 0.0
    assert matcher.matches(f"{polish_token} {hebrew_token}", None) == ()
    assert [cache.cache_info().currsize for cache in caches] == before
    assert polish_token not in polish.language().seen and hebrew_token not in hebrew.language().seen
    assert "!" * 50_000 not in polish.language().seen


def test_warm_builds_the_scorers_of_the_languages_named_and_the_language_model():
    polish._language.cache_clear()
    hebrew._language.cache_clear()
    warm(["pl-PL", "en"])
    assert (polish._language.cache_info().currsize, hebrew._language.cache_info().currsize) == (1, 0)
    assert detect._identifier.cache_info().currsize == 1


def config(keywords: dict, topics: bool = True, template_language: str = "en") -> Config:
    topic = {"acme": Topic("acme", keywords=("Acme",))} if topics else {}
    return Config(signals=SignalSettings(topics=topic, crisis_keywords=keywords),
                  templates=TemplateSettings(default_language=template_language))


def test_the_scorers_are_warmed_only_for_a_config_that_watches_polish_or_hebrew():
    assert languages(config({"en": ("scam",), "pl": ("pozew",), "he": ("חרם",)})) == ["he", "pl"]
    assert languages(config({"en": ("scam",)}, template_language="pl")) == ["pl"]
    assert languages(config({"pl": ("pozew",)}, topics=False)) == []
    assert languages(config({"en": ("scam",), "*": ("Acme",)})) == []
    assert warm_in_background(config({"en": ("scam",)})) is None
