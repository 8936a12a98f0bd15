"""Triage at the edge: the three buttons of a signal-opened incident's page DM, and what the channel and the
customer-service channel read once someone decided."""
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from escalation.incidents import IncidentCard
from handlers.incidents.blocks import TRIAGE_ACTIONS, summary_text
from handlers.markup import Block, channel, clip, link, mention, said, text
from handlers.subcommands import as_number, pressed_in

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk


def decided_text(p: dict) -> str:
    """In the incident channel: what was decided, by whom."""
    who = mention(p["actor"])
    if p["decision"] == "crisis":
        return f":rotating_light: {who} judged this a crisis: the escalation policy pages on from level 2."
    if p["decision"] == "customer_service":
        return f":information_desk_person: {who} handed this to customer service in {channel(p['channel'])}."
    return f":eyes: {who} is watching this for 1 h: triage is asked again then, or sooner at a new trigger."


def handoff_text(card: IncidentCard, actor: str) -> str:
    return f":information_desk_person: Handed over by {mention(actor)} as not a crisis: {summary_text(card)}"


def handoff_blocks(card: IncidentCard, actor: str, evidence: dict | None) -> list[Block]:
    """The customer-service channel's message: what fired, the top mentions with their links, where it came from."""
    lines = [f"*{handoff_text(card, actor)}*"]
    where = f"The incident channel {channel(card.channel_id)} keeps the timeline." if card.channel_id else ""
    for t in (evidence or {}).get("triggers", []):
        lines.append(f"• *{text(t['title'])}*: {text(t['summary'])}")
    top = (evidence or {}).get("top", [])
    if top:
        lines.append("*Top mentions by reach*")
        lines += [f"• {text(p['author'])} ({link(p['url'])}) · {p['followers']:,} followers · "
                  f"{text(p['label'])}: “{text(p['text'])}”" for p in top]
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": clip("\n".join(lines), 2900)}}]
    if where:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": where}]})
    return blocks


def decide(incidents: IncidentDesk, decision: str):
    def on_click(ack, body, action, respond):
        ack()
        number = as_number(action.get("value"))
        if number is None:
            respond(text="This button is broken; use `/crisis` in the incident channel.", response_type="ephemeral",
                    replace_original=False)
            return
        outcome = incidents.triage(decision, body["user"]["id"], incident_id=number, channel_id=pressed_in(body))
        respond(text=said(outcome), response_type="ephemeral", replace_original=False)
    return on_click


def register_triage(app: App, incidents: IncidentDesk) -> None:
    for decision, action_id in TRIAGE_ACTIONS.items():
        app.action(action_id)(decide(incidents, decision))
