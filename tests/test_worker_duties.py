"""A feature's periodic duty that fails does not hold back the outbox: pages still go out on the same tick."""
from __future__ import annotations

from tests.support.crisis import CHANNEL, mention, open_incident, opening, page
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
    assert seen(slack) == [("post", "dm:U0ANNA", page(1))] + opening() + [("post", CHANNEL, mention(["U0ANNA"], 1))]
