"""An incident a person declares in Slack: what they chose rides on the alert that opens it, so a declaration takes
the same path as a webhook's alert (group commit, set-based intake) and changes only how the incident opens."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from escalation import outbox

SOURCE = "slack"  # the source of every declared incident's alert
TITLE_LIMIT = 150  # the modal's limit; the incidents table holds 300
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


@dataclass(frozen=True)
class Evidence:
    """The Slack message an incident was declared from: it goes on the timeline first, with its permalink."""

    channel: str
    ts: str
    text: str  # plain text (decoded at the edge)
    author: str  # Slack user id, or a bot's name


@dataclass(frozen=True)
class Declaration:
    """What the person declaring chose; it overrides the routes and the config for the incident it opens."""

    by: str  # Slack user id of the person who declared
    commander: str  # Slack user id; the declarer unless they chose someone else
    policy: str | None  # the escalation policy to page; None: page nobody yet
    private: bool  # open a private channel
    crisis_type: str | None = None
    evidence: Evidence | None = None


def problems(title: str, severity: int | None, d: Declaration, policies: Collection[str],
             types: Collection[str]) -> dict[str, str]:
    """What is wrong with a declaration, by form field; empty when it can open an incident."""
    found: dict[str, str] = {}
    if not title.strip():
        found["title"] = "Give the crisis a short title, like “Boycott call on Instagram”."
    elif len(title) > TITLE_LIMIT:
        found["title"] = f"Keep the title within {TITLE_LIMIT} characters (it has {len(title)})."
    if severity not in (1, 2, 3, 4):
        found["severity"] = "Choose a severity, SEV1 (the worst) to SEV4."
    if d.crisis_type is not None and d.crisis_type not in types:
        found["crisis_type"] = f"“{d.crisis_type}” is not a crisis type in the config; choose one from the list."
    if d.policy is not None and d.policy not in policies:
        found["policy"] = f"The policy “{d.policy}” is no longer in the config; choose another, or page nobody yet."
    if not USER_ID.match(d.commander):
        found["commander"] = "Choose the person who leads the response."
    return found


def person(user_id: str) -> dict:
    """A Slack user as the invite outbox kind reads one."""
    return {"key": user_id, "slack_id": user_id, "email": None, "name": f"<@{user_id}>"}


def declared_work(incident_id: int, title: str, d: Declaration, now: datetime) -> tuple[list[dict], list[dict]]:
    """(timeline rows, outbox rows) of a declared incident, besides what every opening queues."""
    events = [{"incident_id": incident_id, "at": now, "kind": "opened", "actor": d.by,
               "text": f"Incident declared in Slack: {title}", "data": {"declared_by": d.by}},
              {"incident_id": incident_id, "at": now, "kind": "role", "actor": d.by,
               "text": f"Commander: <@{d.commander}>", "data": {"role": "commander", "user": d.commander}}]
    if d.crisis_type:
        events.append({"incident_id": incident_id, "at": now, "kind": "type", "actor": d.by,
                       "text": f"Crisis type: {d.crisis_type}", "data": {"from": None, "to": d.crisis_type}})
    if d.policy is None:
        events.append({"incident_id": incident_id, "at": now, "kind": "note", "actor": d.by,
                       "text": "Declared with “page nobody yet”: nobody is paged until someone runs `/crisis page`"})
    lane = outbox.incident_lane(incident_id)
    people = [person(u) for u in dict.fromkeys((d.by, d.commander))]
    work = [{"kind": "invite", "lane": lane, "incident_id": incident_id, "payload": {"people": people},
             "dedup_key": f"invite-declared:{incident_id}"}]
    if d.crisis_type:  # its playbook: the room copies the config's steps when it posts the checklist
        work.append({"kind": "post_playbook", "lane": lane, "incident_id": incident_id,
                     "payload": {"crisis_type": d.crisis_type}, "dedup_key": f"playbook-declared:{incident_id}"})
    if d.evidence is not None:
        e = d.evidence
        work.append({"kind": "add_evidence", "lane": f"pins:{incident_id}", "incident_id": incident_id,
                     "dedup_key": f"evidence:{incident_id}",
                     "payload": {"channel": e.channel, "ts": e.ts, "text": e.text, "author": e.author, "by": d.by}})
    return events, work


@dataclass(frozen=True)
class Declared:
    """The answer to a declaration: the incident opened, or why not (per form field, or a refusal)."""

    number: int | None = None
    channel_name: str | None = None
    policy: str | None = None  # what it pages; None: nobody yet
    errors: dict[str, str] | None = None
    refused: str | None = None
