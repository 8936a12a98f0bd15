"""Opening the incidents of new groups in bulk: rows, escalations, timeline and the channel's outbox work."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, configure_mappers, make_transient_to_detached

from escalation import outbox, timeline
from escalation.incidents.alerts import AlertIn, Intake
from escalation.incidents.declaring import declared_work
from escalation.incidents.models import KEY_LENGTH, TRIAGE, TRIGGERED, Incident
from escalation.incidents.naming import drill_channel
from escalation.incidents.service import open_key
from escalation.keys import fitted
from escalation.paging import EscalationState, drill_policy, route_policy
from escalation.rows import insert_rows, update_rows
from escalation.sql import table_of

MANAGER = Incident.__mapper__.class_manager
CHANNEL_WORK = ("create_channel", "set_topic", "post_summary", "pin_summary")


def open_incidents(session: Session, intake: Intake, now: datetime,
                   firsts: list[AlertIn]) -> tuple[dict[str, Incident], dict[str, Incident]]:
    """One incident per alert (each the first of a new group). Returns (opened here, opened by a concurrent writer
    first), each by open key: the unique index on open_key decides, not a look-up."""
    if not firsts:
        return {}, {}
    table = table_of(Incident)
    configure_mappers()  # known() builds incidents without the constructor, whose first call would do this
    policies = {open_key(a.source, a.group_key): policy_for(intake, a) for a in firsts}
    rows = [{"source": a.source, "group_key": fitted(a.group_key, KEY_LENGTH),
             "open_key": open_key(a.source, a.group_key), "title": a.title, "description": a.description,
             "severity": a.severity,
             # Triage needs someone to ask: with no policy to page, the incident opens as any other.
             "status": TRIAGE if a.triage and policies[open_key(a.source, a.group_key)] else TRIGGERED,
             "policy_name": policies[open_key(a.source, a.group_key)], "labels": dict(a.labels),
             "links": [{"text": t, "url": u} for t, u in a.links], "created_at": now,
             "commander": a.declared.commander if a.declared else None,
             # The person declaring chose the severity: people win over the alerts (escalation/incidents/following).
             "severity_set_by": a.declared.by if a.declared else None,
             "crisis_type": a.declared.crisis_type if a.declared else None, "drill_run_id": a.drill}
            for a in firsts]
    ids = {key: number for number, key in insert_rows(session, table, rows, conflict=["open_key"],
                                                      returning=["id", "open_key"])}
    by_key = {open_key(a.source, a.group_key): a for a in firsts}
    names = {number: drill_channel(intake.channel_name(number, by_key[key], now)) if by_key[key].drill
             else intake.channel_name(number, by_key[key], now) for key, number in ids.items()}
    update_rows(session, table, "id", [{"id": number, "channel_name": name} for number, name in names.items()])
    opened = {number: known(session, row, number, names[number]) for row in rows
              if (number := ids.get(row["open_key"])) is not None}
    raced_keys = [key for key in by_key if key not in ids]
    raced = {i.open_key: i for i in session.scalars(select(Incident).where(Incident.open_key.in_(raced_keys)))
             if i.open_key} if raced_keys else {}
    start(session, intake, now, [(opened[number], by_key[key], policies[key]) for key, number in ids.items()])
    return {key: opened[number] for key, number in ids.items()}, raced


def policy_for(intake: Intake, alert: AlertIn) -> str | None:
    """The policy the person declaring chose (None: page nobody yet), a drill's own, else the first route that
    matches."""
    if alert.drill is not None:  # pages only whom the drill's scenario names (escalation/paging/drill.py)
        return drill_policy(alert.drill)
    if alert.declared is not None:
        return alert.declared.policy
    return route_policy(intake.routes, intake.default_policy, alert.source, alert.labels)


def known(session: Session, row: dict, number: int, channel_name: str) -> Incident:
    """The incident just inserted from `row`, in the session as a query would load it, without reading it back:
    the columns not in `row` are left expired, to be read if anything asks for them."""
    # Built as a load builds it (the values as loaded, no change events), not by the constructor, which sets each
    # attribute through the ORM's events: a third of a storm's new incident was spent there.
    incident = MANAGER.new_instance()
    incident.__dict__.update(row, id=number, channel_name=channel_name)
    make_transient_to_detached(incident)
    session.add(incident)
    return incident


def start(session: Session, intake: Intake, now: datetime,
          opened: list[tuple[Incident, AlertIn, str | None]]) -> None:
    """What opening an incident sets going: its timeline, its escalation, and its channel's outbox work."""
    events, states, work = [], [], []
    for incident, alert, policy in opened:
        declared = alert.declared
        if declared is None:
            events.append({"incident_id": incident.id, "at": now, "kind": "opened", "actor": alert.source,
                           "text": f"Incident opened from {alert.source}: {alert.title}",
                           "data": {"severity": alert.severity, "group_key": alert.group_key}})
        if policy:
            states.append({"incident_id": incident.id, "policy_name": policy, "next_action_at": now,
                           "updated_at": now})
        elif declared is None:
            events.append({"incident_id": incident.id, "at": now, "kind": "note",
                           "text": "No escalation policy applies: nobody will be paged"})
        lane = outbox.incident_lane(incident.id)
        # A declaration chooses the channel's privacy; a payload without `private` follows `channel.private`.
        private = {"private": declared.private} if declared else {}
        work += [{"kind": kind, "lane": lane, "incident_id": incident.id, "dedup_key": f"{kind}:{incident.id}",
                  "payload": private if kind == "create_channel" else {}} for kind in CHANNEL_WORK]
        if declared is not None:
            more_events, more_work = declared_work(incident.id, alert.title, declared, now)
            events += more_events
            work += more_work
        if alert.triage and policy:  # a small channel until someone decides it is a crisis: the first level only
            events.append({"incident_id": incident.id, "at": now, "kind": "note", "actor": alert.source,
                           "text": "Triage: only the first level is paged, to decide whether this is a crisis"})
        elif intake.invite:
            work.append({"kind": "invite", "lane": lane, "incident_id": incident.id,
                         "payload": {"people": list(intake.invite)}, "dedup_key": f"invite-standing:{incident.id}"})
    timeline.record_many(session, events)
    insert_rows(session, table_of(EscalationState), states)
    # outbox.enqueue_many's rows and statement, in one multi-row INSERT (most of a new incident's rows are these)
    insert_rows(session, table_of(outbox.OutboxMessage), [outbox.row(now, **given) for given in work],
                conflict=["dedup_key"])
