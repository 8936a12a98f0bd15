"""Outbox kinds for this feature: each takes a bot.deliveries.Delivery and returns a result to keep."""
from __future__ import annotations

KINDS: dict = {}
