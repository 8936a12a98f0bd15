"""Declaring a crisis from Slack: `/crisis declare` opens the form, the submission opens an incident through the
same intake as a webhook's alert (source `slack`), with its commander, timeline, channel and page (or nobody)."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents.models import Incident
from tests.support.crisis import incidents, timeline_texts
from tests.support.declare import form, shortcut, submit_declare
from tests.support.expect import seen
from tests.support.slack_requests import TRIGGER_ID

TITLE = "Boycott call on Instagram"
CHANNEL = "#crisis-20261124-boycott-call-on-instagram"


def declared(number: int, channel: str, paging: str) -> dict:
    return {"response_action": "update", "view": {
        "type": "modal", "title": {"type": "plain_text", "text": "Crisis declared"},
        "close": {"type": "plain_text", "text": "Done"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": (
            f"Incident #{number} is declared. {channel} opens in a moment and you are invited. {paging}")}}]}}


def timeline_at(engine) -> list:
    with Session(engine) as session:
        return [e.at for e in timeline.events(session, 1)]


def row(engine, number: int = 1) -> Incident:
    with Session(engine) as session:
        incident = session.get(Incident, number)
        session.expunge(incident)
        return incident


def test_declare_opens_the_form_with_the_title_typed_and_the_declarer_as_commander(bot, slack):
    answer = bot.slash(f"declare {TITLE}", user="U0EWA", channel="C0SOCIAL")
    assert answer.status == 200
    [call] = slack.calls("views.open")
    view = call.args["view"]
    assert (call.args["trigger_id"], view["callback_id"], view["title"]["text"], view["submit"]["text"]) == (
        TRIGGER_ID, "incident_declare", "Declare a crisis", "Declare")
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert list(blocks) == ["title", "severity", "crisis_type", "description", "policy", "commander", "private"]
    assert blocks["title"]["element"]["initial_value"] == TITLE
    assert [(o["text"]["text"], o.get("description", {}).get("text")) for o in
            blocks["severity"]["element"]["options"]] == [
        ("SEV1", "the worst"), ("SEV2", "major"), ("SEV3", "moderate"), ("SEV4", "minor")]
    assert blocks["severity"]["element"]["initial_option"]["value"] == "3"
    policies = blocks["policy"]["element"]
    assert [o["value"] for o in policies["options"]] == ["brand-crisis", "infra", "none"]
    assert policies["options"][-1]["text"]["text"] == "Page nobody yet"
    assert policies["initial_option"]["value"] == "brand-crisis"  # the config's default_policy for source slack
    assert blocks["commander"]["element"] == {"type": "users_select", "initial_user": "U0EWA",
                                              "action_id": "commander"}
    assert "initial_options" not in blocks["private"]["element"]  # channel.private is false in the config
    assert seen(slack) == []


def test_a_declared_incident_opens_its_channel_makes_the_declarer_commander_and_pages(bot, slack, engine):
    answer = submit_declare(bot, "U0EWA", form(TITLE, commander="U0EWA", description="Influencer with 2M followers"))
    assert answer.body == declared(1, CHANNEL, "brand-crisis pages its first level now.")
    bot.run_worker()
    assert seen(slack) == [
        ("post", "dm:U0ANNA", f"You are paged (level 1) for incident #1 · SEV2 · {TITLE}"),
        ("post", CHANNEL, f"Incident #1 · SEV2 · {TITLE}\n"
                          "<@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned summary or type "
                          "`/crisis ack`.")]
    assert timeline_texts(engine) == [
        ("opened", f"Incident declared in Slack: {TITLE}"), ("role", "Commander: <@U0EWA>"),
        ("page", "Paged level 1: Anna Nowak"), ("channel", f"Channel {CHANNEL} opened")]
    incident = row(engine)
    assert (incident.source, incident.severity, incident.commander, incident.policy_name, incident.description) == (
        "slack", 2, "U0EWA", "brand-crisis", "Influencer with 2M followers")
    channel = slack.channel_named(CHANNEL[1:])
    assert channel["is_private"] is False
    assert set(slack.members(channel["id"])) >= {"U0EWA", "U0ANNA"}


def test_page_nobody_yet_another_commander_a_type_and_a_private_channel(bot, slack, engine):
    answer = submit_declare(bot, "U0EWA", form(TITLE, severity="1", policy="none", commander="U0MAREK",
                                               crisis_type="rumour", private=True))
    assert answer.body == declared(1, CHANNEL, "Nobody is paged yet: `/crisis page @person` in the channel pages "
                                               "someone.")
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, f"Incident #1 · SEV1 · {TITLE}")]
    assert timeline_texts(engine) == [
        ("opened", f"Incident declared in Slack: {TITLE}"), ("role", "Commander: <@U0MAREK>"),
        ("type", "Crisis type: rumour"),
        ("note", "Declared with “page nobody yet”: nobody is paged until someone runs `/crisis page`"),
        ("channel", f"Channel {CHANNEL} opened")]
    channel = slack.channel_named(CHANNEL[1:])
    assert channel["is_private"] is True
    assert set(slack.members(channel["id"])) == {slack.BOT_USER_ID, "U0EWA", "U0MAREK"}
    incident = row(engine)
    assert (incident.policy_name, incident.commander, incident.crisis_type) == (None, "U0MAREK", "rumour")


def test_two_declarations_with_the_same_title_never_merge(bot, slack, engine):
    for _ in range(2):
        assert submit_declare(bot, "U0EWA", form(TITLE, policy="none")).status == 200
    bot.run_worker()
    seen(slack)
    # The second channel's name was taken: it got a suffix.
    assert incidents(engine) == [(1, "triggered", CHANNEL[1:]), (2, "triggered", CHANNEL[1:] + "-2")]


def test_a_bad_submission_is_answered_in_the_form_and_stores_nothing(bot, slack, engine):
    values = form("   ", policy="retired-policy", commander="U0EWA")
    values["severity"] = {"severity": {"type": "static_select", "selected_option": None}}
    answer = submit_declare(bot, "U0EWA", values)
    assert answer.body == {"response_action": "errors", "errors": {
        "title": "Give the crisis a short title, like “Boycott call on Instagram”.",
        "severity": "Choose a severity, SEV1 (the worst) to SEV4.",
        "policy": "The policy “retired-policy” is no longer in the config; choose another, or page nobody yet."}}
    answer = submit_declare(bot, "U0EWA", form("x" * 151, crisis_type="alien-invasion"))
    assert answer.body == {"response_action": "errors", "errors": {
        "title": "Keep the title within 150 characters (it has 151).",
        "crisis_type": "“alien-invasion” is not a crisis type in the config; choose one from the list."}}
    bot.run_worker()
    assert incidents(engine) == []
    assert seen(slack) == []


MESSAGE = "Boycott <!channel> now! See <https://insta.example/p/1|this post> &amp; share\nsecond line"


def test_declaring_from_a_message_puts_the_message_and_its_permalink_first_on_the_timeline(bot, slack, engine,
                                                                                           clock):
    social = slack.add_channel("social-media", ["U0MAREK", "U0EWA"])
    clock.tick(timedelta(minutes=-7))  # the message was written seven minutes before someone declared from it
    ts = slack.add_message(social, MESSAGE, user_id="U0MAREK")
    clock.tick(timedelta(minutes=7))
    answer = shortcut(bot, user="U0EWA", channel=social, message={"user": "U0MAREK", "ts": ts, "text": MESSAGE})
    assert answer.status == 200
    [call] = slack.calls("views.open")
    view = call.args["view"]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    words = "Boycott @channel now! See this post (https://insta.example/p/1) & share\nsecond line"
    assert blocks["title"]["element"]["initial_value"] == words.splitlines()[0]
    assert blocks["description"]["element"]["initial_value"] == words
    evidence = {"channel": social, "ts": ts, "text": words, "author": "U0MAREK"}
    assert json.loads(view["private_metadata"]) == {"evidence": evidence}

    answer = submit_declare(bot, "U0EWA", form("Boycott call", commander="U0EWA", description=words),
                            private_metadata=view["private_metadata"])
    assert answer.body["response_action"] == "update"
    bot.run_worker()
    channel = "#crisis-20261124-boycott-call"
    assert seen(slack) == [
        ("post", "dm:U0ANNA", "You are paged (level 1) for incident #1 · SEV2 · Boycott call"),
        ("post", channel, "Incident #1 · SEV2 · Boycott call\n"
                          "<@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned summary or type "
                          "`/crisis ack`.")]
    permalink = f"https://crisisdesk-standin.slack.com/archives/{social}/p{ts.replace('.', '')}"
    assert timeline_texts(engine)[0] == ("pinned", f"<{permalink}|Pinned message>: {words}")
    assert [kind for kind, _ in timeline_texts(engine)] == ["pinned", "opened", "role", "page", "channel"]
    with Session(engine) as session:
        first = session.get(Incident, 1).created_at - timedelta(minutes=7)
    assert timeline_at(engine)[0].replace(microsecond=0) == first  # the message ts: that second, sequence 1
    assert [c.args["channel"] for c in slack.calls("chat.getPermalink")] == [social]


def test_a_message_in_a_channel_the_bot_cannot_read_still_opens_the_form(bot, slack):
    """The form gets the message from the shortcut itself, so it opens even where the bot is not a member."""
    secret = slack.add_channel("leadership", ["U0EWA"], is_private=True)
    ts = slack.add_message(secret, "They are calling for a boycott", user_id="U0EWA")
    assert shortcut(bot, user="U0EWA", channel=secret,
                    message={"user": "U0EWA", "ts": ts, "text": "They are calling for a boycott"}).status == 200
    [call] = slack.calls("views.open")
    assert call.args["view"]["blocks"][0]["element"]["initial_value"] == "They are calling for a boycott"
