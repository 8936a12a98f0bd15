"""Values that used to stop the loader with a traceback (impossible dates, huge numbers, odd YAML tags, digits
int() cannot read): each is now one problem naming its field, and `crisisdesk config check` prints it."""
from __future__ import annotations

import textwrap
from datetime import date, timedelta

import pytest

from bot.config.check import check_file
from bot.config.durations import LONGEST, parse_duration
from bot.config.loader import load_config_text
from bot.config.problems import ConfigError, Problem
from bot.config.times import EARLIEST, LATEST

CONFIG = """\
users:
  anna: {slack_id: U0ANNA}
policies:
  brand:
    levels: [{targets: {users: [anna]}, wait: 15m, remind_every: 5m}]
default_policy: brand
schedules:
  desk:
    timezone: Europe/Warsaw
    holidays: {country: PL, days_off: [2026-12-31]}
    layers:
      - {name: week, members: [anna], shift: 1w, handoff: "09:00", start: 2026-01-05}
    overrides:
      - {person: anna, from: "2026-12-24 09:00", to: "2026-12-25 09:00"}
"""


def only_problem(text: str) -> Problem:
    with pytest.raises(ConfigError) as raised:
        load_config_text(textwrap.dedent(text))
    assert len(raised.value.problems) == 1, raised.value.problems
    return raised.value.problems[0]


