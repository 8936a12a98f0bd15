import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from handlers.inbound.errors import PayloadError
from handlers.incidents.alertmanager import parse_alertmanager

FIXTURES = Path(__file__).parent.parent / "fixtures" / "webhooks"
GROUP_KEY = '{}/{team="web"}:{alertname="CheckoutErrors"}'


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def parse(doc: dict):
    return parse_alertmanager(json.dumps(doc).encode())


def notification(*alerts: dict, **group) -> dict:
    return {"version": "4", "status": "firing", "receiver": "crisisdesk", **group, "alerts": list(alerts)}


def test_firing_group_gives_one_alert_per_entry():
    eu, us = parse_alertmanager((FIXTURES / "alertmanager_firing.json").read_bytes())
    assert eu.source == us.source == "alertmanager"
    assert eu.group_key == us.group_key == GROUP_KEY
    assert (eu.fingerprint, us.fingerprint) == ("6e2b1c3fa0d94e57", "b81f0e77c2a4d310")
    assert eu.status == us.status == "firing"
    assert eu.severity == us.severity == 1
    assert eu.title == "Checkout error rate above 10% in eu-central"
    assert eu.description == "5xx ratio is 14.2% over 5 minutes."
    assert eu.labels == {"alertname": "CheckoutErrors", "severity": "critical", "team": "web", "region": "eu-central"}
    assert eu.started_at == datetime(2026, 11, 28, 2, 58, 41, 123456, tzinfo=UTC)
    assert eu.links == (
        ("Source", "https://prometheus.example.com/graph?g0.expr=checkout_5xx_ratio"),
        ("Alertmanager", "https://alertmanager.example.com"),
        ("Runbook", "https://wiki.example.com/runbooks/checkout"),
        ("Dashboard", "https://grafana.example.com/d/checkout"),
    )


def test_alert_without_summary_is_named_by_the_labels_that_set_it_apart():
    _, us = parse(load("alertmanager_firing.json"))
    assert us.title == "CheckoutErrors (region=us-east)"
    assert us.links == (
        ("Alertmanager", "https://alertmanager.example.com"),
        ("Runbook", "https://wiki.example.com/runbooks/checkout"),
    )


def test_raw_is_the_alert_with_the_group_keys():
    eu, us = parse(load("alertmanager_firing.json"))
    assert eu.raw["fingerprint"] == "6e2b1c3fa0d94e57"
    assert eu.raw["groupKey"] == GROUP_KEY
    assert eu.raw["receiver"] == "crisisdesk"
    assert eu.raw["commonLabels"]["team"] == "web"
    assert us.raw["silencedBy"] == []
    assert "alerts" not in eu.raw and "tenant" not in eu.raw


def test_resolved_notification_keeps_group_key_and_fingerprint():
    [alert] = parse(load("alertmanager_resolved.json"))
    assert alert.status == "resolved"
    assert (alert.group_key, alert.fingerprint) == (GROUP_KEY, "6e2b1c3fa0d94e57")
    assert alert.title == "Checkout error rate above 10% in eu-central"


def test_alert_status_falls_back_to_the_notification_status():
    [alert] = parse(notification({"labels": {"alertname": "A"}}, status="resolved"))
    assert alert.status == "resolved"
    [alert] = parse({"alerts": [{"labels": {"alertname": "A"}}]})
    assert alert.status == "firing"


def test_sparse_notification_gets_derived_keys_and_defaults():
    x, instagram = parse(load("alertmanager_sparse.json"))
    # no groupKey and no groupLabels: receiver plus the sorted common labels
    assert x.group_key == instagram.group_key == 'social-listening:{alertname="MentionVolumeSpike",brand="acme"}'
    assert x.title == "MentionVolumeSpike (platform=x)"
    assert x.started_at is None  # Go's zero time means "not set"
    assert (x.severity, instagram.severity) == (3, 2)
    assert x.description == "" and x.links == ()
    assert instagram.description == "Mentions up 640% in 30 minutes"
    assert instagram.links == ()  # a relative runbook_url is not a link
    assert len(x.fingerprint) == 16 and x.fingerprint != instagram.fingerprint


def test_derived_fingerprint_is_stable_whatever_the_label_order():
    labels = {"alertname": "A", "brand": "acme", "platform": "x"}
    [a] = parse(notification({"labels": labels}))
    [b] = parse(notification({"labels": dict(reversed(labels.items()))}))
    assert a.fingerprint == b.fingerprint


