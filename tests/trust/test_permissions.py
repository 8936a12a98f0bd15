"""Who may act on an incident, command by command and button by button, with the default rule: the incident's
responders, the people in the config, and members of the incident channel acting there. Everyone else is refused
with an ephemeral answer saying who may, and the database does not change."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import tables  # noqa: F401  (every table on Base.metadata)
from escalation.base import Base
from handlers.incidents.blocks import ACK_ACTION, RESOLVE_ACTION
from tests.support.crisis import CHANNEL, CHANNEL_NAME
from tests.support.expect import seen
from tests.support.room import open_room

ELSEWHERE = "#social-media"
RESPONDERS = "the incident's responders (paged people, commander, comms lead, approver)"
# (who, config says, acting where): where is the incident channel, #social-media, or (buttons) their own page DM
PAGED, TEAM, MEMBER, STRANGER = "paged on demand", "team member", "channel member", "stranger"
USERS = {PAGED: "U0OLA", TEAM: "U0MAREK", MEMBER: "U0CARL", STRANGER: "U0EVE"}
ALLOWED = {PAGED: True, TEAM: True, MEMBER: True, STRANGER: False}
COMMANDS = [  # (command with the incident named, what it needs, what an allowed person is told)
    ("ack {ref}", "acknowledge", "Incident #1 acknowledged. Paging has stopped."),
    ("resolve {ref} post removed", "resolve", "Incident #1 resolved."),
    ("severity {ref} 1", "change", "Incident #1 is now SEV1."),
    ("type {ref} rumour", "change", "Incident #1 is now classified as rumour."),
    ("role {ref} commander <@U0EWA>", "change", "<@U0EWA> is now the commander of incident #1."),
    ("log {ref} deleted the post", "change", "Logged on the timeline of incident #1."),
    ("update {ref} statement drafted", "change", "Status update posted in <#{channel}>. No stakeholders channel is "
                                                 "set (`room.stakeholders_channel` in the config), so it went "
                                                 "nowhere else."),
    ("page {ref} <@U0EWA>", "page", "Paging Ewa Lis for incident #1."),
    ("timeline {ref}", "change", "Posting the timeline of incident #1 in <#{channel}>."),
    ("timeline {ref} export", "change", "Uploading the timeline of incident #1 to <#{channel}> as a Markdown file."),
    ("review {ref}", "change", "Posting the review of incident #1 in <#{channel}>, with the Markdown file to fill "
                               "in the lessons."),
]
VERBS = {"acknowledge": "acknowledge", "resolve": "resolve", "change": "change", "page": "page people for"}


def refusal(needs: str, channel: str) -> str:
    return (f"You may not {VERBS[needs]} incident #1: only the people named in crisisdesk's config, members of "
            f"<#{channel}> and {RESPONDERS} may.")


def button_refusal(verb: str, channel: str) -> str:
    return (f"This button works only for {RESPONDERS}, so it did not {verb} incident #1. The people named in "
            f"crisisdesk's config and members of <#{channel}> may do it with `/crisis`.")


def database(engine) -> dict[str, list]:
    """Every row of every table: a refusal must leave all of them as they were."""
    with Session(engine) as session:
        return {t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr)
                for t in Base.metadata.sorted_tables}


@pytest.fixture
def room(bot, slack) -> dict[str, str]:
    """Incident #1, Anna paged by its policy and Ola (whom the config does not know) paged on demand; Carl joined
    the incident channel but is not in the config; Eve is neither. Where each of them acts, by persona."""
    channel = open_room(bot, slack)
    for user, name in (("U0OLA", "ola"), ("U0CARL", "carl"), ("U0EVE", "eve")):
        slack.add_user(user, name, f"{name}@elsewhere.test")
    elsewhere = slack.add_channel("social-media", ["U0OLA", "U0MAREK", "U0EVE"])
    with slack.lock:  # Carl joins by himself: nobody paged him
        slack.workspace.channels[channel].members.append("U0CARL")
    bot.slash("page <@U0OLA>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Paging <@U0OLA> for incident #1."),
                           ("post", "dm:U0OLA", "You are paged by <@U0ANNA> for incident #1 · SEV2 · "
                                                "Negative mentions x8"),
                           ("post", CHANNEL, "<@U0OLA> you are paged by <@U0ANNA>. Press Acknowledge in the pinned "
                                             "summary or type `/crisis ack`.")]
    [ola_page] = slack.dms_to("U0OLA")
    return {"channel": channel, "elsewhere": elsewhere, "ola_page": ola_page.channel,
            "summary": slack.pins(channel)[0], "anna_page": slack.dms_to("U0ANNA")[0].ts}


def acting_in(persona: str, room: dict[str, str], button: bool = False) -> tuple[str, str, str]:
    """(user, channel id, how the stand-in names where they see answers) for a persona."""
    if persona == MEMBER:
        return USERS[persona], room["channel"], CHANNEL
    if persona == PAGED and button:
        return USERS[persona], room["ola_page"], "dm:U0OLA"
    return USERS[persona], room["elsewhere"], ELSEWHERE


@pytest.mark.parametrize("persona", [PAGED, TEAM, MEMBER, STRANGER])
@pytest.mark.parametrize("command, needs, answer", COMMANDS, ids=[c[0].replace(" {ref}", "") for c in COMMANDS])
def test_each_command(bot, slack, engine, room, command, needs, answer, persona):
    user, where, shown = acting_in(persona, room)
    channel = room["channel"]
    before = database(engine)
    bot.slash(command.format(ref=f"<#{channel}|{CHANNEL_NAME}>"), user=user, channel=where)
    if ALLOWED[persona]:
        assert seen(slack) == [("response", f"{shown}>{user}", answer.format(channel=channel))]
        assert database(engine) != before
        return
    assert seen(slack) == [("response", f"{shown}>{user}", refusal(needs, channel))]
    assert database(engine) == before
    bot.run_worker()
    assert seen(slack) == []
    assert database(engine) == before


BUTTONS = [(ACK_ACTION, "acknowledge", "summary"), (ACK_ACTION, "acknowledge", "anna_page"),
           (RESOLVE_ACTION, "resolve", "summary")]


@pytest.mark.parametrize("persona", [PAGED, TEAM, MEMBER, STRANGER])
@pytest.mark.parametrize("action, verb, message", BUTTONS, ids=["summary-ack", "page-ack", "summary-resolve"])
def test_each_incident_button(bot, slack, engine, room, action, verb, message, persona):
    """Pressed where each person sees it: Carl in the incident channel, Ola on her own page, the others on a copy
    (a forwarded page or summary) in #social-media, where it acts for the incident's responders only."""
    user, where, shown = acting_in(persona, room, button=True)
    before = database(engine)
    bot.click(action, "1", user=user, channel=where, message_ts=room[message])
    if persona in (PAGED, MEMBER):
        assert seen(slack) == []  # a button that worked answers in the channel, not to the person
        bot.run_worker()
        done = "Acknowledged" if verb == "acknowledge" else "Resolved"
        assert [text for kind, place, text in seen(slack) if place == CHANNEL and kind == "post"][0].startswith(
            f":large_{'yellow' if verb == 'acknowledge' else 'green'}_circle: {done} by <@{user}>.")
        return
    assert seen(slack) == [("response", f"{shown}>{user}", button_refusal(verb, room["channel"]))]
    bot.run_worker()
    assert seen(slack) == []
    assert database(engine) == before


def test_the_person_a_page_was_sent_to_acknowledges_it(bot, slack, engine, room):
    anna = slack.dms_to("U0ANNA")[0]
    bot.click(ACK_ACTION, "1", user="U0ANNA", channel=anna.channel, message_ts=anna.ts)
    bot.run_worker()
    assert seen(slack)[0] == ("post", CHANNEL, ":large_yellow_circle: Acknowledged by <@U0ANNA>. Paging has stopped.")


def test_a_refusal_is_facts_and_the_edge_makes_the_channel_link():
    from escalation.incidents import Incident
    from escalation.permissions import Acting, Refusal, Rule, refusal
    from tests.support.config import CONFIG, load_test_config
    directory = load_test_config(CONFIG).directory
    refused = refusal("resolve", Rule(), Acting(None, False, False, False), directory,
                      Incident(id=4, channel_id="C0ROOM"))
    assert refused == Refusal("resolve", 4, ("the people named in crisisdesk's config",), True, "C0ROOM", False)
    assert "<" not in repr(refused)  # no Slack markup from the core
    assert refused.words(lambda channel_id: f"[{channel_id}]") == (
        f"You may not resolve incident #4: only the people named in crisisdesk's config, members of [C0ROOM] and "
        f"{RESPONDERS} may.")
