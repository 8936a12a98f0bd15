"""The words of the review, shared by its Slack message and its Markdown file: (section title, lines) pairs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from escalation.elapsed import spoken
from escalation.incidents import IncidentCard
from escalation.review.measures import Measures, Rhythm, Target
from escalation.review.service import FALLBACK, REESCALATED, PagedLevel, Review
from escalation.room import ROLE_NAMES
from escalation.signals import Course, Reading
from handlers.markup import severity

NOT_YET = "not yet"
Who = Callable[[str], str]  # an actor (Slack user id or a source) as the output shows people


@dataclass(frozen=True)
class Voice:
    """How one output shows people and outside text: Slack's mentions and escaping, or the Markdown file's."""

    who: Who  # an actor: a Slack user id or a source
    text: Callable[[str], str]  # outside text: titles, sources, names, what the core wrote
    typed: Callable[[str], str]  # a Slack user's own words, with the people they mention


def title(card: IncidentCard, voice: Voice) -> str:
    return f"Review of incident #{card.number} · {severity(card.severity)} · {voice.text(card.title)}"


def at(when: datetime, tz: str) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def took(delta: timedelta | None, by: str | None, who: Who) -> str:
    if delta is None:
        return NOT_YET
    return f"{spoken(delta)}, by {who(by)}" if by else spoken(delta)


def overview(card: IncidentCard, tz: str, voice: Voice) -> list[str]:
    zone = ZoneInfo(tz).key
    lines = [f"Opened {at(card.created_at, tz)} ({zone}) from {voice.text(card.source)}"
             + (f"; crisis type: {voice.text(card.crisis_type)}" if card.crisis_type else "")]
    roles = [f"{ROLE_NAMES[r]}: {voice.who(u)}" for r, u in card.roles]
    if roles:
        lines.append(" · ".join(roles))
    resolution = f": {voice.typed(card.resolution)}" if card.resolution else ""
    lines.append(f"Resolved {at(card.resolved_at, tz)}{resolution}"
                 if card.resolved_at else f"Still open ({card.status})")
    return lines


def against(target: Target | None) -> str:
    """` · target 30 min: met` (or missed); nothing when there is no target or it cannot be judged yet."""
    if target is None or target.within is None or target.met is None:
        return ""
    return f" · target {spoken(target.within)}: {'met' if target.met else 'missed'}"


def rhythm_line(r: Rhythm) -> str:
    said = f"Status updates: {r.updates}"
    if r.every is None:
        return said
    return (f"{said} · longest without one {spoken(r.longest)} · target at least every {spoken(r.every)}: "
            f"{'met' if r.met else 'missed'}")


def response_times(card: IncidentCard, review: Review, who: Who, measures: Measures | None = None) -> list[str]:
    # A resolved incident will never get what it did not get: "never", not "not yet".
    done = card.resolved_at is not None
    ack = took(review.to_acknowledge, card.acknowledged_by, who)
    reply = took(review.to_first_public_reply, None, who)
    if done and review.to_acknowledge is None:
        ack = "never (resolved without an acknowledgement)"
    if done and review.to_first_public_reply is None:
        reply = "never"
    m = measures
    lines = [f"Time to acknowledge: {ack}{against(m.acknowledge if m else None)}",
             f"Time to first public reply: {reply}{against(m.first_public_reply if m else None)}",
             f"Time to resolve: {took(review.to_resolve, card.resolved_by, who)}"]
    if m is not None:
        lines.append(rhythm_line(m.rhythm))
    if review.back_to_baseline is not None:
        lines.append(f"Sentiment back to baseline: {spoken(review.back_to_baseline)}")
    return lines


def round_name(step: PagedLevel) -> str:
    """What started the level's round, as the review says it: re-escalations are counted, fallbacks named."""
    if step.started is None:
        return f"round {step.round + 1}"  # started by nothing the timeline names (an older incident)
    cause, nth = step.started
    if cause == REESCALATED:
        return f"re-escalation {nth}"
    said = "after fallback" if cause == FALLBACK else "policy restarted"
    return f"{said} {nth}" if nth > 1 else said


