"""Outbox kinds for this feature: each takes a bot.deliveries.Delivery and returns a result to keep."""
from __future__ import annotations

from bot.outbox.delivery import Cancelled, Delivery
from bot.room.deliveries import names
from escalation.incidents.models import RESOLVED
from escalation.incidents.views import card
from escalation.review import service as review
from handlers.reminders.blocks import reply_warning_text, status_reminder_message
from handlers.review.blocks import review_messages
from handlers.review.markdown import review_filename, review_markdown


def status_reminder(d: Delivery) -> dict:
    if d.incident.status == RESOLVED:
        raise Cancelled("incident is resolved")
    text, blocks = status_reminder_message(d.incident.id, d.row.payload, d.config.reminders.snooze)
    _, ts = d.gateway.post(d.channel(), text, blocks)
    return {"ts": ts}


def reply_warning(d: Delivery) -> dict:
    if d.incident.status == RESOLVED or d.incident.first_public_reply_at is not None:
        raise Cancelled("incident is resolved" if d.incident.status == RESOLVED else "a public reply was made")
    _, ts = d.gateway.post(d.channel(), reply_warning_text(d.incident.id, d.row.payload, d.config.timezone))
    return {"ts": ts}


def post_review(d: Delivery) -> dict:
    # A retry posts only the parts not yet posted, and uploads the file once.
    done = dict(d.row.result or {})
    posted = list(done.get("posted", []))
    c = card(d.incident)
    directory = d.config.directory.people
    facts, events = review.load(d.session, d.incident,
                                lambda key: directory[key].label if key in directory else key)
    filename = review_filename(c)
    for index, (text, blocks) in enumerate(review_messages(c, facts, events, d.config.timezone, filename)):
        if index < len(posted):
            continue
        _, ts = d.gateway.post(d.channel(), text, blocks)
        posted.append(ts)
        d.row.result = {**done, "posted": list(posted)}
    markdown = review_markdown(c, facts, events, d.config.timezone, names(d))
    file_id = d.gateway.upload(d.channel(), filename, markdown.encode(), title=f"Review of incident #{c.number}",
                               comment=f":memo: The review of incident #{c.number} as a Markdown file: "
                                       "fill in the lessons and share it.")
    return {"posted": posted, "file": file_id}


KINDS = {f.__name__: f for f in (status_reminder, reply_warning, post_review)}
FAILED_TO = {"status_reminder": "post the status-update reminder",
             "reply_warning": "post the first-public-reply warning", "post_review": "post the review"}
