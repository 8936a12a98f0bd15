"""The PagerDuty Events API v2 drop-in: PagerDuty's own client pages us, and bad events are answered as PagerDuty
answers them."""
from __future__ import annotations

import json

import httpx2
import pytest
from pagerduty import EventsApiV2Client
from pagerduty.errors import HttpError

from handlers.inbound.rate import RateLimit
from handlers.incidents.pagerduty import EventRefused, parse_event
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import alerts, incidents, timeline_texts
from tests.support.expect import seen

KEY = "4f1c2b7e9d0a4c3b8e6f5a1d2c3b4a59"  # a routing key as PagerDuty makes them: 32 hex digits
OTHER = "0b9e8d7c6b5a49382716f5e4d3c2b1a0"
PAGERDUTY = f"""
pagerduty:
  rate_per_minute: 5
  integrations:
    - {{name: datadog, routing_key: {KEY}, policy: infra}}
    - {{name: uptime, routing_key: {OTHER}}}
"""
# PagerDuty's documented trigger, as its docs print it, with our key.
DOCS_TRIGGER = {
    "payload": {"summary": "DISK at 99% on machine prod-datapipe03.example.com",
                "timestamp": "2015-07-17T08:42:58.315+0000", "severity": "critical",
                "source": "prod-datapipe03.example.com", "component": "mysql", "group": "prod-datapipe",
                "class": "disk", "custom_details": {"free space": "1%", "ping time": "1500ms", "load avg": 0.75}},
    "routing_key": KEY, "dedup_key": "srv01/mysql", "event_action": "trigger",
    "client": "Sample Monitoring Service", "client_url": "https://monitoring.service.com",
    "links": [{"href": "http://pagerduty.example.com", "text": "An example link."}],
    "images": [{"src": "https://chart.example.com/chart.png", "href": "https://google.com",
                "alt": "An example link with an image"}],
}


class BehindTls(httpx2.HTTPTransport):
    """PagerDuty's client insists on https://; in production a TLS proxy sits in front of the bot, here the
    transport plays that proxy and sends the request on over plain HTTP."""

    def handle_request(self, request):
        request.url = request.url.copy_with(scheme="http")
        return super().handle_request(request)


def pagerduty_client(bot, key: str) -> EventsApiV2Client:
    return EventsApiV2Client(key, base_url=bot.url.replace("http://", "https://"), transport=BehindTls())


@pytest.fixture
def config():
    return load_test_config(CONFIG + PAGERDUTY)


def parse(doc, header_key=None):
    return parse_event(json.dumps(doc).encode(), {KEY: "datadog"}, lambda: "generated-key", header_key)


def test_the_documented_trigger_becomes_an_alert_with_its_details():
    event = parse(DOCS_TRIGGER)
    alert = event.alert
    assert (event.action, event.integration, event.dedup_key) == ("trigger", "datadog", "srv01/mysql")
    assert (alert.source, alert.group_key, alert.severity) == ("pagerduty", "datadog/srv01/mysql", 1)
    assert alert.title == "DISK at 99% on machine prod-datapipe03.example.com"
    assert alert.labels == {"integration": "datadog", "source": "prod-datapipe03.example.com", "component": "mysql",
                            "group": "prod-datapipe", "class": "disk", "free space": "1%", "ping time": "1500ms",
                            "load avg": "0.75"}
    assert alert.links == (("Sample Monitoring Service", "https://monitoring.service.com"),
                           ("An example link.", "http://pagerduty.example.com"),
                           ("An example link with an image", "https://google.com"))
    assert alert.started_at.isoformat() == "2015-07-17T08:42:58.315000+00:00"


@pytest.mark.parametrize("severity, sev", [("critical", 1), ("error", 2), ("warning", 3), ("info", 4)])
def test_severities_map_to_sev1_to_sev4(severity, sev):
    doc = {**DOCS_TRIGGER, "payload": {**DOCS_TRIGGER["payload"], "severity": severity}}
    assert parse(doc).alert.severity == sev


def test_a_trigger_without_a_dedup_key_gets_one_and_a_routing_key_may_come_as_a_header():
    doc = {k: v for k, v in DOCS_TRIGGER.items() if k not in ("dedup_key", "routing_key")}
    event = parse(doc, header_key=KEY)
    assert (event.dedup_key, event.alert.group_key) == ("generated-key", "datadog/generated-key")


def test_links_that_are_not_http_never_become_links():
    doc = {**DOCS_TRIGGER, "client_url": "javascript:alert(1)", "links": [{"href": "slack://open", "text": "x"}],
           "images": [{"src": "data:image/png;base64,AAAA"}]}
    assert parse(doc).alert.links == ()


@pytest.mark.parametrize("doc, errors", [
    ({**DOCS_TRIGGER, "routing_key": "nope"}, ["Invalid routing key"]),
    ({k: v for k, v in DOCS_TRIGGER.items() if k != "routing_key"}, ["'routing_key' is missing or blank"]),
    ({**DOCS_TRIGGER, "event_action": "snooze"},
     ["'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')"]),
    ({"routing_key": KEY, "event_action": "resolve"}, ["'dedup_key' is missing or blank"]),
    ({"routing_key": KEY, "event_action": "trigger"}, ["'payload' is missing or blank"]),
    ({"routing_key": KEY, "event_action": "trigger", "payload": {"severity": "fatal", "source": " "}},
     ["'payload.summary' is missing or blank", "'payload.source' is missing or blank",
      "'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')"]),
    ({**DOCS_TRIGGER, "dedup_key": "k" * 256}, ["'dedup_key' is invalid (must be a string of at most 255 characters)"]),
    ({**DOCS_TRIGGER, "payload": {**DOCS_TRIGGER["payload"], "timestamp": "yesterday"}},
     ["'payload.timestamp' is invalid (must be an ISO 8601 date and time)"]),
])
def test_an_invalid_event_lists_every_problem_as_pagerduty_does(doc, errors):
    with pytest.raises(EventRefused) as refused:
        parse(doc)
    assert refused.value.body() == {"status": "invalid event", "message": "Event object is invalid", "errors": errors}


