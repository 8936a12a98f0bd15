"""Tables for approved reply templates (issue: crisis room)."""
from __future__ import annotations
