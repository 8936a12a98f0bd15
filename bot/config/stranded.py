"""What a new config would strand: open incidents under a policy it drops, people paged for them it drops."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.config.model import Config
from escalation.incidents import RESOLVED, Incident
from escalation.paging import Page, Roster, fallback_target


class UnreadableDatabase(Exception):
    """The database could not be read (not reachable, or never migrated)."""


def stranded_incidents(config: Config, database_url: str) -> list[str]:
    """One warning per open incident whose policy the config drops, and per person paged for one it drops."""
    from bot.database import make_engine
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            incidents = list(session.scalars(select(Incident).where(Incident.status != RESOLVED)
                                             .order_by(Incident.id)))
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
