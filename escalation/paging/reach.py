"""Who cannot be paged: a person Slack does not know. A failed e-mail lookup is remembered for a day, so a level
whose people are all unknown is skipped at once and nobody asks Slack again on every page and reminder."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.paging.groups import person_of
from escalation.paging.models import EscalationState, SlackUserLookup
from escalation.paging.pages import paged_at_level
from escalation.people import Directory, Person

RETRY_AFTER = timedelta(days=1)  # Slack is asked again once a failed lookup is this old


def failed_lately(row: SlackUserLookup | None, now: datetime) -> bool:
    """Whether this cached lookup found nobody less than a day ago (so Slack is not asked again yet)."""
    return row is not None and row.user_id is None and now - row.looked_up_at < RETRY_AFTER


def why_not(person: Person, lookups: dict[str, SlackUserLookup], now: datetime) -> str | None:
    """Why `person` cannot be paged, from what is stored; None when they may well be."""
    if person.slack_id:
        return None
    if not person.email:
        return "no slack_id or email in the config"
    if failed_lately(lookups.get(person.email.lower()), now):
        return f"no Slack user has the email {person.email}"
    return None


def unreachable(session: Session, people: Iterable[Person], now: datetime) -> dict[str, str]:
    """Person key -> why, for those of `people` known (from stored lookups, no Slack call) not to be pageable."""
    people = list(people)
    emails = sorted({p.email.lower() for p in people if not p.slack_id and p.email})
    lookups: dict[str, SlackUserLookup] = {}
    if emails:
        lookups = {row.email: row for row in session.scalars(select(SlackUserLookup)
                                                              .where(SlackUserLookup.email.in_(emails)))}
    return {p.key: why for p in people if (why := why_not(p, lookups, now)) is not None}


def reached(people: Iterable[Person], blocked: dict[str, str]) -> tuple[list[Person], list[str]]:
    """The people who can be paged, and a note for each who cannot (`could not reach Ewa Lis: ...`)."""
    people = list(people)
    notes = [f"could not reach {p.label}: {blocked[p.key]}" for p in people if p.key in blocked]
    return [p for p in people if p.key not in blocked], notes


def page_failed(session: Session, incident_id: int, at: dict, directory: Directory, now: datetime) -> None:
    """A page DM (its payload's round, loop and level in `at`) found its person unknown to Slack: when nobody
    paged at that level can be reached, the escalation moves on now instead of waiting the level out."""
    state = session.get(EscalationState, incident_id, with_for_update=True)
    if state is None or not state.active or not state.level_paged or state.escalate_at is None \
            or (state.round, state.loop, state.level) != (at.get("round", 0), at["loop"], at["level"]) \
            or state.escalate_at <= now:
        return
    keys = paged_at_level(session, state)
    people = [p for k in keys if (p := person_of(directory, k)) is not None]  # a group member by Slack id too
    blocked = unreachable(session, people, now)
    if not keys or any(p.key not in blocked for p in people):
        return  # someone at this level may still answer
    state.escalate_at, state.next_reminder_at, state.next_action_at = now, None, now
    why = "; ".join(reached(people, blocked)[1]) or "nobody on it can be paged"
    timeline.record(session, incident_id, now, "skip", f"Level {state.level + 1} skipped: {why}",
                    data={"level": state.level, "loop": state.loop, "unreachable": blocked})
