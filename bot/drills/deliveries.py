"""Outbox kinds for drills: each takes a bot.outbox.delivery.Delivery and returns a result to keep."""
from __future__ import annotations

from bot.outbox.delivery import Cancelled, Delivery
from escalation.drills import DrillRun
from escalation.drills import service as drills
from handlers.drills import report_message


def post_drill_report(d: Delivery) -> dict:
    run = d.session.get(DrillRun, d.row.payload["run"])
    if run is None or not run.report_channel:
        raise Cancelled("the drill or its report channel is gone")
    report = drills.report_of(d.session, run, {})  # ended: the rows as written then
    names = {key: person.label for key, person in d.config.directory.people.items()}
    text, blocks = report_message(report, names, d.config.timezone)
    channel, ts = d.gateway.post_joining(run.report_channel, text, blocks)
    return {"channel": channel, "ts": ts}


KINDS = {f.__name__: f for f in (post_drill_report,)}
FAILED_TO = {"post_drill_report": "post the drill report"}