@pytest.mark.parametrize("body, error", [
    (b"{", "JSON parse error: body is not valid JSON: Expecting property name enclosed in double quotes at line 1, "
           "column 2"),
    (b"[]", "JSON parse error"),
    (b"\xff", "JSON parse error: body is not valid UTF-8 (byte 0xff at offset 0)"),
])
def test_a_body_that_is_not_an_event_object_is_unrecognized(body, error):
    with pytest.raises(EventRefused) as refused:
        parse_event(body, {KEY: "datadog"}, lambda: "k")
    assert refused.value.body() == {"status": "Unrecognized object", "errors": [error],
                                    "message": "Event object format is unrecognized"}


def test_a_huge_event_keeps_its_labels_bounded():
    details = {f"k{i}": "v" * 2000 for i in range(500)}
    doc = {**DOCS_TRIGGER, "payload": {**DOCS_TRIGGER["payload"], "custom_details": details, "class": "c" * 5000}}
    labels = parse(doc).alert.labels
    assert len(labels) == 5 + 50 and max(len(v) for v in labels.values()) == 500


def test_pagerdutys_own_client_triggers_acknowledges_and_resolves_an_incident(bot, slack, engine):
    client = pagerduty_client(bot, KEY)
    key = client.trigger("Checkout p99 above 3 s", "checkout-api", dedup_key="checkout/latency",
                         severity="error", custom_details={"p99": "3.4 s"})
    assert key == "checkout/latency"
    bot.run_worker()
    channel, title = "#crisis-20261124-checkout-p99-above-3-s", "Incident #1 · SEV2 · Checkout p99 above 3 s"
    assert seen(slack) == [
        ("post", "dm:U0MAREK", "You are paged (level 1) for incident #1 · SEV2 · Checkout p99 above 3 s"),
        ("post", channel, title + "\n"
                          "<@U0MAREK> you are paged (level 1). Press Acknowledge in the pinned summary or type "
                          "`/crisis ack`.")]

    assert client.acknowledge("checkout/latency") == "checkout/latency"
    bot.run_worker()
    assert seen(slack) == [
        ("post", channel, ":large_yellow_circle: Acknowledged by pagerduty. Paging has stopped."),
        ("update", "dm:U0MAREK", "Incident #1 · Checkout p99 above 3 s was acknowledged by pagerduty. No action "
                                 "needed from you."),
        ("update", channel, title)]

    assert client.resolve("checkout/latency") == "checkout/latency"
    bot.run_worker()
    assert seen(slack) == [
        ("post", channel, ":large_green_circle: Resolved by pagerduty: every alert has resolved"),
        ("update", "dm:U0MAREK", "Incident #1 · Checkout p99 above 3 s was resolved by pagerduty. No action needed "
                                 "from you."),
        ("update", channel, title)]
    assert incidents(engine) == [(1, "resolved", "crisis-20261124-checkout-p99-above-3-s")]
    assert alerts(engine) == [(1, "datadog/checkout/latency", "resolved", 0)]
    assert [kind for kind, _ in timeline_texts(engine)][-3:] == ["acknowledged", "alert_resolved", "resolved"]


def test_a_trigger_without_a_policy_follows_the_configs_routes_and_a_retrigger_is_a_repeat(bot, slack, engine):
    client = pagerduty_client(bot, OTHER)
    generated = client.trigger("Homepage down", "uptime-check")
    assert len(generated) == 32
    client.trigger("Homepage down", "uptime-check", dedup_key=generated)
    assert alerts(engine) == [(1, f"uptime/{generated}", "firing", 1)]  # one repeat
    bot.run_worker()
    # No policy on the integration: the config's routes decide, and none matches, so the default policy pages Anna.
    assert ("post", "dm:U0ANNA", "You are paged (level 1) for incident #1 · SEV1 · Homepage down") in seen(slack)


def test_an_unknown_routing_key_is_400_and_a_flood_is_429_as_pagerduty_answers(bot, slack, engine):
    answer = bot.request("/v2/enqueue", json.dumps({**DOCS_TRIGGER, "routing_key": OTHER[::-1]}).encode(),
                         {"Content-Type": "application/json"})
    assert (answer.status, answer.body) == (400, {"status": "invalid event", "message": "Event object is invalid",
                                                  "errors": ["Invalid routing key"]})
    body = json.dumps({**DOCS_TRIGGER, "dedup_key": "flood"}).encode()
    statuses = [bot.request("/hooks/pagerduty", body, {"Content-Type": "application/json"}).status
                for _ in range(7)]
    assert statuses == [202] * 5 + [429] * 2  # rate_per_minute: 5 in the test config
    assert alerts(engine) == [(1, "datadog/flood", "firing", 4)]  # 5 taken: 1 + 4 repeats
    with pytest.raises(HttpError):
        pagerduty_client(bot, OTHER[::-1]).trigger("x", "y")
    bot.run_worker()
    seen(slack)


def test_the_rate_limit_says_how_long_until_the_next_event_may_come():
    now = [100.0]
    limit = RateLimit(5, clock=lambda: now[0])  # one event every 12 s once the burst of 5 is spent
    assert [limit.wait("k") for _ in range(6)] == [0, 0, 0, 0, 0, 12]
    assert limit.wait("other") == 0  # each routing key has its own bucket
    now[0] += 6
    assert limit.wait("k") == 6
    now[0] += 6
    assert limit.wait("k") == 0
