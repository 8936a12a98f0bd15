"""A message pinned with 📌 in an incident channel goes on the timeline at the time it was written, once."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident
from escalation.timeline import TimelineEvent


def pin_key(channel: str, ts: str) -> str:
    return f"pin:{channel}:{ts}"


def written_at(ts: str) -> datetime:
    """A Slack message ts ("1700000000.000100") as the instant it was posted."""
    return datetime.fromtimestamp(float(ts), tz=UTC)


def is_on_timeline(session: Session, key: str) -> bool:
    return session.scalar(select(TimelineEvent.id).where(TimelineEvent.source_key == key)) is not None


def queue_pin(session: Session, incident: Incident, channel: str, ts: str, pinned_by: str, now: datetime) -> bool:
    """Queue fetching the message; False when it is on the timeline or queued already (a second pin, a retry)."""
    key = pin_key(channel, ts)
    if is_on_timeline(session, key):
        return False
    row = outbox.enqueue(session, now, kind="pin_message", lane=f"pins:{incident.id}", incident_id=incident.id,
                         dedup_key=key, payload={"channel": channel, "ts": ts, "pinned_by": pinned_by})
    return row is not None


def add_pinned(session: Session, incident_id: int, channel: str, ts: str, author: str, text: str, permalink: str,
               pinned_by: str) -> TimelineEvent | None:
    """The pinned message as a timeline event at its own time; None if it is there already."""
    key = pin_key(channel, ts)
    if is_on_timeline(session, key):
        return None
    event = timeline.record(session, incident_id, written_at(ts), "pinned", f"<{permalink}|Pinned message>: {text}",
                            actor=author, data={"author": author, "permalink": permalink, "ts": ts,
                                                "pinned_by": pinned_by})
    event.source_key = key
    return event


def add_evidence(session: Session, incident_id: int, channel: str, ts: str, author: str, text: str, permalink: str,
                 declared_by: str) -> TimelineEvent | None:
    """The message an incident was declared from, read like a pinned one: at its own time, with its permalink.
    Keyed by incident, since two incidents may be declared from one message; None if it is there already."""
    key = f"evidence:{incident_id}:{channel}:{ts}"
    if is_on_timeline(session, key):
        return None
    event = timeline.record(session, incident_id, written_at(ts), "pinned", f"<{permalink}|Pinned message>: {text}",
                            actor=author, data={"author": author, "permalink": permalink, "ts": ts,
                                                "pinned_by": declared_by, "declared_from": True})
    event.source_key = key
    return event
