"""What schedules ask of the worker: shift notices before weekend and holiday shifts, the weekly gap report."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escalation import outbox
from escalation import schedules as sched
from escalation.outbox import OutboxMessage
from escalation.paging import person_ref
from escalation.people import Directory
from escalation.schedules.models import ShiftNoticeSent
from escalation.schedules.store import HORIZON, policies_using, stored_overrides

# A notice the worker could not send in time (it was down) still goes out if the shift has not started.
CATCH_UP = timedelta(hours=12)


def queue_shift_notices(session: Session, schedules: dict[str, sched.Schedule], policies: dict,
                        directory: Directory, now: datetime) -> int:
    """Queue a DM for every weekend or holiday shift whose notice is due; each shift is noticed once."""
    queued = 0
    for schedule in schedules.values():
        overrides = stored_overrides(session, schedule.name, now - HORIZON)
        for notice in sched.shift_notices(schedule, now - CATCH_UP, now + timedelta(seconds=1), overrides):
            shift = notice.shift
            if shift.start <= now or shift.person not in directory.people:
                continue
            # shift_notices sees shifts cut at its window's end; the notice names the whole shift.
            whole = sched.who_is_on_call(schedule, shift.start, overrides)
            try:
                with session.begin_nested():
                    session.add(ShiftNoticeSent(schedule=schedule.name, person_key=shift.person,
                                                shift_start=shift.start, queued_at=now))
            except IntegrityError:
                continue
            outbox.enqueue(session, now, kind="shift_notice", lane=f"notice:{shift.person}", payload={
                "person": person_ref(directory.people[shift.person]), "schedule": schedule.name,
                "timezone": schedule.timezone, "start": shift.start.isoformat(), "end": whole.end.isoformat(),
                "layer": shift.layer_name, "kind": str(shift.layer_kind), "holiday": shift.holiday_name,
                "policies": policies_using(policies, schedule.name)})
            queued += 1
    return queued


def gap_report_due(now: datetime, tz: str, weekday: int, at: time) -> str | None:
    """The local date of this week's report once its time has come on its day, else None."""
    local = now.astimezone(ZoneInfo(tz))
    if local.weekday() != weekday or local.time() < at:
        return None
    return local.date().isoformat()


def queue_gap_report(session: Session, schedules: dict[str, sched.Schedule], channel: str, days: int,
                     report_date: str, now: datetime) -> bool:
    """Queue the weekly gap report for `report_date` once; False when it was already queued."""
    key = f"gap-report:{report_date}"
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedup_key == key)) is not None:
        return False
    found = {}
    for schedule in schedules.values():
        overrides = stored_overrides(session, schedule.name, now - HORIZON)
        gaps = sched.find_gaps(schedule, now, now + timedelta(days=days), overrides)
        found[schedule.name] = {"timezone": schedule.timezone,
                                "gaps": [{"start": g.start.isoformat(), "end": g.end.isoformat(),
                                          "holidays": list(g.holidays)} for g in gaps]}
    return outbox.enqueue(session, now, kind="gap_report", lane=f"admin:{channel}",
                          dedup_key=key,
                          payload={"channel": channel, "days": days, "schedules": found}) is not None
