"""Incidents."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.incidents.models import RESOLVED, TRIGGERED, Incident
from escalation.incidents.declaring import Declaration, Declared, Evidence
from escalation.incidents.alerts import SEVERITIES, AlertIn, Intake, Received
from escalation.incidents.service import (
    SEVERITY_LABELS, Outcome, acknowledge, by_channel, by_open_key, find_incident, resolve,
)
from escalation.incidents.naming import channel_name, with_suffix
from escalation.incidents.views import IncidentCard, card
from escalation.incidents.intake import ingest
from escalation.incidents.listing import Listed, listed, paged_for

__all__ = [
    "AlertIn", "Declaration", "Declared", "Evidence",
    "Incident", "IncidentCard", "Intake", "Outcome", "RESOLVED", "Received", "SEVERITIES",
    "SEVERITY_LABELS", "TRIGGERED", "acknowledge", "by_channel", "by_open_key", "card", "channel_name",
    "Listed", "find_incident", "ingest", "listed", "paged_for", "resolve", "with_suffix",
]
