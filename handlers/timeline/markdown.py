"""The timeline as a Markdown file: readable outside Slack; outside text stays text, mentions become names."""
from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from escalation.incidents import IncidentCard
from escalation.room import ROLE_NAMES
from handlers.markup import is_user_id, local, severity
from handlers.timeline.entry import PINNED, Entry, parts, pieces

# A person's mention in the words people typed (handlers.markup.decoded keeps it so).
MENTION = re.compile(r"<@([UW][A-Z0-9]{2,})>")


def literal(value: str) -> str:
    """Outside text in the file as text: no link, image or HTML can be made of it (`[`, `]`, `<` escaped)."""
    return re.sub(r"([\\\[\]<])", r"\\\1", value)


def said(value: str, names: dict[str, str]) -> str:
    """A Slack user's words: literal, with the people they mentioned as `@Name`."""
    # split gives text, user id, text, user id, ..., text
    return "".join(who(p, names) if i % 2 else literal(p) for i, p in enumerate(MENTION.split(value)))


def who(actor: str, names: dict[str, str]) -> str:
    return "@" + literal(names.get(actor, actor)) if is_user_id(actor) else literal(actor)


def entry(event: Entry, tz: str, names: dict[str, str]) -> str:
    at = event.at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")
    permalink, words, peoples = parts(event)
    body = said(words, names) if peoples else "".join(who(p, names) if user else literal(p)
                                                      for p, user in pieces(event, words))
    if permalink and permalink.startswith("https://"):
        body = f"[{PINNED}]({permalink}): {body}"
    first, *rest = body.split("\n")
    # Continuation lines are indented so a multi-line status update stays inside its list item.
    return "\n".join([f"- `{at}` **{who(event.actor, names)}** · {first}", *(f"  {line}" for line in rest)])


def timeline_markdown(card: IncidentCard, events: Sequence[Entry], tz: str,
                      names: dict[str, str] | None = None) -> str:
    """The incident's header facts and every timeline event, oldest first; `names` maps Slack ids to names."""
    names = names or {}
    facts = [("Severity", severity(card.severity)), ("Status", card.status), ("Source", literal(card.source)),
             ("Opened", local(card.created_at, tz))]
    if card.channel_name:
        facts.append(("Channel", f"#{literal(card.channel_name)}"))
    if card.crisis_type:
        facts.append(("Crisis type", literal(card.crisis_type)))
    facts += [(ROLE_NAMES[role], who(user, names)) for role, user in card.roles]
    if card.acknowledged_by and card.acknowledged_at:  # set together, when acknowledged
        facts.append(("Acknowledged", f"{who(card.acknowledged_by, names)} at {local(card.acknowledged_at, tz)}"))
    if card.resolved_by and card.resolved_at:  # set together, when resolved
        facts.append(("Resolved", f"{who(card.resolved_by, names)} at {local(card.resolved_at, tz)}"))
    lines = [f"# Timeline of incident #{card.number}: {literal(card.title)}", ""]
    lines += [f"- **{label}:** {value}" for label, value in facts]
    lines += ["", f"## Events (times in {tz})", ""]
    lines += [entry(e, tz, names) for e in events] or ["No events yet."]
    return "\n".join(lines) + "\n"
