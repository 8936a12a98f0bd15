"""Who is who: auth.test, users.info, users.lookupByEmail, usergroups.list and usergroups.users.list;
apps.connections.open refuses."""
from __future__ import annotations

from slackstandin import shapes
from slackstandin.rules import SlackError
from slackstandin.wire import flag_arg, text_arg
from slackstandin.workspace import BOT_ID, BOT_NAME, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME


def auth_test(ws, rec, args: dict) -> dict:
    """Who the token belongs to: always the stand-in's bot."""
    return {"url": f"https://{TEAM_DOMAIN}.slack.com/", "team": TEAM_NAME, "user": BOT_NAME, "team_id": TEAM_ID,
            "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}


def apps_connections_open(ws, rec, args: dict) -> dict:
    """Socket Mode's WebSocket URL wants an app-level token: the bot token (the only one the stand-in knows) is the
    wrong type, and any other token was refused before this; the stand-in has no Socket Mode to offer."""
    raise SlackError("not_allowed_token_type")


def users_info(ws, rec, args: dict) -> dict:
    """One user by id."""
    record = ws.users.get(text_arg(args, "user") or "")
    if record is None:
        raise SlackError("user_not_found")
    return {"user": shapes.user(record)}


def users_lookup_by_email(ws, rec, args: dict) -> dict:
    """One user by email; users_not_found for anyone else, bots included."""
    email = text_arg(args, "email")
    if email is None:
        raise SlackError("invalid_arguments")
    record = ws.user_by_email(email)
    if record is None:
        raise SlackError("users_not_found")
    return {"user": shapes.user(record)}


def usergroups_list(ws, rec, args: dict) -> dict:
    """Every user group of the team as Slack's usergroup objects; their members and count only when asked for."""
    users, count = flag_arg(args, "include_users"), flag_arg(args, "include_count")
    return {"usergroups": [shapes.usergroup(g, users=users, count=count) for g in ws.usergroups.values()]}


def usergroups_users_list(ws, rec, args: dict) -> dict:
    """The user ids in a user group."""
    group = ws.usergroups.get(text_arg(args, "usergroup") or "")
    if group is None:
        raise SlackError("no_such_subteam")
    return {"users": list(group["users"])}


HANDLERS = {
    "auth.test": auth_test,
    "apps.connections.open": apps_connections_open,
    "users.info": users_info,
    "users.lookupByEmail": users_lookup_by_email,
    "usergroups.list": usergroups_list,
    "usergroups.users.list": usergroups_users_list,
}
