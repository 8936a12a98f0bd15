"""A long timeline is split across messages within Slack's limits, every event kept, in order."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from escalation.incidents.views import IncidentCard
from escalation.timeline import TimelineEvent
from handlers.timeline.blocks import MAX_BLOCKS, MAX_SECTION, timeline_messages

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CARD = IncidentCard(number=7, title="Boycott trending", severity=1, status="triggered", source="generic",
                    description="", links=(), policy_name=None, channel_id="C1", created_at=START,
                    acknowledged_by=None, acknowledged_at=None, resolved_by=None, resolved_at=None,
                    resolution=None)


def event(n: int, text: str) -> TimelineEvent:
    return TimelineEvent(incident_id=7, at=START + timedelta(seconds=n), actor="U0ANNA", kind="log", text=text)


def test_a_long_timeline_splits_within_the_limits_and_keeps_every_event_in_order():
    events = [event(n, f"action {n:04d} " + "x" * 150) for n in range(2000)]
    events.append(event(2000, "huge " + "y" * 5000))  # one event longer than a whole section
    messages = timeline_messages(CARD, events, "Europe/Warsaw")
    assert len(messages) > 1
    for text, blocks in messages:
        assert len(blocks) <= MAX_BLOCKS
        assert all(len(b["text"]["text"]) <= MAX_SECTION for b in blocks)
        assert text.startswith("Timeline of incident #7 · SEV1 · Boycott trending")
    lines = [line for _, blocks in messages for b in blocks[1:] for line in b["text"]["text"].split("\n")]
    assert [int(line.split("action ")[1][:4]) for line in lines[:-1]] == list(range(2000))
    assert lines[-1].endswith("…") and "huge yyy" in lines[-1]
    assert lines[0].startswith("`2026-11-24 10:00:00` <@U0ANNA> · action 0000")
    assert [text for text, _ in messages][1].endswith("(part 2)")


def test_an_empty_timeline_says_so():
    [(text, blocks)] = timeline_messages(CARD, [], "UTC")
    assert blocks[1]["text"]["text"] == "No events yet."
