"""The template tests run with an approvers' channel, the config naming it, and an open incident channel."""
from __future__ import annotations

import pytest

from tests.support.templates import incident_channel, templates_config


@pytest.fixture
def approvals(slack) -> str:
    return slack.add_channel("approvals", ["U0EWA", "U0MAREK", slack.BOT_USER_ID])


@pytest.fixture
def config(approvals):
    return templates_config(approvals)


@pytest.fixture
def channel(bot, slack) -> str:
    return incident_channel(bot, slack)
