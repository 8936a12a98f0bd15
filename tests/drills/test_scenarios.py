"""Scenario files: the parser's strictness (each problem names its field), the JSON round trip a run keeps, the
shipped scenarios checked against the example config, and the loader's located errors."""
from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config.loader import load_config
from bot.drills.cli import add_drill_command
from bot.drills.scenarios import SHIPPED, listing, load_scenario
from escalation.drills import EXPECTATIONS, ScenarioError
from escalation.drills.parsing import Names, parse_scenario, scenario_data, scenario_from_data
from tests.drills.drill_process import EXAMPLE

WARSAW = ZoneInfo("Europe/Warsaw")
HUGE = int("f" * 4000, 16)  # 4817 decimal digits: str() refuses it
NAMES = Names(people={"anna", "piotr"}, policies={"infra"}, topics={"brand"})


def minimal(**changes) -> dict:
    data = {"title": "Checkout down", "pages": {"people": ["anna"]},
            "steps": [{"at": "+0m", "alert": {"title": "Checkout errors"}}],
            "expect": [{"what": "acknowledge", "within": "5m"}]}
    return {**data, **changes}


def problem(data, names: Names = NAMES) -> str:
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(data, "x", WARSAW, names)
    return str(raised.value)


def test_a_full_scenario_reads_every_field():
    scenario = parse_scenario(minimal(
        description="A drill", starts="2026-12-26 10:00", ends_after="1h30m", admin=True,
        steps=[{"at": "+20m", "act": {"person": "piotr", "command": "/crisis ack"}},
               {"at": "+90s", "mentions": {"topic": "brand", "count": 3, "over": "10m", "texts": "Bojkot Acme",
                                           "language": "pl", "followers": 250000, "platform": "x"}},
               {"at": "5m", "alert": {"title": "Errors", "group": "g", "severity": 1, "source": "generic",
                                      "labels": {"team": "platform", "code": 500}, "status": "resolved"}}],
        expect=[{"what": "commander", "within": "10m", "by": "anna"}]), "x", WARSAW, NAMES)
    assert scenario.starts == datetime(2026, 12, 26, 9, 0, tzinfo=UTC)  # 10:00 in Warsaw, winter time
    assert scenario.ends_after == timedelta(minutes=90) and scenario.admin and scenario.description == "A drill"
    # Played in time order, whatever order they were written in.
    assert [step.at for step in scenario.steps] == [timedelta(seconds=90), timedelta(minutes=5),
                                                    timedelta(minutes=20)]
    mentions, alert, act = (s.mentions or s.alert or s.act for s in scenario.steps)
    assert (mentions.texts, mentions.count, mentions.followers, mentions.over) == (("Bojkot Acme",), 3, 250000,
                                                                                   timedelta(minutes=10))
    assert (alert.severity, alert.labels, alert.status, alert.group) == (1, {"team": "platform", "code": "500"},
                                                                         "resolved", "g")
    assert (act.person, act.command) == ("piotr", "/crisis ack")
    assert scenario.expect[0].by == "anna"


def test_defaults():
    scenario = parse_scenario(minimal(), "x")
    assert (scenario.starts, scenario.ends_after, scenario.admin, scenario.description) == (None, timedelta(hours=2),
                                                                                            False, "")
    alert = scenario.steps[0].alert
    assert (alert.group, alert.severity, alert.source, alert.status) == ("Checkout errors", 3, "alertmanager",
                                                                         "firing")


