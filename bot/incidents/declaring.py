"""Declaring an incident from Slack: checked and refused without writing, then taken in as an alert of source
`slack` through the same group commit as a webhook's, with a group key of its own so two never merge."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from bot.core import Core
from escalation.incidents import AlertIn, Declaration, Declared, Incident, Received
from escalation.incidents.declaring import SOURCE, problems
from escalation.permissions import may_declare


def declare(core: Core, receive: Callable[[list[AlertIn]], list[Received]], title: str, severity: int | None,
            description: str, declaration: Declaration) -> Declared:
    config = core.config
    with core.sessions.begin() as session:  # reads only: the email lookups the permission rule may need
        refused = may_declare(session, config.directory, config.permissions.declare, declaration.by)
    if refused:
        return Declared(refused=refused)
    errors = problems(title, severity, declaration, config.policies, config.room.types)
    if errors or severity is None:
        return Declared(errors=errors)
    key = f"declared-{uuid.uuid4().hex}"
    alert = AlertIn(source=SOURCE, group_key=key, fingerprint=key, title=title.strip(), severity=severity,
                    description=description.strip(), labels={"declared_by": declaration.by}, declared=declaration)
    [received] = receive([alert])
    with core.sessions.begin() as session:
        incident = session.get(Incident, received.incident_id) if received.incident_id else None
        name = incident.channel_name if incident else None
    return Declared(number=received.incident_id, channel_name=name, policy=declaration.policy)
