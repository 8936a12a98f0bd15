"""Ticking a playbook step the way Slack sends a checkbox click on the checklist message."""
from __future__ import annotations

import json
import time
from urllib.parse import quote, unquote

from tests.support.bot import SIGNING_SECRET
from tests.support.slack_requests import block_actions_body, signed_headers


def step_blocks(message) -> list[dict]:
    """The checklist's step sections (each with its checkbox), in order."""
    return [b for b in message.blocks if b["type"] == "section" and b.get("accessory", {}).get("type") == "checkboxes"]


def tick(bot, slack, message, position: int, *, user: str, done: bool = True):
    """Tick (or untick) the checkbox of step `position` (1, 2, ...) of the checklist `message`."""
    block = step_blocks(message)[position - 1]
    box = block["accessory"]
    url = slack.new_response_url(channel=message.channel, user=user)
    body = block_actions_body(box["action_id"], "", user_id=user, channel_id=message.channel, message_ts=message.ts,
                              response_url=url, block_id=block["block_id"], message_blocks=message.blocks)
    payload = json.loads(unquote(body.decode().removeprefix("payload=")))
    payload["actions"] = [{"type": "checkboxes", "action_id": box["action_id"], "block_id": block["block_id"],
                           "selected_options": box["options"] if done else [], "action_ts": f"{time.time():.6f}"}]
    body = ("payload=" + quote(json.dumps(payload))).encode()
    return bot.slack_request(body, signed_headers(body, SIGNING_SECRET))
