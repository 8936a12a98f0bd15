"""Reading what the bot sent, in the shape tests compare against exactly."""
from __future__ import annotations


def seen(slack) -> list[tuple[str, str, str]]:
    """Every message since the last look, as (kind, where, text); `where` names DMs by user: `dm:U0ANNA`."""
    dm_owner = {}
    for call in slack.calls("conversations.open"):
        if call.response.get("ok"):
            dm_owner[call.response["channel"]["id"]] = call.args.get("users")
    out = []
    for message in slack.take_messages():
        where = message.channel or ""
        if where in dm_owner:
            where = f"dm:{dm_owner[where]}"
        elif where.startswith("C") and slack.workspace.channels.get(where) is not None:
            where = "#" + slack.workspace.channels[where].name
        if message.kind in ("ephemeral", "response") and message.user:
            where = f"{where}>{message.user}"
        out.append((message.kind, where, message.text or ""))
    return out
