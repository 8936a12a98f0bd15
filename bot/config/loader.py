"""Loads the behaviour config: one YAML file -> Config, or a ConfigError listing every located problem."""
from __future__ import annotations

from dataclasses import replace
from os import PathLike
from pathlib import Path

from bot.config import fields
from bot.config.model import Config
from bot.config.oncall import parse_oncall
from bot.config.pagerduty import parse_pagerduty
from bot.config.paging import parse_paging
from bot.config.permissions import parse_permissions
from bot.config.policies import Known, parse_policies, parse_routes
from bot.config.problems import ConfigError, Problem
from bot.config.reminders import parse_reminders
from bot.config.room import parse_room
from bot.config.schedules import parse_schedules
from bot.config.sections import parse_channel, parse_teams, parse_timezone, parse_users
from bot.config.signals import parse_signals
from bot.config.templates import parse_templates
from bot.config.yamlpos import Document, read_document
from escalation.people import Directory

TOP_LEVEL_KEYS = ("timezone", "channel", "users", "teams", "policies", "routes", "default_policy",
                  "auto_resolve", "schedules", "oncall", "room", "templates", "reminders", "signals", "pagerduty",
                  "permissions", "paging")


def load_config(path: str | PathLike[str]) -> Config:
    """Read and validate the config file at `path`; raises ConfigError (also for a missing file)."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([Problem("", "file not found; copy crisisdesk.example.yaml there to start, "
                                       "or set CRISISDESK_CONFIG to where your config is")], source) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([Problem("", f"cannot read the file: {error}")], source) from None
    return load_config_text(text, source)


def load_config_text(text: str, source: str = "<string>") -> Config:
    """Validate config YAML text; raises ConfigError with every problem, each with key path and line."""
    problems: list[Problem] = []
    document = read_document(text, problems)
    config = None
    if document is not None:
        if isinstance(document.data, dict):
            config = _build(document.data, problems)
        else:
            problems.append(Problem("", "expected a mapping of settings at the top level (timezone:, users:, "
                                        f"policies:, ...), got {fields.describe(document.data)}"))
    if problems or config is None:
        raise ConfigError(_locate(problems, document), source)
    return config


def _build(raw: dict, problems: list[Problem]) -> Config:
    fields.mapping(raw, "", problems, TOP_LEVEL_KEYS)
    people = parse_users(_or_empty(raw.get("users")), "users", problems)
    users = fields.declared(raw.get("users"))
    teams = parse_teams(_or_empty(raw.get("teams")), "teams", problems, users)
    schedules = parse_schedules(_or_empty(raw.get("schedules")), "schedules", problems, people=set(users or ()))
    # A schedule that parse_schedules rejected is already reported; a level naming it is not a second mistake.
    schedule_names = fields.declared(raw.get("schedules"))
    known = Known(users, fields.declared(raw.get("teams")),
                  None if schedule_names is None else schedule_names | set(schedules))
    policies = parse_policies(_or_empty(raw.get("policies")), "policies", problems, known)
    policy_names = fields.declared(raw.get("policies"))
    values: dict = {
        "directory": Directory(people=people, teams=teams),
        "policies": policies,
        "schedules": schedules,
        "routes": parse_routes(raw.get("routes"), "routes", problems, policy_names),
    }
    if raw.get("pagerduty") is not None:
        values["pagerduty"] = parse_pagerduty(raw["pagerduty"], "pagerduty", problems, policy_names)
        values["routes"] = values["pagerduty"].routes() + values["routes"]
    if "timezone" in raw:
        values["timezone"] = parse_timezone(raw["timezone"], "timezone", problems)
    if raw.get("channel") is not None:
        values["channel"] = parse_channel(raw["channel"], "channel", problems, users)
    if raw.get("oncall") is not None:
        values["oncall"] = parse_oncall(raw["oncall"], "oncall", problems)
    team_names = fields.declared(raw.get("teams"))
    for section, parse in (("room", parse_room), ("templates", parse_templates), ("reminders", parse_reminders),
                           ("permissions", parse_permissions), ("paging", parse_paging)):
        if raw.get(section) is not None:
            values[section] = parse(raw[section], section, problems, users, team_names)
    if raw.get("signals") is not None:
        values["signals"] = parse_signals(raw["signals"], "signals", problems, users, team_names,
                                          policies=policy_names)
    if "auto_resolve" in raw:
        values["auto_resolve"] = fields.flag(raw["auto_resolve"], "auto_resolve", problems)
    if "default_policy" in raw:
        values["default_policy"] = fields.reference(raw["default_policy"], "default_policy", problems,
                                                    policy_names, "policy")
    elif policy_names and not fields.misspells(raw, "default_policy", TOP_LEVEL_KEYS):
        example = sorted(policy_names)[0]
        problems.append(Problem("default_policy", "required when there are policies: name the policy for "
                                                  f"alerts that no route matches, e.g. default_policy: {example}"))
    return Config(**values)


def _or_empty(section: object) -> object:
    """An empty section (`users:` with nothing under it, or no key at all) is not a mistake."""
    return {} if section is None else section


def _locate(problems: list[Problem], document: Document | None) -> list[Problem]:
    """Give each problem the line of its key path (or of the closest enclosing key), in file order."""
    if document is not None:
        problems = [p if p.line else replace(p, line=document.line_for(p.path)) for p in problems]
    return sorted(problems, key=lambda p: p.line or 0)
