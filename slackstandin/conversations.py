"""Channels and DMs: conversations.create, setTopic, invite, join, open and info."""
from __future__ import annotations

import time

from slackstandin import shapes
from slackstandin.rules import SlackError
from slackstandin.wire import flag_arg, id_list, text_arg
from slackstandin.workspace import BOT_USER_ID

MAX_TOPIC = 250
MAX_INVITES = 100


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


HANDLERS = {
    "conversations.create": create,
    "conversations.setTopic": set_topic,
    "conversations.invite": invite,
    "conversations.join": join,
    "conversations.open": open_dm,
    "conversations.info": info,
}
