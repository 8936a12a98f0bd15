"""The words of the review, shared by its Slack message and its Markdown file: (section title, lines) pairs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from escalation.elapsed import spoken
from escalation.incidents import IncidentCard
from escalation.review.service import PagedLevel, Review
from escalation.room import ROLE_NAMES
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


def response_times(card: IncidentCard, review: Review, who: Who) -> list[str]:
    lines = [f"Time to acknowledge: {took(review.to_acknowledge, card.acknowledged_by, who)}",
             f"Time to first public reply: {took(review.to_first_public_reply, None, who)}",
             f"Time to resolve: {took(review.to_resolve, card.resolved_by, who)}"]
    if review.back_to_baseline is not None:
        lines.append(f"Sentiment back to baseline: {spoken(review.back_to_baseline)}")
    return lines


def step_name(step: PagedLevel) -> str:
    if step.level is None:
        return "On request"
    extra = [f"repeat {step.loop}"] * bool(step.loop) + [f"re-escalation {step.round}"] * bool(step.round)
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


def sections(card: IncidentCard, review: Review, tz: str, voice: Voice) -> list[tuple[str, list[str]]]:
    """Every section except the timeline and the lessons, which each output lays out its own way."""
    return [("Response times", response_times(card, review, voice.who)), ("Paging", paging(review, tz, voice)),
            ("Templates used", templates(review, tz, voice)), ("Follow-up actions", follow_ups(review, tz, voice))]
