"""The post-incident review."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.review.deliveries import FAILED_TO, KINDS
from bot.review.desk import ReviewDesk

DELIVERIES = Kinds(KINDS, FAILED_TO)

__all__ = ['DELIVERIES', 'ReviewDesk']
