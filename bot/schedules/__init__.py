"""On-call schedules in Slack: who is on call, overrides, shift notices and gap reports."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.schedules.cli import COMMANDS, ScheduleCommandError
from bot.schedules.deliveries import FAILED_TO, KINDS
from bot.schedules.desk import OnCallDesk

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ['COMMANDS', 'DELIVERIES', 'OnCallDesk', 'ScheduleCommandError']
