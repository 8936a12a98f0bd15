"""Reminders at the edge: the status-update reminder, its snooze buttons, the reply-target warning."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from handlers.reminders.actions import register

__all__ = ["register"]
