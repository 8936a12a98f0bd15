"""The PagerDuty Events v2 endpoint fed anything (hypothesis): never a 5xx, every 4xx in PagerDuty's error shape
with the problems listed, and a valid event sent among the garbage still lands."""
from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.intake.test_pagerduty import DOCS_TRIGGER, KEY, PAGERDUTY
from tests.support.config import CONFIG, load_test_config
from tests.trust.fuzz_bodies import bodies
from tests.trust.test_fuzz_webhooks import FUZZ

numbers = itertools.count(1)
ACK = {"routing_key": KEY, "dedup_key": "srv01/mysql", "event_action": "acknowledge"}
RESOLVE = {**ACK, "event_action": "resolve"}


@pytest.fixture
def config():
    return load_test_config(CONFIG + PAGERDUTY.replace("rate_per_minute: 5", "rate_per_minute: 100000"))


def post(bot, body: bytes):
    return bot.request("/v2/enqueue", body, {"Content-Type": "application/json"})


def test_any_event_gets_an_honest_answer_and_valid_ones_still_land(bot):
    @FUZZ
    @given(body=bodies([DOCS_TRIGGER, ACK, RESOLVE]), valid_too=st.booleans())
    def send(body: bytes, valid_too: bool) -> None:
        answer = post(bot, body)
        assert answer.status < 500, answer
        if answer.status >= 400:
            assert isinstance(answer.body, dict) and answer.body.get("status") and answer.body.get("message"), answer
            assert answer.body["errors"] and all(isinstance(e, str) and e for e in answer.body["errors"]), answer
        if valid_too:
            key = f"valid-{next(numbers)}"
            landed = post(bot, json.dumps({**DOCS_TRIGGER, "dedup_key": key}).encode())
            assert (landed.status, landed.body["dedup_key"]) == (202, key), landed

    send()


@pytest.mark.parametrize("severity", [[], {}, 1, None, "CRITICAL"])
def test_a_severity_of_any_other_shape_is_named_as_invalid(bot, severity):
    answer = post(bot, json.dumps({**DOCS_TRIGGER, "payload": {**DOCS_TRIGGER["payload"], "severity": severity}})
                  .encode())
    assert (answer.status, answer.body["errors"]) == (400, [
        "'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')"])
