"""Severity follows the alerts: a worse alert raises an incident no person set, with the new severity's reminder
rhythm from then on; a person's severity stays, and the worse alert is offered with "Raise to SEVn"; joins are
announced in the channel at most once a minute."""
from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.room.joins import RAISE_ACTION
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import T0, at, sent_at, timeline_texts
from tests.support.expect import seen
from tests.support.reminders import REMINDERS, press, reminder

TITLE = "Boycott hashtag trending"
CHANNEL_NAME = "crisis-20261124-boycott-hashtag-trending"
CHANNEL = "#" + CHANNEL_NAME
SEVERITY = {1: "critical", 2: "high", 3: "warning", 4: "info"}
CHANGE = """
permissions:
  change: {users: [anna]}
"""


@pytest.fixture
def config():
    return load_test_config(CONFIG + REMINDERS + CHANGE)


def alert(fingerprint: str, title: str, severity: int, status: str = "firing") -> dict:
    return {"status": status, "labels": {"alertname": "Brand", "severity": SEVERITY[severity], "fp": fingerprint},
            "annotations": {"summary": title}, "startsAt": "2026-11-24T09:00:00Z",
            "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": fingerprint}


def send(bot, *alerts: dict) -> list[str]:
    """One Alertmanager notification of the group `Brand`; the outcome of each alert."""
    doc = {"version": "4", "groupKey": '{}:{alertname="Brand"}', "status": "firing", "receiver": "crisisdesk",
           "groupLabels": {"alertname": "Brand"}, "commonLabels": {"alertname": "Brand"}, "commonAnnotations": {},
           "externalURL": "", "alerts": list(alerts)}
    answer = bot.post_hook("alertmanager", doc)
    assert answer.status == 202, answer
    return [r["outcome"] for r in answer.body["results"]]


def acknowledged(bot, slack, severity: int = 3) -> str:
    """Incident #1 (`severity`) opened at T0 by the alert `a`, acknowledged by Marek at once; its channel id."""
    assert send(bot, alert("a", TITLE, severity)) == ["opened"]
    bot.run_worker()
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    bot.slash("ack", user="U0MAREK", channel=channel)
    bot.run_worker()
    seen(slack)
    return channel


def summary(severity: int) -> str:
    return f"Incident #1 · SEV{severity} · {TITLE}"


def joined(*titles: str) -> str:
    count = len(titles)
    return f":heavy_plus_sign: {count} more alert{'s' if count != 1 else ''} joined: {', '.join(titles)}"


RAISED_TO_2 = ":arrow_up: The severity follows the alerts: raised to SEV2, was SEV3."


def test_a_sev3_incident_joined_by_a_sev2_alert_becomes_sev2_and_is_reminded_at_sev2s_rhythm(bot, slack, clock,
                                                                                           engine):
    acknowledged(bot, slack)
    at(clock, 10)
    assert send(bot, alert("b", "Negative press article", 2)) == ["attached"]
    bot.run_worker()
    assert seen(slack) == [("update", CHANNEL, summary(2)),
                           ("post", CHANNEL, f"{joined('Negative press article')}\n{RAISED_TO_2}")]
    assert "SEV2" in slack.topic(slack.channel_named(CHANNEL_NAME)["id"])
    assert timeline_texts(engine)[-2:] == [("alert", "Alert added: Negative press article"),
                                           ("alert_severity", "Severity SEV3 → SEV2, following the alert")]
    # SEV3 reminds every 4 h; from now on SEV2's hour counts, from the opening
    assert sent_at(bot, slack, clock, 60) == [("post", CHANNEL, reminder("1 h", commander=None,
                                                                          every="SEV2: every 1 h"))]

    at(clock, 70)  # a milder alert changes nothing but is announced
    assert send(bot, alert("c", "Forum thread", 4)) == ["attached"]
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, joined("Forum thread"))]


def test_a_severity_a_person_set_stays_and_the_worse_alert_offers_a_raise(bot, slack, clock, engine):
    channel = acknowledged(bot, slack)
    bot.slash("severity 3", user="U0ANNA", channel=channel)  # the one it has: still, a person chose it
    at(clock, 5)
    assert send(bot, alert("b", "Negative press article", 1), alert("c", "<TV> & radio", 2)) == ["attached"] * 2
    bot.run_worker()
    offer = (f"{joined('Negative press article', '&lt;TV&gt; &amp; radio')}\n:warning: An alert is SEV1, worse than "
             "SEV3, which <@U0ANNA> set: the severity stays SEV3 until someone raises it.")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Incident #1 is already SEV3."),
                           ("post", CHANNEL, offer)]
    [message] = [m for m in slack.messages_in(channel) if m.text == offer]
    assert message.blocks[-1]["elements"] == [
        {"type": "button", "action_id": RAISE_ACTION, "style": "danger", "value": "1:1",
         "text": {"type": "plain_text", "text": "Raise to SEV1"}}]
    assert "alert_severity" not in [kind for kind, _ in timeline_texts(engine)]

    slack.add_user("U0CARL", "carl", "carl@elsewhere.test")
    press(bot, slack, message, RAISE_ACTION, "1:1", "U0CARL")
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0CARL", "You may not change incident #1: only Anna Nowak and "
                            "the incident's responders (paged people, commander, comms lead, approver) may.")]

    press(bot, slack, message, RAISE_ACTION, "1:1", "U0ANNA")
    bot.run_worker()
    said = seen(slack)
    assert said[0] == ("response", f"{CHANNEL}>U0ANNA", offer)  # the announcement, its button now who raised it
    assert ("post", CHANNEL, ":arrow_up: <@U0ANNA> raised the severity to SEV1, was SEV3.") in said
    assert ("update", CHANNEL, summary(1)) in said
    assert timeline_texts(engine)[-1] == ("severity", "Severity SEV3 → SEV1")

    at(clock, 20)  # nothing is worse than SEV1: another SEV1 alert joining now offers nothing more
    assert send(bot, alert("d", "Minister comments", 1)) == ["attached"]
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, joined("Minister comments"))]


def test_joins_are_announced_at_most_once_a_minute(bot, slack, clock, engine):
    acknowledged(bot, slack)
    at(clock, 1)
    send(bot, alert("b", "Reddit thread", 3))
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, joined("Reddit thread"))]  # the first at once
    for second, fingerprint, title in ((10, "c", "TikTok video"), (30, "d", "Trustpilot reviews"),
                                       (59, "e", "Blog post")):
        clock.move_to(T0 + timedelta(minutes=1, seconds=second))
        send(bot, alert(fingerprint, title, 3))
        bot.run_worker()
        assert seen(slack) == []
    assert sent_at(bot, slack, clock, 2) == [("post", CHANNEL,
                                              joined("TikTok video", "Trustpilot reviews", "Blog post"))]

    at(clock, 2.5)  # one resolves and fires again: announced as such, after the minute
    send(bot, alert("b", "Reddit thread", 3, "resolved"))
    send(bot, alert("b", "Reddit thread", 3))
    bot.run_worker()
    assert seen(slack) == []
    assert sent_at(bot, slack, clock, 3) == [("post", CHANNEL, joined("Reddit thread (firing again)"))]
