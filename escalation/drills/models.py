"""A drill run: one scenario played once, from `/crisis drill` or `crisisdesk drill run`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class DrillRun(Base):
    __tablename__ = "drill_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario: Mapped[str] = mapped_column(String(100))  # the scenario's name (its file's stem)
    title: Mapped[str] = mapped_column(String(300))
    # The scenario as it was read when the drill started: a run survives its file being edited or removed.
    data: Mapped[dict] = mapped_column(default=dict)
    started_at: Mapped[datetime]
    started_by: Mapped[str | None] = mapped_column(String(64))  # a Slack user id; None from the command line
    report_channel: Mapped[str | None] = mapped_column(String(32))  # where the drill report goes
    next_step: Mapped[int] = mapped_column(default=0)  # the scenario's steps before this one have been played
    # True while the run has not ended, None after: its unique constraint lets one drill run at a time, however
    # many `/crisis drill` commands arrive at once (NULLs never clash).
    running: Mapped[bool | None] = mapped_column(unique=True)
    ended_at: Mapped[datetime | None]
    ended_because: Mapped[str | None] = mapped_column(String(32))  # resolved | timed_out | stopped
    report: Mapped[dict] = mapped_column(default=dict)  # the drill report's rows, written when it ends
