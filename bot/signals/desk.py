"""What the edge can ask about social mentions in, scored, watched per topic; triggers open incidents; /crisis pulse."""
from __future__ import annotations

import logging
from concurrent.futures import Future
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import Core, Facade
from bot.signals.intake import MentionIntake, Receipt
from escalation import incidents, outbox
from escalation.drills import MentionStep
from escalation.incidents import Intake
from escalation.signals.classify import Classified, Classifier
from escalation.signals.detection import MentionPoint, Pulse, history_needed, pulse
from escalation.signals.drill import SOURCE as DRILL_SOURCE
from escalation.signals.drill import kept_under, step_mentions
from escalation.signals.firing import chart_payload
from escalation.signals.mentions import MentionIn
from escalation.signals.models import SignalTrigger
from escalation.signals.sentiment import code_of
from escalation.signals.store import points, store
from escalation.signals.watch import Watch, Watched, due_topics, evaluate_topic

log = logging.getLogger(__name__)


class SignalDesk(Facade):
    def __init__(self, core: Core, intake: Intake):
        super().__init__(core)
        settings = core.config.signals
        self.classifier = Classifier(settings.topics.values(), settings.crisis_keywords, settings.negative_below,
                                     settings.positive_above)
        self.watch = Watch(dict(settings.topics), intake, settings.chart_hours)
        self.intake = MentionIntake(core, self._evaluate_named)
        self.writer = self.intake.writer  # closed with the app
        self._scored: set[str] = set()  # languages (as sent) classified here before: nothing left to load

    def classify(self, source: str, mentions: list[MentionIn]) -> list[Classified]:
        """Score the mentions, find their crisis keywords and topics: pure, outside any transaction."""
        classified = [self.classifier.classify(source, m) for m in mentions]
        self._scored.update(code for m in mentions if (code := code_of(m.language)) is not None)
        return classified

    def warm_for(self, mentions: list[MentionIn]) -> bool:
        """Whether classifying these loads nothing: each came with a language classified here before. The first
        use of a language (or of language detection) loads a lexicon or a model, which can take seconds."""
        return all((code := code_of(m.language)) is not None and code in self._scored for m in mentions)

    def submit(self, classified: list[Classified]) -> Future[Receipt]:
        """Queue classified mentions for the next group commit of concurrent posts; the future holds the receipt
        once they are committed and the topics they flagged evaluated (see bot/signals/intake.py)."""
        return self.intake.submit(classified)

    def receive(self, source: str, mentions: list[MentionIn]) -> Receipt:
        """Store the mentions (committed when this returns) and evaluate the topics they belong to."""
        return self.submit(self.classify(source, mentions)).result()

    def receive_drill(self, run_id: int, step_index: int, step: MentionStep, now: datetime) -> int:
        """Store a drill step's mentions as the drill's (a replayed step stores nothing twice), then evaluate the
        drill's copy of their topic; returns how many were stored. Call it outside a transaction: it commits.
        Raises ValueError when the config has no topic of the step's name."""
        topic = self.watch.topics.get(step.topic)
        if topic is None:
            known = ", ".join(self.watch.topics) or "none"
            raise ValueError(f"drill step {step_index}: the config has no signals topic {step.topic!r} "
                             f"(topics: {known})")
        classified = [self.classifier.classify(DRILL_SOURCE, mention, (topic.name,))
                      for mention in step_mentions(run_id, step_index, step, now)]
        with self.core.sessions.begin() as session:
            stored = store(session, classified, now, drill=run_id)
        # Always evaluated now: a drill's step is one small batch, and its incident should open when the step plays.
        self._evaluate(Watched(topic, run_id), now)
        self.core.wake()
        return stored.stored

    def run_due(self, now: datetime) -> None:
        """Evaluate topics with new mentions, and each topic at most once a minute as its windows slide."""
        if not self.watch.topics:
            return
        with self.core.sessions.begin() as session:
            due = due_topics(session, self.watch, now)
        for watched in due:
            self.core.turns.worker()  # on SQLite an evaluation holds the write lock: waiting webhooks go first
            self._evaluate(watched, now, only_if_due=True)

    def _evaluate_named(self, name: str, now: datetime) -> int | None:
        """Intake's evaluation of a topic its commit flagged; never raises (after the commit, an error would make
        the group commit write the batch again, and answer every post of it as duplicates)."""
        topic = self.watch.topics.get(name)
        if topic is None:  # not a topic of the config (any more): the worker's tick leaves it alone too
            log.warning("mentions stored under topic %s, which the config does not have", name)
            return None
        return self._evaluate(Watched(topic), now)

    def _evaluate(self, watched: Watched, now: datetime, only_if_due: bool = False) -> int | None:
        try:
            with self.core.sessions.begin() as session:
                return evaluate_topic(session, self.watch, watched, now, only_if_due=only_if_due)
        except Exception:  # the mentions are stored and the topic stays pending: the next tick tries again
            log.exception("evaluating topic %s failed", watched.key)
            return None

    # -- /crisis pulse ---------------------------------------------------------------------------------------

    def topics(self) -> list[str]:
        return list(self.watch.topics)

    def topic_of_channel(self, channel_id: str | None) -> str | None:
        """The topic whose trigger opened the incident of this channel, if it is one."""
        if not channel_id:
            return None
        with self.core.sessions.begin() as session:
            incident = incidents.by_channel(session, channel_id)
            topic = incident.labels.get("topic") if incident is not None else None
        return topic if topic in self.watch.topics else None

    def pulse(self, name: str, channel_id: str | None = None) -> Pulse:
        """The topic's numbers now: the current window against its baseline, and the chart's series. Asked in a
        drill incident's channel, the drill's own mentions of the topic, as its rules saw them."""
        now = self.core.clock()
        with self.core.sessions.begin() as session:
            drill = self._drill_of(session, channel_id)
            return pulse(self.watch.topics[name], self._mentions(session, name, now, drill), now,
                         hours=self.watch.chart_hours)

    def post_chart(self, name: str, channel_id: str) -> None:
        """Queue the topic's chart for upload in the channel where it was asked for (a drill's: its own mentions,
        the upload labelled as the drill's)."""
        now = self.core.clock()
        hours = self.watch.chart_hours
        with self.core.sessions.begin() as session:
            drill = self._drill_of(session, channel_id)
            numbers = pulse(self.watch.topics[name], self._mentions(session, name, now, drill), now, hours=hours)
            fired = session.scalars(select(SignalTrigger.at).where(
                SignalTrigger.topic == kept_under(name, drill[0] if drill else None),
                SignalTrigger.at > now - timedelta(hours=hours)).order_by(SignalTrigger.at))
            outbox.enqueue(session, now, kind="signal_chart", lane=f"pulse:{channel_id}",
                           incident_id=drill[1] if drill else None,
                           payload={**chart_payload(name, numbers, hours, list(dict.fromkeys(fired)), []),
                                    "channel": channel_id})
        self.core.wake()

    def _drill_of(self, session: Session, channel_id: str | None) -> tuple[int, int] | None:
        """(drill run, incident) when the channel is a drill incident's."""
        incident = incidents.by_channel(session, channel_id) if channel_id else None
        if incident is None or incident.drill_run_id is None:
            return None
        return incident.drill_run_id, incident.id

    def _mentions(self, session: Session, name: str, now: datetime,
                  drill: tuple[int, int] | None = None) -> list[MentionPoint]:
        run = drill[0] if drill else None
        since = now - history_needed(self.watch.topics[name], self.watch.chart_hours)
        return points(session, kept_under(name, run), since, now, run)
