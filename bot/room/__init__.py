"""The crisis room: severity, type, roles, log, updates, paging on request, pins and the timeline."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.outbox.delivery import Kinds
from bot.room.deliveries import FAILED_TO, KINDS
from bot.room.deliveries import names
from bot.room import joins
from bot.room.desk import RoomDesk

DELIVERIES = Kinds({**KINDS, **joins.KINDS}, {**FAILED_TO, **joins.FAILED_TO})

__all__ = ['DELIVERIES', 'RoomDesk', 'names']
