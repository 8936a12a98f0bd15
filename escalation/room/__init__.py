"""Room."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.room.service import ROLE_NAMES
from escalation.room.models import PlaybookStep
from escalation.room.playbooks import Checklist, Step, StepCard, open_steps, progress

__all__ = ['Checklist', 'PlaybookStep', 'ROLE_NAMES', 'Step', 'StepCard', 'open_steps', 'progress']
