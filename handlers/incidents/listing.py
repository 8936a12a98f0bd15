"""`/crisis list [all]` and `/crisis status`: what is going on, answered only to the person who asks."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from escalation.elapsed import spoken
from escalation.incidents import RESOLVED, Listed
from handlers.incidents.blocks import summary_message
from handlers.markup import DRILL_MARK, channel, clip, local, mention, severity, text
from handlers.subcommands import split_ref

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk

NOT_HERE = ("This channel is not an incident channel. Run `/crisis status` in the incident's channel, or name it: "
            "`/crisis status #crisis-...` or `/crisis status #42`.")


def where(card) -> str:
    if card.channel_id:
        return channel(card.channel_id)
    return f"#{text(card.channel_name)} (opening)" if card.channel_name else "no channel yet"


def next_page(item: Listed, now: datetime, tz: str) -> str:
    card = item.card
    if card.status == RESOLVED:
        return f"resolved after {spoken(card.resolved_at - card.created_at)}" if card.resolved_at else "resolved"
    if card.status not in ("triggered", "triage"):  # in triage the first level is asked until someone decides
        return "paging stopped"
    if item.next_page_at is None:
        return "nobody is being paged"
    due = item.next_page_at
    return f"next page {local(due, tz)}" + (f" (in {spoken(due - now)})" if due > now else " (due now)")


def incident_line(item: Listed, now: datetime, tz: str) -> str:
    """`• #3 · SEV2 · Boycott call · #crisis-… · triggered · 12 min · commander @Anna · next page 10:15 CET`; a
    drill's title has its DRILL mark before it."""
    c = item.card
    commander = f"commander {mention(c.commander)}" if c.commander else "no commander"
    title = f"{DRILL_MARK} {clip(text(c.title), 120)}" if c.drill else clip(text(c.title), 120)
    return (f"• *#{c.number}* · {severity(c.severity)} · {title} · {where(c)} · {c.status} · "
            f"{spoken(now - c.created_at)} · {commander} · {next_page(item, now, tz)}")


def list_text(items: list[Listed], now: datetime, tz: str, recent: bool) -> str:
    head = "*Incidents open or closed in the last 7 days*" if recent else "*Open incidents*"
    if not items:
        return ("No incidents in the last 7 days." if recent else
                "No open incidents. `/crisis list all` shows the last 7 days; `/crisis declare` opens one.")
    tail = "" if recent else "\n`/crisis list all` adds the last 7 days."
    return "\n".join([f"{head} ({len(items)})", *(incident_line(i, now, tz) for i in items)]) + tail


def list_command(incidents: IncidentDesk, command: dict, rest: str, **_) -> str:
    word = rest.strip().lower()
    if word not in ("", "all"):
        return "`/crisis list` shows the open incidents; `/crisis list all` adds the last 7 days."
    answer = incidents.listing(recent=word == "all")
    return list_text(answer.incidents, answer.now, incidents.config.timezone, answer.recent)


def status_command(incidents: IncidentDesk, command: dict, rest: str, **_) -> str | dict:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return "`/crisis status` takes no text: run it in the incident channel, or `/crisis status #42`."
    card = incidents.status(channel_id=command.get("channel_id"), ref=ref)
    if card is None:
        return NOT_HERE if not ref else f"No incident matches `{text(ref)}`. Name it by its channel or number (`#42`)."
    message, blocks = summary_message(card, incidents.config.timezone)
    return {"text": message, "blocks": blocks}
