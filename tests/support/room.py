"""The crisis-room tests' config section and their opening: incident #1 with its channel and Anna paged."""
from __future__ import annotations

from sqlalchemy.orm import Session

from escalation.incidents.models import Incident
from tests.support.crisis import CHANNEL_NAME, open_incident, opened
from tests.support.expect import seen

ROOM = """
room:
  types: [product-defect, customer-service, data-breach, rumour]
  severities:
    1: "Critical: trending nationally or press asking"
    3: "Moderate: a growing thread of complaints"
  stakeholders_channel: {stakeholders}
"""


def room_yaml(stakeholders: str) -> str:
    return ROOM.format(stakeholders=stakeholders)


def open_room(bot, slack) -> str:
    """Incident #1, its channel opened and Anna paged; the channel's id."""
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")
    return slack.channel_named(CHANNEL_NAME)["id"]


def incident_row(engine, number: int = 1) -> Incident:
    with Session(engine) as session:
        incident = session.get(Incident, number)
        session.expunge(incident)
        return incident


def summary_fields(slack, channel: str) -> list[str]:
    """The field texts of the pinned summary as it reads now."""
    summary = [m for m in slack.messages_in(channel) if m.text.startswith("Incident #1 ·")][-1]
    return [f["text"] for b in summary.blocks if b["type"] == "section" for f in b.get("fields", [])]
