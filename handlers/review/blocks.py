"""The review as in-channel messages, split within Slack's limits; the timeline follows in its own messages."""
from __future__ import annotations

from escalation.incidents import IncidentCard
from escalation.review.measures import Measures
from escalation.review.service import Event, Review
from handlers.markup import clip, mention, text, typed
from handlers.review import lines as review_lines
from handlers.timeline.blocks import MAX_BLOCKS, chunks, timeline_messages


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


SLACK = review_lines.Voice(who=mention, text=text, typed=typed)


FEEDBACK = "_What customers and stakeholders said about the response: fill it in in the uploaded {file}._"


def review_messages(card: IncidentCard, review: Review, events: list[Event], tz: str,
                    filename: str, measures: Measures | None = None) -> list[tuple[str, list[dict]]]:
    """(fallback text, blocks) messages: the review's sections, then the whole timeline."""
    title = review_lines.title(card, SLACK)
    body = [section("\n".join(review_lines.overview(card, tz, SLACK)))]
    for heading, items in review_lines.sections(card, review, tz, SLACK, measures):
        parts = chunks([f"*{heading}*", *(f"• {item}" for item in items)])
        body += [section(part) for part in parts]
    body.append(section(f"*Lessons*\n_Empty for the team to fill in: edit the uploaded {text(filename)}._"))
    if measures is not None:
        body.append(section(f"*Customer and stakeholder feedback*\n{FEEDBACK.format(file=text(filename))}"))
    per_message = MAX_BLOCKS - 1
    messages = []
    for start in range(0, len(body), per_message):
        header = title if start == 0 else f"{title} (part {start // per_message + 1})"
        messages.append((header, [{"type": "header", "text": {"type": "plain_text", "text": clip(header, 150)}},
                                  *body[start:start + per_message]]))
    return messages + timeline_messages(card, events, tz)
