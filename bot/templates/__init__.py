"""Approved reply templates: list, fill, use, propose, approve, reject, retire."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.templates.cli import add_template_commands
from bot.templates.deliveries import FAILED_TO, KINDS
from bot.templates.desk import TemplateDesk

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ['DELIVERIES', 'TemplateDesk', 'add_template_commands']
