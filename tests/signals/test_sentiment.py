"""The Polish and Hebrew lexicon-and-rules scorers: each rule moves the polarity the way a reader would."""
from __future__ import annotations

import pytest

from escalation.signals.sentiment import score_text


def polarity(text: str, language: str) -> float:
    result = score_text(text, language)
    assert result.polarity is not None
    return result.polarity


@pytest.mark.parametrize("text, label", [
    ("Masakra", "negative"), ("Totalna porażka", "negative"), ("Dramat z tą dostawą", "negative"),
    ("Oszuści!", "negative"), ("Polecam", "positive"), ("Paczka dotarła", "neutral"),
    ("Nie polecam", "negative"), ("Nie jest źle", "positive"), ("Bez problemu", "positive"),
    ("Ani przeprosin, ani rekompensaty", "negative"), ("Super obsługa 🙄", "negative"),
    ("Dzięki za nic", "negative"), ("Nie dostałem paczki", "negative"), ("Dostałem paczkę", "neutral"),
])
def test_polish_slang_negation_and_sarcasm(text, label):
    assert score_text(text, "pl").label == label


def test_polish_words_are_found_in_their_inflected_forms():
    assert polarity("oszustwo", "pl") == polarity("oszustwa", "pl") == polarity("oszustwem", "pl") < -0.1
    assert polarity("fatalna", "pl") == polarity("fatalnego", "pl") == polarity("fatalny", "pl") < -0.1


def test_polish_intensifiers_diminishers_exclamation_capitals_and_emoji_move_the_score():
    plain = polarity("dobra obsługa", "pl")
    assert polarity("bardzo dobra obsługa", "pl") > plain > polarity("trochę dobra obsługa", "pl") > 0.1
    assert polarity("totalnie beznadziejna", "pl") < polarity("beznadziejna", "pl") < -0.1
    assert polarity("dobra obsługa!!", "pl") > plain
    assert polarity("obsługa była DOBRA", "pl") > polarity("obsługa była dobra", "pl")
    assert polarity("obsługa 😡", "pl") < -0.1 < 0.1 < polarity("obsługa 👍", "pl")


def test_polish_but_weighs_what_follows_and_negation_stops_at_the_clause():
    assert polarity("dobra cena, ale fatalna obsługa", "pl") < -0.1
    assert polarity("fatalna pogoda, ale świetna obsługa", "pl") > 0.1
    assert polarity("nie dowieźli, masakra", "pl") < -0.1  # "nie" does not reach across the comma


@pytest.mark.parametrize("text, label", [
    ("גרוע", "negative"), ("השירות גרוע", "negative"), ("ושהשירות היה גרוע", "negative"),
    ("לא טוב", "negative"), ("אין בעיה", "positive"), ("מעולה", "positive"), ("והמעולה", "positive"),
    ("טוב מאוד", "positive"), ("אקמה פותחת סניף", "neutral"), ("תודה על כלום", "negative"),
    ("כל הכבוד אקמה 🙄", "negative"), ("רמאים", "negative"), ("גרועות", "negative"),
])
def test_hebrew_prefixes_negation_and_endings(text, label):
    assert score_text(text, "he").label == label


def test_hebrew_very_after_the_word_intensifies():
    assert polarity("טוב מאוד", "he") > polarity("טוב", "he") > polarity("קצת טוב", "he") > 0.1


def test_polarity_stays_within_minus_one_and_one():
    assert -1 <= polarity("masakra! dramat! porażka! oszuści! skandal! 🤬🤬🤬!!!!!!", "pl") < -0.9
    assert 0.9 < polarity("świetnie! super! rewelacja! polecam! 😍😍😍!!!!", "pl") <= 1


@pytest.mark.parametrize("text, label", [
    ("ok", "positive"), ("oko", "neutral"), ("Coś mi wpadło do oka", "neutral"), ("oczy", "neutral"),
    ("okiem", "neutral"),                      # `ok` stems to `oko` (an eye): a short word is found as written
    ("Droga do sklepu zamknięta", "neutral"), ("Jechałem tą drogą", "neutral"),
    ("Drogi Kliencie, paczka nadana", "neutral"), ("Za drogo", "negative"), ("drogo", "negative"),
    ("Dobrze zapakowane", "positive"),         # `dobrze` stems to `doc`
    ("Mogło być lepiej", "negative"), ("Dobry wieczór", "neutral"), ("Dzień dobry, mam pytanie", "neutral"),
    ("Test DNA", "neutral"),                   # `dna` stems to `dno` (rock bottom)
    ("Najgorsza obsługa", "negative"), ("zła obsługa", "negative"),  # their stem is `zły`: listed as written
])
def test_polish_short_words_and_stems_of_other_words_match_only_as_written(text, label):
    assert score_text(text, "pl").label == label


@pytest.mark.parametrize("text, label", [
    ("הוא זרק את הכדור", "neutral"), ("קניתי כיפה חדשה", "neutral"),  # not `יפה` (pretty) behind a prefix
    ("לקוח יקר, ההזמנה נשלחה", "neutral"), ("בזמן האחרון אני קונה באקמה", "neutral"),
    ("טוב", "positive"), ("וטוב", "positive"), ("ההזמנה הגיעה בזמן", "positive"),
])
def test_hebrew_short_words_match_only_as_written_and_general_words_carry_nothing(text, label):
    assert score_text(text, "he").label == label


@pytest.mark.parametrize("language, text, label", [
    ("pl", "Jak złożyć reklamację?", "neutral"), ("pl", "Czekam na kuriera", "neutral"),  # one weak cue: neutral
    ("pl", "Znowu czekam na kuriera", "negative"), ("pl", "Od tygodnia nie mogę się zalogować", "negative"),
    ("pl", "Nie mogę się doczekać nowej kolekcji", "positive"),  # the whole phrase, not its "nie mogę"
    ("he", "איך מגישים תלונה?", "neutral"), ("he", "שוב מחכה לשליח", "negative"),
])
def test_weak_cues_count_only_together(language, text, label):
    assert score_text(text, language).label == label


def test_hebrew_final_letters_after_an_ending_and_a_leading_and_before_a_phrase():
    assert score_text("מתעלמים ממני", "he").label == "negative"  # מתעלמ -> the entry מתעלם
    assert polarity("ואין עם מי לדבר", "he") == polarity("אין עם מי לדבר", "he") < -0.1
