"""Where each incident's escalation stands, the pages sent, and Slack ids looked up by e-mail."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class EscalationState(Base):
    """Where an incident's escalation stands; the engine advances rows whose next_action_at is due."""

    __tablename__ = "escalation_states"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    policy_name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    round: Mapped[int] = mapped_column(default=0)  # bumped when an acknowledged incident re-escalates
    loop: Mapped[int] = mapped_column(default=0)  # which repeat of the policy
    level: Mapped[int] = mapped_column(default=0)
    level_paged: Mapped[bool] = mapped_column(default=False)
    level_paged_at: Mapped[datetime | None]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    next_reminder_at: Mapped[datetime | None]
    escalate_at: Mapped[datetime | None]
    next_action_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    # While acknowledged (escalation/paging/quiet.py): when to look at the incident's silence next, the severity
    # that time was computed for (None: not yet, so the next cycle computes it), and the quiet spell (its start)
    # whose warning went out.
    quiet_at: Mapped[datetime | None] = mapped_column(index=True)
    quiet_severity: Mapped[int | None]
    quiet_warned_for: Mapped[datetime | None]

    def stop(self, now: datetime) -> None:
        """No more steps: acknowledged, resolved, or the policy ran out."""
        self.active, self.next_action_at, self.updated_at = False, None, now


class Page(Base):
    """One person paged (or reminded) at one level; the DM's channel and ts arrive when it is delivered."""

    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("incident_id", "round", "loop", "level", "seq", "person_key", name="uq_pages_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    round: Mapped[int]
    loop: Mapped[int]
    level: Mapped[int]
    seq: Mapped[int]  # 0 is the page, 1.. are reminders
    person_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    dm_channel: Mapped[str | None] = mapped_column(String(32))
    dm_ts: Mapped[str | None] = mapped_column(String(32))
    delivered_at: Mapped[datetime | None]


class SlackUserLookup(Base):
    """Email -> Slack user id, looked up once (users.lookupByEmail is rate limited). A failed lookup is kept too
    (user_id None), so nobody asks Slack again until a day has passed (escalation/paging/reach.py)."""

    __tablename__ = "slack_user_lookups"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(32))
    looked_up_at: Mapped[datetime]


class UserGroup(Base):
    """A Slack user group a policy level targets, as the worker last read it (bot/slack/usergroups.py), so the
    engine pages its members without asking Slack. `ref` is how the config names it: an id or an @handle."""

    __tablename__ = "slack_usergroups"

    ref: Mapped[str] = mapped_column(String(100), primary_key=True)
    group_id: Mapped[str | None] = mapped_column(String(32))  # a handle's id, looked up once with usergroups.list
    handle: Mapped[str | None] = mapped_column(String(100))
    users: Mapped[list] = mapped_column(default=list)  # Slack user ids, as of `read_at`
    read_at: Mapped[datetime | None]  # the last read that worked; None: never read
    tried_at: Mapped[datetime]  # the last attempt, worked or not
    error: Mapped[str | None] = mapped_column(String(200))  # why the last attempt failed; None when it worked
