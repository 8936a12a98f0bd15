"""The workspace as the page draws it: people, conversations and their messages in the order they happened."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from slackstandin.console.state import Console
from slackstandin.recording import EPHEMERAL, RESPONSE
from slackstandin.workspace import BOT_USER_ID

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
               "webp": "image/webp"}  # not svg: an uploaded svg could carry script


def version(console: Console) -> str:
    """Changes whenever anything on the page could: a call the app made, or something done on the page."""
    with console.lock:
        changes = console.changes
    return f"{len(console.standin.recorder.calls)}.{changes}"


def picture(console: Console) -> dict:
    """Everything the page shows, as JSON-ready data."""
    standin = console.standin
    with console.lock:
        changes, said_at, notes = console.changes, dict(console.said_at), list(console.notes)
        reactions = {key: list(users) for key, users in console.reactions.items()}
    with standin.lock:
        calls, messages = list(standin.recorder.calls), list(standin.recorder.messages)
        ws = standin.workspace
        users = {u["id"]: {"name": u["name"], "real_name": u["real_name"], "is_bot": u["is_bot"]}
                 for u in ws.users.values()}
        extra, stamps, edits = _bot_lines(calls, messages, ws)
        for note in notes:
            extra[note["channel"]].append({"kind": "note", "for": note["user"], "text": note["text"],
                                           "at": note["at"]})
        channels = [_conversation(c, stamps | said_at, edits, extra[c.id], reactions) for c in ws.channels.values()]
        opened = [(c.response.get("view") if c.response.get("ok") else None,
                   ws.triggers.get(str(c.args.get("trigger_id") or ""))) for c in calls if c.method == "views.open"]
    console.catch_up_modals(opened)
    return {"version": f"{len(calls)}.{changes}", "bot": BOT_USER_ID, "users": users,
            "people": [{"id": p.user_id, "key": p.key, "label": p.label} for p in console.people],
            "channels": channels, "modals": console.open_modals()}


def _bot_lines(calls, messages, ws) -> tuple[dict, dict, dict]:
    """When each bot post happened (by its call), plus ephemerals, responses and files, per conversation."""
    extra: dict[str, list[dict]] = defaultdict(list)
    stamps: dict[tuple[str, str], float] = {}
    edits: dict[tuple[str, str], int] = defaultdict(int)
    ephemerals = {m.ts: m for m in messages if m.kind == EPHEMERAL}
    responses = iter([m for m in messages if m.kind == RESPONSE])
    for call in calls:
        answer = call.response
        if call.method == "response_url" and call.http_status == 200:
            m = next(responses, None)  # each accepted response_url post recorded one response message
            if m is not None and m.channel and (m.text or m.blocks):
                shown_to = None if (m.args or {}).get("response_type") == "in_channel" else m.user
                extra[m.channel].append(_line("response", m.text, m.blocks, call.at, shown_to, f"r{call.at:.6f}"))
        elif call.http_status != 200 or not answer.get("ok"):
            continue
        elif call.method == "chat.postMessage":
            stamps[(answer["channel"], answer["ts"])] = call.at
        elif call.method == "chat.update":
            edits[(answer["channel"], answer["ts"])] += 1
        elif call.method == "chat.postEphemeral" and answer.get("message_ts") in ephemerals:
            m = ephemerals[answer["message_ts"]]
            extra[m.channel or ""].append(_line("ephemeral", m.text, m.blocks, call.at, m.user, m.ts))
        elif call.method == "files.completeUploadExternal":
            for shown in answer.get("files", []):
                record = ws.files.get(shown["id"])
                for channel_id in record["channels"] if record else ():
                    extra[channel_id].append(_file(record, call.at))
    return extra, stamps, edits


def _line(kind: str, text, blocks, at: float, shown_to, ts) -> dict:
    return {"kind": kind, "text": text or "", "blocks": blocks or [], "at": at, "for": shown_to, "ts": ts}


def _file(record: dict, at: float) -> dict:
    kind = record["name"].rsplit(".", 1)[-1].lower()
    return {"kind": "file", "id": record["id"], "name": record["name"], "title": record["title"],
            "comment": record["initial_comment"] or "", "size": record["size"], "image": kind in IMAGE_TYPES,
            "at": at, "for": None}


def _conversation(channel, stamps: dict, edits: dict, extra: list[dict], reactions: dict) -> dict:
    lines = list(extra)
    for ts, message in channel.history.items():
        at = stamps.get((channel.id, ts)) or float(Decimal(ts))
        lines.append({"kind": "message", "ts": ts, "user": message["user"], "text": message.get("text", ""),
                      "blocks": message.get("blocks") or [], "thread_ts": message.get("thread_ts"),
                      "pinned": ts in channel.pins, "reactions": reactions.get((channel.id, ts), []),
                      "edited": edits.get((channel.id, ts), 0) > 0,
                      "at": at, "for": None})
    lines.sort(key=lambda line: line["at"])
    kind = "dm" if channel.is_im else "group" if channel.is_mpim else "channel"
    return {"id": channel.id, "name": channel.name, "kind": kind, "private": channel.is_private,
            "topic": channel.topic, "members": list(channel.members), "dm_user": channel.dm_user,
            "created": channel.created, "lines": lines}
