"""What a person does on the page, sent to the app as Slack would send it: slash commands, clicks, forms, 📌."""
from __future__ import annotations

import time

from slackstandin.app_requests import block_actions_body, event_callback_body, slash_command_body, view_submission_body
from slackstandin.console.link import Answer
from slackstandin.console.state import Console, Refused

COMMAND = "/crisis"  # the one slash command the drill's app has


def type_text(console: Console, user: str, channel_id: str, text: str) -> str:
    """The composer: `/crisis …` goes to the app as a slash command, anything else is a message in the channel."""
    text = text.strip()
    if not text:
        raise Refused("type something first")
    channel_name = _enter(console, user, channel_id)
    if not text.startswith("/"):
        ts = console.standin.add_message(channel_id, text, user_id=user)
        with console.lock:
            console.said_at[(channel_id, ts)] = time.time()
        console.changed()
        return "sent"
    word, _, rest = text.partition(" ")
    if word != COMMAND:
        raise Refused(f"{word} is not a command here; the drill's app has {COMMAND}")
    person = console.person(user)
    response_url = console.standin.new_response_url(channel=channel_id, user=user)
    body = slash_command_body(rest.strip(), command=COMMAND, user_id=user, channel_id=channel_id,
                              channel_name=channel_name, response_url=response_url, user_name=person.key,
                              trigger_id=console.acted(user))
    _show_failure(console, console.link.slack(body), channel_id, user, what=COMMAND)
    return "sent"


def click(console: Console, user: str, channel_id: str, message: dict, action: dict, ephemeral: bool) -> str:
    """A button: a signed block_actions with the message it sits on, as Slack posts it to the app."""
    channel_name = _enter(console, user, channel_id)
    person = console.person(user)
    response_url = console.standin.new_response_url(channel=channel_id, user=user)
    body = block_actions_body(str(action.get("action_id") or ""), str(action.get("value") or ""), user_id=user,
                              channel_id=channel_id, message_ts=str(message.get("ts") or ""),
                              response_url=response_url, block_id=str(action.get("block_id") or ""),
                              channel_name=channel_name, message_text=str(message.get("text") or ""),
                              message_blocks=message.get("blocks") or [], user_name=person.key,
                              is_ephemeral=ephemeral, trigger_id=console.acted(user))
    _show_failure(console, console.link.slack(body), channel_id, user, what="that button")
    return "sent"


def submit(console: Console, user: str, view_id: str, values: dict) -> str:
    """A modal's Submit: a view_submission; the app's answer closes the modal, updates it, or shows errors."""
    person = console.person(user)
    modal = console.modal(view_id, user)
    view = modal.view
    title = (view.get("title") or {}).get("text") or ""
    body = view_submission_body(str(view.get("callback_id") or ""), values, user_id=user, user_name=person.key,
                                private_metadata=str(view.get("private_metadata") or ""), view_id=view_id,
                                title=title, blocks=view.get("blocks") or [], trigger_id=console.acted(user))
    answer = console.link.slack(body)
    if not answer.ok:
        raise Refused(f"the app answered {answer.status}; the form stays open")
    reply = answer.body if isinstance(answer.body, dict) else {}
    action = reply.get("response_action")
    if action == "errors":
        console.settle_modal(view_id, errors=reply.get("errors") or {})
        return "errors"
    console.settle_modal(view_id, view=reply.get("view") if action in ("update", "push") else None)
    return "submitted"


def close(console: Console, user: str, view_id: str) -> str:
    """Cancel: Slack tells the app only when it asked (notify_on_close), which ours does not."""
    console.modal(view_id, user)
    console.settle_modal(view_id)
    return "closed"


def react(console: Console, user: str, channel_id: str, ts: str, author: str | None) -> str:
    """📌 on a message: the reaction_added event Slack sends the app."""
    _enter(console, user, channel_id)
    with console.lock:
        pinners = console.reactions.setdefault((channel_id, ts), [])
        if user in pinners:
            raise Refused("you reacted with :pushpin: already")
        pinners.append(user)
    event = {"type": "reaction_added", "user": user, "reaction": "pushpin", "item_user": author or "",
             "item": {"type": "message", "channel": channel_id, "ts": ts}, "event_ts": f"{time.time():.6f}"}
    body = event_callback_body(event)
    console.changed()
    _show_failure(console, console.link.slack(body, content_type="application/json"), channel_id, user,
                  what="the reaction")
    return "sent"


def _enter(console: Console, user: str, channel_id: str) -> str:
    """The conversation's name; a person joins a public channel on first use, as Slack's "Join" does."""
    console.person(user)
    standin = console.standin
    with standin.lock:
        channel = standin.workspace.channels.get(channel_id)
        if channel is None:
            raise Refused("no such conversation")
        if user in channel.members:
            return channel.name or "directmessage"
        if channel.is_private or channel.is_im or channel.is_mpim:
            raise Refused("only its members can write here")
        channel.members.append(user)
        name = channel.name or ""
    console.changed(channel=channel_id, user=None, text=f"<@{user}> joined #{name}")
    return name


def _show_failure(console: Console, answer: Answer, channel_id: str, user: str, *, what: str) -> None:
    """Slack shows the person an app's failure, or the text of an ack that carried an answer, ephemerally."""
    if not answer.ok:
        console.changed(channel=channel_id, user=user, text=f"{what} failed: the app answered {answer.status}")
    elif isinstance(answer.body, dict) and answer.body.get("text"):
        console.changed(channel=channel_id, user=user, text=str(answer.body["text"]))
    else:
        console.changed()
