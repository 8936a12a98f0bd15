"""The config loader: every problem in one pass, each with its key path and the line it is on."""
from __future__ import annotations

import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import loader
from bot.config.loader import load_config, load_config_text
from bot.config.problems import ConfigError, Problem
from escalation.paging.policy import Level, Policy, Route, Targets
from escalation.people import Person, Team

EXAMPLE = Path(__file__).resolve().parents[2] / "crisisdesk.example.yaml"

VALID = """\
timezone: Europe/Warsaw
users:
  anna: {slack_id: U0ANNA, email: anna@brand.example, name: Anna Nowak}
  piotr: {email: piotr@brand.example}
teams:
  social: {name: Social media, members: [anna, piotr]}
policies:
  brand-crisis:
    description: Mentions
    repeat: 1
    levels:
      - targets: {users: [anna], teams: [social]}
        wait: 15m
        remind_every: 5m
      - targets: {users: [piotr]}
        wait: 30m
routes:
  - {source: alertmanager, match: {team: social}, policy: brand-crisis}
  - {source: mentions, policy: brand-crisis}
default_policy: brand-crisis
"""


def problems_in(text: str) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        load_config_text(textwrap.dedent(text))
    return raised.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_in(text)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    for number, line in enumerate(textwrap.dedent(text).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def with_(old: str, new: str, text: str = VALID) -> str:
    assert old in text
    return text.replace(old, new, 1)


# --- what loads ---------------------------------------------------------------------------------------------

def test_example_file_loads_cleanly():
    config = load_config(EXAMPLE)
    assert config.timezone == "Europe/Warsaw"
    assert {"social", "pr"} <= set(config.directory.teams)
    crisis = config.policy("brand-crisis")
    assert len(crisis.levels) == 3 and crisis.repeat == 1
    assert all(level.remind_every for level in crisis.levels)
    assert "infra" in config.policies
    assert any(route.source == "alertmanager" and route.policy == "infra" for route in config.routes)
    assert config.default_policy in config.policies
    # "Whoever is on call" answers a brand crisis first, weekends and holidays included.
    assert crisis.levels[0].targets.schedules == ("social-oncall",)
    assert set(config.schedules) == {"social-oncall"}
    assert config.oncall.calendar_token and config.oncall.admin_channel


def test_valid_text_builds_the_dataclasses_with_tuples():
    config = load_config_text(VALID)
    assert config.directory.people["anna"] == Person("anna", "U0ANNA", "anna@brand.example", "Anna Nowak")
    assert config.directory.people["piotr"] == Person("piotr", email="piotr@brand.example")
    assert config.directory.teams["social"] == Team("social", ("anna", "piotr"), "Social media")
    assert config.policies["brand-crisis"] == Policy(
        name="brand-crisis",
        levels=(
            Level(Targets(users=("anna",), teams=("social",)), timedelta(minutes=15), timedelta(minutes=5)),
            Level(Targets(users=("piotr",)), timedelta(minutes=30)),
        ),
        repeat=1,
        description="Mentions",
    )
    assert config.routes == (
        Route("brand-crisis", "alertmanager", {"team": "social"}),
        Route("brand-crisis", "mentions"),
    )
    assert config.default_policy == "brand-crisis"
    assert config.auto_resolve is True


def test_an_empty_mapping_gives_the_defaults():
    config = load_config_text("{}\n")
    assert config.timezone == "UTC" and config.policies == {} and config.routes == ()
    assert config.channel.name_pattern == "crisis-{date}-{title}"


def test_channel_settings_are_read():
    config = load_config_text(VALID + textwrap.dedent("""\
        channel:
          name_pattern: "inc-{number}-{severity}-{title}"
          topic_pattern: "{status}: {title}"
          private: true
          invite: [anna]
        auto_resolve: false
    """))
    assert config.channel.name_pattern == "inc-{number}-{severity}-{title}"
    assert config.channel.topic_pattern == "{status}: {title}"
    assert config.channel.private is True and config.channel.invite == ("anna",)
    assert config.auto_resolve is False


def test_numeric_label_values_are_matched_as_text():
    config = load_config_text(with_("match: {team: social}", "match: {priority: 1}"))
    assert config.routes[0].match == {"priority": "1"}


# --- the file as a whole ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line", [
    ("timezone: UTC\nusers:\n\tanna: {slack_id: U0ANNA}\n", 3),  # a tab
    ("timezone: UTC\nusers:\n  anna: {name: \"Anna\n  piotr: {}\n", 3),  # an unclosed quote
    ("timezone: UTC\nteams:\n  social: {members: [anna}\n", 3),  # a mismatched bracket
])
def test_yaml_syntax_error_is_one_problem_on_its_line(text, line):
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("", line)
    assert problem.message.startswith("YAML syntax error: ")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_a_clear_problem(text):
    problem = only_problem(text)
    assert "empty" in problem.message and problem.line == 1


