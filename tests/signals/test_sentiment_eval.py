"""The Polish and Hebrew scorers against labelled posts (tests/signals/data): accuracy may not fall below what was
measured (docs/signals.md, "How well the scorers read"). The held-out halves were written by someone who had not
seen the lexicons and are never tuned on: scored once when written, once more after the lexicons were broadened
with general vocabulary, their posts never read."""
from __future__ import annotations

from pathlib import Path

import pytest

from escalation.signals.sentiment import score_text

DATA = Path(__file__).parent / "data"
# (language, half) -> (negative-vs-not accuracy, accuracy over the three labels), in whole percent, rounded down
FLOORS = {
    ("pl", "tuning"): (99, 99), ("pl", "heldout"): (79, 69),
    ("he", "tuning"): (99, 99), ("he", "heldout"): (80, 76),
}
SIZES = {"pl": 200, "he": 100}  # at least this many posts per language, both halves together


def posts(language: str, half: str) -> list[tuple[str, str]]:
    lines = (DATA / f"eval_{language}_{half}.tsv").read_text("utf-8").splitlines()
    rows = [tuple(line.split("\t", 1)) for line in lines if line.strip() and not line.startswith("#")]
    assert all(label in ("negative", "neutral", "positive") and text.strip() for label, text in rows)
    return rows  # type: ignore[return-value]


@pytest.mark.parametrize("language, half", list(FLOORS))
def test_accuracy_does_not_fall_below_the_measured_figure(language, half):
    rows = posts(language, half)
    labels = [(expected, score_text(text, language).label) for expected, text in rows]
    negative = sum((expected == "negative") == (got == "negative") for expected, got in labels) / len(rows)
    exact = sum(expected == got for expected, got in labels) / len(rows)
    assert negative * 100 >= FLOORS[language, half][0] and exact * 100 >= FLOORS[language, half][1]


@pytest.mark.parametrize("language", SIZES)
def test_the_set_is_big_enough_and_the_halves_do_not_overlap(language):
    tuning, heldout = posts(language, "tuning"), posts(language, "heldout")
    assert len(tuning) + len(heldout) >= SIZES[language]
    assert len(heldout) * 3 >= SIZES[language] * 0.9  # a third or more is held out
    assert not {text for _, text in tuning} & {text for _, text in heldout}
    assert {label for label, _ in heldout} == {"negative", "neutral", "positive"}
