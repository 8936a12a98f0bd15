"""The App Home tab, published when a person opens it: open incidents, the ones paging them, who is on call now
and next, their next weekend or holiday shift, and buttons to declare and to list."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.config.loader import load_config_text
from tests.support.expect import seen
from tests.support.oncall_config import ONCALL_CONFIG
from tests.support.slack_requests import TRIGGER_ID, app_home_opened_event


@pytest.fixture
def config():
    return load_config_text(ONCALL_CONFIG, source="oncall-test-config")


def home_of(slack, user: str) -> list[dict]:
    calls = [c for c in slack.calls("views.publish") if c.args["user_id"] == user]
    assert calls, f"no Home tab published for {user}"
    view = calls[-1].args["view"]
    assert view["type"] == "home"
    return view["blocks"]


def texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_home_for_a_person_paged_and_on_call_at_the_weekend(bot, slack, clock):
    clock.move_to(datetime.fromisoformat("2026-11-28 03:00:00+01:00"))  # Saturday night in Warsaw
    assert bot.post_alert("Boycott trending", dedup_key="b-1").status == 202
    bot.run_worker()
    seen(slack)
    channel = slack.channel_named("crisis-20261128-boycott-trending")["id"]
    assert bot.event(app_home_opened_event("U0MAREK")).status == 200
    incident = (f"• *#1* · SEV3 · Boycott trending · <#{channel}> · triggered · 0 s · no commander · "
                "next page 2026-11-28 03:10 CET (in 10 min)")
    on_call = "*On call*\n• *social-oncall*: now *Marek Wojcik* until Mon 30 Nov 09:00, then *Anna Nowak*"
    assert texts(home_of(slack, "U0MAREK")) == [
        f"*Paging you*\n{incident}",
        f"*Open incidents* (1)\n{incident}\n`/crisis list all` adds the last 7 days.",
        on_call,
        "You are on your weekend shift now: *social-oncall* until Mon 30 Nov 09:00 (Europe/Warsaw)."]

    clock.tick(600)  # Ewa, not paged, sees the same room and her own next weekend a week on
    assert bot.event(app_home_opened_event("U0EWA")).status == 200
    later = incident.replace("0 s", "10 min").replace("2026-11-28 03:10 CET (in 10 min)", "2026-11-28 03:10 CET "
                                                                                         "(due now)")
    assert texts(home_of(slack, "U0EWA")) == [
        "*Paging you*\nNothing is paging you.",
        f"*Open incidents* (1)\n{later}\n`/crisis list all` adds the last 7 days.",
        on_call,
        "Your next weekend shift: *social-oncall*, Fri 04 Dec 17:00 until Mon 07 Dec 09:00 (Europe/Warsaw)."]
    assert seen(slack) == []


def test_the_home_buttons_open_the_declare_form_and_the_list(bot, slack, clock):
    clock.move_to(datetime.fromisoformat("2026-11-28 03:00:00+01:00"))
    assert bot.event(app_home_opened_event("U0PIOTR")).status == 200
    actions = next(b for b in home_of(slack, "U0PIOTR") if b["type"] == "actions")
    assert [(e["action_id"], e["text"]["text"]) for e in actions["elements"]] == [
        ("home_declare", "Declare a crisis"), ("home_list", "List incidents")]
    assert texts(home_of(slack, "U0PIOTR"))[-1] == "No weekend or holiday shift for you in the next three months."
    for action_id in ("home_declare", "home_list"):
        assert bot.click(action_id, "", user="U0PIOTR", channel="D0HOME", message_ts="1.000001").status == 200
    declare, listing = slack.calls("views.open")
    assert (declare.args["trigger_id"], declare.args["view"]["callback_id"]) == (TRIGGER_ID, "incident_declare")
    assert listing.args["view"]["blocks"][0]["text"]["text"] == "No incidents in the last 7 days."
    assert seen(slack) == []


def test_opening_the_messages_tab_publishes_nothing(bot, slack):
    assert bot.event(app_home_opened_event("U0PIOTR", tab="messages")).status == 200
    assert slack.calls("views.publish") == []
