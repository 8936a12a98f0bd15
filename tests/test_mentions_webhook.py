"""`POST /hooks/mentions/<source>`: who may post, what a bad body is told, how mentions are stored and scored."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.settings import Settings
from escalation.signals.models import Mention
from handlers.inbound.guard import MAX_BODY
from tests.support.bot import SIGNING_SECRET, WEBHOOK_TOKEN, start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import incidents
from tests.support.signals import SIGNALS, listenly, ours, stored_mentions
from tests.trust.test_fuzz_webhooks import exchange, head

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant
EARLIER = NOW - timedelta(minutes=5)
NOTHING_NEW = {"stored": 0, "duplicates": 0, "ignored": 0, "incidents": []}


@pytest.fixture
def config():
    return load_test_config(CONFIG + SIGNALS)


def post(bot, payload, source: str = "brandwatch", **options):
    return bot.post_hook(f"mentions/{source}", payload, **options)


def answer(stored: int = 0, duplicates: int = 0, ignored: int = 0) -> dict:
    return {"stored": stored, "duplicates": duplicates, "ignored": ignored, "incidents": []}


def test_one_mention_in_our_schema_is_stored_scored_and_put_in_its_topic(bot, slack, clock, engine):
    mention = ours("m1", "I love my new Acme phone", EARLIER, url="https://social.example/p/m1", author="@kasia",
                   author_followers=1200, platform="X", language="en", extra={"kept": True})
    reply = post(bot, mention)

    assert (reply.status, reply.body) == (202, answer(stored=1))
    with Session(engine) as session:
        row = session.scalars(select(Mention)).one()
        assert (row.source, row.external_id, row.text, row.url, row.author, row.followers, row.platform,
                row.language) == ("brandwatch", "m1", "I love my new Acme phone", "https://social.example/p/m1",
                                  "@kasia", 1200, "x", "en")
        assert (row.published_at, row.received_at) == (EARLIER, NOW)
        assert (row.label, round(row.polarity, 3), row.scored_by) == ("positive", 0.318, "textblob")
        assert (row.keywords, row.topics, row.tags) == ([], ["acme"], [])
        assert row.raw == mention
    bot.run_worker()
    assert incidents(engine) == []
    assert slack.calls() == []


def test_a_duplicate_id_from_the_same_source_is_stored_once_and_counted(bot, engine):
    first = ours("m1", "Acme shipped my order", EARLIER, sentiment="neutral")
    edited = ours("m1", "Acme shipped my order (edited)", EARLIER, sentiment="neutral")
    second = ours("m2", "Acme again", EARLIER, sentiment="positive")

    assert post(bot, [first, second, edited]).body == answer(stored=2, duplicates=1)
    assert post(bot, [second, ours("m3", "Acme three", EARLIER, sentiment="neutral")]).body == answer(1, 1)
    assert post(bot, first, source="other-tool").body == answer(stored=1)  # ids are per source

    assert [(source, id, label) for source, id, label, *_ in stored_mentions(engine)] == [
        ("brandwatch", "m1", "neutral"), ("brandwatch", "m2", "positive"), ("brandwatch", "m3", "neutral"),
        ("other-tool", "m1", "neutral")]
    with Session(engine) as session:  # the first copy wins
        assert session.scalar(select(Mention.text).where(Mention.external_id == "m1", Mention.source == "brandwatch")) \
            == "Acme shipped my order"


def test_polish_text_without_a_source_sentiment_is_scored_by_the_polish_lexicon_and_crisis_keywords_are_found(
        bot, engine):
    reply = post(bot, [
        ours("p1", "ACME to OSZUSTWO, bojkot!", EARLIER, language="pl"),
        ours("p2", "Acme to oszustwo", EARLIER, language="pl-PL", sentiment="negative"),
        ours("e1", "Boycott Acme now", EARLIER, language="en"),
        ours("x1", "Something else entirely", EARLIER, language="en", tags=["acme-campaign"]),
        ours("d1", "Acme ist Betrug", EARLIER, language="de"),  # no scorer for German: unscored, as before
    ])
    assert reply.body == answer(stored=5)
    assert stored_mentions(engine) == [
        ("brandwatch", "p1", "negative", pytest.approx(-0.876, abs=0.001), "polish", ["bojkot", "oszustwo"],
         ["acme"]),
        ("brandwatch", "p2", "negative", None, "source", ["oszustwo"], ["acme"]),
        ("brandwatch", "e1", "neutral", 0.0, "textblob", ["boycott"], ["acme"]),
        ("brandwatch", "x1", "neutral", 0.0, "textblob", [], []),
        ("brandwatch", "d1", "unscored", None, "none", [], ["acme"]),
    ]


def test_a_mapped_source_posting_action_and_data_is_read_through_its_mapping(bot, engine):
    created = listenly("L-77", "Acme lost my parcel", EARLIER, followers=54000, sentiment=-0.6, handle="@marta")
    deleted = {"action": "mention_deleted", "data": {"id": "L-12"}}

    assert post(bot, [deleted, created], source="listenly").body == answer(stored=1, ignored=1)
    assert post(bot, deleted, source="listenly").body == answer(ignored=1)
    with Session(engine) as session:
        row = session.scalars(select(Mention)).one()
        assert (row.source, row.external_id, row.text, row.url, row.author, row.followers, row.platform,
                row.language, row.published_at) == ("listenly", "L-77", "Acme lost my parcel",
                                                     "https://social.example/p/L-77", "@marta", 54000, "x", "en",
                                                     EARLIER)
        assert (row.label, row.polarity, row.scored_by, row.topics) == ("negative", -0.6, "source", ["acme"])
        assert row.raw == created  # the whole post, as it came


def test_a_source_not_in_the_config_uses_our_schema(bot, engine):
    # listenly's shape sent to a source the config does not map: none of our fields is where we look.
    reply = post(bot, listenly("1", "Acme", EARLIER), source="new-tool")
    assert (reply.status, reply.body) == (400, {"error": "id: required"})


def mentions(n: int) -> list[dict]:
    return [ours(f"m{i}", "Acme", EARLIER) for i in range(n)]


@pytest.mark.parametrize("source, body, error", [
    ("brandwatch", b"", "body is empty; expected JSON"),
    ("brandwatch", b"[]", "body: empty list; expected at least one mention"),
    ("brandwatch", b'"Acme"', "body: expected an object or a list of objects, got a string"),
    ("brandwatch", [1], "[0]: expected an object, got a number"),
    ("brandwatch", mentions(3) + [ours("m3", "Acme", EARLIER) | {"published_at": "yesterday"}],
     '[3].published_at: expected an ISO 8601 time with offset, got "yesterday"'),
    ("brandwatch", ours("m1", "Acme", EARLIER) | {"published_at": "2026-11-24T10:00:00"},
     'published_at: expected an ISO 8601 time with offset, got "2026-11-24T10:00:00"'),
    ("brandwatch", {"text": "Acme", "published_at": "2026-11-24T10:00:00Z"}, "id: required"),
    ("brandwatch", ours("m1", "Acme", EARLIER) | {"id": ""}, "id: must not be empty"),
    ("brandwatch", ours("m1", "Acme", EARLIER) | {"text": 42}, "text: expected a string, got a number"),
    ("brandwatch", ours("m1", "Acme", EARLIER, sentiment="meh"),
     'sentiment: expected negative, neutral or positive, or a score from -1 to 1, got "meh"'),
    ("brandwatch", ours("m1", "Acme", EARLIER, sentiment=2),
     "sentiment: expected negative, neutral or positive, or a score from -1 to 1, got 2"),
    ("brandwatch", ours("m1", "Acme", EARLIER, author_followers=-5),
     "author_followers: expected a whole number of followers (0 or more), got -5"),
    ("brandwatch", ours("m1", "Acme", EARLIER, url="ftp://files.example/x"),
     'url: expected an http or https URL, got "ftp://files.example/x"'),
    ("brandwatch", ours("m1", "Acme", EARLIER, language="English please"),
     'language: expected a language code like en, pl or en-US, got "English please"'),
    ("brandwatch", ours("m1", "Acme", EARLIER, tags="acme"), "tags: expected a list of strings, got a string"),
    ("listenly", {"action": "mention_created", "data": {"id": "L-1", "content": "Acme"}},
     "data.created_at: required (our published_at; map it in the source's fields)"),
    ("listenly", [listenly("L-1", "Acme", EARLIER), listenly("L-2", "Acme", EARLIER) | {"data": {
        "id": "L-2", "content": "Acme", "created_at": "yesterday"}}],
     '[1].data.created_at: expected an ISO 8601 time with offset, got "yesterday"'),
    ("UPPER", ours("m1", "Acme", EARLIER),
     'source "UPPER" in the URL: expected a lowercase name (a-z, 0-9, \'.\', \'_\', \'-\'), '
     'e.g. /hooks/mentions/listenly'),
])
def test_a_bad_body_gets_400_naming_the_place_and_stores_nothing(bot, slack, engine, source, body, error):
    reply = post(bot, body, source=source)
    assert (reply.status, reply.body) == (400, {"error": error})
    assert stored_mentions(engine) == []


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_a_missing_or_wrong_token_gets_401_and_stores_nothing(bot, engine, token):
    reply = post(bot, ours("m1", "Acme", EARLIER), token=token)
    assert reply.status == 401
    assert reply.body == {"error": "missing or wrong token: send Authorization: Bearer <WEBHOOK_TOKEN>"}
    assert stored_mentions(engine) == []


def test_without_a_webhook_token_configured_the_endpoint_answers_503(slack, config, engine, database_url, clock):
    settings = Settings(slack_bot_token=slack.token, slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url,
                        database_url=database_url, webhook_token=None)
    running = start_bot(settings, config, slack, engine)
    try:
        reply = post(running, ours("m1", "Acme", EARLIER), token="anything")
        assert (reply.status, reply.body) == (503, {"error": "webhooks are disabled: set WEBHOOK_TOKEN"})
    finally:
        running.close()
    assert stored_mentions(engine) == []


def test_a_body_over_the_size_limit_gets_413(bot, engine):
    # The server answers as soon as the body passes the limit and stops reading, so an ordinary client may lose
    # the answer to a reset while it still sends: a raw socket sends the body and then reads what was said.
    body = json.dumps(ours("m1", "Acme " * (MAX_BODY // 5), EARLIER)).encode()
    reply = exchange(bot, head("/hooks/mentions/brandwatch", WEBHOOK_TOKEN),
                     [body[i:i + 65536] for i in range(0, len(body), 65536)])
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert reply.endswith(f'{{"error":"body is larger than {MAX_BODY} bytes"}}'.encode())
    assert stored_mentions(engine) == []
