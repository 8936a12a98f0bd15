"""A drill's mentions: a scenario step's burst, built as mentions of a real topic and kept as the drill's own.

They are stored with the drill's run and watched under the drill's copy of the topic (`drill_key`): its own
mention links, state, triggers and cooldowns. The real topic never reads them (its queries ask for
`drill_run_id IS NULL`), and the copy's triggers open the drill's incident, never the real one.
"""
from __future__ import annotations

from datetime import datetime

from escalation.drills import MentionStep
from escalation.keys import fitted
from escalation.signals.mentions import MentionIn

SOURCE = "drill"  # the mentions' source: their ids, drill-<run>-<step>-<n>, are unique under it
KEY_LENGTH = 100  # the topic columns of mention_topics, signal_topics and signal_triggers


def drill_key(run: int, topic: str) -> str:
    """The name the drill's copy of `topic` is kept under: `drill-<run>:<topic>` (config names have no colon)."""
    return fitted(f"drill-{run}:{topic}", KEY_LENGTH)


def kept_under(topic: str, drill: int | None) -> str:
    """The name a topic's mentions are linked and watched under: its own, or drill run `drill`'s copy of it."""
    return topic if drill is None else drill_key(drill, topic)


def drill_group(run: int, group_key: str) -> str:
    """A drill trigger's group key: it can only ever join the drill's own incident of the topic."""
    return f"drill-{run}:{group_key}"


def step_mentions(run: int, index: int, step: MentionStep, now: datetime) -> list[MentionIn]:
    """The step's `count` mentions, published evenly over the `over` that ends at `now`, its texts in turn.

    Ending at `now`, as a listening tool delivers what was posted meanwhile: when the step plays, the rules see
    exactly the burst the scenario wrote, and steps `over` apart tile the timeline, so rising counts step after
    step are the ramp the rules (and the chart) see. Starting at `now` would store posts from the future that the
    rules see only as later ticks pass, so when the incident opens would depend on the worker's timing."""
    if step.count < 1 or not step.texts:
        raise ValueError(f"drill step {index}: a mention step needs a count of at least 1 and at least one text")
    gap = step.over / step.count
    return [MentionIn(id=f"drill-{run}-{index}-{n}", text=step.texts[n % len(step.texts)],
                      published_at=now - step.over + gap * (n + 1), author=f"drill_user_{n + 1}",
                      followers=step.followers, platform=step.platform, language=step.language,
                      raw={"drill": run, "step": index})
            for n in range(step.count)]
