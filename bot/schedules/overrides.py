"""`/crisis override list [schedule]` and `/crisis override remove <id>`: the overrides added from Slack."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core import Core
from escalation import outbox
from escalation import schedules as sched
from escalation.paging import person_ref
from escalation.permissions import known_person
from escalation.schedules import store
from escalation.schedules.models import ScheduleOverride
from escalation.schedules.store import Refused
from handlers.schedules.blocks import override_removed_text


@dataclass(frozen=True)
class OverrideRow:
    id: int
    schedule: str
    timezone: str
    person: str  # the covering person's name
    starts_at: datetime
    ends_at: datetime
    created_by: str  # a Slack user id


def current(core: Core, chosen: list[sched.Schedule]) -> list[OverrideRow]:
    """The overrides of the chosen schedules that are not over yet, soonest first."""
    zones = {s.name: s.timezone for s in chosen}
    people = core.config.directory.people
    with core.sessions.begin() as session:
        rows = store.current_overrides(session, list(zones), core.clock())
        return [OverrideRow(r.id, r.schedule, zones[r.schedule], people[r.person_key].label
                            if r.person_key in people else r.person_key, r.starts_at, r.ends_at, r.created_by)
                for r in rows]


def remove(core: Core, actor: str, override_id: int) -> str:
    """Delete an override, by a manager of its schedule; the person who was covering hears of it."""
    now = core.clock()
    with core.sessions.begin() as session:
        row = session.get(ScheduleOverride, override_id, with_for_update=True)
        schedule = core.config.schedules.get(row.schedule) if row is not None else None
        if row is None or schedule is None or row.ends_at <= now:
            raise Refused(f"There is no current override #{override_id}. See them with `/crisis override list`.")
        if known_person(session, core.config.directory, actor) not in schedule.managers:
            allowed = ", ".join(core.config.directory.people[k].label for k in schedule.managers
                                if k in core.config.directory.people) or "nobody"
            raise Refused(f"Only the managers of {schedule.name} can remove its overrides ({allowed}).")
        person = core.config.directory.people.get(row.person_key)
        if person is not None:
            text = override_removed_text(schedule.name, row.starts_at, row.ends_at, schedule.timezone, actor)
            outbox.enqueue(session, now, kind="dm", lane=f"notice:{person.key}",
                           payload={"person": person_ref(person), "text": text})
        label = person.label if person is not None else row.person_key
        store.remove_override(session, row)
    core.wake()
    return f"Override #{override_id} removed: {label} no longer covers {schedule.name} then."
