"""`/crisis page`: a person, a Slack user group or whoever is on call, paged now through the paging path."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.paging.models import Page
from escalation.paging.pages import ON_DEMAND
from handlers.incidents.blocks import ACK_ACTION
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, TITLE, closed, timeline_texts
from tests.support.expect import seen
from tests.support.room import open_room

SCHEDULES = """
schedules:
  social-oncall:
    timezone: Europe/Warsaw
    layers:
      - {name: office, kind: base, members: [piotr, ewa], shift: 1w, handoff: "09:00", start: 2026-11-23}
  night-desk:
    timezone: Europe/Warsaw
    layers:
      - {name: nights, kind: base, members: [marek], shift: 1d, handoff: "22:00", start: 2026-11-02,
         restrictions: [{days: every day, from: "22:00", to: "06:00"}]}
"""
ANNA = f"{CHANNEL}>U0ANNA"
USAGE = ("Write `/crisis page @person`, `/crisis page @group` or `/crisis page <schedule>` (several at once work "
         "too), e.g. `/crisis page @anna`.")


def dm(by: str = "<@U0ANNA>") -> str:
    return f"You are paged by {by} for incident #1 · SEV2 · {TITLE}"


def called(user_ids: list[str], by: str = "<@U0ANNA>") -> str:
    return (f"{' '.join(f'<@{u}>' for u in user_ids)} you are paged by {by}. Press Acknowledge in the pinned "
            "summary or type `/crisis ack`.")


@pytest.fixture
def config():
    return load_test_config(CONFIG + SCHEDULES)


@pytest.fixture
def channel(bot, slack) -> str:
    return open_room(bot, slack)


def paged_events(engine) -> list[tuple[str, str, dict]]:
    with Session(engine) as session:
        return [(e.actor, e.text, e.data) for e in timeline.events(session, 1) if e.kind == "paged"]


def on_demand_pages(engine) -> list[tuple[str, int, bool]]:
    with Session(engine) as session:
        rows = session.scalars(select(Page).where(Page.level == ON_DEMAND).order_by(Page.id))
        return [(p.person_key, p.seq, p.dm_ts is not None) for p in rows]


def test_paging_a_person_sends_a_dm_with_acknowledge_and_a_channel_mention(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=2))
    assert "U0EWA" not in slack.members(channel)
    bot.slash("page <@U0EWA|ewa>", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Paging Ewa Lis for incident #1.")]
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0EWA", dm()), ("post", CHANNEL, called(["U0EWA"]))]
    assert "U0EWA" in slack.members(channel)
    [page] = slack.dms_to("U0EWA")
    assert [e["action_id"] for b in page.blocks if b["type"] == "actions" for e in b["elements"]] == [ACK_ACTION]
    assert paged_events(engine) == [("U0ANNA", "Paged on demand: Ewa Lis", {"targets": ["Ewa Lis"], "by": "U0ANNA"})]
    assert on_demand_pages(engine) == [("ewa", 0, True)]

    # her Acknowledge works like an escalation page's, and closes every page DM
    bot.click(ACK_ACTION, "1", user="U0EWA", channel=page.channel, message_ts=page.ts)
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, ":large_yellow_circle: Acknowledged by <@U0EWA>. Paging has stopped."),
                           ("update", "dm:U0ANNA", closed("acknowledged", "<@U0EWA>")),
                           ("update", "dm:U0EWA", closed("acknowledged", "<@U0EWA>")),
                           ("update", CHANNEL, f"Incident #1 · SEV2 · {TITLE}")]


def test_someone_slack_knows_but_the_config_does_not(bot, slack, engine, channel):
    slack.add_user("U0OLA", "ola", "ola@agency.test")
    bot.slash("page <@U0OLA> <@U0PIOTR|piotr>", user="U0ANNA", channel=channel)
    bot.run_worker()
    # Piotr is in the config by email only, and nobody looked him up yet: he is shown as Slack shows him
    assert seen(slack) == [("response", ANNA, "Paging <@U0OLA>, <@U0PIOTR> for incident #1."),
                           ("post", "dm:U0OLA", dm()), ("post", "dm:U0PIOTR", dm()),
                           ("post", CHANNEL, called(["U0OLA", "U0PIOTR"]))]
    assert on_demand_pages(engine) == [("U0OLA", 0, True), ("U0PIOTR", 0, True)]


def test_the_same_command_delivered_twice_at_once_pages_once(bot, slack, clock, engine, channel):
    bot.slash("page <@U0EWA>", user="U0ANNA", channel=channel)
    bot.slash("page <@U0EWA>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Paging Ewa Lis for incident #1."),
                           ("response", ANNA, "Already paging Ewa Lis for incident #1."),
                           ("post", "dm:U0EWA", dm()), ("post", CHANNEL, called(["U0EWA"]))]
    assert len(paged_events(engine)) == 1

    clock.tick(timedelta(minutes=1))  # asked again later: a second page
    bot.slash("page <@U0EWA>", user="U0PIOTR", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "Paging Ewa Lis for incident #1."),
                           ("post", "dm:U0EWA", dm("<@U0PIOTR>")), ("post", CHANNEL, called(["U0EWA"], "<@U0PIOTR>"))]
    assert on_demand_pages(engine) == [("ewa", 0, True), ("ewa", 1, True)]


def test_paging_a_user_group_pages_its_members_as_they_are_now(bot, slack, engine, channel):
    slack.add_usergroup("S0PRLEADS", "pr-leads", ["U0EWA", "U0MAREK"])
    bot.slash("page <!subteam^S0PRLEADS|@pr-leads>", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Paging @pr-leads for incident #1.")]
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0EWA", dm()), ("post", "dm:U0MAREK", dm()),
                           ("post", CHANNEL, called(["U0EWA", "U0MAREK"]))]
    assert {"U0EWA", "U0MAREK"} <= set(slack.members(channel))
    assert [c.args["usergroup"] for c in slack.calls("usergroups.users.list")] == ["S0PRLEADS"]
    assert timeline_texts(engine)[-2:] == [("paged", "Paged on demand: @pr-leads"),
                                           ("note", "@pr-leads: paged Ewa Lis, Marek Wojcik")]


def test_a_user_group_without_its_handle_and_one_slack_does_not_know(bot, slack, engine, channel):
    slack.add_usergroup("S0LEGAL", "legal", ["U0MAREK"])
    bot.slash("page <!subteam^S0LEGAL> <!subteam^S0GONE|@gone>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Paging user group S0LEGAL, @gone for incident #1."),
                           ("post", "dm:U0MAREK", dm()),
                           ("post", CHANNEL, ":warning: Nobody was paged for @gone: Slack knows no such user group."),
                           ("post", CHANNEL, called(["U0MAREK"]))]
    assert timeline_texts(engine)[-3:] == [
        ("paged", "Paged on demand: user group S0LEGAL, @gone"),
        ("note", "user group S0LEGAL: paged Marek Wojcik"),
        ("note", "@gone: nobody paged, Slack knows no such user group")]


def test_paging_an_unknown_or_empty_user_group_says_in_the_channel_that_nobody_was_paged(bot, slack, engine, channel):
    slack.add_usergroup("S0EMPTY", "pr-leads", [])
    bot.slash("page <!subteam^S0UNKNOWN|@unknown-group>", user="U0ANNA", channel=channel)
    bot.slash("page <!subteam^S0EMPTY|@pr-leads>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", ANNA, "Paging @unknown-group for incident #1."),
        ("response", ANNA, "Paging @pr-leads for incident #1."),
        ("post", CHANNEL, ":warning: Nobody was paged for @unknown-group: Slack knows no such user group."),
        ("post", CHANNEL, ":warning: Nobody was paged for @pr-leads: it has no members.")]
    assert timeline_texts(engine)[-2:] == [("note", "@unknown-group: nobody paged, Slack knows no such user group"),
                                           ("note", "@pr-leads: nobody paged, it has no members")]
    assert on_demand_pages(engine) == []


def test_paging_a_schedule_pages_whoever_is_on_call(bot, slack, engine, channel):
    bot.slash("page social-oncall", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Paging Piotr Zielinski (on call for social-oncall) for incident #1.")]
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0PIOTR", dm()), ("post", CHANNEL, called(["U0PIOTR"]))]
    assert [c.args["email"] for c in slack.calls("users.lookupByEmail")] == ["piotr@brand.test"]
    assert paged_events(engine)[-1][2] == {"targets": ["Piotr Zielinski (on call for social-oncall)"],
                                           "by": "U0ANNA"}

    # looked up by email now, so a mention of him is known to be Piotr
    bot.slash("page <@U0PIOTR|piotr>", user="U0EWA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0EWA", "Paging Piotr Zielinski for incident #1."),
                           ("post", "dm:U0PIOTR", dm("<@U0EWA>")), ("post", CHANNEL, called(["U0PIOTR"], "<@U0EWA>"))]
    assert on_demand_pages(engine) == [("piotr", 0, True), ("piotr", 1, True)]


def test_a_schedule_with_nobody_on_call(bot, slack, engine, channel):
    bot.slash("page night-desk", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "I paged nobody: nobody is on call for night-desk.")]
    bot.slash("page night-desk <@U0EWA>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Paging Ewa Lis for incident #1. Not paged: nobody is on call for "
                                              "night-desk."),
                           ("post", "dm:U0EWA", dm()), ("post", CHANNEL, called(["U0EWA"]))]


def test_an_acknowledged_incident_can_still_be_paged_when_someone_asks(bot, slack, engine, channel):
    bot.slash("ack", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    bot.slash("page <@U0MAREK>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Paging Marek Wojcik for incident #1."),
                           ("post", "dm:U0MAREK", dm()),
                           ("post", CHANNEL, "<@U0MAREK> you are paged by <@U0ANNA>: please join here.")]
    [page] = slack.dms_to("U0MAREK")
    assert [b["type"] for b in page.blocks] == ["section", "context"]  # nothing left to acknowledge


def test_a_resolved_incident_pages_nobody(bot, slack, engine, channel):
    bot.slash("page <@U0MAREK>", user="U0ANNA", channel=channel)
    bot.slash("resolve", user="U0ANNA", channel=channel)  # before the worker delivered the page
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Paging Marek Wojcik for incident #1."),
                           ("response", ANNA, "Incident #1 resolved."),
                           # closing the page DMs heads its lane in the first round; the status post waits
                           # behind Marek's invite and the cancelled mention in the incident's lane
                           ("update", "dm:U0ANNA", closed("resolved", "<@U0ANNA>")),
                           ("post", CHANNEL, ":large_green_circle: Resolved by <@U0ANNA>."),
                           ("update", CHANNEL, f"Incident #1 · SEV2 · {TITLE}")]
    bot.slash("page <@U0MAREK>", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Incident #1 is resolved, so I paged nobody.")]


@pytest.mark.parametrize("text, answer", [
    ("page", USAGE),
    ("page @anna", f"I can't page `@anna`: it is not a person, a user group or a schedule. {USAGE} "
                   "Schedules: night-desk, social-oncall."),
    ("page social-oncal", f"I can't page `social-oncal`: it is not a person, a user group or a schedule. {USAGE} "
                          "Schedules: night-desk, social-oncall."),
])
def test_a_bad_page_says_how_to_write_it(bot, slack, engine, channel, text, answer):
    bot.slash(text, user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, answer)]
    assert paged_events(engine) == []
