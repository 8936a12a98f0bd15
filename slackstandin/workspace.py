"""The fake workspace: people, channels, messages and files, with the ids and timestamps Slack would give them."""
from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field

from slackstandin.rules import SlackError, channel_name_error

TEAM_ID = "T0STANDIN"
TEAM_NAME = "Crisisdesk Stand-in"
TEAM_DOMAIN = "crisisdesk-standin"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
BOT_NAME = "crisisdesk"
APP_ID = "A0STANDIN"


@dataclass
class Channel:
    """One conversation: a public or private channel, a DM, or a group DM."""

    id: str
    name: str | None
    created: int
    creator: str
    is_private: bool = False
    is_im: bool = False
    is_mpim: bool = False
    dm_user: str | None = None
    members: list[str] = field(default_factory=list)
    topic: str = ""
    topic_creator: str = ""
    topic_last_set: int = 0
    pins: list[str] = field(default_factory=list)
    history: dict[str, dict] = field(default_factory=dict)  # ts -> stored message


class MessageClock:
    """Hands out message timestamps that are unique and increasing, even while freezegun holds time still."""

    def __init__(self):
        self._last = (0, 0)

    def next_ts(self) -> str:
        """The next ts, like Slack's "1700000000.000100": the current second plus a sequence within it."""
        seconds, seq = int(time.time()), 1
        last_seconds, last_seq = self._last
        if seconds <= last_seconds:
            seconds, seq = last_seconds, last_seq + 1
            if seq > 9999:
                seconds, seq = seconds + 1, 1
        self._last = (seconds, seq)
        return f"{seconds}.{seq * 100:06d}"


