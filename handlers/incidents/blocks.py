"""Block Kit for incidents: the pinned summary, the page DM, status lines."""
from __future__ import annotations

from escalation.incidents.models import ACKNOWLEDGED, RESOLVED
from escalation.incidents.views import IncidentCard
from escalation.paging import FALLBACK_WHY, NO_DEFAULT, NO_FALLBACK
from escalation.room import ROLE_NAMES
from handlers.markup import Block, channel, clip, drill_blocks, drill_text, link, local, mention, severity, text, typed

ACK_ACTION, RESOLVE_ACTION = "incident_ack", "incident_resolve"
# Triage of a signal-opened incident, in its first level's page DM (escalation/incidents/triage.py).
TRIAGE_ACTIONS = {"crisis": "triage_crisis", "customer_service": "triage_customer_service", "watch": "triage_watch"}
TRIAGE_LABELS = {"crisis": "It's a crisis", "customer_service": "Customer service", "watch": "Watch 1 h"}
TRIAGE_ASK = ("Signals crossed a threshold: is this a crisis? *It's a crisis* pages the escalation policy from "
              "level 2 on; *Customer service* hands it to the customer-service channel with the evidence and closes "
              "it as not a crisis; *Watch 1 h* asks you again in an hour, or sooner at a new trigger.")
TOPIC_LIMIT = 250  # characters Slack keeps of a channel topic
STATUS_LABELS = {"triage": ":large_blue_circle: Triage", "triggered": ":red_circle: Triggered",
                 ACKNOWLEDGED: ":large_yellow_circle: Acknowledged",
                 RESOLVED: ":large_green_circle: Resolved"}


def buttons(card: IncidentCard) -> Block | None:
    elements: list[Block] = []
    if card.status == "triggered":
        elements.append({"type": "button", "action_id": ACK_ACTION, "style": "primary", "value": str(card.number),
                         "text": {"type": "plain_text", "text": "Acknowledge"}})
    if card.status != RESOLVED:
        elements.append({"type": "button", "action_id": RESOLVE_ACTION, "style": "danger", "value": str(card.number),
                         "text": {"type": "plain_text", "text": "Resolve"},
                         "confirm": {"title": {"type": "plain_text", "text": "Resolve the incident?"},
                                     "text": {"type": "plain_text", "text": "Paging stops and the incident closes."},
                                     "confirm": {"type": "plain_text", "text": "Resolve"},
                                     "deny": {"type": "plain_text", "text": "Cancel"}}})
    return {"type": "actions", "block_id": f"incident-{card.number}", "elements": elements} if elements else None


def topic_text(card: IncidentCard, pattern: str) -> str:
    """The configured topic, with the crisis type after it once one is set."""
    # The pattern is ours (the config's); the values filling it are escaped, so the topic cannot ping or link.
    topic = pattern.format(number=card.number, title=text(card.title), source=text(card.source),
                           severity=severity(card.severity), status=card.status)
    topic = f"{topic} · {text(card.crisis_type)}" if card.crisis_type else topic
    return clip(topic, TOPIC_LIMIT)  # Slack's limit, cut after escaping so no `&amp;` is split in two


def summary_text(card: IncidentCard) -> str:
    return f"Incident #{card.number} · {severity(card.severity)} · {text(card.title)}"


def summary_message(card: IncidentCard, tz: str, playbook: tuple[int, int] | None = None,
                    policy_url: str | None = None) -> tuple[str, list[Block]]:
    """The summary as one message (its text, its blocks), labelled when a drill opened the incident."""
    message, blocks = summary_text(card), summary_blocks(card, tz, playbook, policy_url)
    return (drill_text(message), drill_blocks(blocks)) if card.drill else (message, blocks)


def summary_blocks(card: IncidentCard, tz: str, playbook: tuple[int, int] | None = None,
                   policy_url: str | None = None) -> list[Block]:
    """The pinned summary: what happened, how bad, where it stands (the playbook's progress: done, all), and the
    two buttons."""
    fields = [f"*Severity*\n{severity(card.severity)}", f"*Status*\n{STATUS_LABELS.get(card.status, card.status)}",
              f"*Source*\n{text(card.source)}", f"*Opened*\n{local(card.created_at, tz)}"]
    if card.crisis_type:
        fields.append(f"*Crisis type*\n{text(card.crisis_type)}")
    if card.roles:
        fields.append("*Roles*\n" + "\n".join(f"{ROLE_NAMES[role]}: {mention(user)}" for role, user in card.roles))
    if playbook:
        fields.append(f"*Playbook*\n{playbook[0]}/{playbook[1]} steps done")
    if card.policy_name:
        fields.append(f"*Escalation*\n{text(card.policy_name)}")
    if card.acknowledged_by and card.acknowledged_at:  # set together, when acknowledged
        fields.append(f"*Acknowledged*\n{mention(card.acknowledged_by)} at {local(card.acknowledged_at, tz)}")
    if card.resolved_by and card.resolved_at:  # set together, when resolved
        fields.append(f"*Resolved*\n{mention(card.resolved_by)} at {local(card.resolved_at, tz)}")
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": clip(summary_text(card), 150)}},
              {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]}]
    if card.description:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip(text(card.description), 2900)}})
    if card.links:
        links = " · ".join(alert_link(label, url) for label, url in card.links[:10])
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": clip(links, 2900)}]})
    if policy_url:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f":book: Before posting anything, read our {link(policy_url, 'social-media policy')}.")}]})
    actions = buttons(card)
    if actions:
        blocks.append(actions)
    return blocks


