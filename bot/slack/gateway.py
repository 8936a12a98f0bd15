"""The one place that calls Slack's Web API; turns its answers into Done, Retry or Failed."""
from __future__ import annotations

import logging
import time
import urllib.error
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.slack.budget import Budget
from bot.slack.health import REFUSED, SlackHealth

log = logging.getLogger(__name__)

# Errors that mean "try again later" rather than "this will never work".
RETRYABLE = {"internal_error", "fatal_error", "service_unavailable", "ratelimited", "request_timeout",
             "invalid_auth", "not_authed", "account_inactive", "token_revoked", "team_added_to_org"}
# Errors that mean the wanted state already holds.
BENIGN = {"already_in_channel", "already_pinned", "cant_invite_self"}
LIST_LIMIT, MAX_LIST_PAGES = 200, 50  # users.conversations: Slack advises at most 200 a page
MAX_PACE = 1.0  # seconds a delivery waits for its budget in place; longer, its row is put back


class Retry(Exception):
    """Slack could not take the call now; `after` is its Retry-After in seconds, if it said one."""

    def __init__(self, reason: str, after: float | None = None):
        super().__init__(reason)
        self.after = after


class Paced(Retry):
    """Our own budget for the method is spent: not a failure, the row waits `after` seconds, uncounted."""


class Failed(Exception):
    """Slack refused the call and will refuse it again."""


def make_client(token: str, api_url: str, timeout: int = 15) -> WebClient:
    # No in-process retry handlers: retries are the outbox's job, so a sleeping worker never holds a lock.
    return WebClient(token=token, base_url=api_url, timeout=timeout, retry_handlers=[])


