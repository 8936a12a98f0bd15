"""What the App Home tab and `/crisis list` read: one short transaction each, no Slack call inside it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core import Core
from escalation.incidents import IncidentCard, Listed, card, find_incident, listed, paged_for
from escalation.permissions import known_person
from escalation.schedules import Ahead, Shift, next_weekend_shift, on_call_ahead


@dataclass(frozen=True)
class Listing:
    now: datetime
    incidents: list[Listed]
    recent: bool  # `all`: the last 7 days too


@dataclass(frozen=True)
class Home:
    """One person's Home tab, as plain values."""

    user_id: str
    now: datetime
    incidents: list[Listed]  # open ones
    paging_me: list[int]  # incident numbers
    on_call: list[Ahead]
    my_shift: tuple[str, str, Shift] | None  # (schedule, its time zone, the shift)
    names: dict[str, str]  # person key -> name


def listing(core: Core, recent: bool) -> Listing:
    now = core.clock()
    with core.sessions.begin() as session:
        return Listing(now, listed(session, now, recent=recent), recent)


def status_card(core: Core, channel_id: str | None, ref: str) -> IncidentCard | None:
    with core.sessions.begin() as session:
        incident = find_incident(session, None, channel_id, ref)
        return card(incident) if incident is not None else None


def home(core: Core, user_id: str) -> Home:
    config, now = core.config, core.clock()
    schedules = list(config.schedules.values())
    with core.sessions.begin() as session:
        person = known_person(session, config.directory, user_id)
        keys = {user_id} if person is None else {user_id, person}
        incidents = listed(session, now)
        paging_me = paged_for(session, keys)
        on_call = on_call_ahead(session, schedules, now)
        mine = next_weekend_shift(session, schedules, person, now) if person else None
    shift = (mine[0], config.schedules[mine[0]].timezone, mine[1]) if mine else None
    names = {key: p.label for key, p in config.directory.people.items()}
    return Home(user_id, now, incidents, paging_me, on_call, shift, names)
