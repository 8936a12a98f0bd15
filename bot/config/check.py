"""`crisisdesk config check [FILE] [--database [URL]]`: validate the config file and say what is in it or what is
wrong; with `--database`, also warn about open incidents whose policy or paged people the file drops."""
from __future__ import annotations

import logging
from dataclasses import replace
from os import PathLike
from pathlib import Path

from bot.config.loader import load_config
from bot.config.model import Config
from bot.config.problems import ConfigError, Problem
from bot.config.yamlpos import read_document

log = logging.getLogger(__name__)
# The example's calendar token: anyone who read crisisdesk.example.yaml knows it, so it guards nothing.
PLACEHOLDER_TOKENS = frozenset({"replace-me-with-a-long-random-secret"})
TOKEN_PATH = "oncall.calendar_token"


def check_file(path: str | PathLike[str], database_url: str | None = None) -> tuple[bool, str]:
    """(True, a one-line summary and any warnings) when the file loads; else (False, one `FILE:LINE: path:
    message` per problem). With `database_url`, open incidents the new file would strand are warnings."""
    source = str(path)
    try:
        config = load_config(path)
    except ConfigError as error:
        return False, "\n".join(_located(source, problem) for problem in error.problems)
    if has_placeholder_token(config):
        return False, _located(source, Problem(TOKEN_PATH, _placeholder_message(), _line(path, TOKEN_PATH)))
    counts = [
        _count(len(config.directory.people), "user"),
        _count(len(config.directory.teams), "team"),
        _count(len(config.policies), "policy", "policies"),
        _count(len(config.schedules), "schedule"),
        _count(len(config.routes), "route"),
    ]
    lines = [f"{source}: OK — {', '.join(counts)}"]
    if database_url is not None:
        from bot.config.stranded import UnreadableDatabase, stranded_incidents  # the database only when asked
        try:
            lines += [f"{source}: warning: {warning}" for warning in stranded_incidents(config, database_url)]
        except UnreadableDatabase as error:
            return False, f"{source}: {error}"
    return True, "\n".join(lines)


def has_placeholder_token(config: Config) -> bool:
    return config.oncall.calendar_token in PLACEHOLDER_TOKENS


def feed_config(config: Config) -> Config:
    """The config the calendar feed is served with: never under the example's placeholder token (the feed is off,
    and the log says why, loudly)."""
    if not has_placeholder_token(config):
        return config
    log.error("the calendar feed is OFF: %s is the example's placeholder, which anyone can read in "
              "crisisdesk.example.yaml; set a secret of your own", TOKEN_PATH)
    return replace(config, oncall=replace(config.oncall, calendar_token=None))


def _placeholder_message() -> str:
    return ("this is the example's placeholder, known to anyone who has read crisisdesk.example.yaml, so the "
            "whole rota would be public; make your own with python -c 'import secrets; "
            "print(secrets.token_urlsafe(24))'")


def _line(path: str | PathLike[str], key_path: str) -> int | None:
    document = read_document(Path(path).read_text(encoding="utf-8-sig"), [])
    return document.line_for(key_path) if document is not None else None


def _located(source: str, problem: Problem) -> str:
    where = f"{source}:{problem.line}" if problem.line else source
    return f"{where}: {problem.path}: {problem.message}" if problem.path else f"{where}: {problem.message}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