def test_top_level_list_is_a_clear_problem():
    problem = only_problem("- anna\n- piotr\n")
    assert problem.path == "" and problem.line == 1
    assert "mapping" in problem.message and "list" in problem.message


def test_missing_file_is_a_config_error():
    with pytest.raises(ConfigError) as raised:
        load_config("/nonexistent/crisisdesk.yaml")
    assert "not found" in raised.value.problems[0].message
    assert raised.value.source == "/nonexistent/crisisdesk.yaml"


def test_error_names_its_source_and_every_problem(tmp_path):
    path = tmp_path / "crisisdesk.yaml"
    path.write_text("timezone: Mars/Olympus\nauto_resolve: sometimes\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert raised.value.source == str(path)
    assert str(raised.value).splitlines()[0] == f"{path}: 2 problem(s)"
    assert "line 2: auto_resolve: expected true or false" in str(raised.value)


def test_several_problems_are_all_reported_in_file_order():
    text = """\
        timezone: Europe/Warsw
        users:
          anna: {slack_id: anna}
        teams:
          social: {members: [anna, bob]}
        policies:
          brand-crisis:
            levels:
              - targets: {users: [anna]}
                wait: soon
        routes:
          - {source: mentions, policy: brand}
        default_policy: brand-crisis
    """
    problems = problems_in(text)
    assert [(p.path, p.line) for p in problems] == [
        ("timezone", 1),
        ("users.anna.slack_id", 3),
        ("teams.social.members[1]", 5),
        ("policies.brand-crisis.levels[0].wait", 10),
        ("routes[0].policy", 12),
    ]


def test_duplicate_keys_are_reported_at_the_second():
    text = VALID.replace("  piotr: {email", "  anna: {email", 1)
    problems = problems_in(text)
    duplicate = [p for p in problems if "duplicate" in p.message]
    assert duplicate == [Problem("users.anna", "duplicate key 'anna' (first on line 3)", 4)]


# --- unknown keys ---------------------------------------------------------------------------------------------

def test_unknown_top_level_key_suggests_the_right_one():
    text = with_("default_policy:", "defualt_policy:")
    problem = only_problem(text)  # and no second "default_policy: required"
    assert problem.path == "defualt_policy"
    assert problem.line == line_of(text, "defualt_policy")
    assert "did you mean 'default_policy'?" in problem.message


def test_unknown_nested_key_suggests_and_does_not_also_say_required():
    text = with_("        wait: 30m", "        wiat: 30m")
    problem = only_problem(text)
    assert problem.path == "policies.brand-crisis.levels[1].wiat"
    assert problem.line == line_of(text, "wiat")
    assert problem.message == "unknown key 'wiat'; did you mean 'wait'?"


def test_unknown_key_without_a_close_match_lists_the_known_ones():
    problem = only_problem(with_("Social media,", "Social media, colour: blue,"))
    assert problem.path == "teams.social.colour"
    assert "expected one of: name, members" in problem.message


# --- users and teams ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entry, path, words", [
    ("{slack_id: anna}", "users.anna.slack_id", "not a Slack user id"),
    ("{slack_id: u0anna}", "users.anna.slack_id", "not a Slack user id"),
    ("{email: anna-at-brand}", "users.anna.email", "does not look like an email"),
    ("{name: Anna}", "users.anna", "needs a slack_id"),
    ("{slack_id: 12345}", "users.anna.slack_id", "expected a Slack user id"),
    ("[U0ANNA]", "users.anna", "expected {slack_id, email, name}"),
])
def test_user_problems(entry, path, words):
    text = with_("anna: {slack_id: U0ANNA, email: anna@brand.example, name: Anna Nowak}", f"anna: {entry}")
    problem = only_problem(text)
    assert (problem.path, problem.line) == (path, 3)
    assert words in problem.message


def test_workspace_user_ids_are_accepted():
    config = load_config_text(with_("slack_id: U0ANNA", "slack_id: W012ABC"))
    assert config.directory.people["anna"].slack_id == "W012ABC"