class Workspace:
    """State of one team, owned by a bot user that holds the token; callers hold the stand-in's lock."""

    def __init__(self, token: str):
        self.token = token
        self.base_url = ""  # where the stand-in listens, once started; upload URLs point here
        self.users: dict[str, dict] = {}
        self.usergroups: dict[str, dict] = {}
        self.channels: dict[str, Channel] = {}
        self.files: dict[str, dict] = {}
        self.triggers: dict[str, str] = {}  # trigger_id -> the user whose interaction it came with
        self.clock = MessageClock()
        self._counters = {prefix: itertools.count(1) for prefix in "CDGF"}
        self._dms: dict[str, str] = {}
        self._group_dms: dict[frozenset, str] = {}
        self.add_user(BOT_USER_ID, BOT_NAME, is_bot=True)

    def new_id(self, prefix: str) -> str:
        """A fresh id such as C0001, D0001 or F0001."""
        return f"{prefix}{next(self._counters[prefix]):04d}"

    def issue_trigger(self, user_id: str) -> str:
        """A new trigger_id, shaped like Slack's ("<n>.<n>.<hex>"), for one interaction of `user_id`."""
        trigger = f"{len(self.triggers) + 1}.{int(time.time())}.{secrets.token_hex(10)}"
        self.triggers[trigger] = user_id
        return trigger

    def add_user(self, user_id: str, name: str, email: str | None = None, is_bot: bool = False, *,
                 real_name: str | None = None, tz: str = "UTC") -> dict:
        """Add (or replace) a person or bot."""
        self.users[user_id] = {"id": user_id, "name": name, "email": email, "is_bot": is_bot,
                               "real_name": real_name or name, "tz": tz}
        return self.users[user_id]

    def add_usergroup(self, group_id: str, handle: str, user_ids) -> None:
        """Add a user group (a @handle); every member must already be a user."""
        self.require_users(user_ids)
        self.usergroups[group_id] = {"id": group_id, "handle": handle, "users": list(user_ids)}

    def require_users(self, user_ids) -> None:
        """Fail loudly on a user id nobody added, which in a test is almost always a typo."""
        unknown = [u for u in user_ids if u not in self.users]
        if unknown:
            raise ValueError(f"unknown user ids {unknown}; add_user them first")

    def create_channel(self, name: str, *, is_private: bool = False, creator: str = BOT_USER_ID,
                       member_ids=(), channel_id: str | None = None) -> Channel:
        """Create a channel under Slack's naming rules, raising SlackError as conversations.create would.

        `channel_id` gives an existing channel the id a config names (a drill seeds C05ONCALL1 and the like)."""
        error = channel_name_error(name)
        if error is None and self.channel_named(name) is not None:
            error = "name_taken"
        if channel_id is not None and channel_id in self.channels:
            error = "name_taken"
        if error is not None:
            raise SlackError(error)
        channel = Channel(id=channel_id or self.new_id("C"), name=name, created=int(time.time()), creator=creator,
                          is_private=is_private, members=list(dict.fromkeys(member_ids)))
        self.channels[channel.id] = channel
        return channel

    def channel_named(self, name: str) -> Channel | None:
        """The channel with this name (a leading '#' is ignored), if any."""
        name = name.lstrip("#")
        return next((c for c in self.channels.values() if c.name == name), None)

    def dm_with(self, user_id: str) -> Channel:
        """The bot's DM with a user, opened on first use and the same ever after."""
        if user_id not in self._dms:
            channel = Channel(id=self.new_id("D"), name=None, created=int(time.time()), creator=BOT_USER_ID,
                              is_private=True, is_im=True, dm_user=user_id,
                              members=list(dict.fromkeys([user_id, BOT_USER_ID])))
            self.channels[channel.id] = channel
            self._dms[user_id] = channel.id
        return self.channels[self._dms[user_id]]

    def dm_id_of(self, user_id: str) -> str | None:
        """The id of the bot's DM with a user, or None if it was never opened."""
        return self._dms.get(user_id)

    def group_dm_with(self, user_ids: list[str]) -> Channel:
        """The bot's group DM with several users, the same for the same set of people."""
        key = frozenset(user_ids) | {BOT_USER_ID}
        if key not in self._group_dms:
            channel = Channel(id=self.new_id("G"), name="mpdm-" + "--".join(sorted(key)), created=int(time.time()),
                              creator=BOT_USER_ID, is_private=True, is_mpim=True,
                              members=list(dict.fromkeys([*user_ids, BOT_USER_ID])))
            self.channels[channel.id] = channel
            self._group_dms[key] = channel.id
        return self.channels[self._group_dms[key]]

    def visible_channel(self, ref: str | None) -> Channel:
        """The channel a bot call names by id or name; channel_not_found if missing or a private one it can't see."""
        channel = self.channels.get(ref or "") or (self.channel_named(ref) if ref else None)
        # Slack hides private channels from a bot that is not in them: they "don't exist".
        if channel is None or (channel.is_private and BOT_USER_ID not in channel.members):
            raise SlackError("channel_not_found")
        return channel

    def require_bot_in(self, channel: Channel) -> None:
        """Raise not_in_channel unless the bot is a member."""
        if BOT_USER_ID not in channel.members:
            raise SlackError("not_in_channel")

    def store_message(self, channel: Channel, *, user: str, text: str | None, blocks=None, attachments=None,
                      thread_ts: str | None = None) -> dict:
        """Put a message into a channel's history and return it as Slack would show it."""
        ts = self.clock.next_ts()
        message = {"type": "message", "ts": ts, "user": user, "text": text or "", "team": TEAM_ID}
        if user == BOT_USER_ID:
            message.update(bot_id=BOT_ID, app_id=APP_ID)
        for key, value in (("blocks", blocks), ("attachments", attachments), ("thread_ts", thread_ts)):
            if value is not None:
                message[key] = value
        channel.history[ts] = message
        return message

    def message_at(self, channel: Channel, ts: str | None) -> dict:
        """The message with this ts in the channel, or message_not_found."""
        message = channel.history.get(ts or "")
        if message is None:
            raise SlackError("message_not_found")
        return message

    def user_by_email(self, email: str) -> dict | None:
        """The user with this email, compared case-insensitively as Slack does."""
        email = email.strip().lower()
        return next((u for u in self.users.values() if (u["email"] or "").lower() == email), None)
