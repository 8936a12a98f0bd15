"""Incidents."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.incidents.models import RESOLVED, TRIAGE, TRIGGERED, AlertJoin, Incident
from escalation.incidents.declaring import Declaration, Declared, Evidence
from escalation.incidents.alerts import SEVERITIES, AlertIn, Intake, Received
from escalation.incidents.service import (
    SEVERITY_LABELS, Outcome, acknowledge, by_channel, by_open_key, find_incident, resolve,
)
from escalation.incidents.naming import channel_name, with_suffix
from escalation.incidents.views import IncidentCard, card
from escalation.incidents.intake import ingest
from escalation.incidents.listing import Listed, listed, paged_for
from escalation.incidents.triage import ask_again

__all__ = [
    "AlertIn", "AlertJoin", "ask_again", "Declaration", "Declared", "Evidence",
    "Incident", "IncidentCard", "Intake", "Outcome", "RESOLVED", "Received", "SEVERITIES",
    "SEVERITY_LABELS", "TRIAGE", "TRIGGERED", "acknowledge", "by_channel", "by_open_key", "card", "channel_name",
    "Listed", "find_incident", "ingest", "listed", "paged_for", "resolve", "with_suffix",
]