def test_user_key_must_be_a_lowercase_identifier():
    text = with_("  piotr: {email: piotr@brand.example}\n",
                 "  piotr: {email: piotr@brand.example}\n  Kasia: {email: kasia@brand.example}\n")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("users.Kasia", 5)
    assert "lowercase" in problem.message


def test_dotted_and_dashed_keys_are_fine():
    text = with_("  piotr: {email: piotr@brand.example}\n",
                 "  piotr: {email: piotr@brand.example}\n  anna.k-2_x: {email: k@brand.example}\n")
    assert "anna.k-2_x" in load_config_text(text).directory.people


def test_unknown_team_member_is_reported_with_a_suggestion():
    text = with_("members: [anna, piotr]", "members: [anna, piotr, anan]")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("teams.social.members[2]", line_of(text, "members:"))
    assert problem.message == "unknown user 'anan'; did you mean 'anna'?"


def test_team_needs_members():
    text = with_("{name: Social media, members: [anna, piotr]}", "{name: Social media}")
    problems = problems_in(text)
    assert [(p.path, p.line, p.message) for p in problems] == [("teams.social.members", 6, "required")]


def test_broken_users_section_does_not_cascade_into_unknown_users():
    text = with_("users:\n  anna: {slack_id: U0ANNA, email: anna@brand.example, name: Anna Nowak}\n"
                 "  piotr: {email: piotr@brand.example}\n", "users: [anna, piotr]\n")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("users", 2)


# --- policies -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, path, words", [
    ("wait: 15m", "wait: soon", "policies.brand-crisis.levels[0].wait", "expected a duration"),
    ("wait: 15m", "wait: 15", "policies.brand-crisis.levels[0].wait", "needs a unit"),
    ("wait: 15m", "wait: 0s", "policies.brand-crisis.levels[0].wait", "longer than zero"),
    ("remind_every: 5m", "remind_every: 0m", "policies.brand-crisis.levels[0].remind_every", "longer than zero"),
    ("remind_every: 5m", "remind_every: often", "policies.brand-crisis.levels[0].remind_every", "duration"),
    ("repeat: 1", "repeat: -1", "policies.brand-crisis.repeat", "0 or more"),
    ("repeat: 1", "repeat: yes", "policies.brand-crisis.repeat", "whole number"),
    ("description: Mentions", "description: [a, b]", "policies.brand-crisis.description", "description"),
])
def test_policy_value_problems(old, new, path, words):
    text = with_(old, new)
    problem = only_problem(text)
    assert (problem.path, problem.line) == (path, line_of(text, new))
    assert words in problem.message


def test_missing_wait_is_reported_at_the_level():
    text = with_("      - targets: {users: [piotr]}\n        wait: 30m\n", "      - targets: {users: [piotr]}\n")
    problem = only_problem(text)
    assert problem.path == "policies.brand-crisis.levels[1].wait"
    assert problem.line == line_of(text, "targets: {users: [piotr]}")
    assert problem.message == "required"


def test_level_needs_a_target():
    text = with_("targets: {users: [piotr]}", "targets: {users: []}")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("policies.brand-crisis.levels[1].targets", line_of(text, "users: []"))
    assert "at least one target" in problem.message


def test_policy_needs_a_level():
    text = VALID.replace(VALID[VALID.index("    levels:"):VALID.index("routes:")], "    levels: []\n")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("policies.brand-crisis.levels", line_of(text, "levels: []"))
    assert "at least one level" in problem.message


def test_unknown_targets_are_reported_each_on_their_path():
    text = with_("targets: {users: [anna], teams: [social]}",
                 "targets: {users: [anna, ghost], teams: [socail], schedules: [weekend-oncall]}")
    problems = problems_in(text)
    line = line_of(text, "ghost")
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("policies.brand-crisis.levels[0].targets.users[1]", line, "unknown user 'ghost'"),
        ("policies.brand-crisis.levels[0].targets.teams[0]", line, "unknown team 'socail'; did you mean 'social'?"),
        ("policies.brand-crisis.levels[0].targets.schedules[0]", line, "unknown schedule 'weekend-oncall'"),
    ]


def test_targets_must_be_lists():
    text = with_("targets: {users: [piotr]}", "targets: {users: piotr}")
    problem = only_problem(text)
    assert problem.path == "policies.brand-crisis.levels[1].targets.users"
    assert "expected a list" in problem.message


# --- schedules (parsed elsewhere) -----------------------------------------------------------------------------

SCHEDULED = VALID.replace("targets: {users: [piotr]}", "targets: {schedules: [weekend-oncall]}") + """\
schedules:
  weekend-oncall:
    rotation:
      members: [anna, piotr]
      handoff: "25:00"
"""


