"""Channels and DMs: conversations.create, setTopic, invite, join, open, info, history and replies; the bot's
own conversations (users.conversations)."""
from __future__ import annotations

import base64
import time
from decimal import Decimal, InvalidOperation

from slackstandin import shapes
from slackstandin.rules import SlackError
from slackstandin.wire import flag_arg, id_list, text_arg
from slackstandin.workspace import BOT_USER_ID

MAX_TOPIC = 250
MAX_INVITES = 100
HISTORY_LIMIT, REPLIES_LIMIT, MAX_LIMIT = 100, 1000, 1000


def create(ws, rec, args: dict) -> dict:
    """A new channel with the bot as creator and first member."""
    channel = ws.create_channel(text_arg(args, "name") or "", is_private=flag_arg(args, "is_private"),
                                member_ids=[BOT_USER_ID])
    return {"channel": shapes.conversation(channel)}


def set_topic(ws, rec, args: dict) -> dict:
    """Set a channel's topic; only a member may."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    ws.require_bot_in(channel)
    topic = text_arg(args, "topic") or ""
    if len(topic) > MAX_TOPIC:
        raise SlackError("too_long")
    channel.topic, channel.topic_creator, channel.topic_last_set = topic, BOT_USER_ID, int(time.time())
    return {}


def invite(ws, rec, args: dict) -> dict:
    """Add people to a channel the bot is in; already_in_channel only when nobody new was named."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    if channel.is_im or channel.is_mpim:
        raise SlackError("method_not_supported_for_channel_type")
    ws.require_bot_in(channel)
    user_ids = id_list(args, "users")
    if not user_ids:
        raise SlackError("no_user")
    if len(user_ids) > MAX_INVITES:
        raise SlackError("too_many_users")
    if BOT_USER_ID in user_ids:
        raise SlackError("cant_invite_self")
    if any(u not in ws.users for u in user_ids):
        raise SlackError("user_not_found")
    new = [u for u in dict.fromkeys(user_ids) if u not in channel.members]
    if not new:
        raise SlackError("already_in_channel")
    channel.members.extend(new)
    return {"channel": shapes.conversation(channel)}


def join(ws, rec, args: dict) -> dict:
    """The bot joins a public channel; joining twice succeeds with Slack's already_in_channel warning."""
    channel = ws.channels.get(text_arg(args, "channel") or "")
    if channel is None or (channel.is_private and BOT_USER_ID not in channel.members):
        raise SlackError("channel_not_found")
    if channel.is_im or channel.is_mpim or channel.is_private:
        raise SlackError("method_not_supported_for_channel_type")
    if BOT_USER_ID in channel.members:
        return {"channel": shapes.conversation(channel), "warning": "already_in_channel",
                "response_metadata": {"warnings": ["already_in_channel"]}}
    channel.members.append(BOT_USER_ID)
    return {"channel": shapes.conversation(channel)}


def open_dm(ws, rec, args: dict) -> dict:
    """The bot's DM with one user (or group DM with several), the same id every time."""
    user_ids = id_list(args, "users")
    if not user_ids:
        ref = text_arg(args, "channel")
        if ref is None:
            raise SlackError("users_list_not_supplied")
        channel = ws.channels.get(ref)
        if channel is None or not (channel.is_im or channel.is_mpim):
            raise SlackError("channel_not_found")
    else:
        if len(user_ids) > 8:
            raise SlackError("too_many_users")
        if any(u not in ws.users for u in user_ids):
            raise SlackError("user_not_found")
        others = [u for u in dict.fromkeys(user_ids) if u != BOT_USER_ID]
        if len(others) > 1:
            channel = ws.group_dm_with(others)
        else:
            channel = ws.dm_with(others[0] if others else BOT_USER_ID)
    if flag_arg(args, "return_im"):
        return {"channel": shapes.conversation(channel)}
    return {"channel": {"id": channel.id}}


def info(ws, rec, args: dict) -> dict:
    """One conversation as the bot sees it."""
    return {"channel": shapes.conversation(ws.visible_channel(text_arg(args, "channel")))}


CONVERSATION_TYPES = ("public_channel", "private_channel", "mpim", "im")


def _type_of(channel) -> str:
    if channel.is_im:
        return "im"
    if channel.is_mpim:
        return "mpim"
    return "private_channel" if channel.is_private else "public_channel"


