"""How a signal incident's topic went, for the review: sentiment at the trigger, at its worst and at the end, and
the busiest window. Windows are the topic's negative-share window, stepped from the trigger to the end."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from escalation.signals.detection import pulse
from escalation.signals.drill import kept_under
from escalation.signals.rules import Topic
from escalation.signals.store import points

MAX_STEPS = 500  # windows looked at between the trigger and the end; a longer incident is sampled more coarsely


@dataclass(frozen=True)
class Reading:
    at: datetime  # the end of the window
    mentions: int
    negative_share: float | None  # None: too few scored mentions to say
    mean_polarity: float | None


@dataclass(frozen=True)
class Course:
    window_seconds: int
    at_trigger: Reading
    worst: Reading  # the highest negative share (the trigger's own when none is higher)
    at_end: Reading
    busiest: Reading  # the most mentions in one window


def course_between(session: Session, topic: Topic, trigger_at: datetime, end: datetime,
                   drill: int | None = None) -> Course:
    """Readings of the topic from its trigger to `end` (the resolve, or now): each a window ending at that instant.
    A drill's incident (`drill`: its run) reads the drill's mentions, a real one the real mentions only."""
    probe = pulse(topic, [], trigger_at, hours=1)
    window = probe.window
    mentions = points(session, kept_under(topic.name, drill), trigger_at - window, end, drill)
    step = max(window, (end - trigger_at) / MAX_STEPS)
    instants, t = [], trigger_at
    while t < end:
        instants.append(t)
        t += step
    instants.append(end)
    readings = []
    for instant in instants:
        numbers = pulse(topic, [m for m in mentions if instant - window <= m.at <= instant], instant, hours=1)
        readings.append(Reading(at=instant, mentions=numbers.mentions, negative_share=numbers.negative_share,
                                mean_polarity=numbers.mean_polarity))
    shares = [r for r in readings if r.negative_share is not None]
    worst = max(shares, key=lambda r: r.negative_share or 0.0) if shares else readings[0]
    busiest = max(readings, key=lambda r: r.mentions)
    return Course(int(window.total_seconds()), readings[0], worst, readings[-1], busiest)
