"""`/crisis pulse <topic> chart` without a channel in the command: nothing is queued, and the answer says why."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from escalation.signals.detection import Pulse
from handlers.signals.commands import pulse_command

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class Desk:
    def __init__(self) -> None:
        self.charts: list[tuple[str, str]] = []

    def topics(self) -> list[str]:
        return ["acme"]

    def topic_of_channel(self, channel_id: str | None) -> str | None:
        return None

    def pulse(self, name: str, channel_id: str | None = None) -> Pulse:
        return Pulse(NOW, timedelta(hours=1), 3, 2.0, None, None, None, None, 3, [])

    def post_chart(self, name: str, channel_id: str) -> None:
        self.charts.append((name, channel_id))


def test_a_chart_asked_for_without_a_channel_is_not_queued():
    desk = Desk()
    answer = pulse_command(desk, {"user_id": "U0EWA"}, "acme chart")
    assert answer.endswith("\nThe command came without a channel, so there is nowhere to post the chart.")
    assert desk.charts == []


def test_a_chart_is_queued_for_the_channel_of_the_command():
    desk = Desk()
    answer = pulse_command(desk, {"user_id": "U0EWA", "channel_id": "C0SOCIAL"}, "acme chart")
    assert answer.endswith("\nPosting the chart of acme in <#C0SOCIAL>.")
    assert desk.charts == [("acme", "C0SOCIAL")]
