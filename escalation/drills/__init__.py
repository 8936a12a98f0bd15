"""Drills: a scenario's timed alerts and mentions replayed as a labelled exercise, ending in a drill report."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.drills.models import DrillRun
from escalation.drills.scenario import (
    EXPECTATIONS, ActStep, AlertStep, Expectation, MentionStep, Pages, Scenario, ScenarioError, Step,
)
from escalation.drills.stored import scenario_data, scenario_from_data
from escalation.drills.parsing import Names, parse_scenario
from escalation.drills.policy import drill_paging, running_drills
from escalation.drills.steps import RESOLVED, STOPPED, TIMED_OUT
from escalation.drills.report import DrillReport, ReportRow
from escalation.drills.service import unended

__all__ = [
    "ActStep", "AlertStep", "DrillReport", "DrillRun", "EXPECTATIONS", "Expectation", "MentionStep", "Names",
    "Pages", "RESOLVED", "ReportRow", "STOPPED", "Scenario", "ScenarioError", "Step", "TIMED_OUT", "drill_paging",
    "parse_scenario", "running_drills", "scenario_data", "scenario_from_data", "unended",
]
