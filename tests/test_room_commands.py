"""`/crisis severity`, `type`, `role`, `log` and `update`, typed in the incident channel the way Slack sends them."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from escalation import timeline
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, TITLE, timeline_texts
from tests.support.expect import seen
from tests.support.room import incident_row, open_room, room_yaml, summary_fields

ANNA = f"{CHANNEL}>U0ANNA"
SUMMARY_SEV1 = f"Incident #1 · SEV1 · {TITLE}"
SUMMARY = f"Incident #1 · SEV2 · {TITLE}"
SEVERITY_HELP = ("Write `/crisis severity <1-4>`, e.g. `/crisis severity 1` (1 is the worst).\n"
                 "• SEV1: Critical: trending nationally or press asking\n"
                 "• SEV3: Moderate: a growing thread of complaints")


@pytest.fixture
def stakeholders(slack) -> str:
    """A public channel the bot was never invited to."""
    return slack.add_channel("stakeholders", ["U0MAREK"])


@pytest.fixture
def config(stakeholders):
    return load_test_config(CONFIG + room_yaml(stakeholders))


@pytest.fixture
def channel(bot, slack) -> str:
    return open_room(bot, slack)


def test_severity_updates_the_summary_the_topic_and_the_timeline(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=2))
    bot.slash("severity 1", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Incident #1 is now SEV1.")]
    bot.run_worker()
    assert seen(slack) == [
        ("post", CHANNEL, ":arrow_up: <@U0ANNA> raised the severity to SEV1 "
                          "(Critical: trending nationally or press asking), was SEV2."),
        ("update", CHANNEL, SUMMARY_SEV1)]
    assert summary_fields(slack, channel)[0] == "*Severity*\nSEV1"
    assert slack.topic(channel) == f"SEV1 · {TITLE} · triggered"
    assert timeline_texts(engine)[-1] == ("severity", "Severity SEV2 → SEV1")
    assert incident_row(engine).severity == 1

    bot.slash("severity SEV4", user="U0PIOTR", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "Incident #1 is now SEV4."),
                           ("post", CHANNEL, ":arrow_down: <@U0PIOTR> lowered the severity to SEV4, was SEV1."),
                           ("update", CHANNEL, f"Incident #1 · SEV4 · {TITLE}")]


def test_the_same_severity_again_changes_nothing(bot, slack, engine, channel):
    bot.slash("severity 2", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Incident #1 is already SEV2.")]
    assert timeline_texts(engine)[-1][0] != "severity"


@pytest.mark.parametrize("text", ["severity", "severity 5", "severity high", "severity 1 now"])
def test_a_bad_severity_says_how_to_write_it(bot, slack, engine, channel, text):
    bot.slash(text, user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, SEVERITY_HELP)]
    assert incident_row(engine).severity == 2


def test_type_updates_the_summary_the_topic_and_the_timeline(bot, slack, clock, engine, channel):
    bot.slash("type Data Breach", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Incident #1 is now classified as data-breach."),
                           ("post", CHANNEL, ":label: <@U0ANNA> classified the crisis as data-breach."),
                           ("update", CHANNEL, SUMMARY)]
    assert "*Crisis type*\ndata-breach" in summary_fields(slack, channel)
    assert slack.topic(channel) == f"SEV2 · {TITLE} · triggered · data-breach"

    bot.slash("type rumour", user="U0EWA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0EWA", "Incident #1 is now classified as rumour."),
                           ("post", CHANNEL, ":label: <@U0EWA> classified the crisis as rumour, was data-breach."),
                           ("update", CHANNEL, SUMMARY)]
    assert timeline_texts(engine)[-2:] == [("type", "Crisis type: data-breach"),
                                           ("type", "Crisis type: rumour (was data-breach)")]
    assert incident_row(engine).crisis_type == "rumour"

    bot.slash("type rumour", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Incident #1 is already classified as rumour.")]


@pytest.mark.parametrize("text, heard", [("type", ""),
                                         ("type alien invasion", "There is no crisis type `alien invasion`. ")])
def test_an_unknown_type_lists_the_configured_ones(bot, slack, engine, channel, text, heard):
    bot.slash(text, user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, f"{heard}Write `/crisis type <crisis type>`, e.g. "
                            "`/crisis type product-defect`. Crisis types: product-defect, customer-service, "
                            "data-breach, rumour.")]
    assert incident_row(engine).crisis_type is None


def test_a_role_is_shown_in_the_summary_and_its_holder_invited(bot, slack, clock, engine, channel):
    assert "U0EWA" not in slack.members(channel)
    bot.slash("role commander <@U0EWA|ewa>", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "<@U0EWA> is now the commander of incident #1."),
                           ("post", CHANNEL, ":bust_in_silhouette: <@U0EWA> is now the commander (set by <@U0ANNA>)."),
                           ("update", CHANNEL, SUMMARY)]
    assert "*Roles*\nCommander: <@U0EWA>" in summary_fields(slack, channel)
    assert "U0EWA" in slack.members(channel)

    bot.slash("role comms <@U0MAREK>", user="U0ANNA", channel=channel)
    bot.slash("role commander <@U0PIOTR|piotr>", user="U0EWA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", ANNA, "<@U0MAREK> is now the comms lead of incident #1."),
        ("response", f"{CHANNEL}>U0EWA", "<@U0PIOTR> is now the commander of incident #1."),
        ("post", CHANNEL, ":bust_in_silhouette: <@U0MAREK> is now the comms lead (set by <@U0ANNA>)."),
        ("update", CHANNEL, SUMMARY),
        ("post", CHANNEL, ":bust_in_silhouette: <@U0PIOTR> is now the commander, taking over from <@U0EWA> "
                          "(set by <@U0EWA>)."),
        ("update", CHANNEL, SUMMARY)]
    assert "*Roles*\nCommander: <@U0PIOTR>\nComms lead: <@U0MAREK>" in summary_fields(slack, channel)
    assert timeline_texts(engine)[-3:] == [("role", "Commander: <@U0EWA>"), ("role", "Comms lead: <@U0MAREK>"),
                                           ("role", "Commander: <@U0PIOTR> (was <@U0EWA>)")]
    row = incident_row(engine)
    assert (row.commander, row.comms, row.approver) == ("U0PIOTR", "U0MAREK", None)

    bot.slash("role commander <@U0PIOTR>", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "<@U0PIOTR> is already the commander of incident #1.")]


@pytest.mark.parametrize("text", ["role", "role commander", "role boss <@U0EWA>", "role approver ewa",
                                  "role approver <@U0EWA> <@U0ANNA>"])
def test_a_bad_role_says_how_to_write_it(bot, slack, engine, channel, text):
    bot.slash(text, user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Write `/crisis role commander|comms|approver @person`, e.g. "
                                              "`/crisis role commander @anna`.")]
    assert incident_row(engine).approver is None


def test_log_records_an_action_and_a_follow_up_item(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=1))
    bot.slash("log deleted the post with the #boycott hashtag", user="U0EWA", channel=channel)
    bot.slash("log Action:  update the FAQ on returns", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0EWA", "Logged on the timeline of incident #1."),
        ("response", ANNA, "Follow-up item logged on the timeline of incident #1; the review lists it.")]
    assert timeline_texts(engine)[-2:] == [("log", "deleted the post with the #boycott hashtag"),
                                           ("log", "Follow-up: update the FAQ on returns")]
    with Session(engine) as session:
        logs = [e for e in timeline.events(session, 1) if e.kind == "log"]
    assert [(e.actor, e.data) for e in logs] == [("U0EWA", {"follow_up": False}), ("U0ANNA", {"follow_up": True})]
    assert logs[0].at == datetime(2026, 11, 24, 9, 1, tzinfo=UTC)


@pytest.mark.parametrize("text", ["log", "log   ", "log action:", "log action:   "])
def test_an_empty_log_says_how_to_write_it(bot, slack, engine, channel, text):
    before = timeline_texts(engine)
    bot.slash(text, user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, "Write `/crisis log <what was done>`, e.g. `/crisis log deleted the "
                            "post`, or `/crisis log action: <text>` for a follow-up item, e.g. "
                            "`/crisis log action: update the FAQ`.")]
    assert timeline_texts(engine) == before


def test_a_status_update_goes_to_the_channel_and_the_stakeholders(bot, slack, clock, engine, channel, stakeholders):
    clock.tick(timedelta(minutes=4))
    bot.slash("update Statement drafted, legal reviewing.\nNext update 11:00.", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, f"Status update posted in <#{channel}> and <#{stakeholders}>.")]
    bot.run_worker()
    text = "Statement drafted, legal reviewing.\nNext update 11:00."
    assert seen(slack) == [
        ("post", CHANNEL, f":mega: *Status update* from <@U0ANNA>:\n{text}"),
        ("post", "#stakeholders", f":mega: Status update on incident #1 · SEV2 · {TITLE} (<#{channel}>) "
                                  f"from <@U0ANNA>:\n{text}")]
    assert [c.args["channel"] for c in slack.calls("conversations.join")] == [stakeholders]
    assert timeline_texts(engine)[-1] == ("status_update", f"Status update: {text}")
    assert incident_row(engine).last_update_at == datetime(2026, 11, 24, 9, 4, tzinfo=UTC)

    bot.slash("update all quiet", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    assert len(slack.calls("conversations.join")) == 1  # in the channel now


def test_an_empty_update_says_how_to_write_it(bot, slack, engine, channel):
    bot.slash("update", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Write `/crisis update <text>`, e.g. `/crisis update statement "
                                              "drafted, legal reviewing; next update 14:00`.")]
    assert incident_row(engine).last_update_at is None


@pytest.mark.parametrize("text, example", [("severity 1", "/crisis severity #crisis-... 1"),
                                           ("type rumour", "/crisis type #crisis-... rumour"),
                                           ("role approver <@U0EWA>", "/crisis role #crisis-... approver @person"),
                                           ("log called the influencer", "/crisis log #crisis-... <what you did>"),
                                           ("update all quiet", "/crisis update #crisis-... <text>")])
def test_outside_an_incident_channel_the_answer_says_how_to_name_it(bot, slack, engine, channel, stakeholders,
                                                                  text, example):
    before = timeline_texts(engine)
    bot.slash(text, user="U0MAREK", channel=stakeholders)
    bot.run_worker()
    assert seen(slack) == [("response", "#stakeholders>U0MAREK",
                            "This channel is not an incident channel. Run the command in the incident's channel, "
                            f"or name the incident: `{example}`")]
    assert timeline_texts(engine) == before


def test_naming_the_incident_from_another_channel(bot, slack, engine, channel, stakeholders):
    bot.slash(f"severity <#{channel}|crisis-x> 3", user="U0MAREK", channel=stakeholders)
    bot.slash(f"log <#{channel}> called the influencer", user="U0MAREK", channel=stakeholders)
    bot.run_worker()
    assert seen(slack) == [
        ("response", "#stakeholders>U0MAREK", "Incident #1 is now SEV3."),
        ("response", "#stakeholders>U0MAREK", "Logged on the timeline of incident #1."),
        ("post", CHANNEL, ":arrow_down: <@U0MAREK> lowered the severity to SEV3 "
                          "(Moderate: a growing thread of complaints), was SEV2."),
        ("update", CHANNEL, f"Incident #1 · SEV3 · {TITLE}")]
    assert timeline_texts(engine)[-1] == ("log", "called the influencer")
