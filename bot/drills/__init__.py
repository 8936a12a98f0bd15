"""`crisisdesk drill`: the bot and the Slack stand-in in one process on 127.0.0.1, with the console at one URL.

Plumbing, not a feature: it wires the real app (`bot.app.build_app`) to a seeded stand-in (`workspace.py`) and
serves the console (`slackstandin.console`) beside it (`run.py`). `cli.py` adds the command; `drill run SCENARIO`
will join it there as a subcommand.
"""
from bot.drills.cli import add_drill_command

__all__ = ["add_drill_command"]
