"""File uploads the v2 way: files.getUploadURLExternal, the upload URL, then files.completeUploadExternal."""
from __future__ import annotations

import time

from slackstandin import shapes
from slackstandin.rules import SlackError, json_list
from slackstandin.wire import id_list, text_arg


def get_upload_url(ws, rec, args: dict) -> dict:
    """Reserve a file id and hand out the URL its bytes must be POSTed to."""
    filename = text_arg(args, "filename")
    length = text_arg(args, "length")
    if filename is None or length is None or not length.isdigit():
        raise SlackError("invalid_arguments")
    if int(length) == 0:
        raise SlackError("missing_argument")
    file_id = ws.new_id("F")
    ws.files[file_id] = {"id": file_id, "name": filename, "title": None, "size": int(length), "content": None,
                         "channels": [], "initial_comment": None, "created": int(time.time()), "completed": False}
    return {"upload_url": f"{ws.base_url}upload/{file_id}", "file_id": file_id}


def receive_upload(ws, file_id: str, content: bytes) -> bool:
    """Keep the bytes POSTed to an upload URL; False when no such upload was reserved."""
    record = ws.files.get(file_id)
    if record is None:
        return False
    record["content"] = content
    record["size"] = len(content)
    return True


def complete_upload(ws, rec, args: dict) -> dict:
    """Give uploaded files their titles and share them where asked, in channels the bot is in."""
    items = json_list(args.get("files"), "arguments")  # unreadable JSON is invalid_arguments too
    if not items or not isinstance(items, list) or not all(isinstance(i, dict) and i.get("id") for i in items):
        raise SlackError("invalid_arguments")
    records = [ws.files.get(str(item["id"])) for item in items]
    if any(r is None for r in records):
        raise SlackError("file_not_found")
    targets = id_list(args, "channels") or [c for c in [text_arg(args, "channel_id")] if c]
    channels = []
    for ref in targets:
        channel = ws.visible_channel(ref)
        ws.require_bot_in(channel)
        channels.append(channel.id)
    for item, record in zip(items, records, strict=False):
        record.update(title=item.get("title") or record["name"], completed=True,
                      initial_comment=text_arg(args, "initial_comment"))
        record["channels"] = list(dict.fromkeys(record["channels"] + channels))
    return {"files": [shapes.file(r) for r in records]}


HANDLERS = {
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
}
