"""`/crisis statement`: an ad-hoc public statement approved by another approver, then shown ready to copy with
Use; `/crisis broadcast`: approved wording to the staff channel, with who approved it and when."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.crisis import CHANNEL, timeline_texts
from tests.support.expect import seen
from tests.support.templates import templates_config

WORDS = "We are aware of posts about a recall {rumour}. There is no recall & our products are safe."
EWA, MAREK, ANNA = f"{CHANNEL}>U0EWA", f"{CHANNEL}>U0MAREK", f"{CHANNEL}>U0ANNA"
PROPOSAL = "<@U0EWA> proposes template `statement-1` (en) v1: Statement for incident #1 (twitter, press)"


@pytest.fixture
def staff(slack) -> str:
    """A public channel every employee reads; the bot was never invited."""
    return slack.add_channel("all-staff", ["U0MAREK"])


@pytest.fixture
def config(request, approvals, staff):
    with_staff = getattr(request, "param", True)
    return templates_config(approvals, f"room:\n  staff_channel: {staff}\n" if with_staff else "")


def statement_form(text=WORDS, language="en", channels="Twitter, press") -> dict:
    fields = {"text": text, "language": language, "channels": channels}
    return {name: {name: {"type": "plain_text_input", "value": value}} for name, value in fields.items()}


def submit(bot, user="U0EWA", **typed):
    return bot.submit_view("statement_propose", statement_form(**typed), user=user, private_metadata='{"incident": 1}')


def test_a_statement_proposed_refused_to_its_proposer_approved_used_and_broadcast(bot, slack, clock, engine,
                                                                                   approvals, staff, channel):
    bot.slash("statement", user="U0EWA", channel=channel)
    [call] = slack.calls("views.open")
    view = call.args["view"]
    assert (view["callback_id"], view["private_metadata"]) == ("statement_propose", '{"incident": 1}')
    assert [b["block_id"] for b in view["blocks"]] == ["text", "language", "channels"]
    assert seen(slack) == []

    answer = submit(bot)
    assert answer.body["view"]["blocks"][0]["text"]["text"] == (
        f"Statement `statement-1` (en) was sent to the approvers in <#{approvals}>. Once another approver approves "
        "it, it is posted in the incident channel, ready to copy.")
    bot.run_worker()
    [proposal] = slack.take_messages()
    assert (proposal.channel, proposal.text) == (approvals, PROPOSAL)
    assert proposal.blocks[1]["text"]["text"] == WORDS.replace("&", "&amp;")

    [approve, _reject] = [e["value"] for b in proposal.blocks if b["type"] == "actions" for e in b["elements"]]
    bot.click("template_approve", approve, user="U0EWA", channel=approvals, message_ts=proposal.ts)
    assert seen(slack) == [("response", "#approvals>U0EWA", "You proposed v1 of `statement-1` (en) yourself: "
                            "another approver must approve it (you can still reject it).")]

    clock.tick(timedelta(minutes=4))
    bot.click("template_approve", approve, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
    bot.run_worker()
    ready_text = ("Approved statement `statement-1` (en) for twitter, press, approved by <@U0MAREK> at "
                  "2026-11-24 10:04 CET: ready to copy")
    assert sorted(seen(slack)) == sorted([  # three lanes: the proposal's, the proposer's DM, the incident's
        ("update", "#approvals", f"{PROPOSAL} · approved by <@U0MAREK>"),
        ("post", "dm:U0EWA", "Your template `statement-1` (en) v1 was approved by <@U0MAREK>. It is served from now "
                             "on: `/crisis template statement-1 en`."),
        ("post", CHANNEL, ready_text)])
    [ready] = [m for m in slack.messages_in(channel) if m.text == ready_text]
    assert ready.blocks[2]["text"]["text"] == WORDS.replace("&", "&amp;")
    [use] = [e for b in ready.blocks if b["type"] == "actions" for e in b["elements"]]

    bot.click("template_use", use["value"], user="U0ANNA", channel=channel, message_ts=ready.ts)
    assert seen(slack) == [("response", ANNA, "Recorded on the timeline of incident #1: <@U0ANNA> used "
                            "`statement-1` v1 (en). It counts as the incident's first public reply.")]

    bot.slash("broadcast statement-1", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", ANNA, f"Posting `statement-1` v1 (en) to <#{staff}> for every employee, with who approved it."),
        ("post", "#all-staff", "Approved wording for incident #1: `statement-1` v1 (en), approved by <@U0MAREK> at "
                               "2026-11-24 10:04 CET")]
    [posted] = slack.messages_in(staff)
    assert posted.blocks[1]["text"]["text"] == WORDS.replace("&", "&amp;")
    assert posted.blocks[2]["elements"][0]["text"] == (
        "Shared by <@U0ANNA>. When asked about it, answer with exactly these words. "
        f"Send anything else to <#{channel}>.")
    assert slack.BOT_USER_ID in slack.members(staff)
    assert timeline_texts(engine)[-3:] == [
        ("statement", "Statement `statement-1` (en) proposed for approval"),
        ("template_used", "Used template `statement-1` v1 (en): first public reply"),
        ("broadcast", "Broadcast `statement-1` v1 (en) to the staff channel")]


def test_a_template_from_the_config_is_broadcast_filled_in(bot, slack, staff, channel):
    bot.slash('broadcast holding-statement pl time="15:00"', user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", ANNA, f"Posting `holding-statement` v1 (pl) to <#{staff}> for every employee, with who approved "
                           "it."),
        ("post", "#all-staff", "Approved wording for incident #1: `holding-statement` v1 (pl), approved in the config "
                               "file")]
    [posted] = slack.messages_in(staff)
    assert posted.blocks[1]["text"]["text"] == "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do 15:00."


@pytest.mark.parametrize("command, answer", [
    ("statement now please", "`/crisis statement` takes nothing after it but the incident: the form asks for the "
                             "text."),
    ("broadcast", "Name the approved wording to broadcast: `/crisis broadcast <template or statement> [lang] "
                  'name=value ...`, e.g. `/crisis broadcast holding-statement time="15:00"`.'),
    ("broadcast statement-9", "There is no template or tag `statement-9`. Did you mean `holding-statement`? "
                              "`/crisis template` lists the approved templates."),
    ("broadcast holding-statement", "`holding-statement` (en) needs a value for {time}. "),
])
def test_bad_input_is_answered_only_to_the_person(bot, slack, channel, command, answer):
    bot.slash(command, user="U0ANNA", channel=channel)
    bot.run_worker()
    [(kind, where, text)] = seen(slack)
    assert (kind, where) == ("response", ANNA)
    assert text.startswith(answer)


def test_outside_an_incident_channel_or_for_a_stranger_nothing_opens(bot, slack, channel, approvals):
    bot.slash("statement", user="U0ANNA", channel=approvals)
    slack.add_user("U0EVE", "eve", "eve@elsewhere.test")
    elsewhere = slack.add_channel("random", ["U0EVE"])
    bot.slash(f"statement <#{channel}>", user="U0EVE", channel=elsewhere)
    assert seen(slack) == [
        ("response", "#approvals>U0ANNA", "This channel is not an incident channel. Run the command in the "
                                          "incident's channel, or name the incident: `/crisis statement #crisis-...`"),
        ("response", "#random>U0EVE", "You may not change incident #1: only the people named in crisisdesk's config, "
                                      f"members of <#{channel}> and the incident's responders (paged people, "
                                      "commander, comms lead, approver) may.")]
    assert slack.calls("views.open") == []


def test_a_bad_statement_is_answered_in_the_form(bot, slack, engine, channel):
    answer = submit(bot, text="  ", language="english", channels="twitter")
    assert answer.body == {"response_action": "errors", "errors": {
        "language": "Use a language code like en, pl or pt-br.", "text": "Write the statement."}}
    bot.run_worker()
    assert seen(slack) == []


@pytest.mark.parametrize("config", [False], indirect=True)
def test_without_a_staff_channel_a_broadcast_says_how_to_set_one(bot, slack, channel):
    bot.slash("broadcast holding-statement", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Broadcasts need a staff channel: set `room.staff_channel` in the "
                            "config (a channel id like C0123STAFF).")]