def users_conversations(ws, rec, args: dict) -> dict:
    """The conversations the bot is in (of `types`, default public channels), paged by `limit` and `cursor`."""
    types = [t.strip() for t in (text_arg(args, "types") or "public_channel").split(",") if t.strip()]
    if not types or any(t not in CONVERSATION_TYPES for t in types):
        raise SlackError("invalid_types")
    mine = [shapes.conversation(c) for c in ws.channels.values()
            if BOT_USER_ID in c.members and _type_of(c) in types]
    try:
        limit = max(1, min(int(text_arg(args, "limit") or 100), 999))
    except ValueError:
        raise SlackError("invalid_limit") from None
    start = 0
    cursor = text_arg(args, "cursor")
    if cursor:
        try:
            start = int(base64.b64decode(cursor).decode().removeprefix("next:"))
        except (ValueError, UnicodeDecodeError):
            raise SlackError("invalid_cursor") from None
    more = start + limit < len(mine)
    next_cursor = base64.b64encode(f"next:{start + limit}".encode()).decode() if more else ""
    return {"channels": mine[start:start + limit], "response_metadata": {"next_cursor": next_cursor}}


def _instant(args: dict, key: str, default: Decimal) -> Decimal:
    value = text_arg(args, key)
    if value is None:
        return default
    try:
        return Decimal(value)
    except InvalidOperation:
        raise SlackError(f"invalid_ts_{key}") from None


def _window(args: dict, messages: list[dict]) -> list[dict]:
    """The messages between `oldest` and `latest` (default: all of them), the bounds only when `inclusive`."""
    oldest = _instant(args, "oldest", Decimal(0))
    latest = _instant(args, "latest", Decimal(time.time()) + 1)
    inclusive = flag_arg(args, "inclusive")
    return [m for m in messages if (oldest <= Decimal(m["ts"]) <= latest if inclusive
                                    else oldest < Decimal(m["ts"]) < latest)]


def _page(args: dict, messages: list[dict], default_limit: int) -> dict:
    """One page of `messages` by `limit` and `cursor`, shaped as Slack pages them."""
    try:
        limit = max(1, min(int(text_arg(args, "limit") or default_limit), MAX_LIMIT))
    except ValueError:
        limit = default_limit
    start = 0
    cursor = text_arg(args, "cursor")
    if cursor is not None:
        try:
            start = int(base64.b64decode(cursor).decode().removeprefix("next:"))
        except (ValueError, UnicodeDecodeError):
            raise SlackError("invalid_cursor") from None
    chosen = messages[start:start + limit]
    more = start + limit < len(messages)
    next_cursor = base64.b64encode(f"next:{start + limit}".encode()).decode() if more else ""
    return {"messages": [dict(m) for m in chosen], "has_more": more, "response_metadata": {"next_cursor": next_cursor}}


def _thread_summary(message: dict, channel) -> dict:
    """A parent message as history shows it: with its reply count and who replied."""
    replies = [m for m in channel.history.values() if m.get("thread_ts") == message["ts"] and m["ts"] != message["ts"]]
    if not replies:
        return dict(message)
    return {**message, "thread_ts": message["ts"], "reply_count": len(replies),
            "reply_users": list(dict.fromkeys(m["user"] for m in replies)), "latest_reply": replies[-1]["ts"]}


def history(ws, rec, args: dict) -> dict:
    """A channel's top-level messages, newest first; replies in threads are left to conversations.replies."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    ws.require_bot_in(channel)
    top = [m for m in channel.history.values() if m.get("thread_ts") in (None, m["ts"])]
    newest_first = sorted(_window(args, top), key=lambda m: Decimal(m["ts"]), reverse=True)
    page = _page(args, [_thread_summary(m, channel) for m in newest_first], HISTORY_LIMIT)
    return {**page, "pin_count": len(channel.pins), "channel_actions_ts": None, "channel_actions_count": 0}


def replies(ws, rec, args: dict) -> dict:
    """A thread, parent first then replies oldest first; `ts` may name the parent or any reply in it."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    ws.require_bot_in(channel)
    ts = text_arg(args, "ts")
    if ts is None:
        raise SlackError("invalid_arguments")
    message = channel.history.get(ts)
    if message is None:
        raise SlackError("thread_not_found")
    root = channel.history.get(message.get("thread_ts") or ts, message)
    thread = sorted((m for m in channel.history.values() if m.get("thread_ts") == root["ts"] and m is not root),
                    key=lambda m: Decimal(m["ts"]))
    # Slack puts the parent at the top of every page, whatever the time window says.
    page = _page(args, _window(args, thread), REPLIES_LIMIT)
    page["messages"] = [_thread_summary(root, channel), *page["messages"]]
    return page


HANDLERS = {
    "conversations.create": create,
    "conversations.setTopic": set_topic,
    "conversations.invite": invite,
    "conversations.join": join,
    "conversations.open": open_dm,
    "conversations.info": info,
    "conversations.history": history,
    "conversations.replies": replies,
    "users.conversations": users_conversations,
}
