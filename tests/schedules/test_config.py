"""The `schedules:` config section: the documented example parses; each mistake is one located Problem."""
from __future__ import annotations

import re
from datetime import date, time, timedelta
from pathlib import Path

import pytest
import yaml

from bot.config.schedules import parse_schedules
from escalation.schedules import LayerKind, Restriction, who_is_on_call
from tests.schedules.sample import at, wall

PEOPLE = {"anna", "piotr", "kasia", "marta", "tomasz", "ewa", "jakub"}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "schedules.md"
MINIMAL = """
timezone: Europe/Warsaw
layers:
  - {name: all, members: [anna, piotr], shift: 1d, handoff: "09:00", start: 2026-01-05}
"""


def parse(text: str, people=PEOPLE):
    """Parse YAML text the way the config loader reads it (YAML 1.1, so an unquoted 17:00 is a number)."""
    problems: list = []
    schedules = parse_schedules(yaml.safe_load(text), "schedules", problems, set(people))
    return schedules, problems


def one(extra: str = "", base: str = MINIMAL):
    """Parse the minimal schedule named `s` with `extra` YAML lines added to it."""
    body = "\n".join("  " + line for line in (base + extra).strip("\n").splitlines())
    return parse("s:\n" + body)


def documented_example() -> str:
    """The `schedules:` section of the example in docs/schedules.md, as YAML text."""
    text = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S).group(1)
    assert text.startswith("schedules:\n")
    return text.removeprefix("schedules:\n")


def test_the_documented_example_parses_into_what_it_says():
    schedules, problems = parse(documented_example())
    assert problems == []
    schedule = schedules["social-oncall"]
    assert (schedule.timezone, schedule.managers) == ("Europe/Warsaw", ("marta",))
    assert schedule.shift_notice == timedelta(hours=2)
    assert schedule.weekend == (Restriction(4, time(17), 0, time(9)),)
    assert schedule.holidays.country == "PL"
    assert schedule.holidays.days_off == ((date(2026, 12, 31), "Company day off"), (date(2027, 1, 2), "Bridge day"))
    assert schedule.holidays_use_weekend_layer is True
    assert [(layer.name, layer.kind) for layer in schedule.layers] == [
        ("business-hours", LayerKind.BASE), ("weeknights", LayerKind.BASE), ("weekend", LayerKind.WEEKEND),
        ("holiday-daytime", LayerKind.HOLIDAY)]
    business = schedule.layers[0]
    assert business.rotation.members == ("anna", "piotr", "kasia")
    assert (business.rotation.shift, business.rotation.handoff, business.rotation.start) == \
        (timedelta(days=1), time(9), date(2026, 1, 5))
    assert business.restrictions == tuple(Restriction(day, time(9), day, time(17)) for day in range(5))
    assert schedule.layers[1].restrictions[0] == Restriction(0, time(17), 1, time(9))
    override = schedule.overrides[0]
    assert (override.person, wall(override.start), wall(override.end), override.note) == \
        ("marta", "Thu 2026-12-24 09:00 +01", "Thu 2026-12-24 21:00 +01", "covers for anna")


def test_the_documented_example_answers_as_documented():
    schedule = parse(documented_example())[0]["social-oncall"]
    assert who_is_on_call(schedule, at("2026-11-28 03:00")).layer_name == "weekend"
    assert who_is_on_call(schedule, at("2026-11-11 12:00")).layer_name == "holiday-daytime"
    night = who_is_on_call(schedule, at("2026-11-11 22:00"))  # holiday night: the weekend rotation
    assert (night.layer_kind, night.holiday_name) == ("weekend", "National Independence Day")
    assert who_is_on_call(schedule, at("2026-12-24 12:00")).person == "marta"
    assert who_is_on_call(schedule, at("2026-12-31 12:00")).holiday_name == "Company day off"


def test_unquoted_times_and_dates_as_yaml_reads_them():
    extra = "weekend: {from: fri 17:00, to: mon 9:00}\nholidays: {country: PL, from: 17:00, to: 9:00}"
    schedules, problems = one(extra, base=MINIMAL.replace('"09:00"', "17:00"))
    assert problems == []
    schedule = schedules["s"]
    assert schedule.layers[0].rotation.handoff == time(17)
    assert (schedule.holidays.starts, schedule.holidays.ends) == (time(17), time(9))