def step_name(step: PagedLevel) -> str:
    if step.level is None:
        return "On request"
    extra = [f"repeat {step.loop}"] * bool(step.loop) + [round_name(step)] * bool(step.round)
    return f"Level {step.level}" + (f" ({', '.join(extra)})" if extra else "")


def paging(review: Review, tz: str, voice: Voice) -> list[str]:
    entries = [(s.at, f"{step_name(s)}: {voice.text(', '.join(s.people)) or 'nobody'}"
                + (f" ({s.reminders} reminder{'s' * (s.reminders > 1)})" if s.reminders else ""))
               for s in review.paged]
    entries += [(e.at, voice.text(e.text)) for e in review.skipped]
    return [f"`{at(when, tz)}` {text}" for when, text in sorted(entries, key=lambda e: e[0])] or ["Nobody was paged."]


def templates(review: Review, tz: str, voice: Voice) -> list[str]:
    lines = []
    for use in review.templates:
        version = f" v{use.version}" if use.version is not None else ""
        tags = ", ".join(t for t in (use.language, "public" if use.public else "internal") if t)
        by = voice.who(use.actor)
        lines.append(f"`{at(use.at, tz)}` {voice.text(use.key)}{version} ({voice.text(tags)}), by {by}")
    return lines or ["None."]


def follow_ups(review: Review, tz: str, voice: Voice) -> list[str]:
    return ([f"`{at(e.at, tz)}` {voice.typed(e.text)} ({voice.who(e.actor)})" for e in review.follow_ups]
            or ["None marked. Mark one with `/crisis log action: <text>`."])


TRIAGE_SAID = {"crisis": "It's a crisis", "customer_service": "Customer service (closed as not a crisis)",
               "watch": "Watch 1 h", "lapsed": "no decision in time: handled as a crisis"}


def triage(m: Measures, tz: str, voice: Voice) -> list[str]:
    return [f"`{at(d.at, tz)}` {TRIAGE_SAID.get(d.decision, voice.text(d.decision))}, by {voice.who(d.actor)}, "
            f"{spoken(d.took)} after the opening" for d in m.triage]


def reading(r: Reading, tz: str) -> str:
    share = f"{r.negative_share:.0%} negative" if r.negative_share is not None else "too few scored to say"
    mean = f", mean polarity {r.mean_polarity:+.2f}" if r.mean_polarity is not None else ""
    return f"{share} of {r.mentions} mention{'s' * (r.mentions != 1)}{mean} (window ending `{at(r.at, tz)}`)"


def signals(c: Course, resolved: bool, tz: str) -> list[str]:
    window = spoken(timedelta(seconds=c.window_seconds))
    return [f"Sentiment at the trigger: {reading(c.at_trigger, tz)}", f"At its worst: {reading(c.worst, tz)}",
            f"{'At the resolve' if resolved else 'Now'}: {reading(c.at_end, tz)}",
            f"Volume peak: {c.busiest.mentions} mentions in {window} (window ending `{at(c.busiest.at, tz)}`)"]


def sections(card: IncidentCard, review: Review, tz: str, voice: Voice,
             measures: Measures | None = None) -> list[tuple[str, list[str]]]:
    """Every section except the timeline and the lessons, which each output lays out its own way."""
    found = [("Response times", response_times(card, review, voice.who, measures))]
    if measures is not None and measures.course is not None:
        found.append(("Signals", signals(measures.course, card.resolved_at is not None, tz)))
    if measures is not None and measures.triage:
        found.append(("Triage", triage(measures, tz, voice)))
    found += [("Paging", paging(review, tz, voice)), ("Templates used", templates(review, tz, voice)),
              ("Follow-up actions", follow_ups(review, tz, voice))]
    if measures is not None and measures.open_steps:
        found.append(("Open playbook steps", [voice.text(step) for step in measures.open_steps]))
    return found
