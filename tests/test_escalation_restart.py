"""The engine and the outbox across repeated cycles and restarts: nothing lost, nothing sent twice."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from bot.outbox.runner import LEASE, deliver_one
from escalation.outbox import OutboxMessage, claim
from escalation.paging.engine import run_cycle
from tests.support import database
from tests.support.bot import start_bot
from tests.support.crisis import CHANNEL, mention, open_incident, opened, page
from tests.support.expect import seen


def test_running_the_cycle_twice_at_the_same_instant_sends_nothing_twice(bot, slack, clock):
    open_incident(bot)
    assert bot.run_worker() == (1, 5)  # the invite and the channel mention ride on the summary's row
    assert bot.run_worker() == (0, 0)
    assert seen(slack) == opened("U0ANNA")

    clock.tick(timedelta(minutes=5))
    assert bot.run_worker() == (1, 2)
    assert bot.run_worker() == (0, 0)
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1)), ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]


def test_an_engine_cycle_run_twice_in_separate_transactions_queues_each_step_once(bot, slack, clock, engine):
    open_incident(bot)
    roster = bot.app.desk.roster
    for _ in range(2):
        with Session(engine) as session, session.begin():
            run_cycle(session, bot.app.desk.clock(), roster(session))
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")


ON_POSTGRES = pytest.mark.skipif(not database.PG_URL, reason="SQLite lets one writer in at a time: the other waits")


@ON_POSTGRES
def test_two_engines_cycling_at_the_same_time_page_once(bot, slack, engine):
    open_incident(bot)
    now, roster = bot.app.desk.clock(), bot.app.desk.roster
    with Session(engine) as first, first.begin():
        assert run_cycle(first, now, roster(first)) == 1
        with Session(engine) as second, second.begin():
            assert run_cycle(second, now, roster(second)) == 0  # the row is locked: skipped, not waited for
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")


@ON_POSTGRES
def test_two_workers_delivering_at_the_same_time_never_take_the_same_lane(bot, slack, engine):
    open_incident(bot)
    with Session(engine) as session, session.begin():
        run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session))
    now = bot.app.desk.clock()
    with Session(engine) as first, first.begin():
        [taken] = claim(first, now, 1, LEASE)  # the page goes first
        with Session(engine) as second, second.begin():
            [other] = claim(second, now, 1, LEASE)  # the held row is skipped, not waited for
            assert (second.get(OutboxMessage, other).kind, second.get(OutboxMessage, other).lane) == (
                "create_channel", "incident:1")
        assert (first.get(OutboxMessage, taken).kind, first.get(OutboxMessage, taken).lane) == ("dm_page", "dm:1:anna")
    worker = bot.app.worker
    for row_id in (taken, other):  # each worker delivers what it claimed; the rest goes on the next pass
        deliver_one(bot.app.desk.sessions, worker.gateway, bot.app.config, worker.kinds, row_id, now + LEASE,
                    bot.app.desk.clock)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")


def test_a_restart_between_queueing_and_delivering_loses_and_duplicates_nothing(bot, slack, clock, engine,
                                                                                 settings, config):
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    clock.tick(timedelta(minutes=5))
    with Session(engine) as session, session.begin():  # the engine queues reminder 1, then the process dies
        assert run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session)) == 1
    bot.close()
    assert seen(slack) == []

    fresh = start_bot(settings, config, slack, engine)
    try:
        assert fresh.run_worker() == (0, 2)  # nothing left for the engine; the queued reminder goes out
        assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1)), ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]
        assert fresh.run_worker() == (0, 0)

        clock.tick(timedelta(minutes=10))  # the schedule survived the restart: Piotr at 15 minutes
        fresh.run_worker()
        assert seen(slack) == [("post", "dm:U0PIOTR", page(2)), ("post", CHANNEL, mention(["U0PIOTR"], 2))]
    finally:
        fresh.close()
