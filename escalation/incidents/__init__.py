"""Incidents."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.incidents.models import RESOLVED, TRIGGERED, Incident
from escalation.incidents.alerts import SEVERITIES, AlertIn, Intake, Received
from escalation.incidents.service import (
    SEVERITY_LABELS, Outcome, acknowledge, by_channel, by_open_key, find_incident, resolve,
)
from escalation.incidents.naming import channel_name, with_suffix
from escalation.incidents.views import IncidentCard, card
from escalation.incidents.intake import ingest

__all__ = [
    "AlertIn", "Incident", "IncidentCard", "Intake", "Outcome", "RESOLVED", "Received", "SEVERITIES",
    "SEVERITY_LABELS", "TRIGGERED", "acknowledge", "by_channel", "by_open_key", "card", "channel_name",
    "find_incident", "ingest", "resolve", "with_suffix",
]
