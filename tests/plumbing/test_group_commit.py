"""Group commit: many submissions, one write per batch, each answered with its own results after the write."""
from __future__ import annotations

import threading

import pytest

from bot.group_commit import GroupCommit


class Store:
    """Records every write; `gate` holds the first write so that submissions pile up behind it."""

    def __init__(self, fail_on: str | None = None):
        self.writes: list[list[str]] = []
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.fail_on = fail_on

    def write(self, items: list[str]) -> list[str]:
        self.entered.set()
        self.gate.wait(5)
        if self.fail_on in items:
            raise ValueError(f"cannot store {self.fail_on}")
        self.writes.append(list(items))
        return [item.upper() for item in items]


def test_waiting_submissions_are_written_together_and_answered_in_order():
    store = Store()
    group = GroupCommit(store.write, name="test")
    first = group.submit(["a"])
    assert store.entered.wait(5)
    later = [group.submit(["b", "c"]), group.submit(["d"]), group.submit(["e", "f", "g"])]
    assert not first.done()  # nothing is answered before its write returns
    store.gate.set()
    assert first.result(5) == ["A"]
    assert [f.result(5) for f in later] == [["B", "C"], ["D"], ["E", "F", "G"]]
    assert store.writes == [["a"], ["b", "c", "d", "e", "f", "g"]]
    group.close()


def test_a_failing_submission_fails_alone():
    store = Store(fail_on="bad")
    group = GroupCommit(store.write, name="test")
    first = group.submit(["a"])
    assert store.entered.wait(5)
    good, bad, also_good = group.submit(["b"]), group.submit(["bad", "x"]), group.submit(["c"])
    store.gate.set()
    assert first.result(5) == ["A"]
    assert good.result(5) == ["B"] and also_good.result(5) == ["C"]
    with pytest.raises(ValueError, match="cannot store bad"):
        bad.result(5)
    assert store.writes == [["a"], ["b"], ["c"]]
    group.close()


def test_a_batch_stops_growing_at_max_items():
    store = Store()
    group = GroupCommit(store.write, name="test", max_items=3)
    group.submit(["a"])
    assert store.entered.wait(5)
    futures = [group.submit([str(n)]) for n in range(5)]
    store.gate.set()
    for future in futures:
        future.result(5)
    assert store.writes == [["a"], ["0", "1", "2"], ["3", "4"]]
    group.close()


def test_nothing_to_write_is_answered_at_once_and_closed_refuses():
    store = Store()
    group = GroupCommit(store.write, name="test")
    assert group.submit([]).result(0) == []
    assert store.writes == []
    group.close()
    with pytest.raises(RuntimeError, match="closed"):
        group.submit(["a"])


def test_a_waiter_that_gave_up_does_not_stop_the_writer():
    store = Store()
    group = GroupCommit(store.write, name="test")
    first = group.submit(["a"])
    assert store.entered.wait(5)
    gave_up, waits = group.submit(["b"]), group.submit(["c"])
    assert gave_up.cancel()  # as asyncio.wrap_future does when the request is cancelled
    store.gate.set()
    assert first.result(5) == ["A"] and waits.result(5) == ["C"]
    assert group.submit(["d"]).result(5) == ["D"]  # the writer is still there
    group.close()
