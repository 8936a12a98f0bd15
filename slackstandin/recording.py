"""What the stand-in saw: every call, and every message the bot got out, with a ledger of which were expected."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

POST, UPDATE, EPHEMERAL, RESPONSE = "post", "update", "ephemeral", "response"


@dataclass
class Call:
    """One request as received and answered, including failed and faulted ones."""

    method: str
    args: dict
    http_status: int
    response: dict
    at: float
    fault: str | None = None  # what fail_next made of this call, e.g. "status=429"

    def as_json(self) -> dict:
        """The call as plain JSON-ready data."""
        return asdict(self)


@dataclass
class Message:
    """A message the bot got out: a post, an update, an ephemeral, or a post to a response_url."""

    kind: str
    channel: str | None
    ts: str | None
    text: str | None
    blocks: list | None = None
    user: str | None = None  # who sees an ephemeral, or whose response_url was used
    thread_ts: str | None = None
    args: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """The message as plain JSON-ready data."""
        return asdict(self)

    def describe(self) -> str:
        """One readable line, for assertion messages."""
        where = self.channel or "?"
        if self.user:
            where += f" for {self.user}"
        shown = self.text if self.text else f"<{len(self.blocks or [])} blocks>"
        if len(shown) > 100:
            shown = shown[:97] + "..."
        return f"{self.kind} in {where} (ts={self.ts}): {shown!r}"


class Recorder:
    """Keeps calls and messages in order; callers hold the stand-in's lock."""

    def __init__(self):
        self.calls: list[Call] = []
        self.messages: list[Message] = []
        self._taken = 0  # messages before this index have been taken by a test

    def call(self, method: str, args: dict, http_status: int, response: dict, fault: str | None = None) -> Call:
        """Record one answered request."""
        call = Call(method=method, args=args, http_status=http_status, response=response, at=time.time(), fault=fault)
        self.calls.append(call)
        return call

    def message(self, message: Message) -> Message:
        """Record one message the bot got out."""
        self.messages.append(message)
        return message

    def take(self) -> list[Message]:
        """The messages recorded since the last take, which now count as expected."""
        taken, self._taken = self.messages[self._taken:], len(self.messages)
        return taken

    def unexpected(self) -> list[Message]:
        """The messages no test has taken yet."""
        return self.messages[self._taken:]


def unexpected_report(messages: list[Message]) -> str:
    """An assertion message that lists each unexpected message on its own line."""
    lines = [f"{len(messages)} Slack message(s) nobody expected (take_messages() them in the test):"]
    lines += [f"  {m.describe()}" for m in messages]
    return "\n".join(lines)