@pytest.mark.parametrize(("changes", "message"), [
    ({"steps": [{"at": "+5x", "alert": {"title": "a"}}]}, 'steps[0].at: "+5x" is not a duration like +5m'),
    ({"steps": [{"at": 5, "alert": {"title": "a"}}]}, "steps[0].at: a number (5) is not a duration like +5m; "
                                                      "write 5m for minutes"),
    ({"steps": [{"at": "+1m", "alert": {"title": "a"}, "act": {"person": "anna", "command": "/crisis ack"}}]},
     "steps[0]: each step is one of alert:, mentions: or act:, with its at:"),
    ({"steps": [{"at": "+3h", "alert": {"title": "a"}}]},
     "steps[0].at: +3h is not before the drill ends (ends_after: 2h)"),
    ({"steps": []}, "steps: expected a list of at least one item, got a list"),
    ({"steps": [{"at": "+1m", "alert": {"title": "a", "severity": 5}}]},
     "steps[0].alert.severity: expected a whole number from 1 to 4, got 5"),
    ({"steps": [{"at": "+1m", "mentions": {"topic": "sport", "count": 1, "texts": ["x"]}}]},
     "steps[0].mentions.topic: 'sport' is not one of the config's topics (brand)"),
    ({"steps": [{"at": "+1m", "act": {"person": "zofia", "command": "/crisis ack"}}]},
     "steps[0].act.person: 'zofia' is not one of the config's people (anna, piotr)"),
    ({"steps": [{"at": "+1m", "act": {"person": "anna", "command": "rm -rf /"}}]},
     "steps[0].act.command: 'rm -rf /' is not something a person does here: write a command like /crisis ack, "
     "press <a button's text>, or submit"),
    ({"stpes": []}, "stpes: unknown field; expected one of title, description, starts, ends_after, pages, admin, "
                    "steps, expect"),
    ({"title": "  "}, "title: is empty"),
    ({"pages": {"people": ["anna"], "policy": "infra"}},
     "pages: name the people the drill pages (people: [anna]) or one policy (policy: brand-crisis), not both"),
    ({"pages": {"policy": "brand"}}, "pages.policy: 'brand' is not one of the config's policies (infra)"),
    ({"expect": [{"what": "apologise", "within": "5m"}]},
     'expect[0].what: "apologise" is not one of ' + ", ".join(EXPECTATIONS)),
    ({"expect": [{"what": "resolve", "within": "3h"}]}, "expect[0].within: 3h is after the drill ends "
                                                        "(ends_after: 2h)"),
    ({"starts": "26.12.2026 10:00"}, 'starts: expected a local time like 2026-12-26 10:00, got "26.12.2026 10:00"'),
    ({"starts": "2026-02-30 10:00"}, 'starts: "2026-02-30 10:00" is not a time that exists'),
    ({"ends_after": "0m"}, "ends_after: a drill needs some time: write e.g. 2h"),
    ({"ends_after": "40d"}, 'ends_after: "40d" is longer than a drill can be (30 days)'),
    # Numbers too long for str() (YAML reads 0x... of any length), times past what a datetime holds.
    ({"steps": [{"at": "+1m", "alert": {"title": "a", "labels": {"code": HUGE}}}]},
     "steps[0].alert.labels.code: at most 300 characters, got a number (more than 4300 digits)"),
    ({"steps": [{"at": "+1m", "alert": {"title": "a", "severity": HUGE}}]},
     "steps[0].alert.severity: expected a whole number from 1 to 4, got more than 4300 digits"),
    ({"steps": [{"at": "+1m", "alert": {"title": "a", "severity": 10**40}}]},
     "steps[0].alert.severity: expected a whole number from 1 to 4, got 100000000000..., 41 digits"),
    ({"steps": [{"at": HUGE, "alert": {"title": "a"}}]},
     "steps[0].at: a number (more than 4300 digits) is not a duration like +5m"),
    ({"steps": [{"at": "+1m", "alert": {"title": "a", HUGE: 1}}]},
     "steps[0].alert: keys are text, got a number (more than 4300 digits)"),
    ({"starts": "0001-01-01 00:30"}, "starts: expected a local time from 1970 to 9998, got 0001-01-01 00:30"),
    ({"starts": datetime(9999, 12, 31, 23, 30)}, "starts: expected a local time from 1970 to 9998, got "
                                                 "9999-12-31 23:30"),
    ({"starts": datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5)))},
     "starts: expected a local time from 1970 to 9998, got 0001-01-01 00:30"),
])
def test_each_problem_names_its_field(changes, message):
    assert problem(minimal(**changes)) == message


def test_a_scenario_is_a_mapping_and_its_name_a_plain_file_stem():
    assert problem([1, 2]) == "a scenario is a mapping of title:, pages:, steps: and expect:, got a list"
    with pytest.raises(ScenarioError, match="a scenario's name"):
        parse_scenario(minimal(), "../etc/passwd")