class SlackGateway:
    def __init__(self, client: WebClient, before_call: Callable[[], None] | None = None,
                 observe: Callable[[str, str], None] | None = None, budget: Budget | None = None,
                 health: SlackHealth | None = None):
        self.client = client
        self.health = health  # told when Slack refuses the token, so /healthz stops saying ok
        self.budget = budget  # Slack's rate tiers, kept before Slack refuses; shared by every delivery
        # Run before every Web API call: a delivery commits its transaction here, so none is open while Slack
        # answers (a slow Slack then blocks nothing: no row lock, no SQLite write lock).
        self.before_call = before_call
        self.observe = observe  # (method, "ok" | "retry" | "failed"), for /metrics

    def for_delivery(self, before_call: Callable[[], None]) -> SlackGateway:
        """The same gateway, calling `before_call` before each Web API call."""
        return SlackGateway(self.client, before_call, self.observe, self.budget, self.health)

    def call(self, method: str, **kwargs: Any) -> dict:
        if self.before_call is not None:  # no transaction stays open while we wait for the budget
            self.before_call()
        self._pace(method, kwargs.get("channel"))
        if method.startswith("chat."):
            return self._answer(method, lambda: self.client.api_call(method, json=kwargs))
        return self._answer(method, lambda: self.client.api_call(method, params=kwargs))

    def _pace(self, method: str, channel: object) -> None:
        """Wait out a short gap in the method's budget; a long one puts the row back for later, uncounted."""
        while self.budget is not None:
            wait = self.budget.wait_for(method, channel if isinstance(channel, str) else None)
            if wait <= 0:
                return
            if wait > MAX_PACE:
                raise Paced(f"{method}: paced to Slack's rate tier", after=wait)
            time.sleep(wait)

    def _answer(self, method: str, send: Callable[[], SlackResponse]) -> dict:
        if self.before_call is not None:
            self.before_call()
        if self.observe is None:
            return self._send(method, send)
        try:
            answer = self._send(method, send)
        except Retry:
            self.observe(method, "retry")
            raise
        except Failed:
            self.observe(method, "failed")
            raise
        self.observe(method, "ok")
        return answer

    def _send(self, method: str, send: Callable[[], SlackResponse]) -> dict:
        try:
            data = send().data
        except SlackApiError as error:
            return self._refused(method, error)
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            raise Retry(f"{method}: {error}") from error
        if isinstance(data, bytes):  # only file downloads answer in bytes, and nothing here downloads one
            raise Failed(f"{method}: answered {len(data)} bytes instead of JSON")
        return dict(data)

    def _refused(self, method: str, error: SlackApiError) -> dict:
        response = error.response
        status = response.status_code
        if status == 429:
            after = response.headers.get("Retry-After") or response.headers.get("retry-after")
            raise Retry(f"{method}: rate limited", after=float(after) if after else 30.0)
        if status >= 500:
            raise Retry(f"{method}: HTTP {status}")
        code = response.get("error", "unknown_error") if isinstance(response.data, dict) else "unknown_error"
        if code in BENIGN:
            return dict(response.data)
        if code in REFUSED and self.health is not None:
            self.health.refused("SLACK_BOT_TOKEN", code)
        if code in RETRYABLE:
            raise Retry(f"{method}: {code}")
        raise Failed(f"{method}: {code}")

    def create_channel(self, name: str, private: bool) -> tuple[str, str] | None:
        """Create a channel with exactly this name: (id, name), or None when the name is taken."""
        try:
            data = self.call("conversations.create", name=name, is_private=private)
        except Failed as error:
            if str(error).endswith("name_taken"):
                return None
            raise
        return data["channel"]["id"], data["channel"]["name"]

    def own_channel_named(self, name: str) -> str | None:
        """The id of the unarchived channel called `name` that this bot created and is in, else None (also when the
        app lacks channels:read / groups:read: then the caller opens the next name, as before)."""
        me = self.bot_user()
        cursor = ""
        for _ in range(MAX_LIST_PAGES):
            try:
                data = self.call("users.conversations", types="public_channel,private_channel",
                                 exclude_archived=True, limit=LIST_LIMIT, **({"cursor": cursor} if cursor else {}))
            except Failed as error:
                log.warning("cannot look for the channel #%s this bot may have created: %s", name, error)
                return None
            for channel in data.get("channels", []):
                if channel.get("name") == name and channel.get("creator") == me:
                    return channel["id"]
            cursor = (data.get("response_metadata") or {}).get("next_cursor") or ""
            if not cursor:
                return None
        return None

    def bot_user(self) -> str:
        """The bot's own user id: as auth.test said at start (bot/slack/health.py), asked once if it has not."""
        known = self.health.bot_user() if self.health is not None else None
        if known is not None:
            return known
        answer = self.auth_test()
        if self.health is not None:
            self.health.checked(answer.get("team"), answer.get("user_id"))
        return answer["user_id"]

    def auth_test(self) -> dict:
        """Who the token belongs to: team, team_id, user_id (the bot user), bot_id."""
        return self.call("auth.test")

    def set_topic(self, channel: str, topic: str) -> None:
        self.call("conversations.setTopic", channel=channel, topic=topic)  # clipped to 250 where it is rendered

    def post(self, channel: str, text: str, blocks: list | None = None) -> tuple[str, str]:
        data = self.call("chat.postMessage", channel=channel, text=text, **({"blocks": blocks} if blocks else {}))
        return data["channel"], data["ts"]

    def post_joining(self, channel: str, text: str, blocks: list | None = None) -> tuple[str, str]:
        """Post in a channel the config names (stakeholders, staff, approvers, admin, customer service): a public
        one nobody invited the bot to is joined rather than left in silence."""
        try:
            return self.post(channel, text, blocks)
        except Failed as error:
            if not str(error).endswith("not_in_channel"):
                raise
            self.join(channel)
            return self.post(channel, text, blocks)

    def update(self, channel: str, ts: str, text: str, blocks: list | None = None) -> None:
        self.call("chat.update", channel=channel, ts=ts, text=text, blocks=blocks or [])

    def pin(self, channel: str, ts: str) -> None:
        self.call("pins.add", channel=channel, timestamp=ts)

    def invite(self, channel: str, user_ids: list[str]) -> None:
        """Everyone in one call (Slack takes up to 1,000 ids)."""
        self.call("conversations.invite", channel=channel, users=",".join(user_ids))

    def lookup_email(self, email: str) -> str | None:
        try:
            return self.call("users.lookupByEmail", email=email)["user"]["id"]
        except Failed as error:
            if str(error).endswith("users_not_found"):
                return None
            raise

    def join(self, channel: str) -> None:
        self.call("conversations.join", channel=channel)

    def permalink(self, channel: str, ts: str) -> str:
        return self.call("chat.getPermalink", channel=channel, message_ts=ts)["permalink"]

    def message(self, channel: str, ts: str) -> dict | None:
        """One message by its ts (top-level or in a thread), or None when Slack no longer has it."""
        data = self.call("conversations.history", channel=channel, latest=ts, inclusive=True, limit=1)
        for message in data.get("messages", []):
            if message.get("ts") == ts:
                return message
        # A reply's ts names its thread too; Slack answers with the parent first, then replies from `oldest`.
        try:
            data = self.call("conversations.replies", channel=channel, ts=ts, oldest=ts, inclusive=True, limit=2)
        except Failed as error:
            if str(error).endswith(("thread_not_found", "message_not_found")):
                return None
            raise
        return next((m for m in data.get("messages", []) if m.get("ts") == ts), None)

    def usergroup_members(self, group_id: str) -> list[str]:
        return list(self.call("usergroups.users.list", usergroup=group_id).get("users", []))

    def usergroup_ids(self) -> dict[str, str]:
        """Handle (without the @) -> id of every enabled user group of the team, in one usergroups.list call."""
        groups = self.call("usergroups.list").get("usergroups", [])
        return {g["handle"]: g["id"] for g in groups if g.get("handle") and g.get("id") and not g.get("date_delete")}

    def upload(self, channel: str, filename: str, content: bytes, *, title: str | None = None,
               comment: str | None = None) -> str:
        """Share a file in a channel (Markdown export, chart); returns the file id."""
        if self.before_call is not None:
            self.before_call()
        self._pace("files.completeUploadExternal", None)  # files_upload_v2 makes its calls itself
        data = self._answer("files.upload", lambda: self.client.files_upload_v2(
            channel=channel, filename=filename, content=content, title=title or filename, initial_comment=comment))
        uploaded = data.get("file") or (data.get("files") or [{}])[0]
        return uploaded.get("id", "")
