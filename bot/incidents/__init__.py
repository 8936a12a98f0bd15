"""Incidents: the desk that takes alerts in and acts on incidents, and what their outbox rows do in Slack."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from bot.incidents.deliveries import FAILED_TO, KINDS
from bot.incidents.desk import IncidentDesk, intake_for
from bot.incidents.page_dms import BATCHED
from bot.outbox.delivery import Kinds

DELIVERIES = Kinds(KINDS, FAILED_TO, BATCHED)

__all__ = ['DELIVERIES', 'IncidentDesk', 'intake_for']
