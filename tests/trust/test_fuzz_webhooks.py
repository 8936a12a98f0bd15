"""Every webhook and the calendar feed, fed anything (hypothesis): never a 5xx, every 4xx says what is wrong in
JSON, and a valid body sent among the garbage still lands. On PostgreSQL too when TEST_DATABASE_URL is set."""
from __future__ import annotations

import itertools
import json
import os
import socket
import urllib.error
import urllib.request
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import incidents
from tests.support.signals import SIGNALS, listenly, ours, stored_mentions
from tests.trust.fuzz_bodies import bodies, load, text

EXAMPLES = int(os.environ.get("CRISISDESK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
EARLIER = datetime(2026, 11, 24, 8, 55, tzinfo=UTC)  # five minutes before the clock fixture's instant
FEED_TOKEN = "feed-token-0123456789"
SCHEDULE = """
schedules:
  social-oncall:
    timezone: Europe/Warsaw
    layers:
      - {name: weekdays, members: [anna, piotr], shift: 1d, handoff: "09:00", start: 2026-01-05}
oncall:
  calendar_token: feed-token-0123456789
"""
numbers = itertools.count(1)


@pytest.fixture
def config():
    return load_test_config(CONFIG + SIGNALS + SCHEDULE)


def valid_generic() -> dict:
    return {"title": f"Valid alert {next(numbers)}", "severity": "high"}


def valid_alertmanager() -> dict:
    doc = load("alertmanager_firing.json")
    assert isinstance(doc, dict)
    return {**doc, "groupKey": f"{{}}:{{valid=\"{next(numbers)}\"}}"}


def valid_ours() -> dict:
    return ours(f"valid-{next(numbers)}", "Acme delivered on time", EARLIER)


def valid_listenly() -> dict:
    return listenly(f"valid-{next(numbers)}", "Acme delivered on time", EARLIER)


ENDPOINTS = {
    "generic": (["generic_single.json", "generic_batch.json"], valid_generic),
    "alertmanager": (["alertmanager_firing.json", "alertmanager_resolved.json", "alertmanager_sparse.json"],
                     valid_alertmanager),
    "mentions/brandwatch": ([], valid_ours),
    "mentions/listenly": ([], valid_listenly),
}


def examples(endpoint: str) -> list[object]:
    names, valid = ENDPOINTS[endpoint]
    return [load(name) for name in names] + [valid(), valid()]


def assert_honest(answer) -> None:
    """No 5xx; a 4xx says, in JSON, what was wrong."""
    assert answer.status < 500, answer
    if answer.status >= 400:
        assert isinstance(answer.body, dict) and isinstance(answer.body.get("error"), str), answer
        assert answer.body["error"].strip(), answer


def assert_lands(bot, endpoint: str) -> None:
    answer = bot.post_hook(endpoint, ENDPOINTS[endpoint][1]())
    assert answer.status == 202, answer
    assert isinstance(answer.body, dict)
    if endpoint.startswith("mentions/"):
        assert answer.body["stored"] == 1, answer
    else:
        assert {r["outcome"] for r in answer.body["results"]} <= {"opened", "attached"}, answer


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_any_body_gets_an_honest_answer_and_valid_ones_still_land(bot, engine, endpoint):
    @FUZZ
    @given(body=bodies(examples(endpoint)), valid_too=st.booleans())
    def post(body: bytes, valid_too: bool) -> None:
        assert_honest(bot.post_hook(endpoint, body))
        if valid_too:
            assert_lands(bot, endpoint)

    post()
    assert_lands(bot, endpoint)


def get(bot, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(bot.url + path, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_calendar_feed_answers_any_name_and_token_honestly(bot):
    names = text | st.sampled_from(["social-oncall", "../etc/passwd", "a" * 3000])
    tokens = text | st.just(FEED_TOKEN)

    @FUZZ
    @given(name=names, token=tokens)
    def fetch(name: str, token: str) -> None:
        status, body = get(bot, f"/schedules/{quote(name, safe='', errors='surrogatepass')}.ics?token="
                                f"{quote(token, safe='', errors='surrogatepass')}")
        assert status < 500, (status, body)
        assert status in (200, 401, 404), (status, body)
        assert body.strip()

    fetch()
    status, body = get(bot, f"/schedules/social-oncall.ics?token={FEED_TOKEN}")
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("body, error", [
    (b"[" * 100_000 + b"]" * 100_000, "body: nested deeper than 64 levels"),
    (b'{"title": "x", "labels": ' + b'{"a":' * 70 + b"1" + b"}" * 71, "body: nested deeper than 64 levels"),
    (b'{"title": "x", "n": ' + b"1" * 5000 + b"}", "body: a number with 5000 digits (at most 100)"),
    (b'{"title": "x", "n": 1e999}', "body: the number 1e999 is too large"),
    (b'{"title": "Down\\ud800"}',
     "title: a lone surrogate (\\ud800) in the text at character 4; it is not valid Unicode"),
    (b'{"title": "Down", "labels": {"team\\u0000": "x"}}',
     'labels["team\\u0000"]: a NUL character (\\u0000) in the name at character 4; it cannot be stored'),
    (b'{"title": "Down\\u0000"}', "title: a NUL character (\\u0000) in the text at character 4; it cannot be stored"),
    (b'{"title": "Down", "started_at": "9999-12-31T23:59:59-01:00"}',
     'started_at: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got "9999-12-31T23:59:59-01:00"'),
])
def test_what_once_gave_500_is_a_400_naming_the_problem(bot, engine, body, error):
    answer = bot.post_hook("generic", body)
    assert (answer.status, answer.body) == (400, {"error": error})
    assert incidents(engine) == []


@pytest.mark.parametrize("field, error", [
    ("author_followers", "author_followers: expected a whole number of followers (0 or more), got 2147483648"),
    ("platform", "platform: too long (65 characters; at most 64)"),
])
def test_mention_fields_too_big_for_their_columns_are_a_400(bot, engine, field, error):
    value = 2**31 if field == "author_followers" else "p" * 65
    answer = bot.post_hook("mentions/brandwatch", ours("m1", "Acme", EARLIER, **{field: value}))
    assert (answer.status, answer.body) == (400, {"error": error})
    assert stored_mentions(engine) == []


def long_group(receiver: str, group_key: str | None, fingerprint: str) -> dict:
    doc = {"version": "4", "status": "firing", "receiver": receiver, "commonLabels": {"alertname": "Spike"},
           "alerts": [{"status": "firing", "fingerprint": fingerprint, "labels": {"alertname": "Spike"},
                       "annotations": {"summary": "Mentions spike"}}]}
    return doc if group_key is None else {**doc, "groupKey": group_key}


@pytest.mark.parametrize("group_key", ["{}/{severity=~\"critical\"}:" + "{alertname=\"Spike\",instance=\"x\"}" * 8,
                                       None])  # None: the key is derived from the 300-character receiver
def test_keys_longer_than_their_columns_are_accepted_stored_and_found_again(bot, engine, group_key):
    receiver, fingerprint = "r" * 300, "f" * 300
    first = bot.post_hook("alertmanager", long_group(receiver, group_key, fingerprint))
    again = bot.post_hook("alertmanager", long_group(receiver, group_key, fingerprint))
    other = bot.post_hook("alertmanager", long_group(receiver, group_key, fingerprint[:-1] + "g"))

    assert (first.status, first.body) == (202, {"incidents": [1], "results": [{"incident": 1, "outcome": "opened"}]})
    assert again.body == {"incidents": [1], "results": [{"incident": 1, "outcome": "repeated"}]}
    assert other.body == {"incidents": [1], "results": [{"incident": 1, "outcome": "attached"}]}
    with engine.connect() as connection:
        (key, open_key), = connection.exec_driver_sql("SELECT group_key, open_key FROM incidents").all()
        prints = [row[0] for row in connection.exec_driver_sql("SELECT fingerprint FROM alerts ORDER BY id")]
    full = group_key or f"{receiver}:{{alertname=\"Spike\"}}"
    assert len(key) == 255 and key.startswith(full[:190] + "~") and len(open_key) <= 330
    assert [len(p) for p in prints] == [255, 255] and prints[0] != prints[1]
    assert prints[0].startswith("f" * 190 + "~")


def test_a_long_mention_id_is_stored_fitted_and_still_counted_once(bot, engine):
    mention = ours("m" * 300, "Acme", EARLIER)
    first, again = bot.post_hook("mentions/brandwatch", mention), bot.post_hook("mentions/brandwatch", mention)
    assert (first.status, first.body["stored"], again.body["duplicates"]) == (202, 1, 1)
    (stored,) = stored_mentions(engine)
    assert len(stored[1]) == 255 and stored[1].startswith("m" * 190 + "~")


def exchange(bot, head: str, chunks: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    """Send a request head, then the body chunked (if any), then read the answer: a raw socket, because the server
    may answer before it has read the body, and stop reading."""
    with socket.create_connection(("127.0.0.1", bot.server.port), timeout=20) as connection:
        connection.sendall(head.replace("\n", "\r\n").encode())
        try:
            for chunk in chunks:
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if chunks:
                connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server has answered and closed: read what it said
        answer = b""
        try:
            while not answer.endswith(b"}"):
                if not (data := connection.recv(65536)):
                    break
                answer += data
        except ConnectionResetError:
            pass
    return answer


AUTHORIZED = {"Authorization": "Bearer test-webhook-token", "Content-Type": "application/json"}
TOO_BIG = b'{"error":"body is larger than 1048576 bytes"}'
WRONG_TOKEN = b'{"error":"missing or wrong token: send Authorization: Bearer <WEBHOOK_TOKEN>"}'


def head(path: str, token: str, length: int | None = None) -> str:
    size = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    # A client that waits for "100 Continue" before it sends the body shows whether the server wants the body.
    expect = "Expect: 100-continue\n" if length is not None else ""
    return f"POST {path} HTTP/1.1\nHost: crisisdesk\nAuthorization: Bearer {token}\n{size}\n{expect}\n"


@pytest.mark.parametrize("path", ["/hooks/generic", "/hooks/alertmanager", "/hooks/mentions/brandwatch"])
def test_a_2_mib_body_is_refused_with_or_without_a_content_length(bot, engine, path):
    declared = exchange(bot, head(path, "test-webhook-token", 2 * 1024 * 1024))
    assert declared.startswith(b"HTTP/1.1 413 ") and declared.endswith(TOO_BIG)  # before any byte of the body
    chunked = exchange(bot, head(path, "test-webhook-token"), [b"x" * 65536] * 32)
    assert chunked.startswith(b"HTTP/1.1 413 ") and chunked.endswith(TOO_BIG)  # counted while it streams
    assert incidents(engine) == []


def test_a_wrong_token_with_a_huge_body_is_refused_before_the_body_is_read(bot, engine):
    declared = exchange(bot, head("/hooks/generic", "wrong", 5 * 1024 * 1024))
    assert declared.startswith(b"HTTP/1.1 413 ") and declared.endswith(TOO_BIG)
    unknown_size = exchange(bot, head("/hooks/generic", "wrong"))  # the head only: no body is wanted
    assert unknown_size.startswith(b"HTTP/1.1 401 ") and unknown_size.endswith(WRONG_TOKEN)
    assert incidents(engine) == []


def test_a_database_outage_is_a_503_with_retry_after(settings, config, slack, clock, tmp_path):
    from bot.database import make_engine
    from tests.support.bot import start_bot

    gone = make_engine(f"sqlite:///{tmp_path / 'missing' / 'crisisdesk.db'}")  # a folder that does not exist
    bot = start_bot(settings, config, slack, gone)
    try:
        for endpoint, payload in [("generic", valid_generic()), ("alertmanager", valid_alertmanager()),
                                  ("mentions/brandwatch", valid_ours())]:
            request = urllib.request.Request(f"{bot.url}/hooks/{endpoint}", data=json.dumps(payload).encode(),
                                             headers=AUTHORIZED, method="POST")
            with pytest.raises(urllib.error.HTTPError) as failed:
                urllib.request.urlopen(request, timeout=20)
            assert (failed.value.code, failed.value.headers["Retry-After"], json.loads(failed.value.read())) == (
                503, "30", {"error": "the database is unavailable; nothing was stored, try again later"})
        status, _ = get(bot, f"/schedules/social-oncall.ics?token={FEED_TOKEN}")
        assert status == 503
    finally:
        bot.close()

