"""`/crisis <subcommand>`: ack first, parse, ask the feature, answer the person who typed it.

Also Bolt's error handler for every listener: a request from Slack that some code could not handle (an odd
interactivity payload, a number Python cannot read) gets an ephemeral answer and a 200, never an HTTP error."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence

from slack_bolt import Ack, App, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError

from escalation.incidents import Outcome
from handlers import drills, incidents, review, room, schedules, signals, templates
from handlers.markup import drill_answer, said
from handlers.subcommands import Commands

log = logging.getLogger(__name__)

# The order of /crisis help: the incident first, then the room, templates, review, signals, on-call and drills.
HELP = "\n".join(["*crisisdesk* — `/crisis <subcommand>`",
                  *(line for feature in (incidents, room, templates, review, signals, schedules, drills)
                    for line in feature.HELP_LINES),
                  "• `/crisis help` — this list",
                  "Outside an incident channel, name the incident: `/crisis ack #crisis-20261121-bojkot` or "
                  "`/crisis ack #42`."])


UNKNOWN = "I don't know what to do with that: nothing was changed. `/crisis help` lists what I can do."
FAILED = ("Sorry, I could not read that request, so it did nothing more. Check the command with `/crisis help`; "
          "name an incident as `#42` or `#crisis-...`.")

FORM_FAILED_TEXT = "Sorry, I could not read this form, so nothing was saved. Close it and try again."
FORM_FAILED = {"response_action": "update", "view": {
    "type": "modal", "title": {"type": "plain_text", "text": "crisisdesk"},
    "blocks": [{"type": "section", "text": {"type": "plain_text", "text": FORM_FAILED_TEXT}}]}}


class KeptAck(Ack):
    """Bolt's Ack, except that an answer once given stays given.

    When a listener raises after it acked, Bolt's thread runner sets the ack's answer back to None; the request
    still waiting for it then sees no ack and answers Slack 404 three seconds later (what `/crisis ack ²` did)."""

    def __init__(self) -> None:
        self._kept: BoltResponse | None = None
        super().__init__()

    @property
    def response(self) -> BoltResponse | None:
        return self._kept

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is not None or self._kept is None:
            self._kept = value


def keep_ack(context, next_) -> None:
    context["ack"] = KeptAck()
    next_()


def answer_error(error: Exception, body: dict, response: BoltResponse | None, respond) -> BoltResponse | None:
    """Bolt's global error handler: tell the person, if Slack gave us a way to, and answer Slack 200."""
    unknown = isinstance(error, BoltUnhandledRequestError)
    if unknown:
        log.info("nothing handles this %s request", body.get("type") or body.get("command") or "Slack")
    else:
        log.error("a Slack request failed: %s: %s", type(error).__name__, error, exc_info=error)
    if respond is not None and body.get("response_url"):
        try:
            respond(text=UNKNOWN if unknown else FAILED, response_type="ephemeral", replace_original=False)
        except Exception as failed:  # a response_url that does not answer: the log above is all we can do
            log.warning("could not answer the failed request: %s", failed)
    if response is None:  # the listener had acked already: Slack has its 200
        return None
    if body.get("type") == "view_submission":  # a modal has no response_url: say it in the modal
        return BoltResponse(status=200, headers={"content-type": "application/json"}, body=json.dumps(FORM_FAILED))
    return BoltResponse(status=200, body="")


def register(app: App, features: Sequence[Commands], footer: str = "",
             drill_channel: Callable[[str | None], bool] = lambda _: False) -> None:
    """`/crisis` and the error handler; `footer` ends the help (the team's social-media policy); `drill_channel`
    tells whether a channel is a drill incident's, where every answer says DRILL."""
    help_text = f"{HELP}\n{footer}" if footer else HELP
    subcommands = {word: f for feature in features for word, f in feature.subcommands.items()}
    app.middleware(keep_ack)
    app.error(answer_error)

    @app.command("/crisis")
    def crisis(ack, command, respond, client):
        ack()
        text = command.get("text") or ""
        if "\x00" in text:  # no database stores it, and no keyboard types it
            respond(text="That command holds a NUL character; type it again without it.", response_type="ephemeral")
            return
        word, _, rest = text.strip().partition(" ")
        word = word.lower()
        if word in ("", "help"):
            respond(text=help_text, response_type="ephemeral")
            return
        subcommand = subcommands.get(word)
        if subcommand is None:
            respond(text=f"I don't know `/crisis {word}`.\n{help_text}", response_type="ephemeral")
            return
        answer = subcommand(command, rest.strip(), client=client)
        if answer is None:  # the subcommand answered by itself (e.g. opened a modal)
            return
        words = spoken(answer)
        # Typed in a drill's channel, an answer says DRILL, unless it names an incident (`#42`): then it is about
        # that one, and an answer about a drill's incident says so already (its Outcome).
        if not names_incident(rest) and drill_channel(command.get("channel_id")):
            words = drill_answer(words)
        # Ephemeral unless the subcommand says otherwise (`/crisis drill` tells the channel a drill started).
        respond(**{"response_type": "ephemeral", **words})


def names_incident(rest: str) -> bool:
    """Whether a command names an incident: `#42`, `#crisis-…` or a channel link."""
    return any(word.startswith(("#", "<#")) for word in rest.split())


def spoken(answer: str | dict | Outcome) -> dict:
    """A subcommand's answer as respond() arguments: an outcome about a drill's incident says DRILL, once."""
    if isinstance(answer, Outcome):
        return {"text": said(answer)}
    return {"text": answer} if isinstance(answer, str) else answer
