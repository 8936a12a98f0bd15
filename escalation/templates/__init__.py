"""Templates."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.templates.text import KEY, LANGUAGE, RESERVED_KEYS, Draft, draft_problems

__all__ = ['Draft', 'KEY', 'LANGUAGE', 'RESERVED_KEYS', 'draft_problems']
