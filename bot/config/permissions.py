"""The `permissions:` section: who may acknowledge, resolve, change and page for an incident, declare one, and
start a drill."""
from __future__ import annotations

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import join
from escalation.permissions import ACTIONS, ANYONE, KNOWN, LISTED, Permissions, Rule

EXPECTED = "anyone, known, or a mapping like {users: [anna], teams: [pr]}"


def parse_permissions(raw: object, path: str, problems: list[Problem], users: set[str] | None = None,
                      teams: set[str] | None = None) -> Permissions:
    """Validate the section; every problem goes on `problems` with its key path."""
    section = fields.mapping(raw, path, problems, ACTIONS,
                             what="a mapping like {resolve: {teams: [pr]}, page: known}")
    if not section:
        return Permissions()
    rules = {action: _rule(section[action], join(path, action), problems, users, teams)
             for action in ACTIONS if action in section}
    return Permissions(**{action: rule for action, rule in rules.items() if rule is not None})


def _rule(raw: object, path: str, problems: list[Problem], users: set[str] | None,
          teams: set[str] | None) -> Rule | None:
    if raw in (ANYONE, KNOWN):
        return Rule(who=str(raw))
    if not isinstance(raw, dict):
        hint = fields.suggest(raw, (ANYONE, KNOWN)) if isinstance(raw, str) else ""
        problems.append(Problem(path, f"expected {EXPECTED}, got {fields.describe(raw)}{hint}"))
        return None
    entry = fields.mapping(raw, path, problems, ("users", "teams"), what="{users: [...], teams: [...]}")
    if entry is None:
        return None
    listed = {key: fields.names(entry[key], join(path, key), problems, f"{key[:-1]} keys", known, key[:-1])
              for key, known in (("users", users), ("teams", teams)) if key in entry}
    if not any(entry.get(key) for key in ("users", "teams")):
        problems.append(Problem(path, "name at least one user or team (the incident's responders may always), "
                                      "or write known or anyone"))
        return None
    return Rule(who=LISTED, **listed)
