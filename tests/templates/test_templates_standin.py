"""The stand-in's views.open, through the real slack_sdk WebClient: Slack's checks on the trigger and the modal."""
from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.templates.blocks import propose_view
from slackstandin import Standin
from tests.support.slack_requests import TRIGGER_ID

TOKEN = "xoxb-standin"
MODAL = {"type": "modal", "callback_id": "x", "title": {"type": "plain_text", "text": "Propose a template"},
         "submit": {"type": "plain_text", "text": "Send"},
         "blocks": [{"type": "input", "block_id": "body", "label": {"type": "plain_text", "text": "Text"},
                     "element": {"type": "plain_text_input", "action_id": "body"}}]}


@pytest.fixture
def standin():
    with Standin(token=TOKEN) as s:
        yield s


@pytest.fixture
def client(standin):
    return WebClient(token=TOKEN, base_url=standin.api_url, retry_handlers=[])


def refused(client, **kwargs) -> dict:
    with pytest.raises(SlackApiError) as raised:
        client.views_open(**kwargs)
    return dict(raised.value.response.data)


def test_views_open_answers_the_view_and_is_recorded(standin, client):
    answer = client.views_open(trigger_id=TRIGGER_ID, view=propose_view())
    assert answer["ok"] is True
    assert (answer["view"]["id"], answer["view"]["callback_id"], answer["view"]["state"]) == (
        "V00000001", "template_propose", {"values": {}})
    assert client.views_open(trigger_id=TRIGGER_ID, view=MODAL)["view"]["id"] == "V00000002"
    [first, second] = standin.calls("views.open")
    assert (first.args["trigger_id"], first.args["view"]["callback_id"], second.args["view"]["callback_id"]) == (
        TRIGGER_ID, "template_propose", "x")


def test_a_trigger_slack_never_issued_is_invalid(client):
    assert refused(client, trigger_id="12345.98765.abcd2358fdea", view=MODAL) == {
        "ok": False, "error": "invalid_trigger_id"}


def test_a_missing_trigger_or_view_is_named(client):
    assert refused(client, view=MODAL) == {"ok": False, "error": "invalid_arguments", "response_metadata": {
        "messages": ["[ERROR] missing required field: trigger_id"]}}
    with pytest.raises(SlackApiError) as raised:
        client.api_call("views.open", json={"trigger_id": TRIGGER_ID})
    assert raised.value.response.data == {"ok": False, "error": "invalid_arguments", "response_metadata": {
        "messages": ["[ERROR] missing required field: view"]}}


@pytest.mark.parametrize("change, message", [
    ({"type": "home"}, "[ERROR] must be one of: modal [json-pointer:/view/type]"),
    ({"title": {"type": "plain_text", "text": "A title that is far too long"}},
     "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"),
    ({"title": {"type": "mrkdwn", "text": "Title"}}, "[ERROR] must be a plain_text object [json-pointer:/view/title]"),
    ({"blocks": [{"type": "divider"}] * 101}, "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"),
    ({"blocks": [{"type": "sectoin"}]}, "[ERROR] unsupported type: sectoin [json-pointer:/view/blocks/0/type]"),
    ({"submit": None}, "[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]"),
    ({"private_metadata": "x" * 3001},
     "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]"),
])
def test_a_view_slack_would_not_show_is_refused_with_its_reason(client, change, message):
    view = {**MODAL, **change}
    view = {k: v for k, v in view.items() if v is not None}
    assert refused(client, trigger_id=TRIGGER_ID, view=view) == {
        "ok": False, "error": "invalid_arguments", "response_metadata": {"messages": [message]}}
