"""Paging."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.paging.models import EscalationState, Page, SlackUserLookup, UserGroup
from escalation.paging.policy import DrillPaging, Fallback, Level, Policy, Route, Targets, route_policy
from escalation.paging.groups import StoredGroup, group_label, slack_person, stored_groups
from escalation.paging.roster import OnCallLookup, Roster, person_ref
from escalation.paging.drill import drill_policy
from escalation.paging.pages import PAGES, STEP, page_now
from escalation.paging.reach import failed_lately, page_failed
from escalation.paging.fallback import DEFAULT_FAILED, FALLBACK_WHY, NO_DEFAULT, NO_FALLBACK, fallback_target
from escalation.paging.last_resort import FALLBACK
from escalation.paging.quiet import still_on_it
from escalation.paging.engine import next_step_due, run_cycle

__all__ = [
    "PAGES", "STEP",
    "DEFAULT_FAILED", "FALLBACK", "FALLBACK_WHY", "NO_DEFAULT", "NO_FALLBACK", "EscalationState", "Fallback",
    "Level", "OnCallLookup", "Page", "Policy", "Roster", "Route", "SlackUserLookup", "Targets", "failed_lately",
    "fallback_target", "next_step_due", "page_failed", "page_now", "person_ref", "route_policy", "run_cycle",
    "still_on_it",
    "StoredGroup", "UserGroup", "group_label", "slack_person", "stored_groups", "DrillPaging", "drill_policy",
]
