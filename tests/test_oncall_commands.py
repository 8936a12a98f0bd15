"""`/crisis oncall` answers and the weekly gap report to the admin channel."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.config.loader import load_config_text
from tests.support.expect import seen
from tests.support.oncall_config import ONCALL_CONFIG


@pytest.fixture
def config(slack):
    admins = slack.add_channel("crisis-admins", ["U0MAREK"])
    return load_config_text(ONCALL_CONFIG.replace("C0ADMINS", admins), source="oncall-test-config")


@pytest.fixture
def elsewhere(slack):
    return slack.add_channel("social-media", ["U0ANNA"])


@pytest.mark.parametrize("text, answer", [
    ("oncall", "*social-oncall* (Europe/Warsaw): now *Anna Nowak* (office) until Tue 24 Nov 17:00; then *nobody*."),
    ("oncall social-oncall at saturday 03:00",
     "*social-oncall* (Europe/Warsaw): at Sat 28 Nov 03:00 *Marek Wojcik* (weekend) until Mon 30 Nov 09:00; "
     "then *Anna Nowak* (office)."),
    ("oncall at 2026-12-24 14:00",
     # Christmas Eve, Christmas, the second day of Christmas and that weekend are all Marek's.
     "*social-oncall* (Europe/Warsaw): at Thu 24 Dec 14:00 *Marek Wojcik* (holiday) · holiday: Christmas Eve "
     "until Mon 28 Dec 09:00; then *Anna Nowak* (office)."),
])
def test_oncall_says_who_now_who_next_and_when(bot, slack, elsewhere, text, answer):
    bot.slash(text, user="U0ANNA", channel=elsewhere)
    assert seen(slack) == [("response", "#social-media>U0ANNA", answer)]


@pytest.mark.parametrize("text, answer", [
    ("oncall weekend-team", "There is no schedule `weekend-team`. Schedules: social-oncall.\nWrite `/crisis oncall`, "
     "`/crisis oncall social-oncall` or `/crisis oncall social-oncall at saturday 03:00`."),
    ("oncall social-oncall on saturday", "I can't read `social-oncall on saturday`. Write `/crisis oncall`, "
     "`/crisis oncall social-oncall` or `/crisis oncall social-oncall at saturday 03:00`."),
])
def test_a_badly_written_oncall_says_how_to_write_it(bot, slack, elsewhere, text, answer):
    bot.slash(text, user="U0ANNA", channel=elsewhere)
    assert seen(slack) == [("response", "#social-media>U0ANNA", answer)]


def test_an_unreadable_time_says_how_to_write_one(bot, slack, elsewhere):
    bot.slash("oncall at someday", user="U0ANNA", channel=elsewhere)
    [(kind, where, text)] = seen(slack)
    assert (kind, where) == ("response", "#social-media>U0ANNA")
    assert text.startswith("can't read 'someday' as a time")
    assert text.endswith("Example: `/crisis oncall social-oncall at saturday 03:00`.")


def test_weekly_gap_report_is_posted_once_on_its_day(bot, slack, clock, config):
    admins = config.oncall.admin_channel
    clock.move_to(datetime.fromisoformat("2026-11-30 08:59:00+01:00"))  # Monday, a minute early
    bot.run_worker()
    assert seen(slack) == []
    clock.tick(timedelta(minutes=1))
    bot.run_worker()
    clock.tick(timedelta(hours=3))
    bot.run_worker()
    [(kind, where, text)] = seen(slack)
    assert (kind, where) == ("post", "#crisis-admins")
    # The bot was never invited to the admin channel: it joined it rather than miss the report, once.
    assert [call.args.get("channel") for call in slack.calls("conversations.join")] == [admins]
    # Office hours and the weekend are covered; the four weekday evenings are not.
    assert text.splitlines() == [":mag: Weekly on-call check: the next 7 days.",
                                 "• *social-oncall*: 4 gap(s) with nobody on call:",
                                 "    – Mon 30 Nov 17:00 → Tue 01 Dec 09:00",
                                 "    – Tue 01 Dec 17:00 → Wed 02 Dec 09:00",
                                 "    – Wed 02 Dec 17:00 → Thu 03 Dec 09:00",
                                 "    – Thu 03 Dec 17:00 → Fri 04 Dec 09:00"]
