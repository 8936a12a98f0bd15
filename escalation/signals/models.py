"""Tables for social mentions and signal triggers (issue: social signals)."""
from __future__ import annotations
