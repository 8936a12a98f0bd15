"""The templates section the template tests run with, and reading template rows back."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.templates.models import ReplyTemplate, TemplateVersion
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL_NAME, open_incident, opened
from tests.support.expect import seen

HOLDING_EN = "We know about the problem and are looking into it. Next update by {time}."
HOLDING_PL = "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do {time}."
BRIEF_EN = "Status for {team}: {summary}"

TEMPLATES = """
templates:
  approvers:
    users: [ewa]
    teams: [pr]
  approvals_channel: APPROVALS
  library:
    holding-statement:
      tags: [public]
      en:
        title: Public holding statement
        body: "We know about the problem and are looking into it. Next update by {time}."
      pl:
        title: Oświadczenie wstępne
        body: "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do {time}."
    internal-brief:
      tags: [internal, technical-failure]
      en:
        title: Internal briefing
        body: "Status for {team}: {summary}"
"""


def templates_config(approvals: str, extra: str = ""):
    """The test config plus the templates section, proposals going to the channel `approvals`."""
    return load_test_config(CONFIG + TEMPLATES.replace("APPROVALS", approvals) + extra)


def incident_channel(bot, slack) -> str:
    """Incident #1 opened and Anna paged; the id of its channel."""
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")
    return slack.channel_named(CHANNEL_NAME)["id"]


def versions(engine, key: str, language: str = "en") -> list[tuple[int, str, str, str, str | None]]:
    """(number, status, source, proposed_by, decided_by) of every version of a template, oldest first."""
    with Session(engine) as session:
        template = session.scalar(select(ReplyTemplate).where(ReplyTemplate.key == key,
                                                              ReplyTemplate.language == language))
        if template is None:
            return []
        rows = session.scalars(select(TemplateVersion).where(TemplateVersion.template_id == template.id)
                               .order_by(TemplateVersion.number))
        return [(v.number, v.status, v.source, v.proposed_by, v.decided_by) for v in rows]


def template_state(engine, key: str, language: str = "en") -> tuple[str, int | None] | None:
    """(status, served version number) of a template, or None."""
    with Session(engine) as session:
        template = session.scalar(select(ReplyTemplate).where(ReplyTemplate.key == key,
                                                              ReplyTemplate.language == language))
        return None if template is None else (template.status, template.current_version)
