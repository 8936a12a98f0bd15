"""The reminders section the reminder and review tests run with, what the bot says, and moving through time."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents.models import Incident
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, CHANNEL_NAME, T0, at, open_incident, sent_at  # noqa: F401  (re-exported)
from tests.support.expect import seen
from tests.support.slack_requests import block_actions_body

REMINDERS = """
reminders:
  status_update_every: {1: 30m, 2: 1h, 3: 4h, 4: off}
  snooze: [30m, 1h]
  first_public_reply_within: {1: 1h, 2: 4h, 3: 12h, 4: 24h}
  warn_at: 75%
paging:
  reescalate_after: off  # these tests are about reminders; tests/escalation_quiet/ pages silent incidents again
"""
UPDATE = "Post it with `/crisis update <text>`."


def reminders_config():
    return load_test_config(CONFIG + REMINDERS)


def reminder(since: str, *, updated: bool = False, commander: str | None = "U0ANNA", every: str = "SEV2: every 1 h",
             number: int = 1) -> str:
    quiet = f"The last one was {since} ago." if updated else f"None since the incident opened {since} ago."
    if commander:
        return f"<@{commander}> time for a status update on incident #{number} ({every}). {quiet} {UPDATE}"
    return (f"Time for a status update on incident #{number} ({every}). {quiet} No commander yet — "
            "`/crisis role commander @someone`, then `/crisis update <text>`.")


def warning(passed: str, target: str, left: str, until: str, *, severity: int = 2,
            people: str = "<@U0ANNA> ") -> str:
    return (f":hourglass_flowing_sand: {people}No public reply yet on incident #1: {passed} of the {target} "
            f"first-public-reply target (SEV{severity}) have passed, {left} left (until {until}). "
            "Post an approved holding statement: `/crisis template tag:public`.")



def in_room(bot, slack, text: str, user: str, answer: str | None = None) -> None:
    """Type a room command (built by the room feature) in the channel; check its answer, let the bot act on it."""
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    bot.slash(text, user=user, channel=channel)
    bot.run_worker()
    said = seen(slack)
    if answer is not None:
        assert ("response", f"{CHANNEL}>{user}", answer) in said, said


def open_acknowledged(bot, slack, commander: str | None = "U0ANNA") -> str:
    """Incident #1 (SEV2) opened at T0, acknowledged at once (no paging noise), with a commander; its channel id."""
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    in_room(bot, slack, "ack", "U0PIOTR", "Incident #1 acknowledged. Paging has stopped.")
    if commander:
        in_room(bot, slack, f"role commander <@{commander}>", "U0PIOTR",
                f"<@{commander}> is now the commander of incident #1.")
    return slack.channel_named(CHANNEL_NAME)["id"]


def public_reply(engine, at_time: datetime, incident_id: int = 1) -> None:
    """What the templates feature records when a public template's Use button is pressed (set directly here)."""
    with Session(engine) as session, session.begin():
        incident = session.get(Incident, incident_id)
        incident.first_public_reply_at = at_time
        timeline.record(session, incident_id, at_time, "template_used", "Used template `holding-statement` v1 (en): "
                        "first public reply", actor="U0EWA",
                        data={"key": "holding-statement", "version": 1, "language": "en", "public": True})


def press(bot, slack, message, action_id: str, value: str, user: str):
    """Press a button on `message` (a stand-in Message) as Slack sends it: with the message's text and blocks."""
    body = block_actions_body(action_id, value, user_id=user, channel_id=message.channel, message_ts=message.ts,
                              response_url=slack.new_response_url(channel=message.channel, user=user),
                              block_id=next((b.get("block_id", "") for b in message.blocks or []
                                             if b["type"] == "actions"), "actions"),
                              message_text=message.text or "", message_blocks=message.blocks or [])
    return bot.slack_request(body)
