"""Outbox kinds for this feature: each takes a bot.outbox.delivery.Delivery and returns a result to keep."""
from __future__ import annotations

from sqlalchemy import select

from bot.outbox.delivery import Delivery
from bot.room import names
from bot.slack.gateway import Failed
from escalation.incidents import card
from escalation.paging import SlackUserLookup, person_ref
from escalation.review import measures as measuring
from escalation.review import service as review
from escalation.signals import Course, course_between
from handlers.review.blocks import review_messages
from handlers.review.markdown import review_filename, review_markdown


def post_review(d: Delivery) -> dict:
    # A retry posts only the parts not yet posted, and uploads the file once.
    done = dict(d.row.result or {})
    posted = list(done.get("posted", []))
    c = card(d.incident)
    directory = d.config.directory.people
    facts, events = review.load(d.session, d.incident,
                                lambda key: directory[key].label if key in directory else key)
    filename = review_filename(c)
    r = d.config.reminders
    targets = measuring.Targets(r.acknowledge_within, r.first_public_reply_within, r.status_update_every)
    measures = measuring.load(d.session, d.incident, events, targets, d.now, topic_course(d))
    for index, (text, blocks) in enumerate(review_messages(c, facts, events, d.config.timezone, filename,
                                                           measures)):
        if index < len(posted):
            continue
        _, ts = d.gateway.post(d.channel(), text, blocks)
        posted.append(ts)
        d.row.result = {**done, "posted": list(posted)}
    known = names(d)
    if any(e.actor.startswith(("U", "W")) and e.actor not in known for e in events):
        known = learn_names(d)
    markdown = review_markdown(c, facts, events, d.config.timezone, known, measures)
    file_id = d.gateway.upload(d.channel(), filename, markdown.encode(), title=f"Review of incident #{c.number}",
                               comment=f":memo: The review of incident #{c.number} as a Markdown file: "
                                       "fill in the lessons and share it.")
    return {"posted": posted, "file": file_id}


def topic_course(d: Delivery) -> Course | None:
    """How a signal incident's topic went from its trigger (the opening) to the resolve, or to now."""
    topic = d.config.signals.topics.get(d.incident.labels.get("topic", "")) if d.incident.source == "signals" else None
    if topic is None:
        return None
    return course_between(d.session, topic, d.incident.created_at, d.incident.resolved_at or d.now,
                          d.incident.drill_run_id)


def learn_names(d: Delivery) -> dict[str, str]:
    """Someone acted by their Slack id whom the config knows only by e-mail: look the config's e-mail people up
    once (kept, so never again), so the file names them instead of showing a bare id."""
    asked = set(d.session.scalars(select(SlackUserLookup.email)))
    for person in d.config.directory.people.values():
        if person.email and not person.slack_id and person.email.lower() not in asked:
            try:
                d.user_id(person_ref(person))
            except Failed:  # not in this workspace: shown by id, as before
                continue
    return names(d)


KINDS = {f.__name__: f for f in (post_review,)}
FAILED_TO = {"post_review": "post the review"}
