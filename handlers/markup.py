"""Slack markup shared by every feature's messages, and the one place outside text is escaped for Slack.

The rule: every text that came from outside (alerts, mentions, webhook fields, Slack errors, the words people
type) is kept plain everywhere and escaped here, once, when a message is rendered. So `<!channel>`, `<@U…>`,
`<#C…>` and `<https://…|label>` can only come from the functions below that make them: `mention`,
`channel`, `link`, and `typed`, which lets a Slack user's own user mentions through and nothing else.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from escalation.incidents import Outcome

Block = dict[str, Any]  # a Block Kit block, or an element of one, as the JSON Slack takes

# A user as Slack writes one in command text: <@U123> or <@U123|name>.
USER_MENTION = re.compile(r"<@(?P<id>[UW][A-Z0-9]+)(?:\|[^>]*)?>")
SLACK_TOKEN = re.compile(r"<([^<>]*)>")  # any of Slack's <...> markup in text Slack sent us
TYPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]{2,})&gt;")  # a user mention, once escaped by `text`


def text(value: object) -> str:
    """Outside text as Slack shows it, literally: `&`, `<` and `>` escaped. The one escaping step, for mrkdwn,
    plain_text, fallback texts and topics alike; give it plain text, never text that is escaped already."""
    return ("" if value is None else str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def typed(value: object) -> str:
    """Words a Slack user typed, stored plain by `decoded`: escaped, their user mentions live again."""
    return TYPED_MENTION.sub(lambda m: f"<@{m[1]}>", text(value))


def decoded(slack_text: str) -> str:
    """Text as Slack sends it (slash commands, messages) as plain text, at the handler edge.

    Slack escapes `&`, `<` and `>` and writes mentions and links as <...>. A user mention stays `<@U…>`, so
    `typed` can mention that person again; a broadcast (`<!channel>`, `<!here>`, `<!everyone>`, a user group)
    becomes its plain name (`@channel`), a channel link its `#name`, and a labelled link shows its address
    beside its label, so neither a ping nor a link with a misleading label survives the echo. A user id typed
    out (`&lt;@U1&gt;`) reads the same as a mention: it only names someone the person could mention anyway."""
    def one(match: re.Match) -> str:
        target, _, label = match[1].partition("|")
        if target.startswith("@"):
            return f"<@{target[1:]}>" if is_user_id(target[1:]) else "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!subteam^"):
            return label or "@" + target[len("!subteam^"):]
        if target.startswith("!"):
            return label if target.startswith("!date^") else "@" + (label or target[1:])
        address = target.removeprefix("mailto:")
        return f"{label} ({address})" if label and label != address else address
    plain = SLACK_TOKEN.sub(one, slack_text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def is_user_id(value: str | None) -> bool:
    return bool(re.fullmatch(r"[UW][A-Z0-9]{2,}", value or ""))


def is_channel_id(value: str | None) -> bool:
    return bool(re.fullmatch(r"[CGD][A-Z0-9]{2,}", value or ""))


def mention(actor: str | None) -> str:
    """Slack user ids render as mentions; sources (alertmanager, crisisdesk, a webhook's name) as plain words."""
    return f"<@{actor}>" if is_user_id(actor) else text(actor or "")


def channel(channel_id: str) -> str:
    """A channel we know by id, as a link to it; anything else as text."""
    return f"<#{channel_id}>" if is_channel_id(channel_id) else text(channel_id)


def link(url: str, label: str | None = None) -> str:
    """A real link only for an http(s) URL, labelled by us (`label`) or with its host; anything else as text."""
    address = url.strip()
    try:
        parts = urlsplit(address)
        scheme, host = parts.scheme.lower(), parts.hostname
    except ValueError:  # a malformed address (an unclosed [IPv6 bracket) is just text
        scheme, host = "", None
    if scheme not in ("http", "https") or not host or re.search(r"\s", address):
        return text(address)
    # `|` ends the address inside Slack's <...|...>; `<` and `>` cannot appear in it at all.
    target = text(address.replace("|", "%7C")).replace("&lt;", "%3C").replace("&gt;", "%3E")
    return f"<{target}|{text(label or host)}>"


def clip(rendered: str, limit: int) -> str:
    """Rendered text cut to a Slack limit without splitting an escape (`&amp;`) or a mention or link in two."""
    return rendered if len(rendered) <= limit else re.sub(r"&[a-z]*$|<[^<>]*$", "", rendered[:limit])


def local(at: datetime, tz: str) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M %Z")


def severity(value: int) -> str:
    return f"SEV{value}"


# A drill says so wherever it speaks: its deliveries are labelled in one place (bot/outbox/labels.py), its incident
# cards (summary, `/crisis status`, list lines) where they are rendered, the answers about its incident (an Outcome
# marked `drill`) by `said` and `drill_answer`. Each label is put on once, never twice.
DRILL_TEXT, DRILL_TOPIC, DRILL_BLOCK = "[DRILL] ", "DRILL: ", "drill-label"
DRILL_NOTE = ":rotating_light: *DRILL* — this is an exercise, not a real incident."
DRILL_MARK = ":test_tube: *DRILL*"  # before a drill incident's title in lists


def drill_text(message: str) -> str:
    """A drill's message text (what a notification shows): `[DRILL] ` first."""
    return message if message.startswith(DRILL_TEXT) else DRILL_TEXT + message


MAX_BLOCKS, MAX_HEADER, MAX_SECTION = 50, 150, 3000  # Slack's limits: blocks a message, characters a text


def drill_blocks(blocks: list[Block]) -> list[Block]:
    """A drill's message blocks: the DRILL note first. A message of text alone stays so: its text says DRILL. A
    message at Slack's 50 blocks has no room for the note: its first block says DRILL instead."""
    if not blocks or blocks[0].get("block_id") == DRILL_BLOCK:
        return blocks
    if len(blocks) >= MAX_BLOCKS:
        return [drill_first(blocks[0]), *blocks[1:]]
    return [{"type": "context", "block_id": DRILL_BLOCK, "elements": [{"type": "mrkdwn", "text": DRILL_NOTE}]},
            *blocks]


def drill_first(block: Block) -> Block:
    """A full message's first block with DRILL at the start of its text: a header's plain text, a section's text
    (mrkdwn or plain), or a context's first element. Another kind of block is left as it is."""
    words = block.get("text") if block.get("type") in ("header", "section") else None
    if isinstance(words, dict) and isinstance(words.get("text"), str):
        written = words["text"]
        label = DRILL_TOPIC if words.get("type") == "plain_text" else DRILL_NOTE + "\n"
        if written.startswith(label):
            return block
        limit = MAX_HEADER if block["type"] == "header" else MAX_SECTION
        return {**block, "text": {**words, "text": clip(label + written, limit)}}
    elements = block.get("elements") if block.get("type") == "context" else None
    if isinstance(elements, list) and elements and elements[0].get("text") != DRILL_NOTE and len(elements) < 10:
        return {**block, "elements": [{"type": "mrkdwn", "text": DRILL_NOTE}, *elements]}
    return block


def drill_topic(topic: str, limit: int = 250) -> str:
    """A drill channel's topic: `DRILL: ` first, within Slack's limit for topics."""
    return topic if topic.startswith(DRILL_TOPIC) else clip(DRILL_TOPIC + topic, limit)


def is_drill_message(message: dict) -> bool:
    """A message Slack sent back (a button's) that a drill posted."""
    blocks = message.get("blocks") or []
    return str(message.get("text") or "").startswith(DRILL_TEXT) or bool(
        blocks and blocks[0].get("block_id") == DRILL_BLOCK)


def said(outcome: Outcome) -> str:
    """What an outcome tells the person who asked: about a drill's incident, with DRILL first (once)."""
    return drill_text(outcome.message) if outcome.drill and outcome.message else outcome.message


def drill_answer(answer: dict) -> dict:
    """An answer of respond() arguments as a drill's: its text and its blocks say DRILL, each once. The DRILL note
    is a block of its own, so text meant to be copied (a filled template) stays free of it."""
    blocks = answer.get("blocks")
    return {**answer, "text": drill_text(answer.get("text") or ""), **({"blocks": drill_blocks(blocks)} if blocks
                                                                         else {})}