def alert_link(label: str, url: str) -> str:
    """An alert's link: its label as text, the link itself showing the host it goes to, never the alert's words."""
    return link(url) if not label or label == url else f"{text(label)}: {link(url)}"


def page_text(card: IncidentCard, level: int, seq: int) -> str:
    what = "You are paged" if seq == 0 else f"Reminder {seq}: you are still paged"
    return f"{what} (level {level + 1}) for incident #{card.number} · {severity(card.severity)} · {text(card.title)}"


def page_blocks(card: IncidentCard, level: int, seq: int) -> list[Block]:
    """The DM a paged person gets: what, where, and an Acknowledge button."""
    where = f"Join {channel(card.channel_id)}." if card.channel_id else "The incident channel is being opened."
    headline = f":rotating_light: *{page_text(card, level, seq)}*"
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": headline}},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": where}]}]
    if card.status == "triggered":
        blocks.append({"type": "actions", "block_id": f"page-{card.number}", "elements": [
            {"type": "button", "action_id": ACK_ACTION, "style": "primary", "value": str(card.number),
             "text": {"type": "plain_text", "text": "Acknowledge"}}]})
    if card.status == "triage":
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": TRIAGE_ASK}})
        blocks.append({"type": "actions", "block_id": f"triage-{card.number}", "elements": [
            {"type": "button", "action_id": TRIAGE_ACTIONS[d], "value": str(card.number),
             "text": {"type": "plain_text", "text": TRIAGE_LABELS[d]}} | ({"style": "danger"} if d == "crisis" else {})
            for d in TRIAGE_ACTIONS]})
    return blocks


def closed_page_text(card: IncidentCard, change: str, actor: str) -> str:
    return (f"Incident #{card.number} · {text(card.title)} was {change} by {mention(actor)}. "
            "No action needed from you.")


def channel_page_text(user_ids: list[str], unknown: list[str], level: int, seq: int, triage: bool = False) -> str:
    """The mention of the paged people; `unknown` names those Slack does not know, who could not be paged."""
    people = " ".join(mention(u) for u in user_ids)
    missing = f"Not found in Slack, so not paged: {text(', '.join(unknown))}." if unknown else ""
    if not user_ids:
        return f"Nobody at level {level + 1} could be paged. {missing}"
    if triage:
        said = (f"{people} you are paged (level {level + 1}) to triage this: is it a crisis? "
                "Decide with the buttons in your DM.")
    elif seq == 0:
        said = (f"{people} you are paged (level {level + 1}). "
                "Press Acknowledge in the pinned summary or type `/crisis ack`.")
    else:
        said = f"{people} reminder {seq}: this incident is still not acknowledged (level {level + 1})."
    return f"{said} {missing}" if missing else said


def status_text(change: str, actor: str, summary: str | None = None) -> str:
    if change == "acknowledged":
        return f":large_yellow_circle: Acknowledged by {mention(actor)}. Paging has stopped."
    # The summary is the resolver's own words (often lowercase): it follows a colon, not a full stop.
    who = f":large_green_circle: Resolved by {mention(actor)}"
    return f"{who}: {typed(summary)}" if summary else f"{who}."


def no_fallback(p: dict) -> str:
    """Why paging found no other policy, in words (a payload queued before the reason was kept: no default)."""
    return NO_FALLBACK[p.get("nowhere") or NO_DEFAULT]


def fallback_channel_text(p: dict) -> str:
    """In the incident channel: its policy could not page, and where paging went instead."""
    why = f"Escalation policy `{text(p['policy'])}` {FALLBACK_WHY[p['why']]}"
    if p["to"]:
        return f":warning: {why}: paging goes on under the default policy `{text(p['to'])}`."
    asked = f"{channel(p['admin'])} was asked to page someone" if p["admin"] else "nobody is paged"
    return f":rotating_light: {why} and {no_fallback(p)}: {asked}. Page someone with `/crisis page`."


def fallback_admin_text(card: IncidentCard, p: dict) -> str:
    """In the on-call admin channel: which incident lost its policy; a call to page someone when nobody is."""
    incident = summary_text(card) + (f" in {channel(card.channel_id)}" if card.channel_id else "")
    why = f"escalation policy `{text(p['policy'])}` {FALLBACK_WHY[p['why']]}"
    if p["to"]:
        return (f":warning: {incident}: {why}; paging goes on under the default policy `{text(p['to'])}`. "
                "Check the config with `crisisdesk config check`.")
    return (f":rotating_light: <!here> {incident} is paging nobody: {why} and {no_fallback(p)}. "
            "Page someone with `/crisis page` in its channel, or acknowledge it.")


def note_text(note: str) -> str:
    """A line the core wrote in plain words for the channel (a policy ran out, sentiment recovered)."""
    return text(note)
