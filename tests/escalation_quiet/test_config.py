"""The `paging:` section and a policy's `fallback:` as the config reads them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config.loader import load_config_text
from bot.config.problems import ConfigError
from escalation.paging import Fallback
from tests.support.config import CONFIG

H = timedelta(hours=1)


def test_without_a_paging_section_silent_acknowledgements_re_escalate_by_severity_and_the_admin_channel_and_managers_are_the_last_resort():  # noqa: E501
    config = load_config_text(CONFIG)
    assert config.paging.reescalate_after == {1: H / 2, 2: H, 3: 4 * H, 4: None}
    assert config.paging.fallback == Fallback(users=(), teams=(), managers=True, admin_channel=True)
    assert config.policies["infra"].fallback is None


def test_the_section_and_a_policy_fallback_replace_the_defaults():
    infra = "  infra:\n    fallback: {teams: [pr], admin_channel: false}\n"
    config = load_config_text(CONFIG.replace("  infra:\n", infra)
                              + "paging:\n  reescalate_after: {1: 15m, 4: 8h}\n  fallback: {users: [marek]}\n")
    assert config.paging.reescalate_after == {1: H / 4, 2: H, 3: 4 * H, 4: 8 * H}
    assert config.paging.fallback == Fallback(users=("marek",))
    assert config.policies["infra"].fallback == Fallback(teams=("pr",), admin_channel=False)
    assert load_config_text(CONFIG + "paging:\n  reescalate_after: off\n").paging.reescalate_after == {
        1: None, 2: None, 3: None, 4: None}


def test_mistakes_are_located():
    with pytest.raises(ConfigError) as error:
        load_config_text(CONFIG + "paging:\n  reescalate_after: {5: 1h}\n  fallback: {users: [marta], admins: true}\n")
    assert [(p.path, p.message) for p in error.value.problems] == [
        ("paging.reescalate_after.5", "unknown severity 5; use 1, 2, 3 or 4 (1 is the worst)"),
        ("paging.fallback.admins", "unknown key 'admins'; expected one of: users, teams, managers, admin_channel"),
        ("paging.fallback.users[0]", "unknown user 'marta'; did you mean 'marek'?"),
    ]
