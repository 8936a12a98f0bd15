"""`crisisdesk config check [FILE]`: validate the config file and say what is in it or what is wrong."""
from __future__ import annotations

from os import PathLike

from bot.config.loader import load_config
from bot.config.problems import ConfigError, Problem


def check_file(path: str | PathLike[str]) -> tuple[bool, str]:
    """(True, a one-line summary) when the file loads; else (False, one `FILE:LINE: path: message` per problem)."""
    source = str(path)
    try:
        config = load_config(path)
    except ConfigError as error:
        return False, "\n".join(_located(source, problem) for problem in error.problems)
    counts = [
        _count(len(config.directory.people), "user"),
        _count(len(config.directory.teams), "team"),
        _count(len(config.policies), "policy", "policies"),
        _count(len(config.schedules), "schedule"),
        _count(len(config.routes), "route"),
    ]
    return True, f"{source}: OK — {', '.join(counts)}"


def _located(source: str, problem: Problem) -> str:
    where = f"{source}:{problem.line}" if problem.line else source
    return f"{where}: {problem.path}: {problem.message}" if problem.path else f"{where}: {problem.message}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
