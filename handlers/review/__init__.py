"""The review at the edge: /crisis review and the review's messages and Markdown."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.review.commands import HELP_LINES, SUBCOMMANDS
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.review import ReviewDesk


def commands(review: ReviewDesk) -> Commands:
    return bind(review, SUBCOMMANDS, HELP_LINES)


__all__ = ['HELP_LINES', 'commands']
