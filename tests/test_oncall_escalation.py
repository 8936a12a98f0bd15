"""Escalation levels that page whoever is on call: weekends, public holidays, empty levels, overrides."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.config.loader import load_config_text
from tests.support.crisis import mention, page, timeline_texts
from tests.support.expect import seen
from tests.support.oncall_config import ONCALL_CONFIG


@pytest.fixture
def config():
    return load_config_text(ONCALL_CONFIG, source="oncall-test-config")


def channel_of(slack) -> str:
    return "#" + next(c.name for c in slack.workspace.channels.values() if (c.name or "").startswith("crisis-"))


def open_incident_at(bot, slack, clock, when: str, title: str) -> str:
    clock.move_to(datetime.fromisoformat(when))
    assert bot.post_alert(title, dedup_key=title).status == 202
    bot.run_worker()
    return channel_of(slack)


def test_saturday_night_alert_pages_the_weekend_person(bot, slack, clock, engine):
    channel = open_incident_at(bot, slack, clock, "2026-11-28 03:00:00+01:00", "Boycott trending")
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title="Boycott trending", severity=3)),
                           ("post", channel, "Incident #1 · SEV3 · Boycott trending"
                                             + "\n" + mention(["U0MAREK"], 1))]
    assert ("page", "Paged level 1: Marek Wojcik") in timeline_texts(engine)


def test_public_holiday_alert_pages_the_holiday_person(bot, slack, clock, engine):
    # Thursday 24 December 2026: Christmas Eve, a public holiday in Poland since 2025; not a weekend.
    channel = open_incident_at(bot, slack, clock, "2026-12-24 10:00:00+01:00", "Angry thread")
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title="Angry thread", severity=3)),
                           ("post", channel, "Incident #1 · SEV3 · Angry thread"
                                             + "\n" + mention(["U0MAREK"], 1))]


def test_weekday_office_hours_page_the_base_rotation(bot, slack, clock):
    channel = open_incident_at(bot, slack, clock, "2026-11-24 10:00:00+01:00", "Complaint wave")
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, title="Complaint wave", severity=3)),
                           ("post", channel, "Incident #1 · SEV3 · Complaint wave"
                                             + "\n" + mention(["U0ANNA"], 1))]


def test_a_level_with_nobody_on_call_is_skipped_at_once(bot, slack, clock, engine):
    # Tuesday 20:00: after office hours, before the weekend: the schedule has a gap.
    channel = open_incident_at(bot, slack, clock, "2026-11-24 20:00:00+01:00", "Night spike")
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2, title="Night spike", severity=3)),
                           ("post", channel, "Incident #1 · SEV3 · Night spike"
                                             + "\n" + mention(["U0PIOTR"], 2))]
    events = timeline_texts(engine)
    assert ("skip", "Level 1 skipped: nobody is on call for social-oncall") in events
    assert events.index(("skip", "Level 1 skipped: nobody is on call for social-oncall")) < \
        events.index(("page", "Paged level 2: Piotr Zielinski"))


def test_an_override_from_slack_is_paged_instead(bot, slack, clock, engine):
    clock.move_to(datetime.fromisoformat("2026-11-26 12:00:00+01:00"))
    elsewhere = slack.add_channel("social-media", ["U0MAREK"])
    answer = bot.slash("override social-oncall <@U0EWA|ewa> saturday 00:00 to sunday 12:00", user="U0MAREK",
                       channel=elsewhere)
    assert answer.status == 200
    bot.run_worker()
    assert seen(slack) == [
        ("response", "#social-media>U0MAREK",
         "Override added: Ewa Lis covers social-oncall from saturday 00:00 to sunday 12:00."),
        ("post", "dm:U0EWA", ":calendar: You cover *social-oncall* from Sat 28 Nov 00:00 to Sun 29 Nov 12:00 "
                             "(Europe/Warsaw); override added by <@U0MAREK>.")]
    channel = open_incident_at(bot, slack, clock, "2026-11-28 03:00:00+01:00", "Boycott trending")
    assert seen(slack) == [("post", "dm:U0EWA", page(1, title="Boycott trending", severity=3)),
                           ("post", channel, "Incident #1 · SEV3 · Boycott trending"
                                             + "\n" + mention(["U0EWA"], 1))]


def test_only_schedule_managers_may_add_overrides(bot, slack, clock, engine):
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    bot.slash("override <@U0ANNA> saturday 00:00 to sunday 12:00", user="U0ANNA", channel=elsewhere)
    bot.run_worker()
    assert seen(slack) == [("response", "#social-media>U0ANNA",
                            "Only the managers of social-oncall can add overrides (Marek Wojcik).")]


@pytest.mark.parametrize("text, answer", [
    ("override <@U0EWA> saturday", "Say from when to when, with `to` between. Write `/crisis override [schedule] "
     "@person <from> to <to>`, e.g. `/crisis override social-oncall @anna saturday 09:00 to sunday 21:00`."),
    ("override ewa saturday to sunday", "Mention who covers. Write `/crisis override [schedule] @person <from> to "
     "<to>`, e.g. `/crisis override social-oncall @anna saturday 09:00 to sunday 21:00`."),
    ("override <@U0EWA> sunday 12:00 to saturday 00:00",
     "The override must end after it starts (sunday 12:00 → saturday 00:00)."),
])
def test_a_badly_written_override_says_how_to_write_it(bot, slack, text, answer):
    elsewhere = slack.add_channel("social-media", ["U0MAREK"])
    bot.slash(text, user="U0MAREK", channel=elsewhere)
    assert seen(slack) == [("response", "#social-media>U0MAREK", answer)]


def test_weekend_shift_notice_goes_out_once_before_the_shift(bot, slack, clock):
    # Ewa's weekend shift starts Friday 4 December 17:00; the notice is due two hours before.
    clock.move_to(datetime.fromisoformat("2026-12-04 14:59:00+01:00"))
    bot.run_worker()
    assert seen(slack) == []
    clock.tick(timedelta(minutes=1))
    bot.run_worker()
    bot.run_worker()
    clock.tick(timedelta(minutes=30))
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0EWA",
                            ":calendar: Heads-up: your weekend shift on *social-oncall* starts Fri 04 Dec 17:00 and "
                            "ends Mon 07 Dec 09:00 (Europe/Warsaw). You will be paged by: social (level 1).")]
