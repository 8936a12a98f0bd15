"""The group commit's writer gets the GIL back quickly: `crisisdesk serve` lowers Python's switch interval (never
raises it); the class itself leaves the process-wide setting alone."""
from __future__ import annotations

import sys

import pytest

from bot.group_commit import SWITCH_INTERVAL, GroupCommit, lower_switch_interval


@pytest.fixture
def interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


@pytest.mark.parametrize(("before", "after"), [(0.005, SWITCH_INTERVAL), (SWITCH_INTERVAL / 2, SWITCH_INTERVAL / 2)])
def test_serving_lowers_the_switch_interval_and_never_raises_it(interval, before, after):
    sys.setswitchinterval(before)
    lower_switch_interval()
    assert sys.getswitchinterval() == pytest.approx(after)


def test_a_group_commit_leaves_the_switch_interval_alone(interval):
    sys.setswitchinterval(0.005)
    group = GroupCommit(lambda items: items, name="test")
    assert group.write(["a"], timeout=5) == ["a"]
    assert sys.getswitchinterval() == pytest.approx(0.005)
    group.close()
