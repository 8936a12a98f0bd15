"""The timeline as a Markdown file: readable outside Slack, so Slack's markup becomes names and links."""
from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from escalation.incidents import IncidentCard
from escalation.room import ROLE_NAMES
from handlers.markup import is_user_id, local, severity
from handlers.timeline.entry import Entry

# Slack's <...> markup: user and channel mentions, user groups, special mentions, and links.
SLACK_MARKUP = re.compile(r"<([^<>]+)>")


def plain(text: str, names: dict[str, str]) -> str:
    """Slack markup as Markdown: `<@U1|anna>` -> `@Anna Nowak`, `<https://x|label>` -> `[label](https://x)`."""
    def one(match: re.Match) -> str:
        inner = match[1]
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + names.get(target[1:], label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!subteam^"):
            return label or "@" + target[len("!subteam^"):]
        if target.startswith("!"):
            return "@" + (label or target[1:])
        return f"[{label}]({target})" if label else target
    return SLACK_MARKUP.sub(one, text)


def who(actor: str, names: dict[str, str]) -> str:
    return "@" + names.get(actor, actor) if is_user_id(actor) else actor


def entry(event: Entry, tz: str, names: dict[str, str]) -> str:
    at = event.at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")
    first, *rest = plain(event.text, names).split("\n")
    # Continuation lines are indented so a multi-line status update stays inside its list item.
    return "\n".join([f"- `{at}` **{who(event.actor, names)}** · {first}", *(f"  {line}" for line in rest)])


def timeline_markdown(card: IncidentCard, events: Sequence[Entry], tz: str,
                      names: dict[str, str] | None = None) -> str:
    """The incident's header facts and every timeline event, oldest first; `names` maps Slack ids to names."""
    names = names or {}
    facts = [("Severity", severity(card.severity)), ("Status", card.status), ("Source", card.source),
             ("Opened", local(card.created_at, tz))]
    if card.channel_name:
        facts.append(("Channel", f"#{card.channel_name}"))
    if card.crisis_type:
        facts.append(("Crisis type", card.crisis_type))
    facts += [(ROLE_NAMES[role], who(user, names)) for role, user in card.roles]
    if card.acknowledged_by and card.acknowledged_at:  # set together, when acknowledged
        facts.append(("Acknowledged", f"{who(card.acknowledged_by, names)} at {local(card.acknowledged_at, tz)}"))
    if card.resolved_by and card.resolved_at:  # set together, when resolved
        facts.append(("Resolved", f"{who(card.resolved_by, names)} at {local(card.resolved_at, tz)}"))
    lines = [f"# Timeline of incident #{card.number}: {card.title}", ""]
    lines += [f"- **{label}:** {value}" for label, value in facts]
    lines += ["", f"## Events (times in {tz})", ""]
    lines += [entry(e, tz, names) for e in events] or ["No events yet."]
    return "\n".join(lines) + "\n"