def swap(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("old, new, path, message", [
    ("start: 2026-01-05", "start: 2026-02-30", "schedules.desk.layers[0].start",
     "there is no day 2026-02-30 (day is out of range for month); write a date like 2026-01-05"),
    ("start: 2026-01-05", "start: 2026-13-01", "schedules.desk.layers[0].start",
     "there is no day 2026-13-01 (month must be in 1..12); write a date like 2026-01-05"),
    ("start: 2026-01-05", "start: 0000-01-01", "schedules.desk.layers[0].start",
     "there is no day 0000-01-01 (year 0 is out of range); write a date like 2026-01-05"),
    ("start: 2026-01-05", "start: 9999-12-31", "schedules.desk.layers[0].start",
     "9999-12-31 is out of range: write a date from 1970 to 2199"),
    ("days_off: [2026-12-31]", "days_off: [2026-02-29]", "schedules.desk.holidays.days_off[0]",
     "there is no day 2026-02-29 (day is out of range for month); write a date like 2026-01-05"),
    ("days_off: [2026-12-31]", "days_off: [{date: 2026-04-31, name: Day off}]",
     "schedules.desk.holidays.days_off[0].date",
     "there is no day 2026-04-31 (day is out of range for month); write a date like 2026-01-05"),
    ('from: "2026-12-24 09:00"', "from: 2026-02-30 09:00", "schedules.desk.overrides[0].from",
     'there is no day 2026-02-30 (day is out of range for month); write a date and time like "2026-12-24 09:00"'),
    ('from: "2026-12-24 09:00"', 'from: "0001-01-01 00:00"', "schedules.desk.overrides[0].from",
     "0001-01-01 is out of range: write a date from 1970 to 2199"),
    ('to: "2026-12-25 09:00"', "to: 2026-12-25 09:00:00 +25:00", "schedules.desk.overrides[0].to",
     "expected a date and time like \"2026-12-24 09:00\", got text ('2026-12-25 09:00:00 +25:00')"),
    ('handoff: "09:00"', 'handoff: "25:00"', "schedules.desk.layers[0].handoff",
     "'25:00' is not a time of day; write a time of day like 09:00, 17:30 or 9am"),
    ("shift: 1w", "shift: 99999999999999w", "schedules.desk.layers[0].shift",
     "'99999999999999w' is longer than a year; write at most 366d"),
    ("shift: 1w", "shift: 367d", "schedules.desk.layers[0].shift", "'367d' is longer than a year; write at most 366d"),
    ("shift: 1w", "shift: !!int x", "schedules.desk.layers[0].shift",
     "expected a duration like 30s, 5m, 2h, 1d or 1h30m, got 'x'"),
    ("timezone: Europe/Warsaw", "timezone: Europe", "schedules.desk.timezone",
     "unknown time zone 'Europe'; did you mean 'Europe/Rome'?"),
    ("wait: 15m", "wait: 99999999999999m", "policies.brand.levels[0].wait",
     "'99999999999999m' is longer than a year; write at most 366d"),
    ("wait: 15m", "wait: " + "1" * 5000 + "s", "policies.brand.levels[0].wait",
     f"{'1' * 40 + '…'!r} is longer than a year; write at most 366d"),
    ("wait: 15m", "wait: -5m", "policies.brand.levels[0].wait", "a duration cannot be negative, got '-5m'"),
    ("remind_every: 5m", "remind_every: 1e400", "policies.brand.levels[0].remind_every",
     "expected a duration like 30s, 5m, 2h, 1d or 1h30m, got '1e400'"),
    ("remind_every: 5m", "remind_every: [5m]", "policies.brand.levels[0].remind_every",
     "expected a duration like 30s, 5m, 2h or 1d, got ['5m']"),
])
def test_a_value_that_is_no_such_thing_is_one_problem_naming_its_field(old, new, path, message):
    problem = only_problem(swap(CONFIG, old, new))
    assert (problem.path, problem.message) == (path, message)


@pytest.mark.parametrize("section, path, message", [
    ('reminders: {status_update_every: {"sev²": 5m}}', "reminders.status_update_every.sev²",
     "unknown severity 'sev²'; use 1, 2, 3 or 4 (1 is the worst)"),
    ("paging: {reescalate_after: {1: " + "1" * 5000 + "}}", "paging.reescalate_after.1",
     f"expected a duration like 30s, 5m, 2h, 1d or 1h30m, got {'1' * 40 + '…'!r}"),
    ("pagerduty: {rate_per_minute: " + "1" * 5000 + "}", "pagerduty.rate_per_minute",
     f"expected a whole number, 0 or more, got text ({'1' * 60 + '…'!r})"),
    ('room: {severities: {"²": Bad}}', "room.severities.²", "severities are 1 to 4 (1 is the worst), got '²'"),
    ("signals: {topics: {acme: {keywords: [Acme], rules: {keyword: {severity: \"sev²\"}}}}}",
     "signals.topics.acme.rules.keyword.severity",
     "expected a severity from 1 (most severe) to 4, or sev1 to sev4, got text ('sev²')"),
    ("oncall: {gap_report_at: !!bool maybe}", "oncall.gap_report_at",
     "write a time of day like 09:00, 17:30 or 9am, got 'maybe'"),
])
def test_a_number_or_tag_yaml_cannot_read_is_one_problem_naming_its_field(section, path, message):
    problem = only_problem(section + "\n")
    assert (problem.path, problem.message) == (path, message)


@pytest.mark.parametrize("text, line", [("users: " + "[" * 5000 + "]" * 5000, 1),
                                        ("users:\n  anna: " + "{a: " * 2000 + "1" + "}" * 2000, 2)])
def test_nesting_too_deep_for_python_is_one_problem_on_its_line(text, line):
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("", line)
    assert problem.message.startswith("nested too deeply to read: hundreds of lists or mappings inside each other")


def test_a_valid_config_at_the_edges_of_the_ranges_loads():
    text = swap(swap(swap(CONFIG, "start: 2026-01-05", f"start: {EARLIEST}"), "days_off: [2026-12-31]",
                     f"days_off: [{LATEST}]"), "shift: 1w", f"shift: {LONGEST.days}d")
    layer = load_config_text(text).schedules["desk"].layers[0]
    assert (layer.rotation.start, layer.rotation.shift) == (date(1970, 1, 1), timedelta(days=366))
    assert parse_duration("52w2d") == LONGEST


def test_config_check_prints_the_field_not_a_traceback(tmp_path):
    path = tmp_path / "crisisdesk.yaml"
    text = swap(CONFIG, "start: 2026-01-05", "start: 2026-02-30")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, written in enumerate(text.splitlines(), start=1) if "start: 2026-02-30" in written)
    assert check_file(path) == (False, f"{path}:{line}: schedules.desk.layers[0].start: there is no day 2026-02-30 "
                                       "(day is out of range for month); write a date like 2026-01-05")
