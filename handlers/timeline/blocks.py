"""The timeline as in-channel messages, split within Slack's limits."""
from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from escalation.incidents import IncidentCard
from handlers.markup import Block, clip, link, mention, severity, text, typed
from handlers.timeline.entry import PINNED, Entry, parts, pieces

MAX_BLOCKS = 50  # per message
MAX_SECTION = 3000  # characters per section text
SECTION_BUDGET = MAX_SECTION - 100


def line(event: Entry, tz: str) -> str:
    at = event.at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")
    permalink, words, peoples = parts(event)
    said = typed(words) if peoples else "".join(mention(p) if user else text(p) for p, user in pieces(event, words))
    return f"`{at}` {mention(event.actor)} · " + (f"{link(permalink, PINNED)}: {said}" if permalink else said)


def chunks(lines: list[str]) -> list[str]:
    """Pack lines into section texts of at most SECTION_BUDGET characters, cutting a huge line if needed."""
    out, current = [], ""
    for piece in lines:
        one = piece if len(piece) <= SECTION_BUDGET else clip(piece, SECTION_BUDGET - 1) + "…"
        if current and len(current) + 1 + len(one) > SECTION_BUDGET:
            out.append(current)
            current = ""
        current = f"{current}\n{one}" if current else one
    if current:
        out.append(current)
    return out


def timeline_messages(card: IncidentCard, events: Sequence[Entry], tz: str) -> list[tuple[str, list[Block]]]:
    """One or more (fallback text, blocks) messages holding every event in order."""
    title = f"Timeline of incident #{card.number} · {severity(card.severity)} · {text(card.title)}"
    sections = chunks([line(e, tz) for e in events]) or ["No events yet."]
    per_message = MAX_BLOCKS - 1
    messages = []
    for start in range(0, len(sections), per_message):
        part = start // per_message + 1
        header = title if start == 0 else f"{title} (part {part})"
        blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": clip(header, 150)}}]
        blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": s}}
                   for s in sections[start:start + per_message]]
        messages.append((header, blocks))
    return messages
