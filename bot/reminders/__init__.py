"""Status-update reminders and first-public-reply targets."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.reminders.deliveries import FAILED_TO, KINDS
from bot.reminders.desk import ReminderDesk

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ['DELIVERIES', 'ReminderDesk']
