"""Events the bot answers: a mention gets a pointer to `/crisis help`."""
from __future__ import annotations

from slack_bolt import App


def register(app: App) -> None:
    @app.event("app_mention")
    def on_mention(event, say):
        say(text="Type `/crisis help` to see what I can do.", thread_ts=event.get("thread_ts") or event.get("ts"))
