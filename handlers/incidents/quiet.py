"""Block Kit for escalation that never goes quiet: the last resort when a policy runs out, the warning before a
silent acknowledged incident is paged again (with "Still on it"), and the re-escalation itself."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from escalation.elapsed import spoken
from escalation.incidents.views import IncidentCard
from handlers.incidents.blocks import ACK_ACTION, summary_text
from handlers.markup import Block, channel, mention, severity, text

STILL_ON_IT_ACTION = "incident_still_on_it"
NOT_FOUND = "Not found in Slack, so not paged: {names}."


def ran_out(p: dict) -> str:
    return f"escalation policy `{text(p['policy'])}` ran out after {p['levels']} level(s)"


def unknown_note(unknown: list[str]) -> str:
    return " " + NOT_FOUND.format(names=text(", ".join(unknown))) if unknown else ""


def ran_out_text(p: dict, user_ids: list[str], unknown: list[str]) -> str:
    """In the incident channel: the policy ran out, and who its last resort paged or told."""
    told = []
    if user_ids:
        told.append(f"{' '.join(mention(u) for u in user_ids)} paged")
    if p["admin"]:
        told.append(f"{channel(p['admin'])} told")
    said = f":rotating_light: Nobody acknowledged: {ran_out(p)}."
    if not told:
        return (f"{said} There is no last resort to page (`fallback:` in the config): page someone with "
                f"`/crisis page`.{unknown_note(unknown)}")
    return (f"{said} Last resort: {' and '.join(told)}. Press Acknowledge in the pinned summary or type "
            f"`/crisis ack`.{unknown_note(unknown)}")


def admin_ran_out_text(card: IncidentCard, p: dict, user_ids: list[str], unknown: list[str]) -> str:
    """In the on-call admin channel: an incident nobody acknowledged, and whom the last resort paged."""
    incident = summary_text(card) + (f" in {channel(card.channel_id)}" if card.channel_id else "")
    paged = (f" Last resort paged: {' '.join(mention(u) for u in user_ids)}." if user_ids
             else " There is nobody else to page.")
    return (f":rotating_light: <!here> {incident}: nobody acknowledged, {ran_out(p)}.{paged}{unknown_note(unknown)} "
            "Acknowledge it, or page someone with `/crisis page` in its channel.")


def fallback_page_text(card: IncidentCard, p: dict) -> str:
    incident = f"incident #{card.number} · {severity(card.severity)} · {text(card.title)}"
    return f"Last resort: nobody acknowledged {incident} and {ran_out(p)}. You are paged as its fallback."


def fallback_page_blocks(card: IncidentCard, p: dict) -> list[Block]:
    """The last resort's DM: what ran out, where to go, and Acknowledge while nobody has."""
    where = f"Join {channel(card.channel_id)}." if card.channel_id else "The incident channel is being opened."
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":rotating_light: *{fallback_page_text(card, p)}*"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": where}]}]
    if card.status == "triggered":
        blocks.append({"type": "actions", "block_id": f"page-{card.number}", "elements": [
            {"type": "button", "action_id": ACK_ACTION, "style": "primary", "value": str(card.number),
             "text": {"type": "plain_text", "text": "Acknowledge"}}]})
    return blocks


def quiet_warning_text(card: IncidentCard, p: dict, due_at: str) -> str:
    """`due_at` is when it is paged again, as the reader's clock shows it."""
    quiet = spoken(timedelta(seconds=p["quiet"]))
    return (f":hourglass_flowing_sand: {summary_text(card)} has had no update for {quiet}. It is paged again "
            f"from level 1 at {due_at} unless someone posts an update (`/crisis update <text>`) or you press "
            "Still on it.")


def quiet_warning_blocks(card: IncidentCard, p: dict, due_at: str) -> list[Block]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": quiet_warning_text(card, p, due_at)}},
            {"type": "actions", "block_id": f"quiet-{card.number}", "elements": [
                {"type": "button", "action_id": STILL_ON_IT_ACTION, "style": "primary", "value": str(card.number),
                 "text": {"type": "plain_text", "text": "Still on it"}}]}]


def reescalated_text(card: IncidentCard, p: dict) -> str:
    quiet = spoken(timedelta(seconds=p["quiet"]))
    who = f" (acknowledged by {mention(p['acknowledged_by'])})" if p.get("acknowledged_by") else ""
    return (f":rotating_light: No update on incident #{card.number}{who} for {quiet}: paging again from level 1. "
            "Acknowledge it again, and post updates with `/crisis update <text>` while you work on it.")


def clock_time(at: datetime, tz: str) -> str:
    """`11:06 (Europe/Warsaw)`: the time a warning names."""
    return f"{at.astimezone(ZoneInfo(tz)).strftime('%H:%M')} ({tz})"
