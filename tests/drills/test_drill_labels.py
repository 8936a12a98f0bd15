"""A drill incident says DRILL in every message, DM, page and topic, and keeps saying it when a button changes them;
a real incident's messages are not touched."""
from __future__ import annotations

from bot.outbox.labels import labelled
from handlers.incidents.blocks import ACK_ACTION
from handlers.incidents.quiet import STILL_ON_IT_ACTION
from handlers.markup import drill_blocks, drill_text, drill_topic, is_drill_message
from slackstandin.app_requests import block_actions_body
from tests.drills.drill_incident import CHANNEL_NAME, LABEL, open_drill_incident
from tests.support.crisis import at
from tests.support.expect import seen

SUMMARY = "[DRILL] Incident #1 · SEV2 · Checkout down"
PAGE = "[DRILL] You are paged (level 1) for incident #1 · SEV2 · Checkout down"
MENTION = ("[DRILL] <@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned summary or type "
           "`/crisis ack`.")


def opened(bot, slack, engine) -> str:
    open_drill_incident(bot, engine)
    bot.run_worker()
    return slack.channel_named(CHANNEL_NAME)["id"]


def test_every_message_of_a_drill_incidents_opening_says_drill(bot, slack, engine):
    channel = opened(bot, slack, engine)
    messages = slack.take_messages()
    assert [(m.kind, m.text, m.blocks[0] if m.blocks else None) for m in messages] == [
        ("post", PAGE, LABEL),  # the page DM
        ("post", SUMMARY, LABEL),  # the pinned summary
        ("post", MENTION, None),  # a text message: its text says it
    ]
    page, summary, mention = messages
    assert slack.workspace.channels[page.channel].dm_user == "U0ANNA"
    assert summary.channel == mention.channel == channel
    assert [b["type"] for b in summary.blocks] == ["context", "header", "section", "actions"]
    assert [b["type"] for b in page.blocks] == ["context", "section", "context", "actions"]
    assert slack.pins(channel) == [summary.ts]
    assert slack.topic(channel) == "DRILL: SEV2 · Checkout down · triggered"
    assert [c.args["topic"] for c in slack.calls("conversations.setTopic")] == [slack.topic(channel)]


def test_acknowledge_keeps_the_label_on_every_message_it_changes(bot, slack, engine):
    channel = opened(bot, slack, engine)
    summary = next(m for m in slack.take_messages() if m.text == SUMMARY)
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
