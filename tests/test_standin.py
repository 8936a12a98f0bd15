"""The Slack stand-in, driven through the real slack_sdk WebClient: Slack's rules, recording, and faults."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import URLError

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from slackstandin import Standin
from slackstandin.cli import main

TOKEN = "xoxb-standin"
BOT = Standin.BOT_USER_ID
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def standin():
    with Standin(token=TOKEN) as s:
        s.add_user("U0ANNA", "anna", "anna@example.com")
        s.add_user("U0BART", "bart", "bart@example.com")
        yield s


@pytest.fixture
def client(standin):
    return WebClient(token=TOKEN, base_url=standin.api_url, retry_handlers=[])


@pytest.fixture
def incident(client):
    """A channel the bot created (so is in) with Anna invited."""
    channel_id = client.conversations_create(name="inc-12-negative-mentions")["channel"]["id"]
    client.conversations_invite(channel=channel_id, users="U0ANNA")
    return channel_id


def error_of(call, *args, **kwargs) -> str:
    """The ok:false error a call fails with, checking Slack sends it as HTTP 200."""
    with pytest.raises(SlackApiError) as raised:
        call(*args, **kwargs)
    assert raised.value.response.status_code == 200
    return raised.value.response["error"]


def raw(url: str, body: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, decoded body) of a plain HTTP request."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


# -- the wire and authentication ---------------------------------------------------------------------------------

def test_urls_end_with_api_slash_for_the_webclient(standin):
    assert standin.api_url == f"http://127.0.0.1:{standin.port}/api/"
    assert standin.base_url == f"http://127.0.0.1:{standin.port}/"


def test_auth_test_names_the_bot_and_team(client):
    answer = client.auth_test()
    assert (answer["user_id"], answer["user"], answer["team_id"]) == ("U0BOT", "crisisdesk", "T0STANDIN")


def test_missing_token_is_not_authed_and_wrong_token_invalid_auth(standin):
    assert error_of(WebClient(base_url=standin.api_url, retry_handlers=[]).auth_test) == "not_authed"
    assert error_of(WebClient(token="xoxb-nope", base_url=standin.api_url, retry_handlers=[]).auth_test) \
        == "invalid_auth"


def test_token_may_come_as_a_form_argument(standin):
    status, body = raw(standin.api_url + "users.lookupByEmail", b"token=xoxb-standin&email=anna%40example.com",
                       {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["user"]["id"] == "U0ANNA"


def test_get_with_a_query_string_is_read(standin):
    status, body = raw(standin.api_url + "users.lookupByEmail?email=bart%40example.com",
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200 and json.loads(body)["user"]["id"] == "U0BART"


def test_a_token_inside_a_json_body_does_not_count(standin):
    status, body = raw(standin.api_url + "auth.test", json.dumps({"token": TOKEN}).encode(),
                       {"Content-Type": "application/json"})
    assert (status, json.loads(body)["error"]) == (200, "not_authed")


def test_unknown_methods_are_refused(client):
    assert error_of(client.api_call, "chat.frobnicate") == "unknown_method"


# -- conversations -----------------------------------------------------------------------------------------------

def test_create_answers_a_channel_the_bot_is_in(client, standin):
    channel = client.conversations_create(name="inc-7")["channel"]
    assert channel["id"].startswith("C") and channel["name"] == "inc-7" and channel["is_member"] is True
    assert standin.members(channel["id"]) == [BOT]
    assert standin.channel_named("inc-7")["id"] == channel["id"]
    assert standin.channel_named("inc-8") is None


def test_create_private_channel(client, standin):
    channel = client.conversations_create(name="inc-legal", is_private=True)["channel"]
    assert channel["is_private"] is True and standin.channel_named("inc-legal")["is_private"] is True


@pytest.mark.parametrize("name, error", [
    ("", "invalid_name_required"),
    ("x" * 81, "invalid_name_maxlength"),
    ("Incident-12", "invalid_name_specials"),
    ("inc 12", "invalid_name_specials"),
    ("inc#12", "invalid_name_specials"),
    ("---", "invalid_name_punctuation"),
    ("_-_", "invalid_name_punctuation"),
])
def test_create_refuses_names_slack_refuses(client, name, error):
    assert error_of(client.conversations_create, name=name) == error


def test_create_accepts_the_longest_name_and_lowercase_letters_of_any_script(client):
    client.conversations_create(name="x" * 80)
    client.conversations_create(name="kryzys-żabka_2")


def test_create_refuses_a_taken_name(client, standin):
    standin.add_channel("social-media", ["U0ANNA"])
    assert error_of(client.conversations_create, name="social-media") == "name_taken"


def test_set_topic(client, standin, incident):
    assert client.conversations_setTopic(channel=incident, topic="SEV1 · lead: anna")["ok"] is True
    assert standin.topic(incident) == "SEV1 · lead: anna"
    assert client.conversations_info(channel=incident)["channel"]["topic"]["value"] == "SEV1 · lead: anna"


def test_set_topic_errors(client, standin, incident):
    outside = standin.add_channel("general", ["U0ANNA"])
    assert error_of(client.conversations_setTopic, channel="C9999", topic="x") == "channel_not_found"
    assert error_of(client.conversations_setTopic, channel=outside, topic="x") == "not_in_channel"
    assert error_of(client.conversations_setTopic, channel=incident, topic="x" * 251) == "too_long"
    assert standin.topic(outside) == ""


def test_invite_adds_people_in_order(client, standin, incident):
    client.conversations_invite(channel=incident, users=["U0BART"])
    assert standin.members(incident) == [BOT, "U0ANNA", "U0BART"]


def test_invite_is_already_in_channel_only_when_nobody_is_new(client, standin, incident):
    assert error_of(client.conversations_invite, channel=incident, users="U0ANNA") == "already_in_channel"
    client.conversations_invite(channel=incident, users="U0ANNA,U0BART")
    assert standin.members(incident) == [BOT, "U0ANNA", "U0BART"]


def test_invite_errors(client, standin, incident):
    outside = standin.add_channel("general", ["U0ANNA"])
    assert error_of(client.conversations_invite, channel=incident, users="U0ANNA,U0GHOST") == "user_not_found"
    assert error_of(client.conversations_invite, channel=incident, users="U0BOT") == "cant_invite_self"
    assert error_of(client.conversations_invite, channel=outside, users="U0BART") == "not_in_channel"
    assert error_of(client.conversations_invite, channel="C9999", users="U0BART") == "channel_not_found"
    assert standin.members(incident) == [BOT, "U0ANNA"]


def test_join_a_public_channel_and_again(client, standin):
    general = standin.add_channel("general", ["U0ANNA"])
    assert client.conversations_join(channel=general)["channel"]["is_member"] is True
    assert standin.members(general) == ["U0ANNA", BOT]
    assert client.conversations_join(channel=general)["warning"] == "already_in_channel"


def test_private_channels_the_bot_is_not_in_do_not_exist_for_it(client, standin):
    secret = standin.add_channel("legal", ["U0ANNA"], is_private=True)
    assert error_of(client.conversations_join, channel=secret) == "channel_not_found"
    assert error_of(client.conversations_info, channel=secret) == "channel_not_found"
    assert error_of(client.chat_postMessage, channel=secret, text="hi") == "channel_not_found"


def test_open_gives_one_stable_dm_per_user(client):
    first = client.conversations_open(users="U0ANNA")["channel"]["id"]
    assert first.startswith("D")
    assert client.conversations_open(users=["U0ANNA"])["channel"]["id"] == first
    assert client.conversations_open(users="U0BART")["channel"]["id"] != first
    full = client.conversations_open(users="U0ANNA", return_im=True)["channel"]
    assert (full["id"], full["is_im"], full["user"]) == (first, True, "U0ANNA")


def test_open_unknown_user(client):
    assert error_of(client.conversations_open, users="U0GHOST") == "user_not_found"


def test_info_shape(client, incident):
    channel = client.conversations_info(channel=incident)["channel"]
    assert (channel["id"], channel["name"], channel["is_channel"], channel["num_members"]) == \
        (incident, "inc-12-negative-mentions", True, 2)
    assert error_of(client.conversations_info, channel="C9999") == "channel_not_found"


# -- chat ------------------------------------------------------------------------------------------------------

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "*SEV1* negative mentions x8"}}


def test_post_message_answers_like_slack_and_records_it(client, standin, incident):
    answer = client.chat_postMessage(channel=incident, text="Incident opened", blocks=[SECTION])
    assert answer["channel"] == incident
    assert answer["message"]["ts"] == answer["ts"]
    assert answer["message"]["text"] == "Incident opened" and answer["message"]["user"] == BOT
    assert answer["message"]["bot_id"] and answer["message"]["blocks"] == [SECTION]
    [message] = standin.take_messages()
    assert (message.kind, message.channel, message.ts, message.text, message.blocks) == \
        ("post", incident, answer["ts"], "Incident opened", [SECTION])
    assert message.args["channel"] == incident


def test_post_to_a_user_id_lands_in_their_dm(client, standin):
    answer = client.chat_postMessage(channel="U0ANNA", text="You are paged")
    assert answer["channel"] == client.conversations_open(users="U0ANNA")["channel"]["id"]
    assert [m.text for m in standin.dms_to("U0ANNA")] == ["You are paged"]
    assert standin.dms_to("U0BART") == []
    assert standin.messages_in(answer["channel"]) == standin.dms_to("U0ANNA")


def test_post_message_channel_errors(client, standin):
    outside = standin.add_channel("general", ["U0ANNA"])
    assert error_of(client.chat_postMessage, channel="C9999", text="x") == "channel_not_found"
    assert error_of(client.chat_postMessage, channel="U0GHOST", text="x") == "channel_not_found"
    assert error_of(client.chat_postMessage, channel=outside, text="x") == "not_in_channel"
    assert standin.messages() == []


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_post_message_needs_text_blocks_or_attachments(client, incident):
    assert error_of(client.chat_postMessage, channel=incident) == "no_text"
    assert error_of(client.chat_postMessage, channel=incident, text="") == "no_text"
    client.chat_postMessage(channel=incident, attachments=[{"fallback": "f", "text": "t"}])


@pytest.mark.parametrize("blocks", [
    {"type": "section"},
    [{"text": "no type"}],
    ["section"],
    [{"type": "divider"}] * 51,
    [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}],
    [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}],
    [{"type": "sectoin", "text": {"type": "mrkdwn", "text": "typo"}}],
    [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}],
])
def test_post_message_refuses_invalid_blocks(client, standin, incident, blocks):
    with pytest.raises(SlackApiError) as raised:
        client.api_call("chat.postMessage", json={"channel": incident, "text": "fallback", "blocks": blocks})
    assert raised.value.response["error"] == "invalid_blocks"
    assert raised.value.response["errors"]  # Slack says why
    assert standin.messages() == []


def test_post_message_takes_blocks_at_their_limits(client, incident):
    client.chat_postMessage(channel=incident, text="f", blocks=[{"type": "divider"}] * 50)
    client.chat_postMessage(channel=incident, text="f",
                            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3000}}])


def test_post_message_reads_blocks_sent_as_a_form_string(standin, incident):
    body = f"channel={incident}&text=f&blocks=" + urllib.parse.quote(json.dumps([{"type": "divider"}]))
    status, answer = raw(standin.api_url + "chat.postMessage", body.encode(),
                         {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-www-form-urlencoded"})
    assert json.loads(answer)["ok"] is True
    assert standin.take_messages()[0].blocks == [{"type": "divider"}]


def test_post_message_text_limit(client, incident):
    client.chat_postMessage(channel=incident, text="x" * 40_000)
    assert error_of(client.chat_postMessage, channel=incident, text="x" * 40_001) == "msg_too_long"


def test_timestamps_are_unique_and_increasing_while_time_is_frozen(client, incident):
    with freeze_time("2026-11-28 02:00:00"):
        stamps = [client.chat_postMessage(channel=incident, text=str(i))["ts"] for i in range(3)]
    assert stamps == ["1795831200.000100", "1795831200.000200", "1795831200.000300"]


def test_concurrent_posts_get_distinct_timestamps(standin, incident):
    stamps = []

    def post(i):
        client = WebClient(token=TOKEN, base_url=standin.api_url, retry_handlers=[])
        stamps.append(client.chat_postMessage(channel=incident, text=str(i))["ts"])

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(stamps)) == 20 and len(standin.take_messages()) == 20


def test_update_own_message(client, standin, incident):
    ts = client.chat_postMessage(channel=incident, text="SEV2", blocks=[SECTION])["ts"]
    answer = client.chat_update(channel=incident, ts=ts, text="SEV1")
    assert (answer["channel"], answer["ts"], answer["text"]) == (incident, ts, "SEV1")
    assert answer["message"]["blocks"] == [SECTION]  # blocks left out are kept
    post, update = standin.take_messages()
    assert (update.kind, update.ts, update.text, update.blocks) == ("update", ts, "SEV1", [SECTION])


def test_update_errors(client, standin, incident):
    human = standin.add_message(incident, "I wrote this", user_id="U0ANNA")
    assert error_of(client.chat_update, channel=incident, ts="1.000100", text="x") == "message_not_found"
    assert error_of(client.chat_update, channel=incident, ts=human, text="x") == "cant_update_message"
    ts = client.chat_postMessage(channel=incident, text="mine")["ts"]
    assert error_of(client.chat_update, channel=incident, ts=ts, text="x" * 4001) == "msg_too_long"


def test_post_ephemeral(client, standin, incident):
    answer = client.chat_postEphemeral(channel=incident, user="U0ANNA", text="Only you see this")
    [message] = standin.take_messages()
    assert (message.kind, message.channel, message.user, message.ts, message.text) == \
        ("ephemeral", incident, "U0ANNA", answer["message_ts"], "Only you see this")
    assert error_of(client.chat_postEphemeral, channel=incident, user="U0BART", text="x") == "user_not_in_channel"


def test_permalink(client, incident):
    ts = client.chat_postMessage(channel=incident, text="summary")["ts"]
    link = client.chat_getPermalink(channel=incident, message_ts=ts)["permalink"]
    assert link.endswith(f"/archives/{incident}/p{ts.replace('.', '')}")
    assert error_of(client.chat_getPermalink, channel=incident, message_ts="1.000100") == "message_not_found"


def test_pins(client, standin, incident):
    ts = client.chat_postMessage(channel=incident, text="summary")["ts"]
    client.pins_add(channel=incident, timestamp=ts)
    assert standin.pins(incident) == [ts]
    assert error_of(client.pins_add, channel=incident, timestamp=ts) == "already_pinned"
    assert error_of(client.pins_add, channel=incident, timestamp="1.000100") == "message_not_found"


# -- people and files --------------------------------------------------------------------------------------------

def test_users(client, standin):
    assert client.users_lookupByEmail(email="Anna@Example.com")["user"]["profile"]["email"] == "anna@example.com"
    assert error_of(client.users_lookupByEmail, email="nobody@example.com") == "users_not_found"
    assert client.users_info(user="U0BART")["user"]["name"] == "bart"
    assert error_of(client.users_info, user="U0GHOST") == "user_not_found"


def test_usergroups(client, standin):
    standin.add_usergroup("S0PRLEADS", "pr-leads", ["U0ANNA", "U0BART"])
    assert client.usergroups_users_list(usergroup="S0PRLEADS")["users"] == ["U0ANNA", "U0BART"]
    assert error_of(client.usergroups_users_list, usergroup="S0NOPE") == "no_such_subteam"
    [group] = client.usergroups_list()["usergroups"]  # Slack's usergroup object; members and count when asked
    assert (group["id"], group["handle"], group["is_usergroup"], group["date_delete"]) == ("S0PRLEADS", "pr-leads",
                                                                                           True, 0)
    assert "users" not in group and "user_count" not in group
    [group] = client.usergroups_list(include_users=True, include_count=True)["usergroups"]
    assert (group["users"], group["user_count"]) == (["U0ANNA", "U0BART"], "2")


def test_file_upload_v2_is_recorded_with_title_and_channel(client, standin, incident):
    answer = client.files_upload_v2(channel=incident, content="timeline...", filename="timeline.md",
                                    title="Incident 12 timeline")
    assert answer["file"]["title"] == "Incident 12 timeline"
    [record] = standin.files(incident)
    assert (record["name"], record["title"], record["content"], record["channels"]) == \
        ("timeline.md", "Incident 12 timeline", b"timeline...", [incident])
    assert [c.method for c in standin.calls()][-3:] == \
        ["files.getUploadURLExternal", "file_upload", "files.completeUploadExternal"]


def test_file_completion_errors(client, standin):
    outside = standin.add_channel("general", ["U0ANNA"])
    assert error_of(client.files_completeUploadExternal, files=[{"id": "F9999"}]) == "file_not_found"
    with pytest.raises(SlackApiError) as raised:
        client.files_upload_v2(channel=outside, content="x", filename="x.txt")
    assert raised.value.response["error"] == "not_in_channel"


# -- response_url ------------------------------------------------------------------------------------------------

def test_response_url_posts_become_messages(standin, incident):
    url = standin.new_response_url(channel=incident, user="U0ANNA")
    reply = WebhookClient(url).send(text="Acknowledged", response_type="ephemeral", replace_original=False)
    assert (reply.status_code, reply.body) == (200, "ok")
    [message] = standin.take_messages()
    assert (message.kind, message.channel, message.user, message.text) == \
        ("response", incident, "U0ANNA", "Acknowledged")
    assert message.args["response_type"] == "ephemeral"
    assert standin.calls("response_url")[0].args["text"] == "Acknowledged"


def test_response_url_rules(standin):
    url = standin.new_response_url()
    assert WebhookClient(url).send_dict({"response_type": "ephemeral"}).status_code == 400
    for _ in range(5):
        assert WebhookClient(url).send(text="again").status_code == 200
    assert WebhookClient(url).send(text="sixth").body == "used_url"
    assert WebhookClient(standin.base_url + "respond/999").send(text="x").status_code == 404


# -- recording and expectations ---------------------------------------------------------------------------------

def test_every_call_is_recorded_failed_ones_too(client, standin, incident):
    error_of(client.chat_postMessage, channel="C9999", text="lost")
    call = standin.calls("chat.postMessage")[-1]
    assert (call.args, call.http_status, call.response) == \
        ({"channel": "C9999", "text": "lost"}, 200, {"ok": False, "error": "channel_not_found"})
    assert call.at == pytest.approx(time.time(), abs=5)
    assert all("token" not in c.args for c in standin.calls())
    assert standin.calls()[0].method == "conversations.create"


def test_take_messages_marks_them_expected(client, standin, incident):
    client.chat_postMessage(channel=incident, text="one")
    client.chat_postMessage(channel="U0ANNA", text="two")
    assert [m.text for m in standin.unexpected_messages()] == ["one", "two"]
    with pytest.raises(AssertionError) as raised:
        standin.assert_no_unexpected()
    report = str(raised.value)
    assert "2 Slack message(s)" in report and f"post in {incident}" in report and "'two'" in report

    assert [m.text for m in standin.take_messages()] == ["one", "two"]
    standin.assert_no_unexpected()
    client.chat_postMessage(channel=incident, text="three")
    assert [m.text for m in standin.take_messages()] == ["three"]
    assert standin.take_messages() == []
    assert [m.text for m in standin.messages()] == ["one", "two", "three"]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_failed_posts_are_not_messages(client, standin, incident):
    error_of(client.chat_postMessage, channel=incident)
    standin.assert_no_unexpected()


# -- faults ----------------------------------------------------------------------------------------------------

def test_429_carries_retry_after_and_changes_nothing(client, standin, incident):
    standin.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel=incident, text="page")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"
    assert standin.messages() == []
    assert standin.calls("chat.postMessage")[0].fault == "status=429 retry_after=7"
    client.chat_postMessage(channel=incident, text="page")  # only the next call was faulted
    assert len(standin.take_messages()) == 1


@pytest.mark.parametrize("status, error", [(500, "fatal_error"), (503, "service_unavailable")])
def test_server_errors(client, standin, status, error):
    standin.fail_next("conversations.create", status=status)
    with pytest.raises(SlackApiError) as raised:
        client.conversations_create(name="inc-9")
    assert raised.value.response.status_code == status and raised.value.response["error"] == error
    assert standin.channel_named("inc-9") is None
    assert standin.calls("conversations.create")[0].http_status == status


def test_planned_error_answers_ok_false_times_over(client, standin, incident):
    standin.fail_next("chat.postMessage", error="message_limit_exceeded", times=2)
    assert error_of(client.chat_postMessage, channel=incident, text="a") == "message_limit_exceeded"
    assert error_of(client.chat_postMessage, channel=incident, text="b") == "message_limit_exceeded"
    client.chat_postMessage(channel=incident, text="c")
    assert [m.text for m in standin.take_messages()] == ["c"]


def test_faults_queue_up_in_order(client, standin):
    standin.fail_next("auth.test", status=429)
    standin.fail_next("auth.test", error="account_inactive")
    with pytest.raises(SlackApiError) as raised:
        client.auth_test()
    assert raised.value.response.status_code == 429
    assert error_of(client.auth_test) == "account_inactive"
    assert client.auth_test()["ok"] is True


def test_delay_makes_a_short_client_timeout_fire(standin, incident):
    hasty = WebClient(token=TOKEN, base_url=standin.api_url, timeout=0.2, retry_handlers=[])
    standin.fail_next("chat.postMessage", delay=1.0)
    with pytest.raises((TimeoutError, URLError)):
        hasty.chat_postMessage(channel=incident, text="slow page")
    # A slow call still lands, as on real Slack: the bot must not assume a timeout means nothing was posted.
    deadline = time.monotonic() + 5
    while not standin.messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [m.text for m in standin.take_messages()] == ["slow page"]
    assert standin.calls("chat.postMessage")[0].fault == "delay=1.0"


def test_delay_with_a_status_waits_then_fails(client, standin):
    standin.fail_next("auth.test", status=503, delay=0.2)
    started = time.monotonic()
    with pytest.raises(SlackApiError):
        client.auth_test()
    assert time.monotonic() - started >= 0.2


def test_response_url_faults(standin):
    url = standin.new_response_url()
    standin.fail_next("response_url", status=500)
    assert WebhookClient(url).send(text="x").status_code == 500
    assert standin.messages() == []


def test_fail_next_refuses_plans_that_could_never_fire(standin):
    with pytest.raises(ValueError):
        standin.fail_next("auth.test")
    with pytest.raises(ValueError, match="chat.postMesage"):
        standin.fail_next("chat.postMesage", status=500)


def test_setup_mistakes_fail_loudly(standin):
    with pytest.raises(ValueError, match="U0GHOST"):
        standin.add_channel("general", ["U0GHOST"])
    with pytest.raises(ValueError, match="U0GHOST"):
        standin.add_usergroup("S0X", "x", ["U0GHOST"])
    with pytest.raises(ValueError, match="invalid_name_specials"):
        standin.add_channel("General")


# -- inspection over HTTP and the command line -------------------------------------------------------------------

def test_inspection_endpoints(client, standin, incident):
    client.chat_postMessage(channel=incident, text="hello")
    status, calls = raw(standin.base_url + "_standin/calls?method=chat.postMessage")
    assert status == 200 and [c["args"]["text"] for c in json.loads(calls)["calls"]] == ["hello"]
    status, messages = raw(standin.base_url + "_standin/messages")
    assert [m["text"] for m in json.loads(messages)["messages"]] == ["hello"]

    status, _ = raw(standin.base_url + "_standin/users",
                    json.dumps({"id": "U0CARA", "name": "cara", "email": "cara@example.com"}).encode(),
                    {"Content-Type": "application/json"})
    assert status == 200
    assert client.users_lookupByEmail(email="cara@example.com")["user"]["id"] == "U0CARA"
    assert raw(standin.base_url + "_standin/nothing")[0] == 404


def test_inspection_posts_take_json_only_which_another_sites_page_cannot_send_unasked(client, standin):
    cara = json.dumps({"id": "U0CARA", "name": "cara", "email": "cara@example.com"}).encode()
    for kind in ("text/plain", "application/x-www-form-urlencoded"):  # what a form on any web page may post
        assert raw(standin.base_url + "_standin/users", cara, {"Content-Type": kind})[0] == 415
    assert error_of(client.users_lookupByEmail, email="cara@example.com") == "users_not_found"


def test_a_local_only_standin_answers_its_own_host_names_only_and_keeps_its_records_to_itself():
    with Standin(token=TOKEN, local_only=True) as local:
        local.add_user("U0ANNA", "anna", "anna@example.com")
        port, auth = local.port, {"Authorization": f"Bearer {TOKEN}"}
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            assert raw(local.api_url + "auth.test", b"", {**auth, "Host": host})[0] == 200
        # A name of another site's that resolves to 127.0.0.1 (DNS rebinding), or the port of another server.
        for host in (f"drill.attacker.example:{port}", f"127.0.0.1:{port + 1}", ""):
            assert raw(local.api_url + "auth.test", b"", {**auth, "Host": host}) == (
                400, '{"ok": false, "error": "invalid_host"}')
        assert raw(local.base_url + "_standin/messages")[0] == 404  # the drill's console reads it in-process
        respond = local.new_response_url(channel=None, user="U0ANNA")
        assert raw(respond, b'{"text": "forged"}', {"Content-Type": "text/plain"}) == (415, "invalid_payload")
        assert WebhookClient(respond).send(text="from the app").status_code == 200
        assert [m.text for m in local.messages()] == ["from the app"]


def test_cli_main_serves_until_stopped(capsys):
    stop = threading.Event()
    runner = threading.Thread(target=main, args=(["--port", "0", "--user", "U0ANNA:anna:anna@example.com"],),
                              kwargs={"stop": stop})
    runner.start()
    printed = ""
    try:
        deadline = time.monotonic() + 5
        while "Ctrl-C" not in printed and time.monotonic() < deadline:
            time.sleep(0.02)
            printed += capsys.readouterr().out
    finally:
        stop.set()
        runner.join(5)
    assert not runner.is_alive()
    api_url = printed.split("SLACK_API_URL=", 1)[1].split()[0]
    assert api_url.startswith("http://127.0.0.1:") and api_url.endswith("/api/")
    assert "token: xoxb-standin" in printed


def test_python_dash_m_prints_url_and_token_and_stops_on_ctrl_c():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "slackstandin", "--port", "0", "--token", "xoxb-drill",
                                "--user", "U0ANNA:anna:anna@example.com"],
                               stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        api_url = next(line.split("=", 1)[1].strip() for line in lines if "SLACK_API_URL=" in line)
        assert any("xoxb-drill" in line for line in lines)
        drill = WebClient(token="xoxb-drill", base_url=api_url, retry_handlers=[])
        assert drill.users_lookupByEmail(email="anna@example.com")["user"]["id"] == "U0ANNA"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
