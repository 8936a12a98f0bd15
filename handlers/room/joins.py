"""What the channel reads when alerts join its incident: the alerts, what they did to the severity, and a
"Raise to SEVn" button when one is worse than the severity a person set."""
from __future__ import annotations

from handlers.markup import Block, mention, severity, text

RAISE_ACTION = "raise_severity"


def joins_text(p: dict) -> str:
    count, alerts = p["count"], p["alerts"]
    titles = [f"{text(a['title'])}{' (firing again)' if a['again'] else ''}" for a in alerts]
    more = f" and {count - len(alerts)} more" if count > len(alerts) else ""
    lines = [f":heavy_plus_sign: {count} more alert{'s' if count != 1 else ''} joined: {', '.join(titles)}{more}"]
    if p.get("raised"):
        raised = p["raised"]
        lines.append(f":arrow_up: The severity follows the alerts: raised to {severity(raised['to'])}, "
                     f"was {severity(raised['from'])}.")
    if p.get("raise_to"):
        lines.append(f":warning: An alert is {severity(p['raise_to'])}, worse than {severity(p['severity'])}, which "
                     f"{mention(p['set_by'])} set: the severity stays {severity(p['severity'])} until someone "
                     "raises it.")
    return "\n".join(lines)


def joins_blocks(p: dict, number: int) -> list[Block]:
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": joins_text(p)}}]
    if p.get("raise_to"):
        level = p["raise_to"]
        blocks.append({"type": "actions", "block_id": f"raise-{number}", "elements": [
            {"type": "button", "action_id": RAISE_ACTION, "style": "danger", "value": f"{number}:{level}",
             "text": {"type": "plain_text", "text": f"Raise to {severity(level)}"}}]})
    return blocks


def raised_blocks(blocks: list[Block], said: str) -> list[Block]:
    """The announcement once raised: its button gives way to who raised it."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    return [*kept, {"type": "context", "elements": [{"type": "mrkdwn", "text": said}]}]
