"""Who may approve templates: the config's approver users and teams, and the members of a Slack user group."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.slack.gateway import Failed, Retry, SlackGateway
from bot.slack.users import user_id_for
from escalation.paging import person_ref

log = logging.getLogger(__name__)


def approver_keys(config: Config) -> list[str]:
    """The person keys named as approvers, directly or through a team, in config order."""
    approvers, teams = config.templates.approvers, config.directory.teams
    keys = list(approvers.users) + [m for t in approvers.teams if t in teams for m in teams[t].members]
    return list(dict.fromkeys(keys))


def is_approver(session: Session, config: Config, gateway: SlackGateway, user_id: str, now: datetime) -> bool:
    """Whether this Slack user may approve; people known only by email are looked up (and cached) once."""
    people = config.directory.people
    for key in approver_keys(config):
        if key not in people:
            continue
        try:
            if user_id_for(session, gateway, person_ref(people[key]), now) == user_id:
                return True
        except (Failed, Retry) as error:  # one unknown approver must not lock the others out
            log.warning("approver %s: %s", key, error)
    group = config.templates.approvers.usergroup
    if group:
        try:
            return user_id in gateway.usergroup_members(group)
        except (Failed, Retry) as error:
            log.warning("approver group %s: %s", group, error)
    return False


def approver_names(config: Config) -> str:
    """Who may approve, in words: `Ewa Lis, Marek Wojcik and members of @legal`."""
    people = config.directory.people
    names = [people[k].label for k in approver_keys(config) if k in people]
    group = config.templates.approvers.usergroup
    if group:
        names.append(f"members of <!subteam^{group}>")
    if not names:
        return "nobody yet (set templates.approvers in the config)"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
