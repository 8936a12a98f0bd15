"""Tables for status-update reminders and response-time targets (issue: crisis room)."""
from __future__ import annotations
