"""Signed slash commands and interactivity payloads, fed anything (hypothesis): Slack always gets its 200 and the
person an answer; a body Bolt cannot read is a 400 that says why, never a 5xx. On PostgreSQL too when set."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.bot import SIGNING_SECRET
from tests.support.config import PEOPLE
from tests.support.slack_requests import block_actions_body, form_payload, signed_headers, view_submission_body
from tests.trust.fuzz_bodies import json_values, text

EXAMPLES = int(os.environ.get("CRISISDESK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
USER = PEOPLE[0][1]
ELSEWHERE = "C0ELSEWHERE"  # no incident's channel: every subcommand answers the person who typed it
WORDS = ["ack", "resolve", "severity", "type", "role", "log", "update", "page", "timeline", "template", "review",
         "pulse", "oncall", "override", "help", "ACK", "²", ""]
ACTIONS = ["incident_ack", "incident_resolve", "status_snooze_600", "template_use", "template_approve",
           "template_reject", "unknown_button"]


def answers_to(slack, user: str) -> list[str]:
    return [m.text or "" for m in slack.take_messages() if m.user == user]


typed = text.map(lambda s: s.encode("utf-8", "replace").decode())  # Slack sends UTF-8: no lone surrogates


def test_any_slash_command_is_answered_ephemerally(bot, slack, engine):
    @FUZZ
    @given(word=st.sampled_from(WORDS) | typed, rest=typed)
    def type_in(word: str, rest: str) -> None:
        opened = len(slack.calls("views.open"))
        answer = bot.slash(f"{word} {rest}", user=USER, channel=ELSEWHERE)
        assert (answer.status, answer.body) == (200, "")
        assert answers_to(slack, USER) or len(slack.calls("views.open")) > opened, (word, rest)

    type_in()


@pytest.mark.parametrize("text, answer", [
    ("ack ²",
     "`/crisis ack` takes no text. Write `/crisis ack` in the incident channel, or `/crisis ack #crisis-...`."),
    ("ack #²", None),
    ("ack #" + "9" * 30, None),
    ("log \x00", "That command holds a NUL character; type it again without it."),
])
def test_odd_numbers_and_characters_in_a_command_get_an_answer(bot, slack, text, answer):
    reply = bot.slash(text, user=USER, channel=ELSEWHERE)
    assert (reply.status, reply.body) == (200, "")
    said = answers_to(slack, USER)
    assert len(said) == 1
    if answer is not None:
        assert said == [answer]


users = st.fixed_dictionaries({"id": st.just(USER)}) | json_values


@st.composite
def clicks(draw) -> bytes:
    """A block_actions payload as Slack sends it, then some of it swapped for anything."""
    payload = json.loads(_form(block_actions_body(
        draw(st.sampled_from(ACTIONS)), "1", user_id=USER, channel_id=ELSEWHERE, message_ts="1.000001",
        response_url="http://127.0.0.1:1/nowhere")))
    action = payload["actions"][0]
    action["value"] = draw(json_values | st.sampled_from(["²", "9" * 30, "1:²", "-1", "1:1"]))
    if draw(st.booleans()):
        payload["user"] = draw(users)
    if draw(st.booleans()):
        payload[draw(st.sampled_from(["actions", "container", "message", "channel", "state"]))] = draw(json_values)
    return form_payload(payload)


@st.composite
def submissions(draw) -> bytes:
    payload = json.loads(_form(view_submission_body("template_propose", {}, user_id=USER)))
    view = payload["view"]
    view["state"] = {"values": draw(json_values)} if draw(st.booleans()) else draw(json_values)
    view["private_metadata"] = draw(st.sampled_from(["", "{", "[]", '{"key": 5}', "null"]) | text)
    if draw(st.booleans()):
        payload["user"] = draw(users)
    return form_payload(payload)


def _form(body: bytes) -> str:
    from urllib.parse import unquote
    return unquote(body.decode().removeprefix("payload="))


def test_any_button_or_form_gets_a_200_or_a_400_that_says_why(bot, slack, engine):
    @FUZZ
    @given(body=clicks() | submissions())
    def press(body: bytes) -> None:
        answer = bot.slack_request(body)
        assert answer.status in (200, 400), answer
        if answer.status == 400:
            assert isinstance(answer.body, dict) and answer.body["error"].startswith("body is not a Slack request")
        slack.take_messages()

    press()


@pytest.mark.parametrize("payload, error", [
    ({"type": "block_actions", "user": {"id": USER}},
     "body is not a Slack request: actions: expected a non-empty list"),
    ({"type": "block_actions", "user": {"id": USER}, "actions": []},
     "body is not a Slack request: actions: expected a non-empty list"),
    ({"type": "block_actions", "actions": [{"action_id": "incident_ack", "value": "1"}]},
     "body is not a Slack request: user: expected an object with an id"),
    ({"type": "view_submission", "user": {"id": USER}, "view": "x"},
     "body is not a Slack request: view: expected an object with a callback_id"),
])
def test_interactivity_payloads_slack_never_sends_are_a_400_naming_the_field(bot, payload, error):
    answer = bot.slack_request(form_payload(payload))
    assert (answer.status, answer.body) == (400, {"error": error})


BROKEN_ACK = "This button is broken; use `/crisis` in the incident channel."
BROKEN_USE = "This button is broken; fetch the template again."
BROKEN_SNOOZE = "This button is broken; wait for the next reminder."


# `²` is a digit to str.isdigit() but int() refuses it; 30 digits overflow a bigint on PostgreSQL (and SQLite).
@pytest.mark.parametrize("action_id, value, said", [
    ("incident_ack", "²", BROKEN_ACK), ("incident_ack", "9" * 30, BROKEN_ACK),
    ("incident_resolve", "9" * 30, BROKEN_ACK),
    ("template_use", "1:²", BROKEN_USE), ("template_use", "9" * 30 + ":1", BROKEN_USE),
    ("status_snooze_1800", "9" * 30 + ":1800", BROKEN_SNOOZE), ("status_snooze_1800", "1:²", BROKEN_SNOOZE),
    ("template_approve", "9" * 30, None),  # nothing to say: no proposal could carry it
])
def test_a_button_with_a_number_we_never_wrote_gets_an_ephemeral_answer(bot, slack, action_id, value, said):
    response_url = slack.new_response_url(channel=ELSEWHERE, user=USER)
    body = block_actions_body(action_id, value, user_id=USER, channel_id=ELSEWHERE, message_ts="1.000001",
                              response_url=response_url)
    answer = bot.slack_request(body)
    assert (answer.status, answer.body) == (200, "")
    assert answers_to(slack, USER) == ([said] if said else [])


def test_a_form_with_unreadable_metadata_is_told_so_in_the_modal(bot):
    body = view_submission_body("template_propose", {}, user_id=USER, private_metadata="{")
    answer = bot.slack_request(body)
    assert answer.status == 200
    assert answer.body["response_action"] == "update"
    assert answer.body["view"]["blocks"][0]["text"]["text"] == (
        "Sorry, I could not read this form, so nothing was saved. Close it and try again.")


def test_signed_garbage_is_a_400_not_a_500(bot):
    for body, kind in [(b"payload=%7B", None), (b"payload=%5B1%5D", None), (b"\xff\xfe", None),
                       (b"[1, 2]", "application/json")]:
        answer = bot.slack_request(body, signed_headers(body, SIGNING_SECRET, content_type=kind))
        assert answer.status == 400 and answer.body["error"].startswith("body is not"), (body, answer)
