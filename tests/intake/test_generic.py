import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handlers.inbound.errors import PayloadError
from handlers.incidents.generic import parse_generic

FIXTURES = Path(__file__).parent.parent / "fixtures" / "webhooks"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def one(**fields) -> dict:
    return {"title": "Negative mentions x8", **fields}


def parse_one(**fields):
    [alert] = parse_generic(json.dumps(one(**fields)).encode())
    return alert


def test_full_object_becomes_one_alert():
    [alert] = parse_generic(load("generic_single.json"))
    assert alert.title == 'Negative mentions x8 in the last hour: "#boycott"'
    assert alert.severity == 2
    assert alert.source == "brandwatch"
    assert alert.group_key == alert.fingerprint == "brandwatch/negative-spike/acme"
    assert alert.status == "firing"
    assert alert.description == "Volume of negative mentions is 8 times the 7-day baseline."
    assert alert.links == (
        ("https://app.brandwatch.example/dashboards/42", "https://app.brandwatch.example/dashboards/42"),
        ("Top posts", "https://app.brandwatch.example/mentions?sentiment=negative"),
    )
    assert alert.labels == {"brand": "acme", "market": "pl", "reach": "125000", "verified_author": "true"}
    assert alert.started_at == datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert alert.started_at.utcoffset() == timedelta(hours=1)
    assert alert.raw["topic_id"] == 9917  # unknown fields are kept


def test_list_becomes_alerts_in_order_with_defaults():
    first, second, third = parse_generic(load("generic_batch.json"))
    assert (first.source, first.severity, first.status) == ("generic", 3, "firing")
    assert (first.description, first.links, first.labels, first.started_at) == ("", (), {}, None)
    assert (second.source, second.severity, second.labels) == ("mention-stream", 1, {"platform": "tiktok"})
    assert (third.status, third.severity) == ("resolved", 4)


def test_without_dedup_key_the_same_title_groups_together():
    first, _, resolved = parse_generic(load("generic_batch.json"))
    assert first.group_key == resolved.group_key == first.fingerprint
    assert first.group_key.startswith("generic:title:")
    assert parse_one(title="NEGATIVE  mentions x8").group_key == parse_one().group_key
    assert parse_one(title="Negative mentions x9").group_key != parse_one().group_key
    assert parse_one(source="brand24").group_key != parse_one().group_key


@pytest.mark.parametrize("given, expected", [
    (1, 1), (4, 4), ("2", 2), (" 3 ", 3),
    ("critical", 1), ("CRITICAL", 1), ("high", 2), ("Error", 2), ("major", 2),
    ("medium", 3), ("warning", 3), ("minor", 3), ("low", 4), ("info", 4), (None, 3),
])
def test_severity_numbers_and_names(given, expected):
    assert parse_one(severity=given).severity == expected


@pytest.mark.parametrize("given, expected", [
    ("firing", "firing"), ("trigger", "firing"), ("RESOLVED", "resolved"), ("resolve", "resolved"), (None, "firing"),
])
def test_status_and_aliases(given, expected):
    assert parse_one(status=given).status == expected


def test_utc_timestamp_with_nanoseconds():
    alert = parse_one(started_at="2026-11-28T02:00:00.123456789Z")
    assert alert.started_at == datetime(2026, 11, 28, 2, 0, 0, 123456, tzinfo=UTC)


def test_empty_dedup_key_and_source_count_as_absent():
    alert = parse_one(dedup_key="  ", source="")
    assert alert.source == "generic"
    assert alert.group_key == parse_one().group_key


def test_title_of_exactly_300_characters_is_accepted():
    assert len(parse_one(title="x" * 300).title) == 300


def test_body_with_byte_order_mark_is_accepted():
    assert parse_generic(b"\xef\xbb\xbf" + json.dumps(one()).encode())[0].title == "Negative mentions x8"


def raw(value) -> bytes:
    return json.dumps(value).encode()


