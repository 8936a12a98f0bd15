"""A request that gives up cancels its group-commit submission from the event loop's thread, whenever it likes:
the rest of its batch is written and answered all the same."""
from __future__ import annotations

import threading

from bot.group_commit import GroupCommit


class HeldStore:
    """Holds the first write until `gate` is set, so that later submissions queue up into one batch."""

    def __init__(self):
        self.writes: list[list[str]] = []
        self.entered, self.gate = threading.Event(), threading.Event()

    def write(self, items: list[str]) -> list[str]:
        self.entered.set()
        assert self.gate.wait(5)
        self.writes.append(list(items))
        return [item.upper() for item in items]


def test_a_submission_cancelled_just_before_its_answer_does_not_stop_the_rest_of_its_batch():
    store = HeldStore()
    group = GroupCommit(store.write, name="test")
    first = group.submit(["a"])
    assert store.entered.wait(5)
    racing, other = group.submit(["b"]), group.submit(["c"])
    answer = racing.set_result

    def cancelled_first(result):  # the loop thread's cancel lands between the writer's last look and its answer
        racing.cancel()
        answer(result)

    racing.set_result = cancelled_first  # type: ignore[method-assign]
    store.gate.set()
    assert first.result(5) == ["A"]
    assert other.result(5) == ["C"]
    assert racing.result(5) == ["B"]  # taken into the write already: too late to cancel
    group.close()


def test_a_submission_cancelled_before_the_writer_takes_it_is_left_out():
    store = HeldStore()
    group = GroupCommit(store.write, name="test")
    first = group.submit(["a"])
    assert store.entered.wait(5)
    gone, other = group.submit(["b"]), group.submit(["c"])
    assert gone.cancel()
    store.gate.set()
    assert (first.result(5), other.result(5)) == (["A"], ["C"])
    group.close()
    assert store.writes == [["a"], ["c"]]
    assert gone.cancelled()
