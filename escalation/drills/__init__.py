"""Drills: a scenario's timed alerts and mentions replayed as a labelled exercise, ending in a drill report."""
from escalation.drills.models import DrillRun

__all__ = ["DrillRun"]
