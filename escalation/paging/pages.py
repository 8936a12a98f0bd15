"""Queueing pages: a DM per person, a mention in the incident channel, an invite, a timeline entry."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident
from escalation.outbox import OutboxMessage
from escalation.paging.models import EscalationState, Page
from escalation.paging.roster import person_ref
from escalation.people import Person, mentions
from escalation.sql import insert, table_of

PAGES = table_of(Page)
STEP = ["incident_id", "round", "loop", "level", "seq", "person_key"]  # uq_pages_step
ON_DEMAND = -1  # Page.level of a page someone asked for (`/crisis page`) rather than a policy level


def step_key(state: EscalationState, seq: int) -> str:
    return f"{state.incident_id}:{state.round}:{state.loop}:{state.level}:{seq}"


def queue_pages(session: Session, incident: Incident, state: EscalationState, people: list[Person], seq: int,
                now: datetime) -> None:
    """Page (seq 0) or remind (seq >= 1) these people at the state's current level, once per step: three
    statements whatever the crowd, the unique indexes (not look-ups) keeping a step from being queued twice."""
    key = step_key(state, seq)
    lane = outbox.incident_lane(incident.id)
    at = {"round": state.round, "level": state.level, "loop": state.loop, "seq": seq}
    dms = [{"kind": "dm_page", "lane": outbox.dm_lane(incident.id, p.key), "incident_id": incident.id,
            "dedup_key": f"dm:{key}:{p.key}", "payload": {"person": person_ref(p), **at}} for p in people]
    invites = [{"kind": "invite", "lane": lane, "incident_id": incident.id,
                "dedup_key": f"invite:{incident.id}:{p.key}", "payload": {"people": [person_ref(p)]}} for p in people]
    mention = {"kind": "channel_page", "lane": lane, "incident_id": incident.id, "dedup_key": f"mention:{key}",
               "payload": {"people": [person_ref(p) for p in people], "level": state.level, "loop": state.loop,
                           "seq": seq}}
    outbox.enqueue_many(session, now, [*dms, *invites, mention])
    session.execute(insert(session, PAGES).on_conflict_do_nothing(index_elements=STEP), [
        {"incident_id": incident.id, "round": state.round, "loop": state.loop, "level": state.level, "seq": seq,
         "person_key": p.key, "created_at": now, "dm_channel": None, "dm_ts": None, "delivered_at": None}
        for p in people])
    names = ", ".join(p.label for p in people)
    level = f"level {state.level + 1}" + (f" (repeat {state.loop})" if state.loop else "")
    shown = {"mentions": ids} if (ids := mentions(people)) else {}  # group members Slack alone knows
    if seq == 0:
        timeline.record(session, incident.id, now, "page", f"Paged {level}: {names}",
                        data={"level": state.level, "loop": state.loop, "people": [p.key for p in people], **shown})
    else:
        timeline.record(session, incident.id, now, "reminder", f"Reminder {seq} to {level}: {names}",
                        data={"level": state.level, "loop": state.loop, "seq": seq, "people": [p.key for p in people],
                              **shown})


PREFETCHED = "paged_at_level"  # session.info key: the engine's cycle reads every due state's level at once


def prefetch_paged(session: Session, states: Sequence[EscalationState]) -> None:
    """The people paged at each state's current level, read in one query for a cycle's reminders (a storm's
    hundreds a second); `paged_at_level` then answers from it. Ends with `forget_paged`."""
    found: dict[tuple[int, int, int, int], list[str]] = {}
    if states:
        query = select(Page.incident_id, Page.round, Page.loop, Page.level, Page.person_key).where(
            Page.incident_id.in_([s.incident_id for s in states]), Page.seq == 0).order_by(Page.id)
        for incident_id, round_, loop, level, person_key in session.execute(query):
            found.setdefault((incident_id, round_, loop, level), []).append(person_key)
    session.info[PREFETCHED] = {(s.incident_id, s.round, s.loop, s.level): found.get(
        (s.incident_id, s.round, s.loop, s.level), []) for s in states if s.level_paged}


def forget_paged(session: Session) -> None:
    session.info.pop(PREFETCHED, None)


def paged_at_level(session: Session, state: EscalationState) -> list[str]:
    """Person keys paged at the state's current level (reminders go to the same people)."""
    known = session.info.get(PREFETCHED, {}).get((state.incident_id, state.round, state.loop, state.level))
    if known is not None:  # read with the cycle's other states; a level paged since is not in it
        return list(known)
    query = select(Page.person_key).where(
        Page.incident_id == state.incident_id, Page.round == state.round, Page.loop == state.loop,
        Page.level == state.level, Page.seq == 0).order_by(Page.id)
    return list(session.scalars(query))


def page_now(session: Session, incident: Incident, people: list[Person], by: str, now: datetime,
             stamp: str) -> list[Person]:
    """Page these people because `by` asked: a DM with Acknowledge, an invite, one channel mention.

    Like a level's page, but not tied to the escalation: it goes out while the incident is acknowledged too
    (a person asked for it), and is dropped only once the incident is resolved. `stamp` names the request, so a
    retried request pages nobody twice. Returns the people paged now (not already paged by this request)."""
    paged = []
    for person in {p.key: p for p in people}.values():
        dedup = f"dm-now:{incident.id}:{person.key}:{stamp}"
        row = outbox.enqueue(session, now, kind="dm_page_now", lane=outbox.dm_lane(incident.id, person.key),
                             incident_id=incident.id, dedup_key=dedup)
        if row is None:
            continue
        before = session.scalar(select(func.count()).select_from(Page).where(
            Page.incident_id == incident.id, Page.level == ON_DEMAND, Page.person_key == person.key))
        page = Page(incident_id=incident.id, round=0, loop=0, level=ON_DEMAND, seq=before, person_key=person.key,
                    created_at=now)
        session.add(page)
        session.flush()
        session.execute(update(OutboxMessage).where(OutboxMessage.id == row)
                        .values(payload={"person": person_ref(person), "by": by, "page": page.id}))
        outbox.enqueue(session, now, kind="invite", lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                       dedup_key=f"invite:{incident.id}:{person.key}", payload={"people": [person_ref(person)]})
        paged.append(person)
    if paged:
        outbox.enqueue(session, now, kind="channel_page_now", lane=outbox.incident_lane(incident.id),
                       incident_id=incident.id, dedup_key=f"mention-now:{incident.id}:{paged[0].key}:{stamp}",
                       payload={"people": [person_ref(p) for p in paged], "by": by})
    return paged
