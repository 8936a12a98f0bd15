"""Webhooks: who may post, what a bad body is told, and how alerts become incidents."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.database import make_engine
from tests.support.crisis import (
    CHANNEL,
    CHANNEL_NAME,
    SUMMARY,
    alerts,
    closed,
    incidents,
    mention,
    open_incident,
    opened,
    opening,
    page,
    timeline_texts,
)
from tests.support.expect import seen

FIXTURES = Path(__file__).parent / "fixtures" / "webhooks"
CHECKOUT = "Checkout error rate above 10% in eu-central"
CHECKOUT_CHANNEL = "#crisis-20261124-checkout-error-rate-above-10-in-eu-central"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def all_resolved(doc: dict) -> dict:
    """The same Alertmanager group, every alert of it resolved."""
    return {**doc, "status": "resolved", "alerts": [{**a, "status": "resolved"} for a in doc["alerts"]]}


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_a_missing_or_wrong_token_gets_401_and_stores_nothing(bot, slack, engine, token):
    answer = bot.post_hook("generic", {"title": "Negative mentions x8"}, token=token)
    assert answer.status == 401
    assert answer.body == {"error": "missing or wrong token: send Authorization: Bearer <WEBHOOK_TOKEN>"}
    bot.run_worker()
    assert incidents(engine) == []
    assert slack.calls() == []


@pytest.mark.parametrize("source, body, error", [
    ("generic", b"", "body is empty; expected JSON"),
    ("generic", b"{", "body is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    ("generic", b'{"severity": 2}', "title: required"),
    ("generic", b'[{"title": "fine"}, {"title": "also fine", "severity": "urgent"}]',
     '[1].severity: expected 1-4 or one of critical, high, error, major, medium, warning, minor, low, info, '
     'got "urgent"'),
    ("alertmanager", b'{"alerts": []}', "alerts: empty list; expected at least one alert"),
    ("alertmanager", b"[]", "body: expected an Alertmanager notification (an object with an alerts list), got a list"),
])
def test_a_malformed_body_gets_400_with_the_parsers_message_and_stores_nothing(bot, slack, engine, source, body, error):
    answer = bot.post_hook(source, body)
    assert (answer.status, answer.body) == (400, {"error": error})
    bot.run_worker()
    assert incidents(engine) == []
    assert slack.calls() == []


def test_accepted_alerts_are_committed_before_the_202_answer(bot, slack, database_url):
    answer = bot.post_hook("generic", (FIXTURES / "generic_batch.json").read_bytes())

    assert answer.status == 202
    assert answer.body == {"incidents": [1, 2, 1], "results": [
        {"incident": 1, "outcome": "opened"}, {"incident": 2, "outcome": "opened"},
        {"incident": 1, "outcome": "resolved_incident"}]}
    elsewhere = make_engine(database_url)  # another process's view: only committed rows
    try:
        assert incidents(elsewhere) == [
            (1, "resolved", "crisis-20261124-checkout-returns-502-for-12-of-requests"),
            (2, "triggered", "crisis-20261124-influencer-post-with-2m-followers-calls-the-product-unsafe")]
        assert [(incident, status) for incident, _, status, _ in alerts(elsewhere)] == [(1, "resolved"), (2, "firing")]
    finally:
        elsewhere.dispose()
    assert slack.calls() == []  # stored, not yet delivered: no worker has run


def test_a_repeat_of_an_open_alert_attaches_and_pages_nobody_again(bot, slack, clock, engine):
    open_incident(bot)
    again = open_incident(bot)  # before any worker ran
    assert again.body == {"incidents": [1], "results": [{"incident": 1, "outcome": "repeated"}]}
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")

    clock.tick(timedelta(minutes=2))
    assert open_incident(bot).body == {"incidents": [1], "results": [{"incident": 1, "outcome": "repeated"}]}
    bot.run_worker()
    assert seen(slack) == []
    assert len(slack.calls("conversations.create")) == 1
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME)]
    assert alerts(engine) == [(1, "mentions-1", "firing", 2)]
    assert [kind for kind, _ in timeline_texts(engine)] == ["opened", "page", "channel"]


def test_alertmanager_group_opens_one_incident_resolves_it_and_a_later_firing_opens_another(bot, slack, clock, engine):
    firing = fixture("alertmanager_firing.json")
    answer = bot.post_hook("alertmanager", firing)
    assert answer.body == {"incidents": [1, 1], "results": [{"incident": 1, "outcome": "opened"},
                                                            {"incident": 1, "outcome": "attached"}]}
    bot.run_worker()
    summary = f"Incident #1 · SEV1 · {CHECKOUT}"
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title=CHECKOUT, severity=1))] + opening(
        CHECKOUT_CHANNEL, summary, mention(["U0MAREK"], 1))

    clock.tick(timedelta(minutes=3))
    answer = bot.post_hook("alertmanager", fixture("alertmanager_resolved.json"))  # eu-central only
    assert answer.body == {"incidents": [1], "results": [{"incident": 1, "outcome": "resolved_alert"}]}
    bot.run_worker()
    assert seen(slack) == []
    assert incidents(engine) == [(1, "triggered", CHECKOUT_CHANNEL[1:])]

    answer = bot.post_hook("alertmanager", all_resolved(firing))
    assert answer.body == {"incidents": [1, 1], "results": [{"incident": 1, "outcome": "ignored"},
                                                            {"incident": 1, "outcome": "resolved_incident"}]}
    bot.run_worker()
    assert seen(slack) == [
        ("post", CHECKOUT_CHANNEL, ":large_green_circle: Resolved by alertmanager: every alert has resolved"),
        ("update", "dm:U0MAREK", closed("resolved", "alertmanager", title=CHECKOUT)),
        ("update", CHECKOUT_CHANNEL, summary),
    ]
    clock.tick(timedelta(minutes=30))
    bot.run_worker()
    assert seen(slack) == []  # nothing more is paged for a resolved incident

    answer = bot.post_hook("alertmanager", firing)
    assert answer.body["results"] == [{"incident": 2, "outcome": "opened"}, {"incident": 2, "outcome": "attached"}]
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, number=2, title=CHECKOUT, severity=1))] + opening(
        CHECKOUT_CHANNEL + "-2", f"Incident #2 · SEV1 · {CHECKOUT}", mention(["U0MAREK"], 1))
    assert incidents(engine) == [(1, "resolved", CHECKOUT_CHANNEL[1:]), (2, "triggered", CHECKOUT_CHANNEL[1:] + "-2")]
    assert [status for incident, _, status, _ in alerts(engine) if incident == 1] == ["resolved", "resolved"]


def test_a_taken_channel_name_gets_a_suffix(bot, slack, engine):
    taken = slack.add_channel(CHANNEL_NAME, ["U0EWA"])
    open_incident(bot)
    bot.run_worker()

    assert seen(slack) == [("post", "dm:U0ANNA", page(1))] + opening(CHANNEL + "-2", SUMMARY, mention(["U0ANNA"], 1))
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME + "-2")]
    assert slack.messages_in(taken) == []
    assert [c.http_status for c in slack.calls("conversations.create")] == [200, 200]
    assert [c.response.get("error") for c in slack.calls("conversations.create")] == ["name_taken", None]