def test_schedule_problems_get_lines_and_rejected_schedules_are_not_reported_twice(monkeypatch):
    seen = {}

    def parse_schedules(raw, path, problems, people):
        seen.update(raw=raw, path=path, people=people)
        problems.append(Problem("schedules.weekend-oncall.rotation.handoff", "not a time of day"))
        problems.append(Problem("schedules.weekend-oncall.rotation.time_zone", "required"))
        return {}  # weekend-oncall was rejected

    monkeypatch.setattr(loader, "parse_schedules", parse_schedules)
    problems = problems_in(SCHEDULED)
    assert seen["path"] == "schedules" and seen["people"] == {"anna", "piotr"}
    assert "weekend-oncall" in seen["raw"]
    assert [(p.path, p.line) for p in problems] == [  # no "unknown schedule" for the level that names it
        ("schedules.weekend-oncall.rotation.time_zone", line_of(SCHEDULED, "rotation:")),  # closest ancestor
        ("schedules.weekend-oncall.rotation.handoff", line_of(SCHEDULED, "handoff")),
    ]


def test_schedules_parse_schedules_returns_can_be_targeted(monkeypatch):
    monkeypatch.setattr(loader, "parse_schedules", lambda raw, path, problems, people: {"weekend-oncall": "s"})
    config = load_config_text(SCHEDULED)
    assert config.schedules == {"weekend-oncall": "s"}
    assert config.policies["brand-crisis"].levels[1].targets == Targets(schedules=("weekend-oncall",))


# --- routes and the default policy ---------------------------------------------------------------------------

def test_route_to_unknown_policy():
    text = with_("{source: mentions, policy: brand-crisis}", "{source: mentions, policy: brand-crsis}")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("routes[1].policy", line_of(text, "brand-crsis"))
    assert "did you mean 'brand-crisis'?" in problem.message


def test_route_needs_a_policy():
    text = with_("{source: mentions, policy: brand-crisis}", "{source: mentions}")
    problem = only_problem(text)
    assert (problem.path, problem.line, problem.message) == ("routes[1].policy", line_of(text, "mentions"), "required")


def test_routes_must_be_a_list():
    text = VALID[:VALID.index("routes:")] + "routes: {source: mentions}\ndefault_policy: brand-crisis\n"
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("routes", line_of(text, "routes:"))


def test_match_values_must_be_text():
    text = with_("match: {team: social}", "match: {team: [social, pr]}")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("routes[0].match.team", line_of(text, "match:"))


def test_default_policy_is_required_when_there_are_policies():
    text = with_("default_policy: brand-crisis\n", "")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("default_policy", 1)
    assert "required" in problem.message and "brand-crisis" in problem.message


def test_default_policy_must_exist():
    text = with_("default_policy: brand-crisis", "default_policy: infra")
    problem = only_problem(text)
    assert (problem.path, problem.line) == ("default_policy", line_of(text, "default_policy"))
    assert problem.message == "unknown policy 'infra'"


# --- timezone and channel -------------------------------------------------------------------------------------

def test_unknown_timezone_suggests_one():
    problem = only_problem(with_("Europe/Warsaw", "Europe/Warsw"))
    assert (problem.path, problem.line) == ("timezone", 1)
    assert problem.message == "unknown time zone 'Europe/Warsw'; did you mean 'Europe/Warsaw'?"


@pytest.mark.parametrize("channel, path, words", [
    ('name_pattern: "crisis-{date}-{titel}"', "channel.name_pattern", "unknown placeholder {titel}; did you mean"),
    ('name_pattern: "crisis-{status}"', "channel.name_pattern", "unknown placeholder {status}"),
    ('topic_pattern: "{date} {title}"', "channel.topic_pattern", "unknown placeholder {date}"),
    ('topic_pattern: "{title"', "channel.topic_pattern", "expected '}'"),
    ('name_pattern: "crisis-{}"', "channel.name_pattern", "unknown placeholder {}"),
    ("private: no way", "channel.private", "expected true or false"),
    ("invite: [anna, ewa]", "channel.invite[1]", "unknown user 'ewa'"),
    ("colour: red", "channel.colour", "unknown key"),
])
def test_channel_problems(channel, path, words):
    text = VALID + f"channel:\n  {channel}\n"
    problem = only_problem(text)
    assert (problem.path, problem.line) == (path, line_of(text, channel))
    assert words in problem.message
