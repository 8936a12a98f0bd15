"""Paging."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.paging.models import EscalationState, Page, SlackUserLookup
from escalation.paging.policy import Level, Policy, Route, Targets, route_policy
from escalation.paging.roster import OnCallLookup, Roster, person_ref
from escalation.paging.pages import page_now
from escalation.paging.engine import run_cycle

__all__ = [
    "EscalationState", "Level", "OnCallLookup", "Page", "Policy", "Roster", "Route", "SlackUserLookup", "Targets",
    "page_now", "person_ref", "route_policy", "run_cycle",
]
