"""A slow Slack holds up nothing else: the worker calls it with no transaction open, so webhooks are stored and
answered while a Slack call is still on its way (on SQLite, one writer at a time, this is where it showed)."""
from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation.incidents.models import Alert
from tests.support.crisis import CHANNEL, SUMMARY, mention, open_incident, opening, page
from tests.support.expect import seen


def test_webhooks_are_answered_while_the_worker_waits_for_a_slow_slack(bot, slack, engine):
    open_incident(bot)
    slack.fail_next("conversations.create", delay=10)
    # A tick, as the scheduler runs it: its delivery slice ends during the slow call, so it goes round again.
    worker = threading.Thread(target=bot.app.worker.tick)
    worker.start()
    try:
        for number in range(5):
            answer = bot.post_alert(f"Outage {number}", dedup_key=f"outage-{number}")
            assert answer.status == 202, answer
        assert worker.is_alive(), "the webhooks had to wait for the worker's Slack call"
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(Alert)) == 6
    finally:
        worker.join(30)
    assert not worker.is_alive()
    posts = seen(slack)
    # Incident #1 as always; the five outages opened while Slack was slow (whether their pages went out in this tick
    # or the next depends on when the engine saw them, so only their own order is checked).
    first = [post for post in posts if "#1 " in post[2] or post[1] == CHANNEL]
    assert first == [("post", "dm:U0ANNA", page(1)), *opening(CHANNEL, SUMMARY, mention(["U0ANNA"], 1))]
    summaries = [post[2].split("\n")[0] for post in posts if post[1].startswith("#crisis-20261124-outage-")]
    assert summaries == [f"Incident #{n + 2} · SEV3 · Outage {n}" for n in range(5)]
