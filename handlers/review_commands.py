"""`/crisis` review; the snooze buttons of status-update reminders."""
from __future__ import annotations

from slack_bolt import App

# subcommand word -> function(desk, command, rest, client=...) returning the ephemeral answer
# (a str, or a dict of respond() arguments such as {"text": ..., "blocks": [...]}).
SUBCOMMANDS: dict = {}
HELP_LINES: list[str] = []  # one line per subcommand, with one example each


def register(app: App, desk) -> None:
    """Buttons, modals and events of this feature."""
