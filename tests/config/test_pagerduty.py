"""The `pagerduty:` section: integrations with their routing keys, checked like the rest of the config."""
from __future__ import annotations

import pytest

from bot.config.pagerduty import Integration
from bot.config.problems import ConfigError
from escalation.paging import Route
from tests.support.config import CONFIG, load_test_config

KEY = "4f1c2b7e9d0a4c3b8e6f5a1d2c3b4a59"


def problems(section: str) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_test_config(CONFIG + section)
    return [f"{p.path}: {p.message}" for p in error.value.problems]


def test_integrations_route_their_alerts_ahead_of_the_configs_routes():
    config = load_test_config(CONFIG + f"pagerduty:\n  integrations:\n    - {{name: dd, routing_key: {KEY}, "
                                       "policy: infra}\n    - {name: up, routing_key: " + KEY[::-1] + "}\n")
    assert config.pagerduty.integrations == (Integration("dd", KEY, "infra"), Integration("up", KEY[::-1]))
    assert config.pagerduty.rate_per_minute == 120
    assert config.routes == (Route(policy="infra", source="pagerduty", match={"integration": "dd"}),
                             Route(policy="infra", source="alertmanager"))


@pytest.mark.parametrize("section, expected", [
    ("pagerduty:\n  integrations:\n    - {name: dd, routing_key: short}\n",
     ["pagerduty.integrations[0].routing_key: expected 20 to 64 letters, digits, '-' or '_' (PagerDuty's are 32), "
      "e.g. from `python3 -c 'import secrets; print(secrets.token_hex(16))'`"]),
    ("pagerduty:\n  integrations:\n    - {name: dd, routing_key: change-me-to-a-long-random-key}\n",
     ["pagerduty.integrations[0].routing_key: looks like the example's placeholder: anyone who has read the "
      "example could page you; generate your own"]),
    (f"pagerduty:\n  integrations:\n    - {{name: dd, routing_key: {KEY}, policy: infar}}\n",
     ["pagerduty.integrations[0].policy: unknown policy 'infar'; did you mean 'infra'?"]),
    (f"pagerduty:\n  integrations:\n    - {{name: dd, routing_key: {KEY}}}\n    - {{name: up, routing_key: {KEY}}}\n",
     ["pagerduty.integrations[1]: the routing key is used twice; give each integration its own"]),
    ("pagerduty:\n  rate_per_minute: 0\n", ["pagerduty.rate_per_minute: must be 1 or more"]),
    ("pagerduty:\n  integrations:\n    - {routing_key: " + KEY + "}\n", ["pagerduty.integrations[0].name: required"]),
])
def test_bad_integrations_are_reported_with_their_place(section, expected):
    assert problems(section) == expected
