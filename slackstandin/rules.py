"""Slack's argument rules as pure checks: channel names, message text, blocks and attachments."""
from __future__ import annotations

import json

MAX_NAME = 80
MAX_TEXT = 40_000
MAX_BLOCKS = 50
MAX_ATTACHMENTS = 100
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150

# Slack refuses block types it does not know; a typo like "sectoin" should fail here as it would there.
BLOCK_TYPES = {
    "actions", "call", "context", "context_actions", "divider", "file", "header", "image", "input",
    "markdown", "rich_text", "section", "table", "video",
}


class SlackError(Exception):
    """An ok:false answer: Slack's error code plus any extra keys Slack sends with it."""

    def __init__(self, error: str, **extra):
        super().__init__(error)
        self.error = error
        self.extra = extra


def channel_name_error(name: str | None) -> str | None:
    """The error conversations.create gives for this name, or None when Slack would accept it."""
    if not name:
        return "invalid_name_required"
    if len(name) > MAX_NAME:
        return "invalid_name_maxlength"
    # Slack takes lowercase letters of any script (so "kryzys-żabka" is fine) but no capitals or spaces.
    if not all(c in "-_" or c.isdigit() or (c.isalpha() and c == c.lower()) for c in name):
        return "invalid_name_specials"
    if all(c in "-_" for c in name):
        return "invalid_name_punctuation"
    return None


def json_list(value, name: str) -> list | None:
    """A list argument as sent either way: already a list (JSON body) or a JSON string (form body)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise SlackError(f"invalid_{name}_format" if name == "blocks" else f"invalid_{name}") from None
    return value


def check_blocks(blocks) -> None:
    """Raise invalid_blocks, with Slack-like reasons, unless `blocks` is something Slack would render."""
    reasons = list(_block_problems(blocks))
    if reasons:
        raise SlackError("invalid_blocks", errors=reasons)


def _block_problems(blocks):
    if not isinstance(blocks, list):
        yield "must be an array [json-pointer:/blocks]"
        return
    if len(blocks) > MAX_BLOCKS:
        yield f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]"
    for i, block in enumerate(blocks):
        where = f"[json-pointer:/blocks/{i}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            yield f"missing required field: type {where}"
        elif block["type"] not in BLOCK_TYPES:
            yield f"unsupported type: {block['type']} {where}"
        elif block["type"] == "section":
            yield from _section_problems(block, where)
        elif block["type"] == "header":
            yield from _text_problems(block.get("text"), MAX_HEADER_TEXT, where[:-1] + "/text]")


def _section_problems(block: dict, where: str):
    if "text" not in block and "fields" not in block:
        yield f"must provide either text or fields {where}"
    if "text" in block:
        yield from _text_problems(block["text"], MAX_SECTION_TEXT, where[:-1] + "/text]")
    fields = block.get("fields", [])
    if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        yield f"no more than {MAX_FIELDS} items allowed {where[:-1]}/fields]"
        return
    for j, field in enumerate(fields):
        yield from _text_problems(field, MAX_FIELD_TEXT, where[:-1] + f"/fields/{j}]")


def _text_problems(obj, limit: int, where: str):
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        yield f"must be a text object (plain_text or mrkdwn) {where}"
        return
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        yield f"must be more than 0 characters {where}"
    elif len(text) > limit:
        yield f"must be less than {limit + 1} characters {where}"


def message_content(args: dict, *, max_text: int = MAX_TEXT) -> tuple[str | None, list | None, list | None]:
    """Validate text/blocks/attachments the way chat.* does; returns them parsed."""
    text = args.get("text") or None
    markdown = args.get("markdown_text") or None
    blocks = json_list(args.get("blocks"), "blocks")
    attachments = json_list(args.get("attachments"), "attachments")
    if markdown is not None and (text is not None or blocks):
        raise SlackError("markdown_text_conflict")
    if not (text or markdown or blocks or attachments):
        raise SlackError("no_text")
    if blocks is not None:
        check_blocks(blocks)
    if attachments is not None:
        if not isinstance(attachments, list) or not all(isinstance(a, dict) for a in attachments):
            raise SlackError("invalid_attachments")
        if len(attachments) > MAX_ATTACHMENTS:
            raise SlackError("too_many_attachments")
    if text is not None and len(str(text)) > max_text:
        raise SlackError("msg_too_long")
    return (str(text) if text is not None else markdown), blocks, attachments
