"""What the bot says about the incident the end-to-end tests open, and reading its rows back."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents.models import Alert, Incident
from escalation.outbox import OutboxMessage
from tests.support.expect import seen

T0 = datetime.fromisoformat("2026-11-24 09:00:00+00:00")  # when the tests' incident opens (10:00 in Warsaw)
SECOND = timedelta(seconds=1)
TITLE = "Negative mentions x8"
CHANNEL_NAME = "crisis-20261124-negative-mentions-x8"
CHANNEL = "#" + CHANNEL_NAME
SUMMARY = f"Incident #1 · SEV2 · {TITLE}"


def open_incident(bot, title: str = TITLE, dedup_key: str = "mentions-1"):
    """Post the alert that opens incident #1 (SEV2) and check it was taken."""
    answer = bot.post_alert(title, severity="high", dedup_key=dedup_key)
    assert answer.status == 202, answer
    return answer


def page(level: int, seq: int = 0, number: int = 1, title: str = TITLE, severity: int = 2) -> str:
    what = "You are paged" if seq == 0 else f"Reminder {seq}: you are still paged"
    return f"{what} (level {level}) for incident #{number} · SEV{severity} · {title}"


def mention(user_ids: list[str], level: int, seq: int = 0) -> str:
    people = " ".join(f"<@{u}>" for u in user_ids)
    if seq == 0:
        return f"{people} you are paged (level {level}). Press Acknowledge in the pinned summary or type `/crisis ack`."
    return f"{people} reminder {seq}: this incident is still not acknowledged (level {level})."


def closed(change: str, actor: str, number: int = 1, title: str = TITLE) -> str:
    return f"Incident #{number} · {title} was {change} by {actor}. No action needed from you."


def opening(channel: str = CHANNEL, summary: str = SUMMARY, *mentions: str) -> list[tuple[str, str, str]]:
    """The channel's first message: the summary (created, topic set and pinned without messages), carrying the
    channel mention of the first pages when they were queued before it was posted."""
    return [("post", channel, "\n".join([summary, *mentions]))]


def opened(*user_ids: str) -> list[tuple[str, str, str]]:
    """The opening of the tests' incident #1 whose first level pages `user_ids`: the page DMs, then the summary
    carrying their mention."""
    return [*(("post", f"dm:{u}", page(1)) for u in user_ids), *opening(CHANNEL, SUMMARY, mention(list(user_ids), 1))]


def timeline_texts(engine, incident_id: int = 1) -> list[tuple[str, str]]:
    """(kind, text) of every timeline event, oldest first."""
    with Session(engine) as session:
        return [(e.kind, e.text) for e in timeline.events(session, incident_id)]


def incidents(engine) -> list[tuple[int, str, str | None]]:
    """(number, status, channel name) of every incident."""
    with Session(engine) as session:
        rows = session.scalars(select(Incident).order_by(Incident.id))
        return [(i.id, i.status, i.channel_name) for i in rows]


def alerts(engine) -> list[tuple[int, str, str, int]]:
    """(incident, fingerprint, status, repeats) of every alert."""
    with Session(engine) as session:
        rows = session.scalars(select(Alert).order_by(Alert.id))
        return [(a.incident_id, a.fingerprint, a.status, a.repeats) for a in rows]


def outbox_rows(engine, kind: str) -> list[tuple[str, int]]:
    """(status, attempts) of the outbox rows of one kind, oldest first."""
    with Session(engine) as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))
        return [(r.status, r.attempts) for r in rows]


def last_errors(engine, kind: str) -> list[str | None]:
    """The last error of each outbox row of one kind, oldest first."""
    with Session(engine) as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))
        return [r.last_error for r in rows]


def at(clock, minutes: float) -> None:
    """Move the frozen clock to `minutes` after the tests' incident opened (T0)."""
    clock.move_to(T0 + timedelta(minutes=minutes))


def sent_at(bot, slack, clock, minutes: float) -> list[tuple[str, str, str]]:
    """Nothing is sent a second before `minutes`; what is sent at `minutes`."""
    at(clock, minutes)
    clock.tick(-SECOND)
    bot.run_worker()
    assert seen(slack) == [], f"something was sent a second before {minutes} minutes"
    clock.tick(SECOND)
    bot.run_worker()
    return seen(slack)
