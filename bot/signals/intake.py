"""Mentions in from the webhook: concurrent posts share one transaction (bot/group_commit.py), and the topics a
batch gave new mentions are evaluated once for the whole batch, right after its commit, not once per post."""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from bot.core import Core
from bot.group_commit import GroupCommit
from escalation.signals.classify import Classified
from escalation.signals.store import store
from escalation.signals.watch import due_on_receive

log = logging.getLogger(__name__)
Kept = tuple[bool, tuple[int, ...]]  # stored now (not a duplicate); incidents its topics' triggers opened or fed
Evaluate = Callable[[str, datetime], "int | None"]  # a topic's rules at `now`: the incident a trigger opened
A = TypeVar("A")
B = TypeVar("B")


@dataclass(frozen=True)
class Receipt:
    stored: int
    duplicates: int
    incidents: tuple[int, ...]  # incidents a trigger of these mentions opened or added to


def receipt_of(kept: list[Kept]) -> Receipt:
    """One post's share of a group commit, as the webhook answers it."""
    stored = sum(new for new, _ in kept)
    return Receipt(stored, len(kept) - stored, tuple(dict.fromkeys(i for _, opened in kept for i in opened)))


class MentionIntake:
    def __init__(self, core: Core, evaluate: Evaluate):
        self.core = core
        self.evaluate = evaluate  # never raises: a failed evaluation leaves the topic pending for the worker
        self.writer: GroupCommit[Classified, Kept] = GroupCommit(self._store, name="mention-intake")

    def submit(self, classified: list[Classified]) -> Future[Receipt]:
        """Queue classified mentions for the next group commit; the future holds the post's receipt once they
        are committed and the topics they flagged evaluated."""
        return then(self.writer.submit(classified), receipt_of)

    def _store(self, items: list[Classified]) -> list[Kept]:
        with self.core.turns.intake(), self.core.sessions.begin() as session:
            stored = store(session, items, self.core.clock())
        # Committed: nothing below may raise, or the group commit would write the batch again.
        now = self.core.clock()
        # A topic evaluated moments ago is left pending for the worker's next tick: under a flood of posts,
        # evaluating the whole window after each batch would make the webhook the bottleneck.
        due = [topic for topic, evaluated_at in stored.topics.items() if due_on_receive(evaluated_at, now)]
        opened = {topic: self.evaluate(topic, now) for topic in due}
        try:
            self.core.metrics.mentions.labels(outcome="stored").inc(stored.stored)
            self.core.metrics.mentions.labels(outcome="duplicate").inc(stored.duplicates)
            if due:  # a trigger may have queued pages; a topic left pending waits for the worker's own tick
                self.core.wake()
        except Exception:
            log.exception("mentions stored; counting them or waking the worker failed")
        return [(new, tuple(i for topic in item.topics if (i := opened.get(topic)) is not None) if new else ())
                for item, new in zip(items, stored.new, strict=True)]


def then(source: Future[A], convert: Callable[[A], B]) -> Future[B]:
    """A future of `convert(source's result)`, or of its exception; cancelling it leaves `source` alone."""
    result: Future[B] = Future()

    def done(finished: Future[A]) -> None:
        if not result.set_running_or_notify_cancel():
            return  # its waiter gave up
        try:
            result.set_result(convert(finished.result()))
        except Exception as error:
            result.set_exception(error)

    source.add_done_callback(done)
    return result
