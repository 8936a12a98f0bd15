"""`/crisis page`: page people, Slack user groups or whoever is on call, now, because someone asked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import RESOLVED, Incident, Outcome
from escalation.paging import Roster, SlackUserLookup, page_now
from escalation.people import Directory, Person, mentions, slack_only


@dataclass(frozen=True)
class PageRequest:
    users: tuple[str, ...] = ()  # Slack user ids
    groups: tuple[tuple[str, str | None], ...] = ()  # (Slack user group id, @handle if known)
    schedules: tuple[str, ...] = ()  # on-call schedule names


def slack_person(session: Session, user_id: str, directory: Directory) -> Person:
    """The config's person with this Slack id (directly, or by an email looked up before), or someone known to
    Slack only, labelled by their id (the timeline names it in `data["mentions"]`)."""
    person = directory.by_slack_id(user_id)
    if person is None:
        emails = set(session.scalars(select(SlackUserLookup.email).where(SlackUserLookup.user_id == user_id)))
        person = next((p for p in directory.people.values() if p.email and p.email.lower() in emails), None)
    return person or slack_only(user_id)


def group_label(group: str, handle: str | None) -> str:
    # The handle as plain text: a `<!subteam^...>` on the timeline would notify the whole group on every post.
    return handle or f"user group {group}"


def page(session: Session, incident: Incident, request: PageRequest, actor: str, roster: Roster,
         now: datetime) -> Outcome:
    """Queue the pages; user groups are resolved to their members when the page is delivered."""
    if incident.status == RESOLVED:
        return Outcome(False, f"Incident #{incident.id} is resolved, so I paged nobody.")
    people: list[Person] = []
    labels: list[str] = []
    shown: list[str] = []  # the answer to the person asking mentions whom the config does not name
    missing: list[str] = []
    for user in request.users:
        person = slack_person(session, user, roster.directory)
        people.append(person)
        labels.append(person.label)
        shown.append(f"<@{user}>" if person.slack_only else person.label)
    for name in request.schedules:
        key = roster.on_call(name, now)
        on_call = roster.directory.people.get(key) if key else None
        if on_call is None:
            missing.append(f"nobody is on call for {name}")
            continue
        people.append(on_call)
        labels.append(f"{on_call.label} (on call for {name})")
        shown.append(labels[-1])
    stamp = f"{actor}@{now.isoformat()}"  # one request: the same person asking at the same instant
    groups_queued = 0
    for group, handle in request.groups:
        row = outbox.enqueue(session, now, kind="page_group", lane=outbox.incident_lane(incident.id),
                             incident_id=incident.id, dedup_key=f"page-group:{incident.id}:{group}:{stamp}",
                             payload={"group": group, "label": group_label(group, handle), "by": actor,
                                      "stamp": stamp})
        groups_queued += row is not None
        labels.append(group_label(group, handle))
        shown.append(labels[-1])
    if not labels:
        return Outcome(False, f"I paged nobody: {'; '.join(missing)}.")
    if not page_now(session, incident, people, actor, now, stamp) and not groups_queued:
        return Outcome(False, f"Already paging {', '.join(shown)} for incident #{incident.id}.")
    timeline.record(session, incident.id, now, "paged", f"Paged on demand: {', '.join(labels)}", actor=actor,
                    data={"targets": labels, "by": actor, **mentioned(people)})
    note = f" Not paged: {'; '.join(missing)}." if missing else ""
    return Outcome(True, f"Paging {', '.join(shown)} for incident #{incident.id}.{note}")


def mentioned(people: list[Person]) -> dict:
    """`data["mentions"]` of a timeline event naming these people: the ids it shows (none: no key at all)."""
    ids = mentions(people)
    return {"mentions": ids} if ids else {}
