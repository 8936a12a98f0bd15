"""A feature's periodic duty that fails does not hold back the outbox: pages still go out on the same tick."""
from __future__ import annotations

from tests.support.crisis import open_incident, opened
from tests.support.expect import seen


def test_a_failing_duty_does_not_stop_delivery(bot, slack, clock):
    ran = []

    def broken(now):
        ran.append(now)
        raise RuntimeError("reminders table missing")

    bot.app.worker.duties = (broken, *bot.app.worker.duties)
    open_incident(bot)
    bot.run_worker()
    assert len(ran) == 1
    assert seen(slack) == opened("U0ANNA")
