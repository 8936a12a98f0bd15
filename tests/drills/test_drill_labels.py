"""A drill incident says DRILL in every message, DM, page and topic, and keeps saying it when a button changes them;
so do the answers to commands and buttons about it, and its statements in the approvers' channel, once each, even in
a message at Slack's 50 blocks; a real incident's messages and answers are not touched."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.outbox.labels import labelled
from escalation import timeline
from handlers.incidents.blocks import ACK_ACTION
from handlers.incidents.quiet import STILL_ON_IT_ACTION
from handlers.markup import drill_blocks, drill_text, drill_topic, is_drill_message
from slackstandin.app_requests import block_actions_body
from tests.drills.drill_incident import CHANNEL, CHANNEL_NAME, LABEL, NOTE, open_drill_incident
from tests.support.crisis import SECOND, T0, at, open_incident
from tests.support.expect import seen
from tests.support.templates import incident_channel, templates_config

SUMMARY = "[DRILL] Incident #1 · SEV2 · Checkout down"
PAGE = "[DRILL] You are paged (level 1) for incident #1 · SEV2 · Checkout down"
# The first page's channel mention rides on the summary post: one post, labelled once.
MENTION = "<@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned summary or type `/crisis ack`."
OPENING = f"{SUMMARY}\n{MENTION}"


def opened(bot, slack, engine) -> str:
    open_drill_incident(bot, engine)
    bot.run_worker()
    return slack.channel_named(CHANNEL_NAME)["id"]


def test_every_message_of_a_drill_incidents_opening_says_drill(bot, slack, engine):
    channel = opened(bot, slack, engine)
    messages = slack.take_messages()
    assert [(m.kind, m.text, m.blocks[0] if m.blocks else None) for m in messages] == [
        ("post", PAGE, LABEL),  # the page DM
        ("post", OPENING, LABEL),  # the pinned summary, the channel mention of the page on it
    ]
    page, summary = messages
    assert slack.workspace.channels[page.channel].dm_user == "U0ANNA"
    assert summary.channel == channel
    assert [b["type"] for b in summary.blocks] == ["context", "header", "section", "actions", "section"]
    assert summary.blocks[-1]["text"]["text"] == MENTION
    assert sum(b.get("block_id") == "drill-label" for b in summary.blocks) == 1 and summary.text.count("DRILL") == 1
    assert [b["type"] for b in page.blocks] == ["context", "section", "context", "actions"]
    assert slack.pins(channel) == [summary.ts]
    assert slack.topic(channel) == "DRILL: SEV2 · Checkout down · triggered"
    assert [c.args["topic"] for c in slack.calls("conversations.setTopic")] == [slack.topic(channel)]


def test_acknowledge_keeps_the_label_on_every_message_it_changes(bot, slack, engine):
    channel = opened(bot, slack, engine)
    summary = next(m for m in slack.take_messages() if m.text == OPENING)
    assert bot.click(ACK_ACTION, "1", user="U0ANNA", channel=channel, message_ts=summary.ts).status == 200
    bot.run_worker()
    messages = slack.take_messages()
    closed = "[DRILL] Incident #1 · Checkout down was acknowledged by <@U0ANNA>. No action needed from you."
    assert [(m.kind, m.text, m.blocks[0] if m.blocks else None) for m in messages] == [
        ("post", "[DRILL] :large_yellow_circle: Acknowledged by <@U0ANNA>. Paging has stopped.", None),
        ("update", closed, LABEL),  # the page DM, its button gone
        ("update", SUMMARY, LABEL),  # the pinned summary, re-rendered
    ]
    dm, card = messages[1], messages[2]
    assert dm.blocks == [LABEL, {"type": "section", "text": {"type": "mrkdwn", "text": closed[len("[DRILL] "):]}}]
    assert (card.channel, card.ts) == (channel, summary.ts)
    assert [e["action_id"] for e in card.blocks[-1]["elements"]] == ["incident_resolve"]
    assert slack.topic(channel) == "DRILL: SEV2 · Checkout down · acknowledged"


def test_status_shows_the_drill_card_labelled_once(bot, slack, engine):
    channel = opened(bot, slack, engine)
    seen(slack)
    bot.slash("status", user="U0PIOTR", channel=channel)
    [answer] = slack.take_messages()
    assert (answer.kind, answer.text) == ("response", SUMMARY)
    assert answer.blocks[0] == LABEL
    assert sum(b.get("block_id") == "drill-label" for b in answer.blocks) == 1


def test_labels_are_put_on_once_and_only_on_messages_and_topics():
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    once = labelled("chat.postMessage", {"channel": "C1", "text": "hi", "blocks": blocks})
    assert once == {"channel": "C1", "text": "[DRILL] hi", "blocks": [LABEL, *blocks]}
    assert labelled("chat.update", once) == once  # a renderer that labelled already is left as it is
    assert labelled("chat.postMessage", {"channel": "C1", "text": "plain"}) == {"channel": "C1",
                                                                                "text": "[DRILL] plain"}
    assert labelled("conversations.setTopic", {"channel": "C1", "topic": "SEV2 · x"})["topic"] == "DRILL: SEV2 · x"
    assert labelled("pins.add", {"channel": "C1", "timestamp": "1.1"}) == {"channel": "C1", "timestamp": "1.1"}
    assert drill_text(drill_text("x")) == "[DRILL] x"
    assert drill_blocks(drill_blocks(blocks)) == [LABEL, *blocks]
    assert drill_blocks([]) == []
    assert len(drill_topic("a" * 300)) == 250 and drill_topic("a" * 300).startswith("DRILL: ")
    assert is_drill_message({"text": "[DRILL] x"}) and is_drill_message({"text": "x", "blocks": [LABEL]})
    assert not is_drill_message({"text": "Incident #1", "blocks": blocks})


def test_still_on_it_keeps_the_label_of_the_warning_it_replaces(bot, slack, clock, engine):
    channel = opened(bot, slack, engine)
    bot.slash("ack", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    at(clock, 45)  # a SEV2 left without an update: warned at 75 % of its hour
    bot.run_worker()
    [warned] = slack.take_messages()
    assert (warned.text.startswith("[DRILL] :hourglass_flowing_sand: Incident #1"), warned.blocks[0]) == (True, LABEL)
    body = block_actions_body(STILL_ON_IT_ACTION, "1", user_id="U0ANNA", channel_id=warned.channel,
                              message_ts=warned.ts, response_url=slack.new_response_url(channel=warned.channel,
                                                                                        user="U0ANNA"),
                              message_text=warned.text, message_blocks=warned.blocks)
    assert bot.slack_request(body).status == 200
    [answer] = slack.take_messages()
    noted = "Noted: <@U0ANNA> is still on incident #1. It is paged again only after 1 h without an update."
    assert (answer.kind, answer.text, answer.blocks) == (
        "response", f"[DRILL] {noted}", [LABEL, {"type": "section", "text": {"type": "mrkdwn", "text": noted}}])


# -- what the bot answers about a drill's incident, and its statements in the approvers' channel ---------------

@pytest.fixture
def approvals(slack) -> str:
    return slack.add_channel("approvals", ["U0EWA", "U0MAREK", slack.BOT_USER_ID])


@pytest.fixture
def config(approvals):
    return templates_config(approvals)


def test_answers_about_a_drill_incident_say_drill_once(bot, slack, engine):
    channel = opened(bot, slack, engine)
    seen(slack)
    bot.slash("ack", user="U0ANNA", channel=channel)
    bot.slash("ack", user="U0PIOTR", channel=channel)
    summary = next(m for m in slack.messages_in(channel) if m.text == OPENING)
    bot.click(ACK_ACTION, "1", user="U0PIOTR", channel=channel, message_ts=summary.ts)  # a button's answer too
    bot.slash("update statement drafted", user="U0ANNA", channel=channel)
    bot.slash("resolve", user="U0ANNA", channel=channel)
    here = f"{CHANNEL}>"
    assert seen(slack) == [
        ("response", f"{here}U0ANNA", "[DRILL] Incident #1 acknowledged. Paging has stopped."),
        ("response", f"{here}U0PIOTR", "[DRILL] Incident #1 was already acknowledged by <@U0ANNA>."),
        ("response", f"{here}U0PIOTR", "[DRILL] Incident #1 was already acknowledged by <@U0ANNA>."),
        ("response", f"{here}U0ANNA", f"[DRILL] Status update posted in <#{channel}>. No stakeholders channel is set "
                                      "(`room.stakeholders_channel` in the config), so it went nowhere else."),
        ("response", f"{here}U0ANNA", "[DRILL] Incident #1 resolved.")]


def test_a_real_incidents_answers_are_not_labelled(bot, slack):
    channel = incident_channel(bot, slack)
    bot.slash("ack", user="U0ANNA", channel=channel)
    bot.slash("update statement drafted", user="U0ANNA", channel=channel)
    assert [text for _, _, text in seen(slack)] == [
        "Incident #1 acknowledged. Paging has stopped.",
        f"Status update posted in <#{channel}>. No stakeholders channel is set (`room.stakeholders_channel` in the "
        "config), so it went nowhere else."]


WORDS = "There is no outage {now}. Checkout works & orders go through."


def statement_form(text: str = WORDS) -> dict:
    fields = {"text": text, "language": "en", "channels": "Twitter"}
    return {name: {name: {"type": "plain_text_input", "value": value}} for name, value in fields.items()}


def test_a_drill_statement_says_drill_to_its_approvers_and_beside_the_text_to_copy(bot, slack, engine, approvals):
    channel = opened(bot, slack, engine)
    seen(slack)
    bot.slash("statement", user="U0EWA", channel=channel)
    bot.submit_view("statement_propose", statement_form(), user="U0EWA", private_metadata='{"incident": 1}')
    bot.run_worker()
    [proposal] = slack.take_messages()
    card = "<@U0EWA> proposes template `statement-1` (en) v1: Statement for incident #1 (twitter)"
    assert (proposal.channel, proposal.text, proposal.blocks[0]) == (approvals, f"[DRILL] {card}", LABEL)
    [approve, _reject] = [e["value"] for b in proposal.blocks if b["type"] == "actions" for e in b["elements"]]
    bot.click("template_approve", approve, user="U0EWA", channel=approvals, message_ts=proposal.ts)
    bot.click("template_approve", approve, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
    bot.run_worker()
    ready = ("[DRILL] Approved statement `statement-1` (en) for twitter, approved by <@U0MAREK> at 2026-11-24 10:00 "
             "CET: ready to copy")
    assert sorted(seen(slack)) == sorted([
        ("response", "#approvals>U0EWA", "[DRILL] You proposed v1 of `statement-1` (en) yourself: another approver "
                                         "must approve it (you can still reject it)."),
        ("update", "#approvals", f"[DRILL] {card} · approved by <@U0MAREK>"),
        ("post", "dm:U0EWA", "[DRILL] Your template `statement-1` (en) v1 was approved by <@U0MAREK>. It is served "
                             "from now on: `/crisis template statement-1 en`."),
        ("post", CHANNEL, ready)])
    assert [(m.kind, m.blocks[0]) for m in slack.messages_in(approvals) if m.blocks] == [("post", LABEL),
                                                                                            ("update", LABEL)]

    bot.slash("template statement-1", user="U0ANNA", channel=channel)
    [filled] = slack.take_messages()
    copy = WORDS.replace("&", "&amp;")
    assert (filled.kind, filled.text, filled.blocks[0]) == ("response", f"[DRILL] {copy}", LABEL)
    assert [b for b in filled.blocks if b["type"] == "section"] == [  # the text to copy, and only it
        {"type": "section", "text": {"type": "plain_text", "text": copy, "emoji": True}}]
    [use] = [e for b in filled.blocks if b["type"] == "actions" for e in b["elements"]]
    bot.click("template_use", use["value"], user="U0ANNA", channel=channel, message_ts=filled.ts)
    bot.click("template_use", use["value"], user="U0ANNA", channel=channel, message_ts=filled.ts)
    assert [text for _, _, text in seen(slack)] == [
        "[DRILL] Recorded on the timeline of incident #1: <@U0ANNA> used `statement-1` v1 (en). It counts as the "
        "incident's first public reply.", "[DRILL] Already recorded on the timeline of incident #1."]


def test_a_drill_timeline_of_fifty_blocks_posts_with_the_label_in_its_header(bot, slack, engine):
    channel = opened(bot, slack, engine)
    with Session(engine) as session, session.begin():  # 60 events of a section each: 49 in the first message
        timeline.record_many(session, [dict(incident_id=1, at=T0 + n * SECOND, kind="log", text=f"{n} " + "x" * 2800,
                                            actor="U0ANNA", data={}) for n in range(60)])
    seen(slack)
    bot.slash("timeline", user="U0ANNA", channel=channel)
    bot.run_worker()
    title = "Timeline of incident #1 · SEV2 · Checkout down"
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", f"[DRILL] Posting the timeline of incident #1 in "
                                                             f"<#{channel}>."),
                           ("post", CHANNEL, f"[DRILL] {title}"), ("post", CHANNEL, f"[DRILL] {title} (part 2)")]
    full, rest = slack.messages_in(channel)[-2:]
    assert (len(full.blocks), full.blocks[0]) == (50, {"type": "header", "text": {"type": "plain_text",
                                                                                  "text": f"DRILL: {title}"}})
    # The opening's events share a section; the 60 long ones take one each: 61 sections, 49 in the full message.
    assert rest.blocks[:2] == [LABEL, {"type": "header", "text": {"type": "plain_text", "text": f"{title} (part 2)"}}]
    assert len(rest.blocks) == 2 + 61 - 49


def test_a_full_message_says_drill_in_its_first_block_once():
    sections = [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {n}"}} for n in range(50)]
    full = drill_blocks(sections)
    assert full == [{"type": "section", "text": {"type": "mrkdwn", "text": f"{NOTE}\nline 0"}}, *sections[1:]]
    assert drill_blocks(full) == full and drill_blocks(sections) == full and len(full) == 50
    header = [{"type": "header", "text": {"type": "plain_text", "text": "h" * 150}}, *sections[1:]]
    assert drill_blocks(header)[0]["text"]["text"] == "DRILL: " + "h" * 143
    assert drill_blocks(sections[:49]) == [LABEL, *sections[:49]]


def test_any_answer_in_a_drill_channel_says_drill_once(bot, slack, engine):
    """Not only answers about the drill's incident: `/crisis list` typed in a drill channel says DRILL too (the
    router asks whether the channel is a drill's), and typed elsewhere it does not."""
    channel = opened(bot, slack, engine)
    seen(slack)
    bot.slash("list", user="U0ANNA", channel=channel)
    [(_, _, here)] = seen(slack)
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    bot.slash("list", user="U0ANNA", channel=elsewhere)
    [(_, _, there)] = seen(slack)
    assert here == "[DRILL] " + there
    assert not there.startswith("[DRILL]")


def test_a_command_naming_a_real_incident_from_a_drill_channel_is_not_labelled(bot, slack, engine):
    drill = opened(bot, slack, engine)
    seen(slack)
    open_incident(bot)  # a real incident, #2, opened beside the drill's
    bot.run_worker()
    seen(slack)
    bot.slash("ack #2", user="U0ANNA", channel=drill)
    assert seen(slack)[0] == ("response", f"{CHANNEL}>U0ANNA", "Incident #2 acknowledged. Paging has stopped.")
