"""A drill incident's deliveries say DRILL: every message, DM, page, topic and file they send, whatever kind sends
it, is labelled here, once (a renderer that labelled already, like the summary's, is left as it is)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.slack.gateway import SlackGateway
from escalation.incidents import Incident
from handlers.markup import DRILL_NOTE, DRILL_TOPIC, drill_blocks, drill_text, drill_topic

MESSAGES = ("chat.postMessage", "chat.update", "chat.postEphemeral")


def for_incident(gateway: SlackGateway, incident: Incident | None) -> SlackGateway:
    """The gateway a row's delivery calls Slack with: a drill incident's labels what it sends."""
    if incident is None or incident.drill_run_id is None:
        return gateway
    return DrillGateway(gateway.client, gateway.before_call, gateway.observe, gateway.budget, gateway.health)


def labelled(method: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A Web API call's arguments as a drill's: its message text and blocks, or its topic, say DRILL."""
    if method in MESSAGES:
        blocks = kwargs.get("blocks")
        return {**kwargs, "text": drill_text(kwargs.get("text") or ""),
                **({"blocks": drill_blocks(blocks)} if blocks else {})}
    if method == "conversations.setTopic":
        return {**kwargs, "topic": drill_topic(kwargs.get("topic") or "")}
    return kwargs


class DrillGateway(SlackGateway):
    """The gateway of a drill incident's deliveries."""

    def for_delivery(self, before_call: Callable[[], None]) -> SlackGateway:
        return DrillGateway(self.client, before_call, self.observe, self.budget, self.health)

    def call(self, method: str, **kwargs: Any) -> dict:
        return super().call(method, **labelled(method, kwargs))

    def upload(self, channel: str, filename: str, content: bytes, *, title: str | None = None,
               comment: str | None = None) -> str:
        # files_upload_v2 makes its calls itself, past `call`: the file's title and comment say DRILL here.
        title = title or filename
        return super().upload(channel, filename, content,
                              title=title if title.startswith(DRILL_TOPIC) else DRILL_TOPIC + title,
                              comment=drill_text(comment) if comment else DRILL_NOTE)
