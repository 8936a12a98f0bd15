"""Page DMs are delivered a round at a time: read with the claim, sent with no session open, recorded together;
an outcome whose claim passed on is not recorded; a tick that stopped at its limit goes round again."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.orm import Session

from bot import worker as worker_module
from bot.incidents import page_dms
from bot.outbox import rounds
from bot.outbox.runner import LEASE, deliver_due, settle
from escalation.incidents import Incident
from escalation.incidents.views import card
from escalation.outbox import PENDING, SENT, OutboxMessage, claim
from escalation.paging import EscalationState, Page
from escalation.paging.engine import run_cycle
from tests.support.crisis import open_incident, opened, page
from tests.support.expect import seen

TITLES = [f"Checkout failing in region {n}" for n in range(6)]


def open_six(bot, engine) -> None:
    """Six incidents, each paging Anna at level 1, queued by the engine but not delivered."""
    for n, title in enumerate(TITLES):
        open_incident(bot, title=title, dedup_key=f"checkout-{n}")
    with Session(engine) as session, session.begin():
        run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session))


def test_a_round_of_page_dms_is_read_with_its_claim_and_recorded_in_one_transaction(bot, slack, engine):
    open_six(bot, engine)
    began = []

    def count(connection) -> None:
        began.append(connection)

    event.listen(engine, "begin", count)
    worker = bot.app.worker
    try:
        handled = deliver_due(bot.app.desk.sessions, worker.gateway, bot.app.config, worker.kinds,
                              bot.app.desk.clock(), limit=6)
    finally:
        event.remove(engine, "begin", count)
    assert handled == 6
    assert len(began) == 2  # one to claim and read the six, one to record their six answers
    assert sorted(m[2] for m in seen(slack)) == sorted(page(1, number=n + 1, title=t) for n, t in enumerate(TITLES))
    with Session(engine) as session:
        pages = session.scalars(select(Page).order_by(Page.incident_id)).all()
        assert [(p.incident_id, p.dm_channel is not None, p.dm_ts is not None, p.delivered_at is not None)
                for p in pages] == [(n, True, True, True) for n in range(1, 7)]
        assert {r.status for r in session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "dm_page"))} \
            == {SENT}


def test_an_outcome_whose_claim_passed_on_is_left_to_the_worker_that_holds_it(bot, slack, engine):
    open_six(bot, engine)
    worker, sessions, now = bot.app.worker, bot.app.desk.sessions, bot.app.desk.clock()
    with sessions.begin() as session:
        ids = claim(session, now, 1, LEASE)
        [job], cancelled = rounds.prepare(session, ids, worker.kinds, worker.gateway, bot.app.config, now)
    assert cancelled == set()
    outcome = rounds.send(job, worker.kinds)
    assert outcome.error is None
    later = now + LEASE + timedelta(seconds=1)  # the claim ran out meanwhile: another worker took the row
    with sessions.begin() as session:
        assert claim(session, later, 1, LEASE) == ids
    with sessions.begin() as session:
        assert rounds.record(session, [outcome], now + LEASE, worker.kinds, later, settle) == []
    with Session(engine) as session:
        row = session.get(OutboxMessage, ids[0])
        assert (row.status, row.claimed_until) == (PENDING, later + LEASE)
        assert session.scalar(select(Page.delivered_at).where(Page.incident_id == 1)) is None
    seen(slack)  # the DM did go out: the worker holding the row now sends it again (the documented window)


def test_a_tick_that_stopped_at_its_limit_goes_round_again(bot, slack, monkeypatch):
    open_incident(bot)
    monkeypatch.setattr(worker_module, "DELIVERY_LIMIT", 2)  # the incident's opening is five rows
    bot.app.worker.tick()
    assert seen(slack) == opened("U0ANNA")


def test_an_incident_card_does_not_load_the_incidents_alerts(bot, engine):
    open_incident(bot)
    with Session(engine) as session:
        incident = session.get(Incident, 1)
        assert card(incident).number == 1
        assert "alerts" in inspect(incident).unloaded  # a storm's incident has thousands


def test_a_page_dm_whose_round_preparation_fails_goes_row_by_row(bot, slack, engine, monkeypatch):
    open_six(bot, engine)

    def broken(session, person):
        raise RuntimeError("a bug in the batched path")

    monkeypatch.setattr(page_dms, "known_user_id", broken)
    worker = bot.app.worker
    assert deliver_due(bot.app.desk.sessions, worker.gateway, bot.app.config, worker.kinds, bot.app.desk.clock(),
                       limit=6) == 6
    assert sorted(m[2] for m in seen(slack)) == sorted(page(1, number=n + 1, title=t) for n, t in enumerate(TITLES))
    with Session(engine) as session:
        assert {r.status for r in session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "dm_page"))} \
            == {SENT}


def test_a_round_that_cannot_be_recorded_at_once_is_recorded_one_by_one(bot, slack, engine, monkeypatch):
    open_six(bot, engine)
    whole = rounds.record

    def only_one_at_a_time(session, outcomes, *rest):
        if len(outcomes) > 1:
            raise RuntimeError("database is locked")
        return whole(session, outcomes, *rest)

    monkeypatch.setattr(rounds, "record", only_one_at_a_time)
    worker = bot.app.worker
    deliver_due(bot.app.desk.sessions, worker.gateway, bot.app.config, worker.kinds, bot.app.desk.clock(), limit=6)
    assert len(seen(slack)) == 6
    with Session(engine) as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "dm_page")).all()
        assert [(r.status, r.claimed_until) for r in rows] == [(SENT, None)] * 6


def test_page_dms_are_recorded_while_a_slow_channel_call_of_their_round_is_on_its_way(bot, slack, engine):
    open_incident(bot)
    with Session(engine) as session, session.begin():
        run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session))
    slack.fail_next("conversations.create", delay=3)
    worker = bot.app.worker
    with ThreadPoolExecutor(4) as lanes:
        round_ = threading.Thread(target=deliver_due, args=(bot.app.desk.sessions, worker.gateway, bot.app.config,
                                                             worker.kinds, bot.app.desk.clock(), 2, lanes))
        round_.start()
        recorded_during = False
        while round_.is_alive() and not recorded_during:
            with Session(engine) as session:
                recorded_during = session.scalar(select(OutboxMessage.status)
                                                 .where(OutboxMessage.kind == "dm_page")) == SENT
            time.sleep(0.05)
        still_calling = round_.is_alive()
        round_.join(10)
    assert recorded_during and still_calling
    assert seen(slack) == [("post", "dm:U0ANNA", page(1))]


def test_a_wake_that_comes_while_a_tick_runs_makes_it_go_round_again(bot, monkeypatch):
    worker = bot.app.worker
    rounds_run = []

    def run_once():
        rounds_run.append(len(rounds_run))
        if len(rounds_run) == 1:
            worker.wanted()  # a webhook queued work while this round ran; the scheduler skips its own wake
        return 0, 0

    monkeypatch.setattr(worker, "run_once", run_once)
    worker.tick()
    assert rounds_run == [0, 1]


def test_a_cycle_of_reminders_reads_the_levels_paged_once_and_writes_its_states_together(bot, slack, clock, engine):
    open_six(bot, engine)
    clock.tick(timedelta(minutes=5))  # every incident's level 1 is due a reminder (remind_every: 5m)
    statements: list[str] = []

    def keep(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(" ".join(statement.split()).upper())

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with Session(engine) as session, session.begin():
            assert run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session)) == 6
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert len([s for s in statements if s.startswith("SELECT") and "FROM PAGES" in s]) == 1
    assert len([s for s in statements if s.startswith("UPDATE ESCALATION_STATES")]) == 1  # one executemany
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Page).where(Page.seq == 1)) == 6


def rounds_of_a_tick(bot, engine, monkeypatch, due_in: timedelta, wake_in: float | None = None) -> int:
    """How many rounds one tick runs when the only escalation's next step is `due_in` from now (and a wake comes
    `wake_in` seconds into the tick)."""
    worker = bot.app.worker
    with Session(engine) as session, session.begin():
        session.execute(update(EscalationState).values(next_action_at=bot.app.desk.clock() + due_in))
    rounds_run = []

    def run_once():
        rounds_run.append(1)
        return 0, 0

    monkeypatch.setattr(worker, "run_once", run_once)
    wake = threading.Timer(wake_in, worker.wanted) if wake_in is not None else None
    if wake is not None:
        wake.start()
    worker.tick()
    return len(rounds_run)


def test_a_step_due_before_the_next_tick_is_waited_for_inside_this_one(bot, engine, monkeypatch):
    open_incident(bot)
    assert bot.app.worker.period > 0.3
    # once more after the wait; having moved nothing then (the clock is frozen here), it leaves the rest to the
    # next tick
    assert rounds_of_a_tick(bot, engine, monkeypatch, timedelta(seconds=0.3)) == 2


def test_a_wake_during_the_wait_for_a_step_does_not_leave_the_step_to_the_next_tick(bot, engine, monkeypatch):
    open_incident(bot)
    # woken at 0.1 s: a round (nothing due yet), the wait for what is left, the round after it, then done
    assert rounds_of_a_tick(bot, engine, monkeypatch, timedelta(seconds=0.5), wake_in=0.1) == 3


def test_a_step_due_after_the_next_tick_is_left_to_it(bot, engine, monkeypatch):
    open_incident(bot)
    assert rounds_of_a_tick(bot, engine, monkeypatch, timedelta(seconds=bot.app.worker.period + 1)) == 1


def pending(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == PENDING))


def test_with_a_delivery_thread_a_tick_runs_the_engine_and_the_thread_delivers(bot, slack, engine):
    worker = bot.app.worker
    worker.start_delivery()
    try:
        open_incident(bot)
        assert worker.run_once()[1] == 0  # the engine queued the page; delivering is the thread's
        deadline = time.monotonic() + 20
        while pending(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen(slack) == opened("U0ANNA")
    finally:
        worker.close()
    assert not worker._delivery.is_alive()  # closing stops it, after the round under way