def test_a_local_start_in_the_spring_gap_is_the_first_instant_after_it():
    scenario = parse_scenario(minimal(starts="2026-03-29 02:30"), "x", WARSAW)
    assert scenario.starts == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST, when the clocks jumped


def test_the_json_round_trip_keeps_every_field():
    scenario = parse_scenario(yaml.safe_load((SHIPPED / "boycott-rumour.yaml").read_text()), "boycott-rumour",
                              WARSAW)
    data = scenario_data(scenario)
    assert yaml.safe_load(yaml.safe_dump(data)) == data  # plain values only
    assert scenario_from_data(data) == scenario
    with pytest.raises(ScenarioError, match="stored drill data is not a scenario"):
        scenario_from_data({**data, "steps": [{"at": "soon"}]})


JUNK = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
                    | st.sampled_from(["+5m", "2026-12-26 10:00", "acknowledge", "anna", "/crisis ack", "brand",
                                       "0001-01-01 00:30", "9999-12-31 23:59", 10**40])
                    | st.builds(lambda sign: sign * HUGE, st.sampled_from([1, -1]))  # built: hypothesis shows it
                    | st.datetimes(timezones=st.none() | st.timezones()),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(["title", "pages", "steps", "expect", "at", "alert", "act",
                                                       "mentions", "people", "what", "within", "count", "texts",
                                                       "topic", "person", "command", "starts", "by", "policy", "over",
                                                       "followers", "severity", "labels", "status", "code"]) | st.text(
                                          max_size=5), inner, max_size=5),
                    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(JUNK)
def test_junk_is_a_scenario_error_never_another_exception(data):
    try:
        scenario = parse_scenario(data, "x", WARSAW, NAMES)
    except ScenarioError:
        return
    assert scenario_from_data(scenario_data(scenario)) == scenario


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["at", "alert", "mentions", "act"]), JUNK, max_size=3))
def test_junk_steps_are_scenario_errors(step):
    try:
        parse_scenario(minimal(steps=[step]), "x", WARSAW, NAMES)
    except ScenarioError:
        pass


def test_the_shipped_scenarios_play_against_the_example_config(tmp_path):
    config = load_config(EXAMPLE)
    assert [(s.name, s.title, s.problem) for s in listing(config, tmp_path)] == [  # no ./drills: the shipped ones
        ("boycott-rumour", "Boycott rumour on Boxing Day", None),
        ("checkout-outage", "Checkout outage on Friday evening", None)]
    boycott = load_scenario("boycott-rumour", config)
    assert boycott.starts == datetime(2026, 12, 26, 9, 0, tzinfo=UTC)  # a Saturday, Boxing Day, 10:00 in Warsaw
    assert boycott.pages.people == ("tomasz", "marta")
    reach = [s.mentions for s in boycott.steps if s.mentions and s.mentions.followers >= 100000]
    assert [(m.count, m.followers) for m in reach] == [(1, 250000)]
    assert [(e.what, e.within, e.by) for e in boycott.expect] == [
        ("acknowledge", timedelta(minutes=15), "tomasz"), ("status_update", timedelta(minutes=30), None),
        ("public_reply", timedelta(minutes=45), None), ("statement", timedelta(minutes=60), None),
        ("resolve", timedelta(minutes=90), None)]
    outage = load_scenario("checkout-outage", config)
    assert outage.starts == datetime(2026, 11, 27, 17, 0, tzinfo=UTC) and outage.starts.weekday() == 4  # Fri 18:00
    alerts = [s.alert for s in outage.steps if s.alert]
    assert [(a.title, a.severity, a.status) for a in alerts] == [("Checkout error rate above 5%", 1, "firing")] * 3 \
        + [("Checkout error rate above 5%", 1, "resolved")]
    assert [(e.what, e.within) for e in outage.expect] == [
        ("acknowledge", timedelta(minutes=5)), ("commander", timedelta(minutes=10)),
        ("status_update", timedelta(minutes=20)), ("resolve", timedelta(minutes=60))]


