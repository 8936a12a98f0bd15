"""What the edge can ask about approved reply templates: list, fill, use, propose, approve, reject."""
from __future__ import annotations

from datetime import datetime  # noqa: F401


class TemplateDesk:
    def __init__(self, desk):
        self.desk = desk  # bot.desk.Desk: config, sessions, clock, wake, find_incident via desk._act

    def run_due(self, now: datetime) -> None:
        """The worker's periodic duty (one transaction per batch); nothing to do by default."""
