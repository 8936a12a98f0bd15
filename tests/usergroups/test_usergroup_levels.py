"""Slack user groups as a level's targets: the worker reads their members into the database (a handle's id once,
with usergroups.list), the engine pages them from there; a group that cannot be read is a timeline note and the
level's other targets are paged."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.paging import UserGroup
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, SUMMARY, at, mention, open_incident, opening, page, timeline_texts
from tests.support.expect import seen

GROUPS = """
  pr-groups:
    levels:
      - targets: {users: [anna], usergroups: ["@pr-team", S0LEGAL]}
        wait: 15m
        remind_every: 5m
      - targets: {usergroups: [S0GONE]}
        wait: 15m
      - targets: {users: [marek]}
        wait: 15m
"""


@pytest.fixture
def config():
    text = CONFIG.replace("policies:\n", "policies:" + GROUPS, 1).replace("default_policy: brand-crisis",
                                                                         "default_policy: pr-groups")
    return load_test_config(text)


@pytest.fixture
def groups(slack):
    slack.add_user("U0OLA", "ola", "ola@elsewhere.test")  # in the group, not in the config
    slack.add_usergroup("S0PRTEAM", "pr-team", ["U0EWA", "U0OLA", "U0ANNA"])
    slack.add_usergroup("S0LEGAL", "legal", ["U0PIOTR"])


def calls(slack, method: str) -> list[dict]:
    return [c.args for c in slack.calls(method)]


def test_a_user_group_level_pages_the_members_as_the_stand_in_lists_them(bot, slack, clock, engine, groups):
    open_incident(bot)
    bot.run_worker()
    paged = ["U0ANNA", "U0EWA", "U0OLA", "U0PIOTR"]  # Anna once, though she is in @pr-team too
    assert seen(slack) == [("post", f"dm:{u}", page(1)) for u in paged] + opening(CHANNEL, SUMMARY, mention(paged, 1))
    # Piotr is named by email only, never looked up yet: the group's member is known by their Slack id, stored
    # plain and listed among the event's mentions, which the timeline's renderers show as mentions.
    assert ("page", "Paged level 1: Anna Nowak, Ewa Lis, U0OLA, U0PIOTR") in timeline_texts(engine)
    with Session(engine) as session:
        (event,) = [e for e in timeline.events(session, 1) if e.kind == "page"]
        assert event.data["mentions"] == ["U0OLA", "U0PIOTR"]
    assert len(calls(slack, "usergroups.list")) == 1  # the handle's id, looked up once
    assert sorted(c["usergroup"] for c in calls(slack, "usergroups.users.list")) == ["S0GONE", "S0LEGAL",
                                                                                    "S0PRTEAM"]
    with Session(engine) as session:
        stored = {g.ref: (g.group_id, g.users, g.error) for g in session.query(UserGroup)}
    assert stored == {"@pr-team": ("S0PRTEAM", ["U0EWA", "U0OLA", "U0ANNA"], None),
                      "S0LEGAL": ("S0LEGAL", ["U0PIOTR"], None),
                      "S0GONE": ("S0GONE", [], "usergroups.users.list: no_such_subteam")}

    at(clock, 5)  # reminders reach the group's members too, Slack not asked about the groups again yet
    bot.run_worker()
    assert seen(slack) == [("post", f"dm:{u}", page(1, seq=1)) for u in paged] + [
        ("post", CHANNEL, mention(paged, 1, seq=1))]
    assert len(calls(slack, "usergroups.users.list")) == 4  # S0GONE again a minute after it failed

    slack.add_usergroup("S0LEGAL", "legal", ["U0MAREK"])  # someone changed the group in Slack
    at(clock, 10)
    bot.run_worker()
    seen(slack)
    assert len(calls(slack, "usergroups.list")) == 1
    with Session(engine) as session:
        assert session.get(UserGroup, "S0LEGAL").users == ["U0MAREK"]


def test_a_group_that_cannot_be_read_is_a_timeline_note_and_the_others_are_paged(bot, slack, clock, engine):
    slack.add_usergroup("S0LEGAL", "legal", ["U0PIOTR"])  # no @pr-team in Slack; S0GONE neither
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1)), ("post", "dm:U0PIOTR", page(1)),
                           *opening(CHANNEL, SUMMARY, mention(["U0ANNA", "U0PIOTR"], 1))]
    assert timeline_texts(engine)[1:3] == [
        ("note", "Level 1: could not read @pr-team: Slack has no user group with the handle @pr-team"),
        ("page", "Paged level 1: Anna Nowak, U0PIOTR")]

    at(clock, 15)  # level 2 is only a group Slack does not know: skipped at once, level 3 paged
    bot.run_worker()
    assert ("post", "dm:U0MAREK", page(3)) in seen(slack)
    assert ("skip", "Level 2 skipped: could not read user group S0GONE: usergroups.users.list: no_such_subteam") \
        in timeline_texts(engine)


def test_usergroups_in_a_level_are_checked_in_the_config():
    from bot.config.loader import load_config_text
    from bot.config.problems import ConfigError

    text = CONFIG.replace("policies:\n", "policies:" + GROUPS.replace('"@pr-team"', "pr team"), 1)
    with pytest.raises(ConfigError) as error:
        load_config_text(text, source="test-config")
    assert ("policies.pr-groups.levels[0].targets.usergroups[0]: expected a user group id like "
            "S0123PRTEAM (People > User groups > ⋮ > Copy group ID) or a handle in quotes like \"@pr-team\", "
            "got text ('pr team')") \
        in str(error.value)


def test_members_read_before_are_kept_when_slack_cannot_be_read(bot, slack, clock, engine, groups):
    bot.run_worker()  # the first tick reads the groups
    with slack.lock:
        del slack.workspace.usergroups["S0LEGAL"]
    at(clock, timedelta(minutes=11).total_seconds() / 60)
    bot.run_worker()
    with Session(engine) as session:
        legal = session.get(UserGroup, "S0LEGAL")
        assert (legal.users, legal.error) == (["U0PIOTR"], "usergroups.users.list: no_such_subteam")
    open_incident(bot)
    bot.run_worker()
    assert ("post", "dm:U0PIOTR", page(1)) in seen(slack)
