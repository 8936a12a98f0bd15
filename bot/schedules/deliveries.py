"""Outbox kinds of on-call schedules: shift notices, the gap report, plain DMs."""
from __future__ import annotations

from bot.outbox.delivery import Delivery
from handlers.schedules import blocks as schedule_blocks


def direct_message(d: Delivery, text: str) -> dict:
    user_id = d.user_id(d.row.payload["person"])
    channel, ts = d.gateway.post(user_id, text)  # Slack opens the DM
    return {"channel": channel, "ts": ts}


def shift_notice(d: Delivery) -> dict:
    return direct_message(d, schedule_blocks.shift_notice_text(d.row.payload))


def dm(d: Delivery) -> dict:
    return direct_message(d, d.row.payload["text"])


def gap_report(d: Delivery) -> dict:
    channel = d.row.payload["channel"]
    text = schedule_blocks.gap_report_text(d.row.payload)
    _, ts = d.gateway.post_joining(channel, text)
    return {"ts": ts}


KINDS = {f.__name__: f for f in (shift_notice, dm, gap_report)}
FAILED_TO = {"shift_notice": "send a shift notice", "gap_report": "post the gap report", "dm": "send a DM"}