def test_group_key_derived_from_sorted_group_labels():
    doc = notification({"labels": {"alertname": "A"}}, groupLabels={"team": "web", "alertname": "A"})
    assert parse(doc)[0].group_key == '{alertname="A",team="web"}'


@pytest.mark.parametrize("annotations, common, labels, title", [
    ({"summary": "Own summary", "title": "T"}, {"summary": "Common"}, {"alertname": "A"}, "Own summary"),
    ({"title": "Instance host:8081 down"}, {"summary": "Common"}, {"alertname": "A"}, "Instance host:8081 down"),
    ({}, {"summary": "Common summary"}, {"alertname": "A"}, "Common summary"),
    ({}, {}, {"alertname": "InstanceDown", "job": "node", "instance": "h:9100", "severity": "warning"},
     "InstanceDown (job=node, instance=h:9100)"),
    ({}, {}, {"alertname": "Watchdog"}, "Watchdog"),
    ({}, {}, {"job": "node"}, "Alertmanager alert"),
    ({"summary": "  spread\n over   lines "}, {}, {}, "spread over lines"),
])
def test_title_fallbacks(annotations, common, labels, title):
    doc = notification({"labels": labels, "annotations": annotations},
                       commonLabels=labels, commonAnnotations=common)
    assert parse(doc)[0].title == title


def test_overlong_summary_is_cut_to_300_characters():
    [alert] = parse(notification({"annotations": {"summary": "y" * 400}}))
    assert len(alert.title) == 300 and alert.title.endswith("…")


@pytest.mark.parametrize("label, severity", [
    ("critical", 1), ("CRITICAL", 1), ("high", 2), ("error", 2), ("page", 2), ("warning", 3),
    ("info", 4), ("low", 4), ("none", 4), ("2", 2), ("unknown", 3), (None, 3),
])
def test_severity_from_the_severity_label(label, severity):
    labels = {"alertname": "A"} if label is None else {"alertname": "A", "severity": label}
    assert parse(notification({"labels": labels}))[0].severity == severity


def test_unknown_version_and_extra_keys_are_tolerated():
    [alert] = parse({"version": "99", "future": {"x": 1}, "alerts": [{"labels": {"alertname": "A"}, "new": 1}]})
    assert alert.title == "A" and alert.raw["new"] == 1


def raw(value) -> bytes:
    return json.dumps(value).encode()


A = {"labels": {"alertname": "A"}}


@pytest.mark.parametrize("body, message", [
    (b"", "body is empty; expected JSON"),
    (b"\xff\xfe{}", "body is not valid UTF-8 (byte 0xff at offset 0)"),
    (b"alerts: []", "body is not valid JSON: Expecting value at line 1, column 1"),
    (raw([A]), "body: expected an Alertmanager notification (an object with an alerts list), got a list"),
    (raw({"status": "firing"}), "alerts: required (the list of alerts in the notification)"),
    (raw({"alerts": None}), "alerts: required (the list of alerts in the notification)"),
    (raw({"alerts": A}), "alerts: expected a list, got an object"),
    (raw({"alerts": []}), "alerts: empty list; expected at least one alert"),
    (raw({"alerts": [A, A, "x"]}), "alerts[2]: expected an object, got a string"),
    (raw({"alerts": [A, A, {"labels": ["alertname=A"]}]}),
     "alerts[2].labels: expected an object of strings, got a list"),
    (raw({"alerts": [{"labels": {"alertname": {"n": 1}}}]}),
     "alerts[0].labels.alertname: expected a string, number or boolean, got an object"),
    (raw({"alerts": [{"annotations": "summary"}]}),
     "alerts[0].annotations: expected an object of strings, got a string"),
    (raw({"alerts": [A], "commonLabels": []}), "commonLabels: expected an object of strings, got a list"),
    (raw({"alerts": [A], "groupKey": 7}), "groupKey: expected a string, got a number"),
    (raw({"alerts": [A], "status": "pending"}), 'status: expected firing or resolved, got "pending"'),
    (raw({"alerts": [A, {"status": "silenced"}]}), 'alerts[1].status: expected firing or resolved, got "silenced"'),
    (raw({"alerts": [{"fingerprint": 1}]}), "alerts[0].fingerprint: expected a string, got a number"),
    (raw({"alerts": [{"startsAt": "28/11/2026 03:00"}]}),
     'alerts[0].startsAt: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got "28/11/2026 03:00"'),
])
def test_malformed_notifications_say_exactly_what_is_wrong(body, message):
    with pytest.raises(PayloadError) as caught:
        parse_alertmanager(body)
    assert str(caught.value) == message
