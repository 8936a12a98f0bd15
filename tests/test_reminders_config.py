"""The `reminders:` config section: defaults, overrides, and mistakes told with their key path and a fix."""
from __future__ import annotations

import textwrap
from datetime import timedelta

import pytest

from bot.config.loader import load_config_text
from bot.config.problems import ConfigError
from bot.config.reminders import ReminderSettings

H, MIN = timedelta(hours=1), timedelta(minutes=1)


def reminders(section: str) -> ReminderSettings:
    return load_config_text(textwrap.dedent(section)).reminders


def problems(section: str) -> list[tuple[str, str]]:
    with pytest.raises(ConfigError) as raised:
        load_config_text(textwrap.dedent(section))
    return [(p.path, p.message) for p in raised.value.problems]


def test_without_the_section_nobody_is_reminded():
    settings = load_config_text("timezone: UTC\n").reminders
    assert settings == ReminderSettings()
    assert not settings.active


def test_an_empty_section_turns_on_the_defaults():
    settings = reminders("reminders: {}\n")
    assert settings.active
    assert settings.status_update_every == {1: 30 * MIN, 2: H, 3: 4 * H, 4: None}
    assert settings.snooze == (30 * MIN, H)
    assert settings.first_public_reply_within == {1: H, 2: 4 * H, 3: 12 * H, 4: 24 * H}
    assert settings.warn_at == 75


def test_keys_given_override_their_defaults_only():
    settings = reminders("""
        reminders:
          status_update_every: {1: 15m, 3: off, sev4: 8h}
          snooze: [1h, 15m, 2h]
          first_public_reply_within: {"2": 2h, 4: off}
          warn_at: 50%
    """)
    assert settings.status_update_every == {1: 15 * MIN, 2: H, 3: None, 4: 8 * H}
    assert settings.snooze == (15 * MIN, H, 2 * H)
    assert settings.first_public_reply_within == {1: H, 2: 2 * H, 3: 12 * H, 4: None}
    assert settings.warn_at == 50


def test_everything_off_is_inactive():
    settings = reminders("""
        reminders:
          status_update_every: {1: off, 2: off, 3: off, 4: off}
          first_public_reply_within: {1: off, 2: off, 3: off, 4: off}
    """)
    assert not settings.active


def test_mistakes_say_where_and_how_to_write_it():
    assert problems("""
        reminders:
          status_update_every: {0: 30m, 2: 60, 3: soon}
          snooze: 30m
          first_public_reply_within: [1h]
          warn_at: 120%
          warnat: 50%
    """) == [
        ("reminders.status_update_every.0", "unknown severity 0; use 1, 2, 3 or 4 (1 is the worst)"),
        ("reminders.status_update_every.2", "a duration needs a unit: write 60m for minutes or 60s for seconds"),
        ("reminders.status_update_every.3", "expected a duration like 30s, 5m, 2h, 1d or 1h30m, got 'soon'"),
        ("reminders.snooze", "expected a list of 1 to 5 durations like [30m, 1h], got text ('30m')"),
        ("reminders.first_public_reply_within", "expected a mapping of severities to durations like "
                                                "{1: 30m, 2: 1h, 4: off}, got a list"),
        ("reminders.warn_at", "expected a share of the target like 75%, from 1% to 99%, got text ('120%')"),
        ("reminders.warnat", "unknown key 'warnat'; did you mean 'warn_at'?"),
    ]


def test_a_repeated_snooze_and_a_zero_duration_are_problems():
    assert problems("""
        reminders:
          snooze: [30m, 30m, 0m]
    """) == [("reminders.snooze[2]", "must be longer than zero, got '0m'"),
             ("reminders.snooze", "each snooze button needs its own duration; remove the repeated one")]


def test_a_section_that_is_not_a_mapping_is_a_problem():
    assert problems("reminders: [30m]\n") == [
        ("reminders", "expected a mapping like {status_update_every: {1: 30m, 2: 1h}}, got a list")]
