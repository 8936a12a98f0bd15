"""Modals and the Home tab: views.open and views.publish, with Slack's checks on the trigger and the view."""
from __future__ import annotations

import json

from slackstandin.rules import BLOCK_TYPES, SlackError
from slackstandin.wire import text_arg
from slackstandin.workspace import APP_ID, BOT_ID, TEAM_ID

# The trigger_id the request builders (tests/support/slack_requests.py) put in every slash command, click and
# submission: the one Slack would have handed the bot. Any other trigger is one Slack never issued.
ISSUED_TRIGGERS = {"13345224609.738474920.8088930838d88f008e0"}
MAX_TITLE, MAX_BUTTON, MAX_BLOCKS = 24, 24, 100
MAX_CALLBACK_ID, MAX_METADATA = 255, 3000


def open_view(ws, rec, args: dict) -> dict:
    """Open a modal for the person whose interaction issued the trigger."""
    trigger = text_arg(args, "trigger_id") or text_arg(args, "interactivity_pointer")
    view = _view_arg(args.get("view"))
    if trigger is None:
        raise SlackError("invalid_arguments", response_metadata={"messages": [
            "[ERROR] missing required field: trigger_id"]})
    if trigger not in ISSUED_TRIGGERS and trigger not in ws.triggers:  # ws.triggers: issued per interaction
        raise SlackError("invalid_trigger_id")
    problems = list(view_problems(view))
    if problems:
        raise SlackError("invalid_arguments", response_metadata={"messages": problems})
    opened = sum(1 for c in rec.calls if c.method == "views.open" and c.response.get("ok"))
    view_id = f"V{opened + 1:08d}"
    return {"view": {"id": view_id, "team_id": TEAM_ID, "type": view["type"], "title": view["title"],
                     "submit": view.get("submit"), "close": view.get("close"), "blocks": view.get("blocks", []),
                     "private_metadata": view.get("private_metadata", ""), "callback_id": view.get("callback_id", ""),
                     "state": {"values": {}}, "hash": f"{opened + 1}.standin", "clear_on_close": False,
                     "notify_on_close": False, "previous_view_id": None, "root_view_id": view_id, "app_id": APP_ID,
                     "external_id": view.get("external_id", ""), "app_installed_team_id": TEAM_ID,
                     "bot_id": BOT_ID}}


def publish_view(ws, rec, args: dict) -> dict:
    """Publish a person's Home tab: a `home` view, for a user of the workspace; the latest one wins."""
    user = text_arg(args, "user_id")
    view = _view_arg(args.get("view"))
    if user is None:
        raise SlackError("invalid_arguments", response_metadata={"messages": [
            "[ERROR] missing required field: user_id"]})
    if user not in ws.users:
        raise SlackError("user_not_found")
    problems = list(home_problems(view))
    if problems:
        raise SlackError("invalid_arguments", response_metadata={"messages": problems})
    published = sum(1 for c in rec.calls if c.method == "views.publish" and c.response.get("ok"))
    view_id = f"VH{published + 1:07d}"
    return {"view": {"id": view_id, "team_id": TEAM_ID, "type": "home", "close": None, "submit": None,
                     "blocks": view.get("blocks", []), "private_metadata": view.get("private_metadata", ""),
                     "callback_id": view.get("callback_id", ""), "state": {"values": {}},
                     "hash": f"{published + 1}.standin", "clear_on_close": False, "notify_on_close": False,
                     "root_view_id": view_id, "previous_view_id": None, "app_id": APP_ID,
                     "external_id": view.get("external_id", ""), "app_installed_team_id": TEAM_ID,
                     "bot_id": BOT_ID}}


def home_problems(view: dict):
    """Slack's reasons to refuse a Home tab: its type, its blocks, no input blocks without an action."""
    if view.get("type") != "home":
        yield "[ERROR] must be one of: home [json-pointer:/view/type]"
    blocks = view.get("blocks")
    if not isinstance(blocks, list):
        yield "[ERROR] missing required field: blocks [json-pointer:/view/blocks]"
        return
    if len(blocks) > MAX_BLOCKS:
        yield f"[ERROR] no more than {MAX_BLOCKS} items allowed [json-pointer:/view/blocks]"
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            yield f"[ERROR] unsupported type: {kind} [json-pointer:/view/blocks/{i}/type]"


def _view_arg(raw) -> dict:
    if raw is None or raw == "":
        raise SlackError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing required field: view"]})
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise SlackError("invalid_arguments", response_metadata={"messages": [
                "[ERROR] failed to parse json [json-pointer:/view]"]}) from None
    if not isinstance(raw, dict):
        raise SlackError("invalid_arguments", response_metadata={"messages": ["[ERROR] must be an object "
                                                                              "[json-pointer:/view]"]})
    return raw


def view_problems(view: dict):
    """Slack's reasons to refuse a modal, each with its json-pointer."""
    if view.get("type") != "modal":
        yield "[ERROR] must be one of: modal [json-pointer:/view/type]"
    yield from _plain_text(view.get("title"), MAX_TITLE, "/view/title", required=True)
    for button in ("submit", "close"):
        yield from _plain_text(view.get(button), MAX_BUTTON, f"/view/{button}", required=False)
    blocks = view.get("blocks")
    if not isinstance(blocks, list):
        yield "[ERROR] missing required field: blocks [json-pointer:/view/blocks]"
        return
    if len(blocks) > MAX_BLOCKS:
        yield f"[ERROR] no more than {MAX_BLOCKS} items allowed [json-pointer:/view/blocks]"
    for i, block in enumerate(blocks):
        where = f"/view/blocks/{i}"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            yield f"[ERROR] unsupported type: {kind} [json-pointer:{where}/type]"
        elif kind == "input":
            yield from _plain_text(block.get("label"), 2000, f"{where}/label", required=True)
            if not isinstance(block.get("element"), dict):
                yield f"[ERROR] missing required field: element [json-pointer:{where}]"
    if any(isinstance(b, dict) and b.get("type") == "input" for b in blocks) and not view.get("submit"):
        yield "[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]"
    if len(str(view.get("callback_id", ""))) > MAX_CALLBACK_ID:
        yield f"[ERROR] must be less than {MAX_CALLBACK_ID + 1} characters [json-pointer:/view/callback_id]"
    if len(str(view.get("private_metadata", ""))) > MAX_METADATA:
        yield f"[ERROR] must be less than {MAX_METADATA + 1} characters [json-pointer:/view/private_metadata]"


def _plain_text(obj, limit: int, where: str, *, required: bool):
    if obj is None:
        if required:
            yield f"[ERROR] missing required field: {where.rsplit('/', 1)[1]} [json-pointer:{where}]"
        return
    if not isinstance(obj, dict) or obj.get("type") != "plain_text":
        yield f"[ERROR] must be a plain_text object [json-pointer:{where}]"
    elif not obj.get("text"):
        yield f"[ERROR] must be more than 0 characters [json-pointer:{where}/text]"
    elif len(obj["text"]) > limit:
        yield f"[ERROR] must be less than {limit + 1} characters [json-pointer:{where}/text]"


HANDLERS = {"views.open": open_view, "views.publish": publish_view}
