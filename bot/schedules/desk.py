"""What `/crisis oncall` and `/crisis override` ask of the desk, in plain values."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import Core, Facade
from bot.schedules import overrides
from bot.schedules.overrides import OverrideRow
from escalation import outbox
from escalation import schedules as sched
from escalation.paging import SlackUserLookup, person_ref
from escalation.schedules import store as oncall
from escalation.schedules.store import Refused
from handlers.schedules.blocks import override_notice_text


class OnCallDesk(Facade):
    """What the edge can ask about on-call: `desk.oncall.on_call(...)`, `desk.oncall.add_override(...)`."""

    def on_call(self, name: str | None, when_text: str | None) -> OnCallAnswer:
        return on_call(self.core, name, when_text)

    def add_override(self, actor: str, name: str | None, user_id: str, start_text: str, end_text: str) -> str:
        return add_override(self.core, actor, name, user_id, start_text, end_text)

    def overrides(self, name: str | None) -> list[OverrideRow]:
        return overrides.current(self.core, pick_schedules(self.core, name))

    def remove_override(self, actor: str, override_id: int) -> str:
        return overrides.remove(self.core, actor, override_id)


@dataclass(frozen=True)
class OnCallRow:
    schedule: str
    timezone: str
    on_call: sched.OnCall
    handoff: sched.Handoff | None


@dataclass(frozen=True)
class OnCallAnswer:
    at: datetime
    now: datetime
    rows: list[OnCallRow]
    names: dict[str, str]


def pick_schedules(core: Core, name: str | None) -> list[sched.Schedule]:
    schedules = core.config.schedules
    if not schedules:
        raise Refused("No on-call schedules are configured (see `schedules:` in the config).")
    if name is None:
        return list(schedules.values())
    if name not in schedules:
        raise Refused(f"There is no schedule `{name}`. Schedules: {', '.join(sorted(schedules))}.")
    return [schedules[name]]


def on_call(core: Core, name: str | None, when_text: str | None) -> OnCallAnswer:
    chosen = pick_schedules(core, name)
    now = core.clock()
    at = now
    if when_text:
        try:
            at = sched.parse_when(when_text, now, chosen[0].timezone)
        except ValueError as error:
            raise Refused(f"{error}. Example: `/crisis oncall {chosen[0].name} at saturday 03:00`.") from None
    with core.sessions.begin() as session:
        rows = [OnCallRow(s.name, s.timezone, *oncall.answer(session, s, at)) for s in chosen]
    names = {key: person.label for key, person in core.config.directory.people.items()}
    return OnCallAnswer(at, now, rows, names)


def person_for_slack_id(core: Core, session: Session, user_id: str) -> str | None:
    person = core.config.directory.by_slack_id(user_id)
    if person is not None:
        return person.key
    emails = session.scalars(select(SlackUserLookup.email).where(SlackUserLookup.user_id == user_id)).all()
    for candidate in core.config.directory.people.values():
        if candidate.email and candidate.email.lower() in emails:
            return candidate.key
    return None


def add_override(core: Core, actor: str, name: str | None, user_id: str, start_text: str, end_text: str) -> str:
    """Record an override by a schedule manager and DM the person covering; returns the confirmation."""
    schedule = pick_schedules(core, name)[0] if name or len(core.config.schedules) == 1 else None
    if schedule is None:
        raise Refused("Name the schedule: `/crisis override <schedule> @user <from> to <to>`. Schedules: "
                      f"{', '.join(sorted(core.config.schedules))}.")
    now = core.clock()
    try:
        start = sched.parse_when(start_text, now, schedule.timezone)
        end = sched.parse_when(end_text, now, schedule.timezone)
    except ValueError as error:
        raise Refused(f"{error}. Example: "
                      f"`/crisis override {schedule.name} @anna saturday 09:00 to sunday 21:00`.") from None
    if end <= start:
        raise Refused(f"The override must end after it starts ({start_text} → {end_text}).")
    if end <= now:  # it would change no answer the bot gives, and the DM would announce a shift that is over
        raise Refused(f"That period is over ({start_text} → {end_text}): an override covers time from now on. "
                      f"Example: `/crisis override {schedule.name} @anna saturday 09:00 to sunday 21:00`.")
    with core.sessions.begin() as session:
        manager = person_for_slack_id(core, session, actor)
        if manager not in schedule.managers:
            allowed = ", ".join(core.config.directory.people[k].label for k in schedule.managers) or "nobody"
            raise Refused(f"Only the managers of {schedule.name} can add overrides ({allowed}).")
        person = person_for_slack_id(core, session, user_id)
        if person is None:
            raise Refused(f"<@{user_id}> is not in the crisisdesk config, so they cannot be on call.")
        oncall.add_override(session, schedule.name, person, start, end, actor, now)
        text = override_notice_text(schedule.name, start, end, schedule.timezone, actor)
        outbox.enqueue(session, now, kind="dm", lane=f"notice:{person}",
                       payload={"person": person_ref(core.config.directory.people[person]), "text": text})
    core.wake()
    label = core.config.directory.people[person].label
    return f"Override added: {label} covers {schedule.name} from {start_text} to {end_text}."
