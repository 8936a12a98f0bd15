"""The Standin: a fake Slack Web API on a local port that enforces Slack's rules and records every call."""
from __future__ import annotations

import itertools
import threading

from slackstandin import shapes
from slackstandin.faults import Fault, FaultPlan
from slackstandin.methods import HANDLERS
from slackstandin.recording import Call, Message, Recorder, unexpected_report
from slackstandin.rules import SlackError
from slackstandin.server import HttpServer
from slackstandin.workspace import BOT_USER_ID, TEAM_ID, Workspace

# A typo in fail_next would otherwise plan a fault that never fires, and the test would pass for the wrong reason.
FAULTABLE = {*HANDLERS, "response_url", "file_upload"}


class Standin:
    """Point slack_sdk's WebClient at `api_url`; arrange the workspace, plan faults, then inspect what happened."""

    BOT_USER_ID = BOT_USER_ID
    TEAM_ID = TEAM_ID

    def __init__(self, host: str = "127.0.0.1", port: int = 0, token: str = "xoxb-standin", *,
                 local_only: bool = False):
        """`local_only` serves this machine alone (a drill): only Host 127.0.0.1/localhost[:port], no inspection
        endpoints, JSON-only response_url posts (slackstandin/guard.py)."""
        self.host, self.token, self.local_only = host, token, local_only
        self._wanted_port = port
        self.lock = threading.RLock()
        self.workspace = Workspace(token)
        self.recorder = Recorder()
        self.faults = FaultPlan()
        self.response_targets: dict[str, dict] = {}
        self._response_keys = itertools.count(1)
        self._server: HttpServer | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> Standin:
        """Start listening in a daemon thread; returns self."""
        if self._server is None:
            self._server = HttpServer(self, self.host, self._wanted_port)
            self.workspace.base_url = self.base_url
        return self

    def stop(self) -> None:
        """Stop listening; recorded calls and messages stay readable."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> Standin:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port being listened on."""
        if self._server is None:
            raise RuntimeError("the stand-in is not started; call start() or use it as a context manager")
        return self._server.port

    @property
    def base_url(self) -> str:
        """http://HOST:PORT/ of the running stand-in."""
        return f"http://{self.host}:{self.port}/"

    @property
    def api_url(self) -> str:
        """The WebClient base_url (and SLACK_API_URL): ends in /api/ because the client appends the method name."""
        return self.base_url + "api/"

    # -- arranging the workspace -----------------------------------------------------------------------------

    def add_user(self, user_id: str, name: str, email: str | None = None, is_bot: bool = False, *,
                 real_name: str | None = None, tz: str = "UTC") -> None:
        """Add (or replace) a person or bot."""
        with self.lock:
            self.workspace.add_user(user_id, name, email, is_bot, real_name=real_name, tz=tz)

    def add_usergroup(self, group_id: str, handle: str, user_ids) -> None:
        """Add a user group, such as S0PRLEADS with handle "pr-leads"."""
        with self.lock:
            self.workspace.add_usergroup(group_id, handle, list(user_ids))

    def add_channel(self, name: str, member_ids=(), is_private: bool = False, *, channel_id: str | None = None) -> str:
        """Add an existing channel and return its id; the bot is in it only if BOT_USER_ID is among member_ids."""
        member_ids = list(member_ids)
        with self.lock:
            self.workspace.require_users(member_ids)
            try:
                channel = self.workspace.create_channel(name, is_private=is_private, member_ids=member_ids,
                                                        creator=member_ids[0] if member_ids else BOT_USER_ID,
                                                        channel_id=channel_id)
            except SlackError as refused:
                raise ValueError(f"cannot add channel {name!r}: {refused.error}") from None
            return channel.id

    def add_message(self, channel_id: str, text: str, *, user_id: str) -> str:
        """Put a message from a person into a channel (something to pin or fail to update); returns its ts."""
        with self.lock:
            self.workspace.require_users([user_id])
            return self.workspace.store_message(self.workspace.channels[channel_id], user=user_id, text=text)["ts"]

    def new_response_url(self, *, channel: str | None = None, user: str | None = None) -> str:
        """A response_url to put in a slash command or action; what is posted there becomes a "response" message."""
        with self.lock:
            key = str(next(self._response_keys))
            self.response_targets[key] = {"channel": channel, "user": user, "uses": 0}
        return f"{self.base_url}respond/{key}"

    def new_trigger_id(self, user: str) -> str:
        """A trigger_id for one interaction of `user`, as Slack issues one per click, command or submission; a
        modal the app opens with it is that person's."""
        with self.lock:
            return self.workspace.issue_trigger(user)

    def fail_next(self, method: str, *, status: int | None = None, retry_after: int | None = None,
                  error: str | None = None, delay: float | None = None, drop: bool = False,
                  times: int = 1) -> None:
        """Make the next `times` calls of `method` answer `status`, an ok:false `error`, only after `delay`s, or
        (`drop`) be carried out and then lose their answer: the connection closes without one."""
        if status is None and error is None and delay is None and not drop:
            raise ValueError("say what should go wrong: status, error, delay or drop")
        if method not in FAULTABLE:
            raise ValueError(f"{method!r} is not something the stand-in answers; one of {sorted(FAULTABLE)}")
        if status is None and retry_after is not None:
            status = 429
        with self.lock:
            self.faults.add(method, Fault(status=status, retry_after=retry_after, error=error, delay=delay,
                                          drop=drop or None), times)

    # -- inspecting what happened ----------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Every recorded call, or those of one method, oldest first."""
        with self.lock:
            return [c for c in self.recorder.calls if method is None or c.method == method]

    def messages(self) -> list[Message]:
        """Every message the bot got out, oldest first, taken or not."""
        with self.lock:
            return list(self.recorder.messages)

    def take_messages(self) -> list[Message]:
        """The messages since the last take; taking them says the test expected them."""
        with self.lock:
            return self.recorder.take()

    def unexpected_messages(self) -> list[Message]:
        """The messages no test has taken."""
        with self.lock:
            return list(self.recorder.unexpected())

    def assert_no_unexpected(self) -> None:
        """Fail, listing them, if the bot got out any message the test did not take."""
        unexpected = self.unexpected_messages()
        if unexpected:
            raise AssertionError(unexpected_report(unexpected))

    def messages_in(self, channel_id: str) -> list[Message]:
        """Posts, updates and ephemerals (and bound responses) in one conversation, oldest first."""
        with self.lock:
            return [m for m in self.recorder.messages if m.channel == channel_id]

    def dms_to(self, user_id: str) -> list[Message]:
        """What the bot sent to a person's DM, oldest first; empty if it never opened one."""
        with self.lock:
            dm_id = self.workspace.dm_id_of(user_id)
            return [m for m in self.recorder.messages if dm_id is not None and m.channel == dm_id]

    def channel_named(self, name: str) -> dict | None:
        """A channel as conversations.info shows it, plus its "members", or None."""
        with self.lock:
            channel = self.workspace.channel_named(name)
            return None if channel is None else {**shapes.conversation(channel), "members": list(channel.members)}

    def members(self, channel_id: str) -> list[str]:
        """Member user ids of a conversation, in the order they joined."""
        with self.lock:
            return list(self.workspace.channels[channel_id].members)

    def pins(self, channel_id: str) -> list[str]:
        """Timestamps of the pinned messages, in the order they were pinned."""
        with self.lock:
            return list(self.workspace.channels[channel_id].pins)

    def topic(self, channel_id: str) -> str:
        """A channel's topic ("" when never set)."""
        with self.lock:
            return self.workspace.channels[channel_id].topic

    def files(self, channel_id: str | None = None) -> list[dict]:
        """Uploaded files (name, title, size, content, channels, initial_comment), or those shared to one channel."""
        with self.lock:
            return [dict(f) for f in self.workspace.files.values()
                    if channel_id is None or channel_id in f["channels"]]
