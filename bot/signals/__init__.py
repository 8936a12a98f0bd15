"""Social signals: mentions in, topics watched, triggers that open incidents, /crisis pulse."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.signals.deliveries import FAILED_TO, KINDS
from bot.signals.desk import SignalDesk
from bot.signals.intake import Receipt
from bot.signals.warmup import warm_in_background

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ['DELIVERIES', 'Receipt', 'SignalDesk', 'warm_in_background']