@pytest.mark.parametrize(("weekend", "expected"), [
    ("sat-sun", ((5, 6), time(0))),
    ("fri-sat", ((4, 5), time(0))),
])
def test_weekend_as_whole_days(weekend, expected):
    schedule = one(f"weekend: {weekend}")[0]["s"]
    assert tuple(window.start_day for window in schedule.weekend) == expected[0]
    assert {window.start for window in schedule.weekend} == {expected[1]}


@pytest.mark.parametrize(("country", "days"), [("IL", (4, 5)), ("PL", (5, 6))])
def test_weekend_defaults_to_the_holiday_countrys_weekend(country, days):
    schedule = one(f"holidays: {{country: {country}}}")[0]["s"]
    assert tuple(window.start_day for window in schedule.weekend) == days


def test_subdivision_days_off_as_mappings_notice_off_and_a_weekly_restriction():
    schedules, problems = one("""
holidays: {country: US, subdivision: CA, days_off: [{date: 2026-12-24, name: Winter break}], from: "00:00", to: "24:00"}
shift_notice: off
""", base=MINIMAL.replace("2026-01-05}", "2026-01-05, restrictions: [{from: fri 17:00, to: mon 09:00}]}"))
    assert problems == []
    schedule = schedules["s"]
    assert (schedule.holidays.subdivision, schedule.holidays.days_off, schedule.shift_notice) == \
        ("CA", ((date(2026, 12, 24), "Winter break"),), None)
    assert schedule.layers[0].restrictions == (Restriction(4, time(17), 0, time(9)),)


# (extra YAML, base replacements, expected path, words the message has)
MISTAKES = [
    ("", {"piotr]": "piotrr]"}, "schedules.s.layers[0].members[1]", "unknown user 'piotrr'; did you mean 'piotr'?"),
    ("", {"Europe/Warsaw": "Europe/Warsow"}, "schedules.s.timezone", "unknown time zone"),
    ("holidays: {country: XX}", {}, "schedules.s.holidays.country", "unknown country 'XX'"),
    ("holidays: {country: US, subdivision: ZZ}", {}, "schedules.s.holidays.subdivision", "no subdivision 'ZZ'"),
    ("holidays: {country: PL, language: klingon}", {}, "schedules.s.holidays.language", "pl"),
    ("holidays: {subdivision: CA}", {}, "schedules.s.holidays.country", "required"),
    ("holidays: {}", {}, "schedules.s.holidays", "country"),
    ("holidays: {country: PL, days_off: ['2026-02-30']}", {}, "schedules.s.holidays.days_off[0]", "2026-01-05"),
    ("holidays: {country: PL, days_off: [20261231]}", {}, "schedules.s.holidays.days_off[0]", "2026-01-05"),
    ("", {"start: 2026-01-05}": "start: 2026-01-05, restrictions: [{days: mon-fry, from: '9:00', to: '17:00'}]}"},
     "schedules.s.layers[0].restrictions[0].days", "weekday"),
    ("", {"start: 2026-01-05}": "start: 2026-01-05, restrictions: {from: fri 17:00, to: fri 17:00}}"},
     "schedules.s.layers[0].restrictions", "same moment"),
    ("", {"start: 2026-01-05}": "start: 2026-01-05, restrictions: [{from: friday, to: mon 09:00}]}"},
     "schedules.s.layers[0].restrictions[0].from", "fri 17:00"),
    ("", {'"09:00"': '"25:00"'}, "schedules.s.layers[0].handoff", "not a time of day"),
    ("", {'"09:00"': "9"}, "schedules.s.layers[0].handoff", "in quotes"),
    ("", {"shift: 1d": "shift: 1x"}, "schedules.s.layers[0].shift", "duration"),
    ("", {"shift: 1d": "shift: 90m"}, "schedules.s.layers[0].shift", "whole hours"),
    ("", {"handoff:": "handof:"}, "schedules.s.layers[0].handof", "did you mean 'handoff'?"),
    ("", {"start: 2026-01-05": "start: soon"}, "schedules.s.layers[0].start", "a date like 2026-01-05"),
    ("", {"start: 2026-01-05": "start: 20260105"}, "schedules.s.layers[0].start", "a date like 2026-01-05"),
    ("", {"name: all,": "name: all, kind: weekday,"}, "schedules.s.layers[0].kind", "did you mean 'weekend'?"),
    ("", {"members: [anna, piotr]": "members: []"}, "schedules.s.layers[0].members", "at least one member"),
    ("weeknd: sat-sun", {}, "schedules.s.weeknd", "did you mean 'weekend'?"),
    ("holidays_use_weekend_layer: true\nholidays: {country: PL}", {}, "schedules.s.holidays_use_weekend_layer",
     "kind: weekend"),
    ("holidays_use_weekend_layer: yes please", {}, "schedules.s.holidays_use_weekend_layer", "true or false"),
    ("", {"name: all,": "name: all, kind: holiday,"}, "schedules.s.layers[0].kind", "holidays:"),
    ("overrides: [{person: ann, from: '2026-12-24 09:00', to: '2026-12-24 21:00'}]", {},
     "schedules.s.overrides[0].person", "did you mean 'anna'?"),
    ("overrides: [{person: anna, from: '2026-12-24 21:00', to: '2026-12-24 09:00'}]", {},
     "schedules.s.overrides[0].to", "after"),
    ("overrides: [{person: anna, from: 'christmas', to: '2026-12-24 09:00'}]", {},
     "schedules.s.overrides[0].from", "2026-12-24 09:00"),
    ("managers: [marat]", {}, "schedules.s.managers[0]", "did you mean 'marta'?"),
    ("shift_notice: soon", {}, "schedules.s.shift_notice", "duration"),
]


