"""The Slack user groups the policies target, read into `slack_usergroups` by the worker so the engine pages their
members without asking Slack: members with usergroups.users.list, a handle's id looked up once with
usergroups.list. Slack is called with no transaction open; a failed read keeps the members read before."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.slack.gateway import Failed, Retry, SlackGateway
from escalation.paging import UserGroup
from escalation.sql import insert, table_of

REFRESH_EVERY = timedelta(minutes=10)  # members change rarely; a page uses them as of the last read
RETRY_AFTER = timedelta(minutes=1)  # after a failed read


def due(row: UserGroup | None, now: datetime) -> bool:
    return row is None or now - row.tried_at >= (RETRY_AFTER if row.error else REFRESH_EVERY)


def refresh_usergroups(sessions: sessionmaker[Session], gateway: SlackGateway, refs: set[str], now: datetime) -> int:
    """Read every group of `refs` due a read at `now`; returns how many were tried."""
    if not refs:
        return 0
    with sessions.begin() as session:
        rows = {row.ref: row for row in session.scalars(select(UserGroup).where(UserGroup.ref.in_(sorted(refs))))}
        ids = {ref: row.group_id for ref, row in rows.items() if row.group_id}
        todo = sorted(ref for ref in refs if due(rows.get(ref), now))
    if not todo:
        return 0
    handles: dict[str, str] = {}
    listing_failed = None
    if any(ref.startswith("@") and ref not in ids for ref in todo):
        try:
            handles = gateway.usergroup_ids()
        except (Failed, Retry) as error:
            listing_failed = f"usergroups.list failed: {error}"
    results = [read(gateway, ref, (ids.get(ref) or handles.get(ref[1:])) if ref.startswith("@") else ref,
                    listing_failed, now) for ref in todo]
    with sessions.begin() as session:
        table = table_of(UserGroup)
        for values in results:
            statement = insert(session, table).values(**values)
            changed = {k: v for k, v in values.items() if k != "ref"}
            session.execute(statement.on_conflict_do_update(index_elements=["ref"], set_=changed))
    return len(todo)


def read(gateway: SlackGateway, ref: str, group_id: str | None, listing_failed: str | None, now: datetime) -> dict:
    """The row's new values after one read of the group (members and read time only when it worked)."""
    values: dict = {"ref": ref, "tried_at": now}
    if group_id is None:
        return {**values, "error": listing_failed or f"Slack has no user group with the handle {ref}"}
    values["group_id"] = group_id
    if ref.startswith("@"):
        values["handle"] = ref
    try:
        users = gateway.usergroup_members(group_id)
    except (Failed, Retry) as error:
        return {**values, "error": str(error)}
    return {**values, "users": users, "read_at": now, "error": None}
