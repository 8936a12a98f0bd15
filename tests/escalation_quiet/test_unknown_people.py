"""A level whose only person Slack does not know is skipped at once, the timeline says who and why, and the
failed lookup is remembered for a day instead of asked again on every page."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config.loader import load_config_text
from tests.support.config import CONFIG
from tests.support.crisis import CHANNEL, SUMMARY, T0, mention, open_incident, opening, page, timeline_texts
from tests.support.expect import seen

GHOST = "Gosia Duch"
WHY = "no Slack user has the email ghost@brand.test"
SKIPPED = f"Level 1 skipped: could not reach {GHOST}: {WHY}"


@pytest.fixture
def config():
    return load_config_text(CONFIG.replace(
        "  marek: {slack_id: U0MAREK, name: Marek Wojcik}",
        f"  marek: {{slack_id: U0MAREK, name: Marek Wojcik}}\n  ghost: {{email: ghost@brand.test, name: {GHOST}}}",
    ).replace("      - targets: {users: [anna]}", "      - targets: {users: [ghost]}"))


def lookups(slack) -> list[str]:
    return [c.args["email"] for c in slack.calls("users.lookupByEmail")]


def test_a_level_of_only_an_unknown_person_is_skipped_at_once_and_the_lookup_is_kept_a_day(bot, slack, clock,
                                                                                          engine):
    open_incident(bot)
    bot.run_worker()  # Slack does not know her: the level is given up as soon as her page DM fails
    assert seen(slack) == opening(CHANNEL, SUMMARY, "Nobody at level 1 could be paged. Not "
                                                          f"found in Slack, so not paged: {GHOST}.")
    bot.run_worker()  # the same instant: level 2, not 15 minutes later
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2)), ("post", CHANNEL, mention(["U0PIOTR"], 2))]
    events = timeline_texts(engine)
    assert ("skip", SKIPPED) in events
    assert events.index(("skip", SKIPPED)) < events.index(("page", "Paged level 2: Piotr Zielinski"))
    assert lookups(slack) == ["ghost@brand.test", "piotr@brand.test"]
    bot.slash("resolve", user="U0PIOTR", channel=slack.channel_named(CHANNEL[1:])["id"])
    bot.run_worker()
    seen(slack)

    clock.move_to(T0 + timedelta(hours=23, minutes=59))  # within a day, nobody asks Slack about her again
    open_incident(bot, "Boycott hashtag trending", dedup_key="boycott")
    bot.run_worker()
    boycott = "#crisis-20261125-boycott-hashtag-trending"
    # her level is skipped in the tick that opens the incident: no DM to her is even tried
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2, number=2, title="Boycott hashtag trending")),
                           *opening(boycott, "Incident #2 · SEV2 · Boycott hashtag trending",
                                    mention(["U0PIOTR"], 2))]
    assert timeline_texts(engine, 2)[1:3] == [("skip", SKIPPED), ("page", "Paged level 2: Piotr Zielinski")]
    assert lookups(slack) == ["ghost@brand.test", "piotr@brand.test"]

    clock.move_to(T0 + timedelta(days=1))  # a day on, she may have joined: Slack is asked again
    open_incident(bot, "Angry thread", dedup_key="angry")
    bot.run_worker()
    seen(slack)
    assert lookups(slack) == ["ghost@brand.test", "piotr@brand.test", "ghost@brand.test"]