@pytest.mark.parametrize(("extra", "replace", "path", "words"), MISTAKES)
def test_mistakes_are_located_problems(extra, replace, path, words):
    base = MINIMAL
    for old, new in replace.items():
        assert old in base
        base = base.replace(old, new)
    schedules, problems = one(extra, base)
    assert [problem.path for problem in problems] == [path], problems
    assert words in problems[0].message
    assert problems[0].line is None
    assert schedules == {}


def test_a_second_layer_with_the_same_name():
    again = "  - {name: all, members: [anna], shift: 1d, handoff: '09:00', start: 2026-01-05}\n"
    _, problems = one("", MINIMAL + again)
    assert [(p.path, p.message) for p in problems] == [("schedules.s.layers[1].name", "another layer is named 'all'")]


def test_several_mistakes_are_all_reported_and_good_schedules_still_parse():
    schedules, problems = parse("""
good:
  timezone: UTC
  layers: [{name: a, members: [anna], shift: 1w, handoff: "09:00", start: 2026-01-05}]
bad:
  timezone: Mars/Base
  layers: [{name: a, members: [nobody], shift: 1w, handoff: "09:00", start: 2026-01-05}]
"Bad Name": {}
""")
    assert list(schedules) == ["good"]
    assert [p.path for p in problems] == ["schedules.bad.timezone", "schedules.bad.layers[0].members[0]",
                                          "schedules.Bad Name"]


@pytest.mark.parametrize("raw", [[], "weekend", 3])
def test_the_section_must_be_a_mapping(raw):
    problems: list = []
    assert parse_schedules(raw, "schedules", problems, PEOPLE) == {}
    assert [p.path for p in problems] == ["schedules"]


def test_missing_required_keys():
    schedules, problems = parse("s: {timezone: UTC}\nt: {layers: []}")
    assert [(p.path, p.message) for p in problems][:1] == [("schedules.s.layers", "required")]
    assert ("schedules.t.timezone", "required") in [(p.path, p.message) for p in problems]


def test_through_the_config_loader_a_problem_gets_its_line():
    from bot.config.loader import load_config_text
    from bot.config.problems import ConfigError

    text = """timezone: Europe/Warsaw
users:
  anna: {email: anna@brand.example}
  ewa: {email: ewa@brand.example}
schedules:
  weekend:
    timezone: Europe/Warsaw
    layers:
      - name: weekend
        kind: weekend
        members: [anna, ewka]
        shift: 1w
        handoff: 17:00
        start: 2026-01-02
"""
    with pytest.raises(ConfigError) as error:
        load_config_text(text)
    assert [(p.line, p.path) for p in error.value.problems] == [(11, "schedules.weekend.layers[0].members[1]")]
    config = load_config_text(text.replace("ewka", "ewa"))
    assert config.schedules["weekend"].layers[0].rotation.members == ("anna", "ewa")
