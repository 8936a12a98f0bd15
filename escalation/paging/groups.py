"""Slack user groups as targets, read from `slack_usergroups` (the worker refreshes it from Slack), so the engine
pages a group's members with no Slack call; a group that cannot be read says why."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.paging.models import SlackUserLookup, UserGroup
from escalation.people import Directory, Person, slack_only

USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
NOT_READ = "not read from Slack yet"


@dataclass(frozen=True)
class StoredGroup:
    label: str  # "@pr-team", or "user group S0123PR"
    people: tuple[Person, ...]  # its members as of the last read that worked
    problem: str | None = None  # why the last read failed; None when it worked


def group_label(ref: str, handle: str | None = None) -> str:
    # The handle as plain text: a `<!subteam^...>` on the timeline would notify the whole group on every post.
    if handle:
        return handle if handle.startswith("@") else f"@{handle}"
    return ref if ref.startswith("@") else f"user group {ref}"


def slack_person(user_id: str, directory: Directory, emails: dict[str, str] | None = None) -> Person:
    """The config's person with this Slack id (directly, or by an email looked up before: `emails` maps user ids
    to them), or someone known to Slack only, labelled by their id (timeline events list it in `data["mentions"]`)."""
    person = directory.by_slack_id(user_id)
    email = (emails or {}).get(user_id)
    if person is None and email:
        person = next((p for p in directory.people.values() if p.email and p.email.lower() == email), None)
    return person or slack_only(user_id)


def looked_up(session: Session, user_ids: Iterable[str]) -> dict[str, str]:
    """Slack user id -> the email it was found by, for these ids, in one statement."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    rows = session.execute(select(SlackUserLookup.user_id, SlackUserLookup.email)
                           .where(SlackUserLookup.user_id.in_(ids)))
    return {user_id: email for user_id, email in rows if user_id}


def person_of(directory: Directory, key: str) -> Person | None:
    """A paged person by the key their page was stored under: the config's, or a group member's Slack id."""
    if key in directory.people:
        return directory.people[key]
    return slack_only(key) if USER_ID.match(key) else None


def stored_groups(session: Session, directory: Directory, refs: Iterable[str]) -> dict[str, StoredGroup]:
    """The groups named by `refs` as last read, their members as people; a ref never read is absent."""
    refs = sorted(set(refs))
    if not refs:
        return {}
    rows = list(session.scalars(select(UserGroup).where(UserGroup.ref.in_(refs))))
    emails = looked_up(session, (u for row in rows for u in row.users))
    return {row.ref: StoredGroup(group_label(row.ref, row.handle),
                                 tuple(slack_person(u, directory, emails) for u in row.users) if row.read_at else (),
                                 row.error if row.error or row.read_at else NOT_READ)
            for row in rows}


def group_people(ref: str, groups: dict[str, StoredGroup]) -> tuple[tuple[Person, ...], str | None]:
    """A level's group: its members, or a note saying why none can be paged."""
    group = groups.get(ref)
    if group is None:
        return (), f"could not read {group_label(ref)}: {NOT_READ}"
    if group.people:
        return group.people, None  # a failed refresh keeps the members read before
    if group.problem:
        return (), f"could not read {group.label}: {group.problem}"
    return (), f"{group.label} has no members"
