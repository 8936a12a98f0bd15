"""Small posts in a language scored before are scored on the event loop; posts with many mentions or much text go
to a thread, so one post of long mentions cannot stall every other request."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from tests.support.config import CONFIG, load_test_config
from tests.support.signals import SIGNALS, ours

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant


@pytest.fixture
def config():
    return load_test_config(CONFIG + SIGNALS)


def on_the_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_a_post_of_few_short_mentions_is_scored_on_the_loop_and_one_of_long_mentions_in_a_thread(bot):
    signals = bot.app.desk.signals
    classify, where = signals.classify, []

    def recording(source, mentions):
        where.append((len(mentions), on_the_loop()))
        return classify(source, mentions)

    signals.classify = recording

    def post(prefix: str, count: int, length: int) -> None:
        mentions = [ours(f"{prefix}{n}", ("Acme " * length)[:length], NOW, language="en") for n in range(count)]
        assert bot.post_hook("mentions/brandwatch", mentions).status == 202

    post("warm", 1, 10)  # English is loaded on its first use, in a thread
    post("short", 3, 100)
    post("long", 2, 2_500)  # two mentions, but 5,000 characters to score
    post("many", 21, 10)
    assert where == [(1, False), (3, True), (2, False), (21, False)]
