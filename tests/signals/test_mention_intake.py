"""Mentions posted at once share one commit, and the topics of a commit are evaluated once for it, not per post."""
from __future__ import annotations

import threading
from concurrent.futures import Future
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.signals.intake import Receipt, then
from escalation.signals.mentions import MentionIn
from escalation.signals.models import Mention, MentionTopic
from escalation.signals.store import mark_pending
from tests.support.config import CONFIG, load_test_config
from tests.support.signals import SIGNALS

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant


@pytest.fixture
def config():
    return load_test_config(CONFIG + SIGNALS)


def one_post(signals, n: int) -> Future[Receipt]:
    mention = MentionIn(id=f"m{n}", text=f"Acme answered in five minutes ({n})", published_at=NOW, language="en")
    return signals.submit(signals.classify("listenly", [mention]))


def test_posts_waiting_behind_a_commit_are_stored_together_and_their_topic_evaluated_once(bot, clock, engine):
    signals = bot.app.desk.signals
    evaluate, evaluated, first_running, go_on = signals.intake.evaluate, [], threading.Event(), threading.Event()

    def held_evaluate(topic, now):  # the first evaluation holds the writer until the other posts are queued
        evaluated.append((topic, now))
        first_running.set()
        go_on.wait(10)
        return evaluate(topic, now)

    signals.intake.evaluate = held_evaluate
    first = one_post(signals, 0)
    assert first_running.wait(10)
    waiting = [one_post(signals, n) for n in range(1, 7)]
    clock.tick(timedelta(seconds=10))  # past the 5 s in which a topic just evaluated is left to the worker
    go_on.set()

    receipts = [future.result(10) for future in [first, *waiting]]
    assert receipts == [Receipt(1, 0, ())] * 7
    assert evaluated == [("acme", NOW), ("acme", NOW + timedelta(seconds=10))]  # not one per post
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MentionTopic)) == 7


def test_a_topic_evaluated_moments_ago_is_left_for_the_worker(bot, clock, engine):
    signals = bot.app.desk.signals
    assert one_post(signals, 0).result(10) == Receipt(1, 0, ())
    evaluated = []
    signals.intake.evaluate = lambda topic, now: evaluated.append(topic)
    clock.tick(timedelta(seconds=4))
    assert one_post(signals, 1).result(10) == Receipt(1, 0, ())
    assert evaluated == []
    with Session(engine) as session:
        assert mark_pending(session, ("acme",), NOW) == {"acme": NOW}  # evaluated by the first post, at NOW


def test_a_post_repeated_within_one_commit_is_stored_once(bot, engine):
    signals = bot.app.desk.signals
    mention = MentionIn(id="same", text="Acme again", published_at=NOW, language="en")
    copies = signals.classify("listenly", [mention, mention])
    assert signals.intake.writer.write(copies) == [(True, ()), (False, ())]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Mention)) == 1


def test_a_topic_the_watch_does_not_know_leaves_the_post_stored_once_and_answered(bot, engine):
    signals = bot.app.desk.signals
    del signals.watch.topics["acme"]  # the classifier still puts mentions under it
    assert one_post(signals, 0).result(10) == Receipt(1, 0, ())  # not an error, nor written again as a duplicate
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MentionTopic)) == 1


def test_then_converts_the_result_and_passes_an_error_on():
    source: Future[int] = Future()
    doubled = then(source, lambda n: n * 2)
    source.set_result(21)
    assert doubled.result(1) == 42

    failing: Future[int] = Future()
    converted = then(failing, lambda n: n)
    failing.set_exception(RuntimeError("the write failed"))
    with pytest.raises(RuntimeError, match="the write failed"):
        converted.result(1)


def test_a_waiter_that_gives_up_leaves_the_write_alone():
    source: Future[int] = Future()
    waited = then(source, lambda n: n)
    assert waited.cancel()
    source.set_result(1)  # answering the cancelled waiter raises nothing in the writer
    assert (waited.cancelled(), source.result(1)) == (True, 1)


def test_only_languages_classified_before_are_scored_on_the_event_loop(bot):
    signals = bot.app.desk.signals

    def mention(language):
        return MentionIn(id="x", text="Acme", published_at=NOW, language=language)

    assert not signals.warm_for([mention("en")])  # the first English post loads TextBlob: in a thread
    signals.classify("listenly", [mention("en-GB")])
    assert signals.warm_for([mention("en"), mention("EN")])
    assert not signals.warm_for([mention("en"), mention("pl")])  # Polish loads its stemming table first
    assert not signals.warm_for([mention(None)])  # detecting the language loads a model, and may find any
