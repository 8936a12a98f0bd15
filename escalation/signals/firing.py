"""A trigger becomes an alert through the same intake as any webhook, plus the evidence and the chart."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import AlertIn, Intake, ask_again, ingest
from escalation.paging import Route
from escalation.signals.detection import MentionPoint, Pulse, Trigger, pulse
from escalation.signals.drill import drill_group, kept_under
from escalation.signals.models import SignalTrigger
from escalation.signals.rules import Topic
from escalation.signals.wording import span

SOURCE = "signals"
HEADLINE = re.compile(r", usually |; ")
TITLE_MAX = 300
TEXT_SHOWN = 280  # of a mention's text kept as evidence: enough to read, not a whole article
RULE_TITLES = {"spike": "Mention spike", "negative_share": "Negative share jump", "sentiment_drop": "Sentiment drop",
               "high_reach": "High-reach negative mention", "keyword": "Crisis keywords"}


@dataclass(frozen=True)
class Fired:
    incident_id: int
    trigger_id: int  # the first of the triggers fired together


def group_key(topic: str) -> str:
    """All triggers of a topic group into its one open incident."""
    return f"topic:{topic}"


def fire(session: Session, topic: Topic, triggers: list[Trigger], mentions: list[MentionPoint], intake: Intake,
         now: datetime, chart_hours: int, drill: int | None = None) -> Fired:
    """Record the triggers, open or add to the topic's incident, queue the evidence message and the chart. With
    `drill` (a run) the triggers are that drill's copy of the topic's, and open or add to the drill's incident."""
    triggers = sorted(triggers, key=lambda t: t.severity)  # the incident opens at the most severe one
    rows = [SignalTrigger(topic=kept_under(topic.name, drill), rule=t.rule, at=now, severity=t.severity,
                          summary=t.summary, observed=t.observed, baseline=t.baseline,
                          evidence=[evidence(p) for p in t.evidence])
            for t in triggers]
    session.add_all(rows)
    session.flush()
    received = ingest(session, [alert(topic, t, row.id, drill) for t, row in zip(triggers, rows, strict=False)],
                      topic_intake(intake, topic), now)
    incident_id = received[0].incident_id
    if incident_id is None:  # the topic's incident, opened by a concurrent writer, was closed before it was read
        raise RuntimeError(f"the triggers of topic {topic.name} landed in no open incident; evaluate them again")
    ask_again(session, incident_id, now)  # a watched incident in triage is asked about again at a new trigger
    for trigger, row in zip(triggers, rows, strict=False):
        row.incident_id = incident_id
        timeline.record(session, incident_id, now, "signal", f"{RULE_TITLES[trigger.rule]}: {trigger.summary}",
                        actor=SOURCE, data={"trigger": row.id, "topic": topic.name, "rule": trigger.rule,
                                            "observed": trigger.observed, "baseline": trigger.baseline,
                                            "summary": trigger.summary, "evidence": [p.id for p in trigger.evidence]})
    lane, first = outbox.incident_lane(incident_id), rows[0].id
    numbers = pulse(topic, mentions, now, hours=chart_hours)
    top = sorted({p.id: p for t in triggers for p in t.evidence}.values(), key=lambda p: (-p.followers, p.id))[:5]
    outbox.enqueue(session, now, kind="signal_evidence", lane=lane, incident_id=incident_id,
                   dedup_key=f"signal-evidence:{first}", payload={
                       "topic": topic.name, "top": [evidence(p) for p in top],
                       "triggers": [{"rule": t.rule, "title": RULE_TITLES[t.rule], "severity": t.severity,
                                     "summary": t.summary, "observed": t.observed, "baseline": t.baseline}
                                    for t in triggers],
                       "scoring": {"window": span(numbers.window), "by": numbers.scored_by,
                                   "unscored": numbers.unscored}})
    # The series is kept with the row, so a retry uploads the very chart this trigger saw.
    outbox.enqueue(session, now, kind="signal_chart", lane=lane, incident_id=incident_id,
                   dedup_key=f"signal-chart:{first}",
                   payload=chart_payload(topic.name, numbers, chart_hours, [now],
                                         [RULE_TITLES[t.rule] for t in triggers]))
    return Fired(incident_id, first)


def alert(watched: Topic, trigger: Trigger, trigger_id: int, drill: int | None = None) -> AlertIn:
    topic = watched.name
    headline = HEADLINE.split(trigger.summary)[0]  # "84 mentions in 15 min"; the rest is in the evidence message
    title = f"{RULE_TITLES[trigger.rule]}: {topic} — {headline}"
    grouped = group_key(topic) if drill is None else drill_group(drill, group_key(topic))
    return AlertIn(source=SOURCE, group_key=grouped, fingerprint=f"{trigger.rule}:{trigger_id}",
                   title=title if len(title) <= TITLE_MAX else title[:TITLE_MAX - 1] + "…",
                   severity=trigger.severity, description=trigger.summary,
                   labels={"topic": topic, "rule": trigger.rule},
                   raw={"trigger": trigger_id, "observed": trigger.observed, "baseline": trigger.baseline},
                   triage=watched.triage, drill=drill)


def topic_intake(intake: Intake, topic: Topic) -> Intake:
    """The topic's own policy wins over the config's routes: a route for it goes first."""
    if not topic.policy:
        return intake
    own = Route(policy=topic.policy, source=SOURCE, match={"topic": topic.name})
    return replace(intake, routes=(own, *intake.routes))


def evidence(point: MentionPoint) -> dict:
    text = point.text if len(point.text) <= TEXT_SHOWN else point.text[:TEXT_SHOWN - 1].rstrip() + "…"
    return {"id": point.id, "url": point.url, "author": point.author, "followers": point.followers,
            "label": point.label, "at": point.at.isoformat(), "text": text}


def chart_payload(topic: str, numbers: Pulse, hours: int, marks: list[datetime], rules: list[str]) -> dict:
    """What the chart delivery renders from: the series of the last hours, the trigger instants, what fired."""
    return {"topic": topic, "hours": hours, "now": numbers.now.isoformat(),
            "series": [[start.isoformat(), volume, share] for start, volume, share in numbers.series],
            "marks": [at.isoformat() for at in marks], "rules": rules}
