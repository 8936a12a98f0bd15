"""Messages: chat.postMessage, chat.update, chat.postEphemeral, chat.getPermalink and pins.add."""
from __future__ import annotations

from slackstandin import shapes
from slackstandin.recording import EPHEMERAL, POST, UPDATE, Message
from slackstandin.rules import SlackError, message_content
from slackstandin.wire import text_arg
from slackstandin.workspace import BOT_USER_ID

# chat.update is stricter than chat.postMessage about text length.
MAX_UPDATE_TEXT = 4000


def post_message(ws, rec, args: dict) -> dict:
    """Post as the bot into a channel it is in, or into a user's DM when given a user id."""
    ref = text_arg(args, "channel")
    if ref and ref[0] in "UW" and ref in ws.users:
        channel = ws.dm_with(ref)
    else:
        channel = ws.visible_channel(ref)
    ws.require_bot_in(channel)
    text, blocks, attachments = message_content(args)
    thread_ts = text_arg(args, "thread_ts")
    message = ws.store_message(channel, user=BOT_USER_ID, text=text, blocks=blocks, attachments=attachments,
                               thread_ts=thread_ts)
    rec.message(Message(kind=POST, channel=channel.id, ts=message["ts"], text=text, blocks=blocks,
                        thread_ts=thread_ts, args=dict(args)))
    return {"channel": channel.id, "ts": message["ts"], "message": dict(message)}


def update(ws, rec, args: dict) -> dict:
    """Edit one of the bot's own messages; blocks left out are kept, as Slack keeps them."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    message = ws.message_at(channel, text_arg(args, "ts"))
    if message["user"] != BOT_USER_ID:
        raise SlackError("cant_update_message")
    text, blocks, attachments = message_content(args, max_text=MAX_UPDATE_TEXT)
    if text is not None:
        message["text"] = text
    if blocks is not None:  # an explicit [] removes them
        message["blocks"] = blocks
    if attachments is not None:
        message["attachments"] = attachments
    rec.message(Message(kind=UPDATE, channel=channel.id, ts=message["ts"], text=message["text"],
                        blocks=message.get("blocks"), thread_ts=message.get("thread_ts"), args=dict(args)))
    return {"channel": channel.id, "ts": message["ts"], "text": message["text"], "message": dict(message)}


def post_ephemeral(ws, rec, args: dict) -> dict:
    """Show a message to one member of a channel the bot is in."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    ws.require_bot_in(channel)
    user = text_arg(args, "user")
    if user is None or user not in channel.members:
        raise SlackError("user_not_in_channel")
    text, blocks, _ = message_content(args)
    ts = ws.clock.next_ts()
    rec.message(Message(kind=EPHEMERAL, channel=channel.id, ts=ts, text=text, blocks=blocks, user=user,
                        thread_ts=text_arg(args, "thread_ts"), args=dict(args)))
    return {"message_ts": ts}


def get_permalink(ws, rec, args: dict) -> dict:
    """A link to a message that exists."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    message = ws.message_at(channel, text_arg(args, "message_ts"))
    return {"channel": channel.id, "permalink": shapes.permalink(channel.id, message["ts"])}


def pins_add(ws, rec, args: dict) -> dict:
    """Pin a message in a channel the bot is in; pinning twice is already_pinned."""
    channel = ws.visible_channel(text_arg(args, "channel"))
    ts = text_arg(args, "timestamp")
    if ts is None:
        raise SlackError("no_item_specified")
    ws.require_bot_in(channel)
    ws.message_at(channel, ts)
    if ts in channel.pins:
        raise SlackError("already_pinned")
    channel.pins.append(ts)
    return {}


HANDLERS = {
    "chat.postMessage": post_message,
    "chat.update": update,
    "chat.postEphemeral": post_ephemeral,
    "chat.getPermalink": get_permalink,
    "pins.add": pins_add,
}
