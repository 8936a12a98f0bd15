"""Overrides from Slack can be listed and taken back by a schedule manager; a period in the past is refused."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.config.loader import load_config_text
from tests.support.expect import seen
from tests.support.oncall_config import ONCALL_CONFIG

THURSDAY_NOON = datetime.fromisoformat("2026-11-26 12:00:00+01:00")
COVERS = "Ewa Lis from Sat 28 Nov 00:00 to Sun 29 Nov 12:00 (Europe/Warsaw)"


@pytest.fixture
def config():
    return load_config_text(ONCALL_CONFIG, source="oncall-test-config")


@pytest.fixture
def elsewhere(slack, clock):
    clock.move_to(THURSDAY_NOON)
    return slack.add_channel("social-media", ["U0MAREK", "U0ANNA"])


def typed(bot, slack, text: str, user: str, channel: str) -> list:
    assert bot.slash(text, user=user, channel=channel).status == 200
    bot.run_worker()
    return seen(slack)


def test_a_manager_lists_and_removes_an_override_and_the_person_hears_of_it(bot, slack, elsewhere, engine):
    typed(bot, slack, "override social-oncall <@U0EWA|ewa> saturday 00:00 to sunday 12:00", "U0MAREK", elsewhere)

    listed = typed(bot, slack, "override list", "U0ANNA", elsewhere)  # anyone may look
    assert listed == [("response", "#social-media>U0ANNA",
                       f"• `#1` *social-oncall*: {COVERS}, added by <@U0MAREK>\n"
                       "Remove one with `/crisis override remove <number>` (schedule managers).")]
    assert typed(bot, slack, "override list social-oncall", "U0ANNA", elsewhere)[0][2] == listed[0][2]

    assert typed(bot, slack, "override remove 1", "U0ANNA", elsewhere) == [
        ("response", "#social-media>U0ANNA",
         "Only the managers of social-oncall can remove its overrides (Marek Wojcik).")]
    assert typed(bot, slack, "override remove #1", "U0MAREK", elsewhere) == [
        ("response", "#social-media>U0MAREK", "Override #1 removed: Ewa Lis no longer covers social-oncall then."),
        ("post", "dm:U0EWA", ":calendar: You no longer cover *social-oncall* from Sat 28 Nov 00:00 to Sun 29 Nov "
                             "12:00 (Europe/Warsaw); override removed by <@U0MAREK>.")]
    assert typed(bot, slack, "override list", "U0ANNA", elsewhere) == [
        ("response", "#social-media>U0ANNA", "No overrides ahead for any schedule.")]
    assert typed(bot, slack, "override remove 1", "U0MAREK", elsewhere) == [
        ("response", "#social-media>U0MAREK",
         "There is no current override #1. See them with `/crisis override list`.")]
    # the rotation answers again: Saturday 03:00 is Marek's weekend shift
    said = typed(bot, slack, "oncall social-oncall at saturday 03:00", "U0ANNA", elsewhere)
    assert "*Marek Wojcik* (weekend)" in said[0][2]


def test_an_override_for_a_period_in_the_past_is_refused_and_nobody_is_told(bot, slack, elsewhere):
    assert typed(bot, slack, "override social-oncall <@U0EWA|ewa> 2026-11-20 09:00 to 2026-11-21 09:00", "U0MAREK",
                 elsewhere) == [
        ("response", "#social-media>U0MAREK",
         "That period is over (2026-11-20 09:00 → 2026-11-21 09:00): an override covers time from now on. Example: "
         "`/crisis override social-oncall @anna saturday 09:00 to sunday 21:00`.")]
    assert typed(bot, slack, "override list", "U0MAREK", elsewhere) == [
        ("response", "#social-media>U0MAREK", "No overrides ahead for any schedule.")]


def test_an_override_that_started_already_but_is_not_over_is_taken(bot, slack, elsewhere):
    assert typed(bot, slack, "override <@U0EWA|ewa> today 09:00 to today 18:00", "U0MAREK", elsewhere)[0] == (
        "response", "#social-media>U0MAREK",
        "Override added: Ewa Lis covers social-oncall from today 09:00 to today 18:00.")
    seen(slack)
