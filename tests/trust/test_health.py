"""Honest health: auth.test at start; a refused bot or Socket Mode token is one log line (no traceback) and a 503
on /healthz with the reason; the example's placeholder calendar token never serves the feed."""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import replace

import pytest

from bot.cli import connect_socket_mode
from bot.config.loader import load_config_text
from tests.support.bot import start_bot
from tests.support.config import CONFIG
from tests.support.crisis import open_incident
from tests.support.expect import seen

PLACEHOLDER = "replace-me-with-a-long-random-secret"


def get(bot, path: str) -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(bot.url + path, timeout=10) as response:
            status, raw = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read().decode()
    try:
        return status, json.loads(raw)
    except json.JSONDecodeError:
        return status, raw


def lines(caplog, name: str) -> list[tuple[str, str, bool]]:
    """(level, message, has a traceback) of the records of one logger."""
    return [(r.levelname, r.getMessage(), r.exc_info is not None) for r in caplog.records if r.name == name]


@pytest.fixture
def started(settings, config, slack, engine, clock):
    bots = []

    def start(**changes):
        bots.append(start_bot(replace(settings, **changes), config, slack, engine))
        return bots[-1]
    yield start
    for bot in bots:
        bot.close()


def test_a_good_token_names_its_team(started, slack):
    bot = started()
    bot.app.check_slack()
    assert get(bot, "/healthz") == (200, {"ok": True, "team": "Crisisdesk Stand-in"})
    assert [c.http_status for c in slack.calls("auth.test")] == [200]


def test_a_wrong_bot_token_is_one_log_line_and_a_503(started, caplog):
    bot = started(slack_bot_token="xoxb-wrong")
    with caplog.at_level(logging.INFO):
        bot.app.check_slack()
    assert lines(caplog, "bot.slack.health") == [
        ("ERROR", "Slack refused SLACK_BOT_TOKEN: invalid_auth; fix the token and restart (GET /healthz answers 503 "
                  "until then)", False)]
    assert get(bot, "/healthz") == (503, {"ok": False, "error": "Slack refused SLACK_BOT_TOKEN: invalid_auth"})


def test_a_token_revoked_while_running_turns_healthz_to_503(started, slack, caplog):
    bot = started()
    bot.app.check_slack()
    open_incident(bot)
    slack.fail_next("chat.postMessage", error="token_revoked", times=3)
    with caplog.at_level(logging.ERROR, logger="bot.slack.health"):
        bot.run_worker()
    assert seen(slack) == []
    assert get(bot, "/healthz") == (503, {"ok": False, "error": "Slack refused SLACK_BOT_TOKEN: token_revoked"})
    assert len(lines(caplog, "bot.slack.health")) == 1  # once, however many deliveries met it


@pytest.mark.parametrize("code", ["not_allowed_token_type", "team_access_not_granted"])
def test_a_call_refused_for_one_method_or_team_leaves_healthz_ok(started, slack, code):
    bot = started()
    bot.app.check_slack()
    open_incident(bot)
    slack.fail_next("conversations.create", error=code)  # the token works; this one call does not
    bot.run_worker()
    assert [c.response.get("error") for c in slack.calls("conversations.create")] == [code]
    assert seen(slack) == [("post", "dm:U0ANNA", "You are paged (level 1) for incident #1 · SEV2 · "
                                                 "Negative mentions x8")]  # no channel, but paging goes on
    assert get(bot, "/healthz") == (200, {"ok": True, "team": "Crisisdesk Stand-in"})


def test_a_wrong_socket_mode_token_is_one_log_line_and_a_503(started, caplog):
    bot = started(slack_app_token="xapp-wrong")
    bot.app.check_slack()
    with caplog.at_level(logging.INFO):
        connect_socket_mode(bot.app, bot.app.settings)
    assert [r for r in caplog.records if r.exc_info is not None] == []
    assert lines(caplog, "bot.slack.health") == [
        ("ERROR", "Slack refused SLACK_APP_TOKEN: invalid_auth; fix the token and restart (GET /healthz answers 503 "
                  "until then)", False)]
    assert get(bot, "/healthz") == (503, {"ok": False, "error": "Slack refused SLACK_APP_TOKEN: invalid_auth"})


def test_the_placeholder_calendar_token_never_serves_the_feed(settings, slack, engine, clock, caplog):
    config = load_config_text(CONFIG + f"oncall:\n  calendar_token: {PLACEHOLDER}\n")
    with caplog.at_level(logging.ERROR, logger="bot.config.check"):
        bot = start_bot(settings, config, slack, engine)
    try:
        assert [message for _, message, _ in lines(caplog, "bot.config.check")] == [
            "the calendar feed is OFF: oncall.calendar_token is the example's placeholder, which anyone can read "
            "in crisisdesk.example.yaml; set a secret of your own"]
        assert get(bot, f"/schedules/social-oncall.ics?token={PLACEHOLDER}") == (
            503, "the calendar feed is off: set oncall.calendar_token in the config")
    finally:
        bot.close()
