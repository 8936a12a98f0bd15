"""Drills: scenarios played as labelled exercises (`DrillDesk`, its report kind), and `crisisdesk drill`, the bot
and the Slack stand-in in one process on 127.0.0.1 with the console at one URL (`cli.py`, `run.py`,
`workspace.py`)."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.drills.deliveries import FAILED_TO, KINDS
from bot.drills.desk import DrillDesk
from bot.drills.starting import DrillStarter
from bot.drills.cli import add_drill_command

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ["DELIVERIES", "DrillDesk", "DrillStarter", "add_drill_command"]
