"""How Slack's JSON objects look on the wire: conversations, users, files and permalinks."""
from __future__ import annotations

from slackstandin.workspace import BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, Channel


def conversation(channel: Channel) -> dict:
    """A conversation object as conversations.create/info/invite return it, seen by the bot."""
    if channel.is_im:
        return {"id": channel.id, "created": channel.created, "is_im": True, "is_org_shared": False,
                "user": channel.dm_user, "is_user_deleted": False, "priority": 0}
    return {
        "id": channel.id,
        "name": channel.name,
        "name_normalized": channel.name,
        "created": channel.created,
        "creator": channel.creator,
        "is_channel": not channel.is_mpim,
        "is_group": False,
        "is_im": False,
        "is_mpim": channel.is_mpim,
        "is_private": channel.is_private,
        "is_archived": False,
        "is_general": False,
        "is_shared": False,
        "is_ext_shared": False,
        "is_org_shared": False,
        "is_pending_ext_shared": False,
        "is_member": BOT_USER_ID in channel.members,
        "num_members": len(channel.members),
        "unlinked": 0,
        "pending_shared": [],
        "previous_names": [],
        "topic": {"value": channel.topic, "creator": channel.topic_creator, "last_set": channel.topic_last_set},
        "purpose": {"value": "", "creator": "", "last_set": 0},
    }


def user(record: dict) -> dict:
    """A user object as users.info and users.lookupByEmail return it."""
    profile = {
        "real_name": record["real_name"],
        "real_name_normalized": record["real_name"],
        "display_name": record["name"],
        "display_name_normalized": record["name"],
        "team": TEAM_ID,
    }
    if record["email"]:
        profile["email"] = record["email"]
    if record["id"] == BOT_USER_ID:
        profile["bot_id"] = BOT_ID
    return {
        "id": record["id"],
        "team_id": TEAM_ID,
        "name": record["name"],
        "real_name": record["real_name"],
        "deleted": False,
        "is_bot": record["is_bot"],
        "is_app_user": False,
        "is_admin": False,
        "is_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "tz": record["tz"],
        "profile": profile,
    }


def usergroup(record: dict, *, users: bool = False, count: bool = False) -> dict:
    """A usergroup object as usergroups.list returns it; `users` and `user_count` only when asked for."""
    shaped = {"id": record["id"], "team_id": TEAM_ID, "is_usergroup": True, "name": record["handle"],
              "description": "", "handle": record["handle"], "is_external": False, "date_create": 1700000000,
              "date_update": 1700000000, "date_delete": 0, "auto_type": None, "created_by": BOT_USER_ID,
              "updated_by": BOT_USER_ID, "deleted_by": None, "prefs": {"channels": [], "groups": []}}
    if users:
        shaped["users"] = list(record["users"])
    if count:
        shaped["user_count"] = str(len(record["users"]))  # Slack sends the count as a string
    return shaped


def file(record: dict) -> dict:
    """A file object as files.completeUploadExternal returns it (without the bytes)."""
    return {
        "id": record["id"],
        "name": record["name"],
        "title": record["title"],
        "size": record["size"],
        "user": BOT_USER_ID,
        "created": record["created"],
        "channels": [c for c in record["channels"] if c.startswith("C")],
        "groups": [c for c in record["channels"] if c.startswith("G")],
        "ims": [c for c in record["channels"] if c.startswith("D")],
        "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{BOT_USER_ID}/{record['id']}/{record['name']}",
    }


def permalink(channel_id: str, ts: str) -> str:
    """A message permalink in Slack's format: /archives/<channel>/p<ts without the dot>."""
    return f"https://{TEAM_DOMAIN}.slack.com/archives/{channel_id}/p{ts.replace('.', '')}"
