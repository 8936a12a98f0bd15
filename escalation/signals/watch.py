"""Watching topics: the rules run over a topic's recent mentions right after new ones are stored and on the
worker's ticks (windows slide with time); a trigger opens or adds to the topic's incident. A running drill's copy
of a topic is watched the same way, over the drill's mentions only (escalation/signals/drill.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escalation.drills import unended
from escalation.incidents import Intake
from escalation.signals import detection
from escalation.signals.drill import kept_under
from escalation.signals.firing import fire
from escalation.signals.models import SignalTopicState, SignalTrigger
from escalation.signals.recovery import check_recovery
from escalation.signals.rules import Topic
from escalation.signals.store import points

EVERY = timedelta(minutes=1)  # a topic without new mentions is looked at again this often
ON_RECEIVE = timedelta(seconds=5)  # new mentions are evaluated at once unless the topic was this recently


@dataclass(frozen=True)
class Watched:
    """One topic as watched: a topic of the config, or a running drill's copy of it, which has its own mentions,
    state, triggers and incident."""

    topic: Topic
    drill: int | None = None  # the drill run whose copy this is

    @property
    def key(self) -> str:
        """The name its mention links, state and triggers are kept under."""
        return kept_under(self.topic.name, self.drill)


@dataclass(frozen=True)
class Watch:
    """What watching needs from the config, as plain values."""

    topics: dict[str, Topic]
    intake: Intake  # what a trigger's alert goes through, as any webhook's
    chart_hours: int = 24


def due_topics(session: Session, watch: Watch, now: datetime) -> list[Watched]:
    """Topics with new mentions, or not evaluated for a minute, and the copies running drills made of them: the
    running drills, then one indexed query; cheap when idle."""
    if not watch.topics:
        return []
    watched = {w.key: w for w in [Watched(topic, drill) for drill in (None, *unended(session))
                                  for topic in watch.topics.values()]}
    query = select(SignalTopicState.topic).where(
        SignalTopicState.topic.in_(list(watched)),
        or_(SignalTopicState.pending, SignalTopicState.evaluated_at.is_(None),
            SignalTopicState.evaluated_at <= now - EVERY))
    return [watched[key] for key in sorted(session.scalars(query))]


def due_on_receive(evaluated_at: datetime | None, now: datetime) -> bool:
    """Evaluate right after storing, unless an evaluation just ran: then the worker's next tick does it."""
    return evaluated_at is None or now - evaluated_at >= ON_RECEIVE or now < evaluated_at


def evaluate_topic(session: Session, watch: Watch, watched: Watched, now: datetime, *,
                   only_if_due: bool = False) -> int | None:
    """Run the topic's rules at `now`; returns the incident a trigger opened or added to, if any."""
    topic, name = watched.topic, watched.key
    state = locked_state(session, name, now)
    if only_if_due and not (state.pending or state.evaluated_at is None or state.evaluated_at <= now - EVERY):
        return None  # another worker evaluated it while this one waited for the lock
    history = detection.history_needed(topic, watch.chart_hours)
    since = now - history
    waiting = session.get(SignalTrigger, state.trigger_id) if state.trigger_id else None
    if waiting is not None:  # the recovery band comes from the hours before the trigger
        since = min(since, waiting.at - history)
    mentions = points(session, name, since, now, watched.drill)
    check_recovery(session, topic, state, waiting, mentions, now)
    triggers = detection.evaluate(topic, mentions, now, last_fired(session, name))
    fired = (fire(session, topic, triggers, mentions, watch.intake, now, watch.chart_hours, drill=watched.drill)
             if triggers else None)
    if fired is not None and state.trigger_id is None:  # recovery is timed from the first trigger
        state.trigger_id, state.incident_id = fired.trigger_id, fired.incident_id
    state.evaluated_at, state.pending, state.updated_at = now, False, now
    return fired.incident_id if fired else None


def locked_state(session: Session, name: str, now: datetime) -> SignalTopicState:
    """The topic's row, locked so two processes never evaluate (and fire) one topic at once."""
    query = select(SignalTopicState).where(SignalTopicState.topic == name).with_for_update()
    state = session.scalar(query)
    if state is None:
        try:
            with session.begin_nested():
                session.add(SignalTopicState(topic=name, pending=False, updated_at=now))
        except IntegrityError:
            pass  # a concurrent evaluation created it first
        state = session.scalars(query).one()  # ours or the concurrent one: the row exists either way
    return state


def last_fired(session: Session, name: str) -> dict[str, datetime]:
    """When each rule of the topic last fired: cooldowns hold across restarts."""
    query = (select(SignalTrigger.rule, func.max(SignalTrigger.at)).where(SignalTrigger.topic == name)
             .group_by(SignalTrigger.rule))
    return {rule: at for rule, at in session.execute(query)}
