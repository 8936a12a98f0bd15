"""A playbook at the edge: the checklist message with a checkbox per step, and its checkbox clicks."""
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from escalation.room import ROLE_NAMES, Checklist, StepCard
from handlers.markup import Block, link, local, mention, said, text
from handlers.subcommands import as_number, pressed_in

if TYPE_CHECKING:
    from bot.room import RoomDesk

STEP_ACTION = "playbook_step"
DONE = "done"


def checklist_text(c: Checklist) -> str:
    return f"Playbook for {text(c.crisis_type)} · incident #{c.incident_id} · {c.done}/{len(c.steps)} done"


def step_line(step: StepCard, tz: str) -> str:
    parts = [f"*{step.position}.* {text(step.text)}"]
    if step.role:
        parts.append(ROLE_NAMES[step.role].lower())
    if step.template:
        parts.append(f"template `{text(step.template)}`")
    line = " · ".join(parts)
    if step.done_by and step.done_at:  # set together
        line += f"\n:white_check_mark: {mention(step.done_by)} at {local(step.done_at, tz)}"
    return line


def checklist_blocks(c: Checklist, tz: str, policy_url: str | None = None) -> list[Block]:
    """A header, then each step with its checkbox (ticked when done, with who and when), then the policy link."""
    head = f":clipboard: *{checklist_text(c)}*"
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": head}}]
    for step in c.steps:
        option = {"text": {"type": "plain_text", "text": "Done"}, "value": DONE}
        box = {"type": "checkboxes", "action_id": STEP_ACTION, "options": [option]}
        if step.done_by:
            box["initial_options"] = [option]
        blocks.append({"type": "section", "block_id": f"step-{c.incident_id}-{step.id}",
                       "text": {"type": "mrkdwn", "text": step_line(step, tz)}, "accessory": box})
    footer = "Tick a step when it is done: the timeline records who and when."
    if policy_url:
        footer += f" Our social-media policy: {link(policy_url, 'social-media policy')}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]})
    return blocks


def policy_line(policy_url: str | None) -> str:
    """The help line linking the team's social-media policy, or nothing."""
    return f"Our social-media policy: {link(policy_url, 'social-media policy')}" if policy_url else ""


def register(app: App, room: RoomDesk) -> None:
    @app.action(STEP_ACTION)
    def on_tick(ack, body, action, respond):
        ack()
        _, incident, step = (str(action.get("block_id", "")).split("-") + ["", "", ""])[:3]  # step-<incident>-<id>
        incident_id, step_id = as_number(incident), as_number(step)
        if incident_id is None or step_id is None:
            respond(text="This checklist is broken; set the crisis type again to post it anew.",
                    response_type="ephemeral", replace_original=False)
            return
        done = any(o.get("value") == DONE for o in action.get("selected_options") or [])
        container = body.get("container") or {}
        shown_in, shown_ts = container.get("channel_id"), container.get("message_ts")
        outcome = room.tick(body["user"]["id"], incident_id, step_id, done, pressed_in(body),
                            (shown_in, shown_ts) if shown_in and shown_ts else None)
        respond(text=said(outcome), response_type="ephemeral", replace_original=False)
