"""On-call schedules: layers of rotations with weekends, public holidays, overrides and DST-correct handoffs.

Everything here is pure: time comes in as an argument, nothing talks to Slack or the database.
"""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.schedules.clock import to_utc
from escalation.schedules.model import (
                                        DEFAULT_SHIFT_NOTICE,
                                        SATURDAY_TO_MONDAY,
                                        Gap,
                                        Handoff,
                                        HolidayRule,
                                        Layer,
                                        LayerKind,
                                        OnCall,
                                        Override,
                                        Restriction,
                                        Rotation,
                                        Schedule,
                                        Shift,
)
from escalation.schedules.holidays import country_problem, country_weekend, languages, subdivision_problem
from escalation.schedules.store import lookup
from escalation.schedules.duties import gap_report_due, queue_gap_report, queue_shift_notices
from escalation.schedules.resolve import resolve_shifts
from escalation.schedules.gaps import find_gaps
from escalation.schedules.ical import shifts_to_ical
from escalation.schedules.notices import ShiftNotice, shift_notices
from escalation.schedules.oncall import next_handoff, who_is_on_call
from escalation.schedules.stats import PersonHours, hours_per_person
from escalation.schedules.timetext import parse_day_time, parse_days, parse_time_of_day
from escalation.schedules.when import parse_when
from escalation.schedules.ahead import Ahead, next_weekend_shift, on_call_ahead

__all__ = [
    "Ahead", "DEFAULT_SHIFT_NOTICE", "next_weekend_shift", "on_call_ahead",
    "lookup", "Gap", "Handoff", "HolidayRule", "Layer", "LayerKind", "OnCall", "Override",
    "PersonHours", "Restriction", "Rotation", "SATURDAY_TO_MONDAY", "Schedule", "Shift", "ShiftNotice",
    "country_problem", "country_weekend", "find_gaps", "gap_report_due", "hours_per_person", "languages",
    "next_handoff", "parse_day_time", "parse_days", "parse_time_of_day", "parse_when", "queue_gap_report",
    "queue_shift_notices", "resolve_shifts", "shift_notices", "shifts_to_ical", "subdivision_problem", "to_utc",
    "who_is_on_call",
]
