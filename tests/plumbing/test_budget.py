"""Slack's rate tiers are kept before Slack refuses: a full bucket goes at once, then calls are paced."""
from __future__ import annotations

import pytest

from bot.slack.budget import CHANNEL_BURST, TIER_2, Budget


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_tier_2_method_takes_a_minutes_worth_at_once_then_one_every_three_seconds():
    clock = Clock()
    budget = Budget(clock)
    assert [budget.wait_for("conversations.create") for _ in range(TIER_2)] == [0.0] * TIER_2
    assert budget.wait_for("conversations.create") == pytest.approx(3.0)
    clock.now += 3.0
    assert budget.wait_for("conversations.create") == 0.0
    assert budget.wait_for("pins.add") == 0.0  # each method has its own bucket


def test_messages_are_paced_per_channel_and_unlisted_methods_are_free():
    clock = Clock()
    budget = Budget(clock)
    assert all(budget.wait_for("chat.postMessage", "C1") == 0.0 for _ in range(CHANNEL_BURST))
    assert budget.wait_for("chat.postMessage", "C1") == pytest.approx(1.0)
    assert budget.wait_for("chat.postMessage", "U0ANNA") == 0.0  # another conversation
    assert budget.wait_for("auth.test") == 0.0


class Spent:
    """A budget that says how long to wait, once, then lets the call go."""

    def __init__(self, wait: float):
        self.waits = [wait]

    def wait_for(self, method: str, channel: str | None = None) -> float:
        return self.waits.pop() if self.waits else 0.0


class Client:
    def __init__(self):
        self.calls: list[str] = []

    def api_call(self, method: str, **_):
        self.calls.append(method)

        class Answer:
            data = {"ok": True, "channel": {"id": "C1", "name": "x"}}
        return Answer()


def test_a_long_wait_puts_the_row_back_and_a_short_one_is_waited_out():
    from bot.slack.gateway import Paced, SlackGateway

    client = Client()
    with pytest.raises(Paced) as paced:
        SlackGateway(client, budget=Spent(30.0)).call("conversations.create", name="x")
    assert paced.value.after == 30.0 and client.calls == []
    SlackGateway(client, budget=Spent(0.01)).call("conversations.create", name="x")
    assert client.calls == ["conversations.create"]
