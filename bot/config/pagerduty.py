"""The `pagerduty:` section: routing keys for the drop-in PagerDuty Events API v2 endpoint (`POST /v2/enqueue`).

Each integration is what PagerDuty calls a service's Events API v2 integration: a name, its routing key (the
only credential such a sender has, as with PagerDuty), and optionally the policy its alerts page. Alerts carry the
integration's name as the label `integration`, so `routes:` can also match on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import index, join
from escalation.paging import Route

KEYS = ("integrations", "rate_per_minute")
INTEGRATION_KEYS = ("name", "routing_key", "policy")
ROUTING_KEY = re.compile(r"[A-Za-z0-9_-]{20,64}\Z")
# Copied from the example config, a routing key is known to everyone who has read it.
PLACEHOLDER = re.compile(r"(?i)change|example|placeholder|x{8}|0{8}")
DEFAULT_RATE = 120  # events per minute per routing key, PagerDuty's own default limit


@dataclass(frozen=True)
class Integration:
    name: str
    routing_key: str
    policy: str | None = None


@dataclass(frozen=True)
class PagerDutySettings:
    integrations: tuple[Integration, ...] = ()
    rate_per_minute: int = DEFAULT_RATE

    def routes(self) -> tuple[Route, ...]:
        """Routes sending each integration's alerts to its policy, ahead of the config's own routes."""
        return tuple(Route(policy=i.policy, source="pagerduty", match={"integration": i.name})
                     for i in self.integrations if i.policy)


def parse_pagerduty(raw: object, path: str, problems: list[Problem], policies: set[str] | None) -> PagerDutySettings:
    entry = fields.mapping(raw, path, problems, KEYS, what="a mapping like {integrations: [...]}")
    if not entry:
        return PagerDutySettings()
    rate = DEFAULT_RATE
    if "rate_per_minute" in entry:
        value = fields.count(entry["rate_per_minute"], join(path, "rate_per_minute"), problems)
        if value == 0:
            problems.append(Problem(join(path, "rate_per_minute"), "must be 1 or more"))
        elif value is not None:
            rate = value
    integrations: list[Integration] = []
    raw_list = entry.get("integrations") or []
    if not isinstance(raw_list, list):
        problems.append(Problem(join(path, "integrations"), "expected a list of {name, routing_key, policy}, got "
                                                            + fields.describe(raw_list)))
        raw_list = []
    for position, item in enumerate(raw_list):
        integration = _integration(item, index(join(path, "integrations"), position), problems, policies)
        if integration is None:
            continue
        if any(i.name == integration.name for i in integrations):
            problems.append(Problem(index(join(path, "integrations"), position),
                                    f"the name {integration.name!r} is used twice"))
        elif any(i.routing_key == integration.routing_key for i in integrations):
            problems.append(Problem(index(join(path, "integrations"), position),
                                    "the routing key is used twice; give each integration its own"))
        else:
            integrations.append(integration)
    return PagerDutySettings(tuple(integrations), rate)


def _integration(raw: object, path: str, problems: list[Problem], policies: set[str] | None) -> Integration | None:
    entry = fields.mapping(raw, path, problems, INTEGRATION_KEYS, ("name", "routing_key"),
                           "{name, routing_key, policy}")
    if entry is None or "name" not in entry or "routing_key" not in entry:
        return None
    name = fields.text(entry["name"], join(path, "name"), problems, "a name")
    if name is not None and not fields.KEY.match(name):
        problems.append(Problem(join(path, "name"), f"{fields.KEY_RULE}; got {name!r}"))
        name = None
    key = fields.text(entry["routing_key"], join(path, "routing_key"), problems, "a routing key")
    if key is not None and not ROUTING_KEY.match(key):
        problems.append(Problem(join(path, "routing_key"), "expected 20 to 64 letters, digits, '-' or '_' "
                                "(PagerDuty's are 32), e.g. from `python3 -c 'import secrets; "
                                "print(secrets.token_hex(16))'`"))
        key = None
    elif key is not None and PLACEHOLDER.search(key):
        problems.append(Problem(join(path, "routing_key"), "looks like the example's placeholder: anyone who has "
                                "read the example could page you; generate your own"))
        key = None
    policy = None
    if entry.get("policy") is not None:
        policy = fields.reference(entry["policy"], join(path, "policy"), problems, policies, "policy")
    if name is None or key is None:
        return None
    return Integration(name, key, policy)
