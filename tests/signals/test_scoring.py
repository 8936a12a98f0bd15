"""Sentiment of a mention: the source's own wins, TextBlob reads English, the lexicon scorers Polish and Hebrew,
other languages stay unscored."""
from __future__ import annotations

import pytest

from escalation.signals.scoring import Score, score


@pytest.mark.parametrize("text, label", [
    ("This is a scam, terrible service, I hate it", "negative"),
    ("Worst airline ever, never again", "negative"),
    ("Not good at all", "negative"),
    ("I love this product, great support", "positive"),
    ("Excellent quality, really happy with it", "positive"),
    ("The package arrived on Tuesday.", "neutral"),
])
def test_english_text_is_scored_by_textblob(text, label):
    result = score(text, "en", None)
    assert (result.label, result.by) == (label, "textblob")
    sign = {"negative": -1, "neutral": 0, "positive": 1}[label]
    assert (result.polarity > 0.1) - (result.polarity < -0.1) == sign


def test_polarity_is_textblobs_number():
    assert score("I hate this scam", "en", None) == Score("negative", -0.8, "textblob")


@pytest.mark.parametrize("language", ["en", "EN", "en-US", "en_GB", "eng"])
def test_every_spelling_of_english_is_scored(language):
    assert score("Terrible, awful service", language, None).by == "textblob"


@pytest.mark.parametrize("language, reason", [("de", "no scorer for de"), ("fr-FR", "no scorer for fr")])
def test_languages_without_a_scorer_stay_unscored_and_say_why(language, reason):
    # "Terrible" would read as negative to TextBlob: a German or French post must not be read as English.
    result = score("Das ist Betrug, terrible", language, None)
    assert (result, result.reason) == (Score("unscored", None, "none"), reason)


@pytest.mark.parametrize("language", [None, ""])
def test_without_a_language_a_text_too_mixed_to_recognise_stays_unscored(language):
    result = score("To oszustwo, terrible", language, None)
    assert (result, result.reason) == (Score("unscored", None, "none"), "language not given and not recognised")


@pytest.mark.parametrize("language", ["pl", "pl-PL", "PL", "pol"])
def test_a_polish_complaint_is_scored_negative_by_the_polish_scorer(language):
    result = score("Fatalna obsługa, nigdy więcej nie kupię w tym sklepie", language, None)
    assert (result.label, result.by) == ("negative", "polish")
    assert -1 <= result.polarity < -0.1


@pytest.mark.parametrize("text, by, label", [
    ("Acme znowu nie dowiozło paczki, masakra", "polish", "negative"),
    ("השירות של אקמה גרוע, מחכה שעה על הקו", "hebrew", "negative"),
    ("Worst airline ever, never again", "textblob", "negative"),
    ("Je ne recommande pas ce magasin", "none", "unscored"),
])
def test_without_a_language_it_is_detected_offline(text, by, label):
    result = score(text, None, None)
    assert (result.by, result.label) == (by, label)


@pytest.mark.parametrize("sentiment, label", [
    ("negative", "negative"), ("NEG", "negative"), ("Very Negative", "negative"),
    ("neutral", "neutral"), ("mixed", "neutral"), ("positive", "positive"), ("pos", "positive"),
])
def test_source_label_wins_over_textblob(sentiment, label):
    # The English text reads as glowing; the tool's own judgement (sarcasm, context) is what counts.
    assert score("I love it, great job", "en", sentiment) == Score(label, None, "source")


def test_source_label_scores_polish_text():
    assert score("Fatalna obsługa", "pl", "negative") == Score("negative", None, "source")


@pytest.mark.parametrize("value, label", [(-0.6, "negative"), (-0.1, "neutral"), (0, "neutral"),
                                          (0.5, "positive"), (1, "positive"), ("-0.35", "negative")])
def test_source_score_wins_and_is_labelled_with_the_thresholds(value, label):
    result = score("I love it", "en", value)
    assert result == Score(label, float(value), "source")


def test_thresholds_move_the_labels():
    assert score("x", "en", -0.2, negative_below=-0.3).label == "neutral"
    assert score("x", "en", 0.2, positive_above=0.3).label == "neutral"
    assert score("x", "en", -0.2, negative_below=-0.1).label == "negative"


@pytest.mark.parametrize("value", ["unknown", "none", "", "N/A"])
def test_a_source_that_says_it_did_not_score_counts_as_no_sentiment(value):
    assert score("Terrible service", "en", value).by == "textblob"
    assert score("Fatalna obsługa", "pl", value).by == "polish"


@pytest.mark.parametrize("value, message", [
    ("angry", "sentiment 'angry' is not a label (negative, neutral, positive) nor a number from -1 to 1"),
    (1.5, "sentiment score must be a number from -1 to 1, got 1.5"),
    (-3, "sentiment score must be a number from -1 to 1, got -3"),
    ("75", "sentiment score must be a number from -1 to 1, got 75.0"),
    (True, "sentiment must be a label (negative, neutral, positive) or a number from -1 to 1, got True"),
    (float("nan"), "sentiment score must be a number from -1 to 1, got nan"),
])
def test_a_bad_source_sentiment_is_refused_with_a_message(value, message):
    with pytest.raises(ValueError) as error:
        score("text", "en", value)
    assert str(error.value) == message


@pytest.mark.parametrize("text", [
    "I hate this scam", "Loving the new Acme phone, the camera is superb", "not bad at all", "I don't hate it",
    "Acme delivery was late but the courier was nice!!!", "", "Very very good :)",
])
def test_english_polarity_is_what_textblobs_analyzer_gives(text):
    # The scorer calls TextBlob's pattern lexicon directly (the analyzer's wrapper builds a class per call).
    from textblob.en.sentiments import PatternAnalyzer
    assert score(text, "en", None).polarity == max(-1.0, min(1.0, PatternAnalyzer().analyze(text).polarity))
