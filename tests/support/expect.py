"""Reading what the bot sent, in the shape tests compare against exactly."""
from __future__ import annotations


def seen(slack) -> list[tuple[str, str, str]]:
    """Every message since the last look, as (kind, where, text); `where` names DMs by user: `dm:U0ANNA`."""
    out = []
    for message in slack.take_messages():
        where = message.channel or ""
        channel = slack.workspace.channels.get(where)
        if channel is not None and channel.is_im:
            where = f"dm:{channel.dm_user}"
        elif where.startswith("C") and channel is not None:
            where = "#" + channel.name
        if message.kind in ("ephemeral", "response") and message.user:
            where = f"{where}>{message.user}"
        out.append((message.kind, where, message.text or ""))
    return out