@pytest.mark.parametrize("body, message", [
    (b"", "body is empty; expected JSON"),
    (b"  \n", "body is empty; expected JSON"),
    (b'{"title": "caf\xe9"}', "body is not valid UTF-8 (byte 0xe9 at offset 14)"),
    (b"title=Down", "body is not valid JSON: Expecting value at line 1, column 1"),
    (b'{"title": "x"\n "severity": 1}', "body is not valid JSON: Expecting ',' delimiter at line 2, column 2"),
    (b'{"title": "x", "severity": NaN}', "body is not valid JSON: NaN is not allowed"),
    (raw("Negative mentions"), "body: expected an object or a list of objects, got a string"),
    (raw(42), "body: expected an object or a list of objects, got a number"),
    (raw([]), "body: empty list; expected at least one alert"),
    (raw([one(), "oops"]), "[1]: expected an object, got a string"),
    (raw({}), "title: required"),
    (raw({"title": None}), "title: required"),
    (raw({"title": 5}), "title: expected a string, got a number"),
    (raw({"title": " \n "}), "title: must not be empty"),
    (raw({"title": "x" * 301}), "title: too long (301 characters; at most 300)"),
    (raw([one(), one(), {"severity": 1}]), "[2].title: required"),
    (raw(one(severity=7)), "severity: expected 1-4 or one of critical, high, error, major, medium, warning, "
                           "minor, low, info, got 7"),
    (raw(one(severity="sev1")), 'severity: expected 1-4 or one of critical, high, error, major, medium, warning, '
                                'minor, low, info, got "sev1"'),
    (raw(one(severity=True)), "severity: expected 1-4 or one of critical, high, error, major, medium, warning, "
                              "minor, low, info, got true"),
    (raw(one(severity=2.5)), "severity: expected 1-4 or one of critical, high, error, major, medium, warning, "
                             "minor, low, info, got 2.5"),
    (raw(one(dedup_key=12)), "dedup_key: expected a string, got a number"),
    (raw(one(dedup_key="k" * 2001)), "dedup_key: too long (2001 characters; at most 2000)"),
    (raw(one(source="Brand Watch")), "source: expected a lowercase identifier (a-z, 0-9, '.', '_', '-'), "
                                     'got "Brand Watch"'),
    (raw(one(description=["a"])), "description: expected a string, got a list"),
    (raw(one(links="https://x.example")), "links: expected a list, got a string"),
    (raw(one(links=[3])), "links[0]: expected a URL or an object with text and url, got a number"),
    (raw(one(links=["https://ok.example", "javascript:alert(1)"])),
     'links[1]: expected an http or https URL, got "javascript:alert(1)"'),
    (raw(one(links=[{"text": "Dashboard"}])), "links[0].url: required"),
    (raw(one(links=[{"url": "ftp://files.example/x"}])),
     'links[0].url: expected an http or https URL, got "ftp://files.example/x"'),
    (raw(one(links=[{"url": "https://x.example", "text": 1}])), "links[0].text: expected a string, got a number"),
    (raw(one(labels=["brand:acme"])), "labels: expected an object of strings, got a list"),
    (raw(one(labels={"brand": {"name": "acme"}})),
     "labels.brand: expected a string, number or boolean, got an object"),
    (raw(one(labels={"team name": None})),
     'labels["team name"]: expected a string, number or boolean, got null'),
    (raw(one(status="acknowledged")),
     'status: expected firing or resolved (or trigger, resolve), got "acknowledged"'),
    (raw(one(started_at="yesterday")),
     'started_at: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got "yesterday"'),
    (raw(one(started_at="2026-11-28T03:00:00")),
     'started_at: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got "2026-11-28T03:00:00"'),
    (raw(one(started_at=1764295200)),
     "started_at: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got 1764295200"),
    (raw([one(), one(labels={"a": [1]})]), "[1].labels.a: expected a string, number or boolean, got a list"),
])
def test_malformed_bodies_say_exactly_what_is_wrong(body, message):
    with pytest.raises(PayloadError) as caught:
        parse_generic(body)
    assert str(caught.value) == message


def test_long_bad_values_are_cut_in_the_message():
    with pytest.raises(PayloadError) as caught:
        parse_generic(raw(one(status="x" * 500)))
    assert str(caught.value) == (
        'status: expected firing or resolved (or trigger, resolve), got "' + "x" * 58 + "…"
    )


def test_payload_error_is_a_value_error():
    assert issubclass(PayloadError, ValueError)
