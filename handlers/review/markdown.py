"""The review as a Markdown file: the numbers, who was paged, templates, follow-ups, lessons, then the timeline."""
from __future__ import annotations

from escalation.incidents import IncidentCard
from escalation.review.measures import Measures
from escalation.review.service import Event, Review
from handlers.review import lines as review_lines
from handlers.timeline.markdown import literal, said, timeline_markdown, who

LESSONS = ["- What went well:", "- What to change:", "- Who does what, by when:"]
FEEDBACK = ["- From customers (comments, replies, complaints):", "- From stakeholders (management, partners, staff):"]


def review_filename(card: IncidentCard) -> str:
    return f"incident-{card.number}-review.md"


def demoted(markdown: str) -> str:
    """Headings one level down, so the timeline sits inside the review as a section."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def review_markdown(card: IncidentCard, review: Review, events: list[Event], tz: str,
                    names: dict[str, str] | None = None, measures: Measures | None = None) -> str:
    """The whole review; `names` maps Slack user ids to the names the file shows."""
    names = names or {}

    voice = review_lines.Voice(who=lambda actor: who(actor, names), text=literal,
                               typed=lambda words: said(words, names))
    lines = [f"# {review_lines.title(card, voice)}", ""]
    lines += [f"- {line}" for line in review_lines.overview(card, tz, voice)]
    for heading, items in review_lines.sections(card, review, tz, voice, measures):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items]
    lines += ["", "## Lessons", "", *LESSONS, ""]
    if measures is not None:
        lines += ["## Customer and stakeholder feedback", "", *FEEDBACK, ""]
    return "\n".join(lines) + "\n" + demoted(timeline_markdown(card, events, tz, names))
