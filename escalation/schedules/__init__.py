"""On-call schedules: layers of rotations with weekends, public holidays, overrides and DST-correct handoffs.

Everything here is pure: time comes in as an argument, nothing talks to Slack or the database.
"""
from escalation.schedules.gaps import find_gaps
from escalation.schedules.ical import shifts_to_ical
from escalation.schedules.model import (
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
from escalation.schedules.notices import ShiftNotice, shift_notices
from escalation.schedules.oncall import next_handoff, who_is_on_call
from escalation.schedules.resolve import resolve_shifts
from escalation.schedules.stats import PersonHours, hours_per_person
from escalation.schedules.when import parse_when

__all__ = [
    "Gap", "Handoff", "HolidayRule", "Layer", "LayerKind", "OnCall", "Override", "PersonHours", "Restriction",
    "Rotation", "Schedule", "Shift", "ShiftNotice", "find_gaps", "hours_per_person", "next_handoff",
    "parse_when", "resolve_shifts", "shift_notices", "shifts_to_ical", "who_is_on_call",
]
