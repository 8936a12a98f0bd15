"""The behaviour config (one YAML file) as plain values."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from bot.config.pagerduty import PagerDutySettings
from bot.config.paging import PagingSettings
from bot.config.reminders import ReminderSettings
from bot.config.room import RoomSettings
from bot.config.signals import SignalSettings
from bot.config.templates import TemplateSettings
from escalation.paging import Policy, Route
from escalation.people import Directory
from escalation.permissions import Permissions

DEFAULT_CHANNEL_PATTERN = "crisis-{date}-{title}"
DEFAULT_TOPIC_PATTERN = "{severity} · {title} · {status}"


@dataclass(frozen=True)
class ChannelSettings:
    """How incident channels are named and introduced.

    Pattern placeholders: {number} (incident number), {date} (YYYYMMDD, config time zone), {title} (slug),
    {source}, {severity} (sev1..sev4).
    """

    name_pattern: str = DEFAULT_CHANNEL_PATTERN
    topic_pattern: str = DEFAULT_TOPIC_PATTERN
    private: bool = False
    invite: tuple[str, ...] = ()  # person keys always invited (e.g. the comms lead)


@dataclass(frozen=True)
class OnCallSettings:
    """Weekly gap report (to admin_channel) and the iCalendar feed (GET /schedules/NAME.ics?token=...)."""

    admin_channel: str | None = None
    gap_report_days: int = 14
    gap_report_day: int = 0  # Monday
    gap_report_at: time = time(9, 0)  # in the config's time zone
    calendar_token: str | None = None
    calendar_days: int = 60


@dataclass(frozen=True)
class Config:
    timezone: str = "UTC"
    channel: ChannelSettings = field(default_factory=ChannelSettings)
    directory: Directory = field(default_factory=Directory)
    policies: dict[str, Policy] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()
    default_policy: str | None = None
    schedules: dict = field(default_factory=dict)  # name -> escalation.schedules.Schedule
    oncall: OnCallSettings = field(default_factory=OnCallSettings)
    auto_resolve: bool = True  # resolve an incident when every alert in it has resolved
    room: RoomSettings = field(default_factory=RoomSettings)
    templates: TemplateSettings = field(default_factory=TemplateSettings)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    signals: SignalSettings = field(default_factory=SignalSettings)
    permissions: Permissions = field(default_factory=Permissions)  # who may act on an incident
    pagerduty: PagerDutySettings = field(default_factory=PagerDutySettings)
    paging: PagingSettings = field(default_factory=PagingSettings)  # re-escalation and the last resort

    def policy(self, name: str) -> Policy:
        return self.policies[name]
