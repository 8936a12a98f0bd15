"""Room."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.room.service import ROLE_NAMES

__all__ = ['ROLE_NAMES']
