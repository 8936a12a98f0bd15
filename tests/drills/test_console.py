"""The console's server side against the real bot: what a person does on the page reaches the bot signed as Slack
sends it, and what the bot answers comes back into the picture the page draws, for the right eyes only."""
from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient

from bot.config.loader import load_config
from bot.drills.workspace import seed
from handlers.router import HELP
from slackstandin.console import AppLink, Console, Person, acting, samples
from slackstandin.console.picture import picture
from slackstandin.console.state import Refused
from slackstandin.standin import Standin
from tests.drills.drill_process import EXAMPLE
from tests.support.bot import SIGNING_SECRET, WEBHOOK_TOKEN
from tests.support.config import PEOPLE
from tests.support.crisis import CHANNEL, T0, incidents, open_incident, page
from tests.support.expect import seen


@pytest.fixture
def console(bot, slack) -> Console:
    people = [Person(user_id, key, name) for key, user_id, name, _email in PEOPLE]
    slack.add_channel("general", ["U0ANNA", "U0PIOTR"])
    return Console(slack, AppLink(bot.url, SIGNING_SECRET, WEBHOOK_TOKEN), people)


def lines(console: Console, name: str) -> list[tuple[str, str | None, str]]:
    """(kind, who sees it or None for everyone, text) of a conversation as the page gets it."""
    channel = next(c for c in picture(console)["channels"] if c["name"] == name or c["dm_user"] == name)
    return [(line["kind"], line["for"], line.get("text") or line.get("name")) for line in channel["lines"]]


def test_a_slash_command_typed_on_the_page_is_answered_to_that_person_only(console, bot, slack):
    general = slack.channel_named("general")["id"]
    assert acting.type_text(console, "U0ANNA", general, "/crisis help") == "sent"
    bot.executor.wait_idle()
    assert seen(slack) == [("response", "#general>U0ANNA", HELP)]
    assert lines(console, "general") == [("response", "U0ANNA", HELP)]


def test_a_message_typed_on_the_page_joins_a_public_channel_first_as_slack_does(console, slack):
    general = slack.channel_named("general")["id"]
    acting.type_text(console, "U0EWA", general, "anyone on this?")
    assert slack.members(general) == ["U0ANNA", "U0PIOTR", "U0EWA"]
    assert lines(console, "general") == [("note", None, "<@U0EWA> joined #general"),
                                         ("message", None, "anyone on this?")]
    assert seen(slack) == []  # a person's message is not the bot's


def test_acknowledge_pressed_in_a_page_dm_reaches_the_bot_as_block_actions(console, bot, slack, engine):
    open_incident(bot)
    bot.run_worker()
    dm = slack.dms_to("U0ANNA")[0]
    button = next(e for b in dm.blocks if b["type"] == "actions" for e in b["elements"])
    message = {"ts": dm.ts, "text": dm.text, "blocks": dm.blocks}
    action = {"action_id": button["action_id"], "block_id": "", "value": button["value"]}
    assert acting.click(console, "U0ANNA", dm.channel, message, action, ephemeral=False) == "sent"
    bot.executor.wait_idle()
    assert [status for _n, status, _c in incidents(engine)] == ["acknowledged"]
    assert lines(console, "U0ANNA")[0] == ("message", None, page(1))
    slack.take_messages()  # the opening and the acknowledgement: tests/test_commands.py holds them word for word


def test_what_slack_would_not_let_a_person_do_is_refused(console, bot, slack):
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    dm = slack.workspace.dm_id_of("U0ANNA")
    with pytest.raises(Refused, match="only its members"):
        acting.type_text(console, "U0PIOTR", dm, "/crisis ack")  # Anna's DM with the bot
    with pytest.raises(Refused, match="not a command here"):
        acting.type_text(console, "U0ANNA", dm, "/giphy crisis")
    with pytest.raises(Refused, match="nobody in this drill"):
        acting.type_text(console, "U0NOBODY", slack.channel_named(CHANNEL[1:])["id"], "/crisis ack")
    assert seen(slack) == []


def test_the_drill_workspace_has_the_configs_people_and_the_channels_it_names_by_id():
    standin = Standin()
    people = seed(standin, load_config(EXAMPLE))
    assert [(p.key, p.user_id) for p in people][:3] == [("anna", "U04ANNA7Q2"), ("piotr", "U04PIOTR9K"),
                                                        ("kasia", "U0DRILL003")]  # no slack_id: found by email
    assert standin.workspace.users["U0DRILL003"]["email"] == "katarzyna.wojcik@brand.example"
    named = {c.id: (c.name, Standin.BOT_USER_ID in c.members, len(c.members))
             for c in standin.workspace.channels.values()}
    assert named == {"C0001": ("general", False, 7), "C05ONCALL1": ("oncall-admin", True, 8),
                     "C05STAKEHD": ("stakeholders", True, 8), "C05ALLSTAFF": ("all-staff", True, 8),
                     "C05APPROVE1": ("template-approvals", True, 8),
                     "C05CARE01": ("customer-service", True, 8)}


def test_markup_in_an_alert_reaches_the_page_escaped_as_slack_escapes_it(console, bot, slack):
    samples.alert(console, "generic", "Checkout <b>down</b> & refunds late", "critical")
    bot.run_worker()
    slack.take_messages()  # the opening, the page DMs and the mentions: tests/test_commands.py has them word for word
    name = f"crisis-{T0:%Y%m%d}-checkout-b-down-b-refunds-late"
    summary = next(line for line in lines(console, name) if line[0] == "message")
    assert summary[:2] == ("message", None)
    assert summary[2].split("\n")[0] == "Incident #1 · SEV1 · Checkout &lt;b&gt;down&lt;/b&gt; &amp; refunds late"
    assert "<b>" not in json.dumps(picture(console))  # mrkdwn.js draws &lt;b&gt; as text (test_console_browser.py)


MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Propose a template"}, "blocks": []}


def test_a_modal_is_for_the_person_whose_action_issued_its_trigger(console, slack):
    annas, _piotrs = console.acted("U0ANNA"), console.acted("U0PIOTR")  # Piotr acts before the app answers Anna
    WebClient(token=slack.token, base_url=slack.api_url).views_open(trigger_id=annas, view=MODAL)
    assert [(m["user"], m["view"]["title"]["text"]) for m in picture(console)["modals"]] == [
        ("U0ANNA", "Propose a template")]


def test_a_submitted_modal_stays_closed_whatever_order_two_polls_finish_in(console):
    first, second = {**MODAL, "id": "V00000001"}, {**MODAL, "id": "V00000002"}
    console.catch_up_modals([(first, "U0ANNA"), (second, "U0PIOTR")])  # the later poll finishes first,
    console.catch_up_modals([(first, "U0ANNA")])  # the earlier one after it, with one views.open fewer
    console.settle_modal("V00000002")  # Piotr submits his form
    console.catch_up_modals([(first, "U0ANNA"), (second, "U0PIOTR")])
    assert [(m["view_id"], m["user"]) for m in console.open_modals()] == [("V00000001", "U0ANNA")]
