"""Slack markup shared by every feature's messages: mentions, times, severities."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

Block = dict[str, Any]  # a Block Kit block, or an element of one, as the JSON Slack takes

# A user as Slack writes one in command text: <@U123> or <@U123|name>.
USER_MENTION = re.compile(r"<@(?P<id>[UW][A-Z0-9]+)(?:\|[^>]*)?>")


def is_user_id(text: str | None) -> bool:
    return bool(re.fullmatch(r"[UW][A-Z0-9]{2,}", text or ""))


def mention(actor: str | None) -> str:
    """Slack user ids render as mentions; sources (alertmanager, crisisdesk) as plain words."""
    return f"<@{actor}>" if is_user_id(actor) else (actor or "")


def local(at: datetime, tz: str) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M %Z")


def severity(value: int) -> str:
    return f"SEV{value}"