def test_the_loader_says_the_file_and_line(tmp_path):
    config = load_config(EXAMPLE)
    (tmp_path / "drills").mkdir()
    (tmp_path / "drills" / "late.yaml").write_text(
        "title: Late\npages: {people: [anna]}\nsteps:\n  - at: +5m\n    alert: {title: a}\n"
        "  - at: +5x\n    alert: {title: b}\nexpect: [{what: resolve, within: 1h}]\n")
    (tmp_path / "drills" / "broken.yaml").write_text("title: [unclosed\n")
    with pytest.raises(ScenarioError) as raised:
        load_scenario("late", config, tmp_path)
    assert str(raised.value) == f'{tmp_path / "drills" / "late.yaml"} line 6: steps[1].at: "+5x" is not a ' \
                                'duration like +5m'
    with pytest.raises(ScenarioError, match=r"There is no scenario named 'nope'\. The scenarios: boycott-rumour, "
                                            r"broken, checkout-outage, late\."):
        load_scenario("nope", config, tmp_path)
    broken = next(s for s in listing(config, tmp_path) if s.name == "broken")
    assert broken.title is None and broken.problem.startswith(f"{tmp_path / 'drills' / 'broken.yaml'} line 1: ")


def test_a_file_whose_values_python_cannot_hold_is_listed_as_unplayable_and_the_others_still_are(tmp_path):
    config = load_config(EXAMPLE)
    folder = tmp_path / "drills"
    folder.mkdir()
    good = "title: Good\npages: {people: [jakub]}\nsteps: [{at: +0m, alert: {title: a}}]\n" \
           "expect: [{what: resolve, within: 1h}]\n"
    files = {"good": good,
             "hex-label": good.replace("{title: a}", "{title: a, labels: {code: 0x" + "f" * 4000 + "}}"),
             "decimal": good.replace("{title: a}", "{title: a, severity: 1" + "0" * 5000 + "}"),
             "month": good + "starts: 2026-13-01 10:00:00\n",
             "ancient": good + "starts: 0001-01-01 00:30\n",
             "deep": good.replace("{title: a}", "{title: a, labels: " + "[" * 5000 + "]" * 5000 + "}"),
             "a.b": good}
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text)
    listed = {s.name: (s.title, s.problem) for s in listing(config, tmp_path)}
    where = f"{folder}{os.sep}"
    assert listed["good"] == ("Good", None)
    # A number too long to print, or a date the calendar lacks, reaches the scenario's reader as the text it is.
    assert listed["hex-label"] == (None, f"{where}hex-label.yaml line 3: steps[0].alert.labels.code: at most 300 "
                                         "characters, got 4002")
    assert listed["decimal"] == (None, f"{where}decimal.yaml line 3: steps[0].alert.severity: expected a whole "
                                       f"number from 1 to 4, got \"1{'0' * 56}...\"")
    assert listed["month"] == (None, f'{where}month.yaml line 5: starts: "2026-13-01 10:00:00" is not a time that '
                                     "exists")
    assert listed["deep"] == (None, f"{where}deep.yaml line 3: nested too deeply to read: hundreds of lists or "
                                    "mappings inside each other; look for a run of [ or {")
    assert listed["ancient"] == (None, f"{where}ancient.yaml line 5: starts: expected a local time from 1970 to "
                                       "9998, got 0001-01-01 00:30")
    assert listed["a.b"] == (None, f"{where}a.b.yaml: a scenario's name (its file's name) is letters, digits, '-' or "
                                   "'_', at most 100, got 'a.b'")
    for name in files:
        if name != "good":
            with pytest.raises(ScenarioError):
                load_scenario(str(folder / f"{name}.yaml"), config)


@pytest.mark.parametrize(("argv", "error"), [(["drill", "run", "x", "--speed", "0"], "expected 1 (real time) to 3600"),
                                             (["drill", "run", "x", "--speed", "fast"], "expected a number like 60")])
def test_drill_run_arguments(argv, error, capsys):
    parser = argparse.ArgumentParser()
    add_drill_command(parser.add_subparsers())
    args = parser.parse_args(["drill", "--port", "0", "run", "boycott-rumour", "--speed", "600", "--no-console"])
    assert (args.scenario, args.speed, args.port, args.console, args.keep, args.config) == (
        "boycott-rumour", 600.0, 0, False, False, "crisisdesk.example.yaml")
    with pytest.raises(SystemExit):
        parser.parse_args(argv)
    assert error in capsys.readouterr().err
