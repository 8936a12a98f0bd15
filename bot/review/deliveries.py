"""Outbox kinds for this feature: each takes a bot.outbox.delivery.Delivery and returns a result to keep."""
from __future__ import annotations

from bot.outbox.delivery import Delivery
from bot.room import names
from escalation.incidents import card
from escalation.review import service as review
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


KINDS = {f.__name__: f for f in (post_review,)}
FAILED_TO = {"post_review": "post the review"}
