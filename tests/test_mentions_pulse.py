"""`/crisis pulse [topic] [chart]`: the numbers now against the baseline, the chart on demand, and bad input."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.signals.commands import NO_TOPICS
from slackstandin.workspace import BOT_USER_ID
from tests.support.config import CONFIG, load_test_config
from tests.support.expect import seen
from tests.support.signals import SIGNALS, listenly, ours, quiet_hour

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant
NOW = START + timedelta(hours=3)  # 13:00 in Warsaw
TWO_TOPICS = SIGNALS + """
    widget:
      tags: [widget]
"""
NUMBERS = "\n".join([
    "*Pulse of acme*, last 1 h",
    "• Volume: 13 mentions (usually 0 in 1 h)",
    "• Negative share: 25% (usually 25%, band 15%–35%)",
    "• Mean sentiment: -0.19 (-1 to +1)",
    "• Scored by: the source's own 9, Polish lexicon 2, TextBlob (English) 1",
    "• Unscored: 1 (no sentiment from the source, and their language has no scorer or was not recognised)",
])


@pytest.fixture
def config(request):
    return load_test_config(CONFIG + getattr(request, "param", SIGNALS))


@pytest.fixture
def social(slack) -> str:
    """A public channel the bot is not in."""
    return slack.add_channel("social-media", ["U0ANNA", "U0EWA"])


@pytest.fixture
def three_hours(bot, clock):
    """Three ordinary hours of acme mentions; the last one has two Polish posts, a German one and two English ones
    besides."""
    for hour in (1, 2, 3):
        clock.move_to(START + timedelta(hours=hour))
        bot.post_hook("mentions/listenly", quiet_hour(START + timedelta(hours=hour), hour))
    earlier = NOW - timedelta(minutes=10)
    bot.post_hook("mentions/listenly", [
        listenly("pl-1", "Acme znowu nie dowiozło paczki", earlier, lang="pl"),
        listenly("pl-2", "Acme: paczka dotarła", earlier, lang="pl"),
        listenly("de-1", "Acme hat mein Paket wieder nicht geliefert", earlier, lang="de"),  # no scorer for German
        listenly("en-1", "Acme support is terrible", earlier),      # TextBlob: -1.0
        listenly("en-2", "Acme shipped it today", earlier, sentiment=0.35)])  # the source's own score
    bot.run_worker()


def test_pulse_shows_the_numbers_of_the_only_topic_ephemerally(bot, slack, social, three_hours):
    bot.slash("pulse", user="U0ANNA", channel=social)
    assert seen(slack) == [("response", "#social-media>U0ANNA",
                            NUMBERS + "\nThe chart of the last hours: `/crisis pulse acme chart`.")]
    bot.slash("pulse ACME", user="U0ANNA", channel=social)
    assert seen(slack)[0][2].startswith("*Pulse of acme*")
    bot.run_worker()
    assert slack.files() == []


def test_pulse_chart_is_uploaded_where_it_was_asked_for(bot, slack, social, three_hours):
    bot.slash("pulse acme chart", user="U0EWA", channel=social)
    assert seen(slack) == [("response", "#social-media>U0EWA",
                            NUMBERS + f"\nPosting the chart of acme in <#{social}>.")]
    assert slack.files() == []  # queued, not sent from the request
    bot.run_worker()
    assert BOT_USER_ID in slack.members(social)  # it joined the public channel to share the file
    [chart] = slack.files(social)
    assert chart["content"][:8] == b"\x89PNG\r\n\x1a\n"
    assert (chart["name"], chart["title"], chart["initial_comment"]) == (
        "acme-20261124-1300.png", "acme: mentions and negative share, last 24 h",
        "Pulse of acme at 13:00 (Europe/Warsaw).")
    assert seen(slack) == []


@pytest.mark.parametrize("text, answer", [
    ("pulse nope", "No topic `nope`. Topics: `acme`. Write `/crisis pulse [topic] [chart]`, e.g. "
                   "`/crisis pulse acme` or `/crisis pulse acme chart`."),
    ("pulse acme now please", "Write `/crisis pulse [topic] [chart]`, e.g. `/crisis pulse acme` or "
                              "`/crisis pulse acme chart`."),
])
def test_a_wrong_topic_or_extra_words_are_told_how_to_write_it(bot, slack, social, text, answer):
    bot.slash(text, user="U0ANNA", channel=social)
    assert seen(slack) == [("response", "#social-media>U0ANNA", answer)]
    bot.run_worker()
    assert slack.files() == []


@pytest.mark.parametrize("config", [""], indirect=True)
def test_without_topics_pulse_says_how_to_configure_them(bot, slack, social):
    bot.slash("pulse", user="U0ANNA", channel=social)
    assert seen(slack) == [("response", "#social-media>U0ANNA", NO_TOPICS)]
    assert NO_TOPICS.startswith("No topics are watched yet. Add them under `signals.topics` in the config")


@pytest.mark.parametrize("config", [TWO_TOPICS], indirect=True)
def test_with_several_topics_and_none_named_pulse_shows_each(bot, slack, clock, social):
    bot.post_hook("mentions/brandwatch", [ours("w1", "New widget!", START - timedelta(minutes=5), tags=["widget"],
                                               sentiment="positive")])
    bot.slash("pulse", user="U0ANNA", channel=social)
    widget = "\n".join([
        "*Pulse of widget*, last 1 h",
        "• Volume: 1 mention (usually 0 in 1 h)",
        "• Negative share: not enough scored mentions to say (no baseline yet)",
        "• Mean sentiment: — (-1 to +1)",
        "• Scored by: the source's own 1",
        "• Unscored: 0 (no sentiment from the source, and their language has no scorer or was not recognised)",
    ])
    acme = (widget.replace("widget", "acme").replace("1 mention ", "0 mentions ")
            .replace("the source's own 1", "none"))
    assert seen(slack) == [("response", "#social-media>U0ANNA", "\n\n".join([
        acme, widget, "Name a topic to see its chart. Write `/crisis pulse [topic] [chart]`, e.g. "
                      "`/crisis pulse acme` or `/crisis pulse acme chart`."]))]
