"""What a new config would strand: open incidents under a policy it drops, people paged for them it drops."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import make_url, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.config.model import Config
from escalation.incidents import Incident
from escalation.paging import EscalationState, Page, Roster, fallback_target


class UnreadableDatabase(Exception):
    """The database could not be read (not reachable, or never migrated)."""


def stranded_incidents(config: Config, database_url: str) -> list[str]:
    """One warning per incident still being paged whose policy the config drops, and per person paged for one it
    drops. An acknowledged or resolved incident is paged no more (its escalation stopped), so it is not one; nor is
    a drill's."""
    from bot.database import make_engine
    missing = missing_file(database_url)
    if missing:
        raise UnreadableDatabase(f"cannot read open incidents from the database: {missing}")
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            # A drill's incident pages under its drill's own policy (`drill-N`), never one of the file's.
            incidents = list(session.scalars(select(Incident).join(
                EscalationState, EscalationState.incident_id == Incident.id).where(
                EscalationState.active.is_(True), Incident.drill_run_id.is_(None)).order_by(Incident.id)))
            paged = session.execute(select(Page.incident_id, Page.person_key).distinct()
                                    .where(Page.incident_id.in_([i.id for i in incidents]), Page.level >= 0)
                                    .order_by(Page.incident_id, Page.person_key)).all()
    except SQLAlchemyError as error:
        raise UnreadableDatabase(f"cannot read open incidents from the database: {error.__class__.__name__}: "
                                 f"{str(error).splitlines()[0]}") from None
    finally:
        engine.dispose()
    warnings = [_policy_warning(config, i) for i in incidents
                if i.policy_name is not None and i.policy_name not in config.policies]
    titles = {i.id: i.title for i in incidents}
    warnings += [f"incident #{number} ({titles[number]}) paged {key}, whom this file drops: {key} gets no more "
                 "reminders for it" for number, key in paged if key not in config.directory.people]
    return warnings


def missing_file(database_url: str) -> str | None:
    """Why a SQLite URL names no database: its file does not exist (opening it would create an empty one)."""
    url = make_url(database_url)
    path = url.database
    if not url.get_backend_name() == "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return None if Path(path).is_file() else f"there is no SQLite file {path}"


def _policy_warning(config: Config, incident: Incident) -> str:
    roster = Roster(policies=config.policies, default_policy=config.default_policy)
    target = fallback_target(incident.policy_name or "", roster)
    if target is not None:
        then = f"its paging falls back to the default policy {target}"
    elif config.oncall.admin_channel:
        then = f"nobody will page it: there is no default policy, so the admin channel {config.oncall.admin_channel} " \
               "is asked to"
    else:
        then = "nobody will page it: there is no default policy and no oncall.admin_channel to tell"
    return f"incident #{incident.id} ({incident.title}) is open under escalation policy {incident.policy_name}, " \
           f"which this file drops: {then}"
