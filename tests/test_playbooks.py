"""Playbooks: setting the crisis type posts its checklist; ticking a step records who and when, in the summary too."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from escalation.room import open_steps
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, TITLE, timeline_texts
from tests.support.declare import form, submit_declare
from tests.support.expect import seen
from tests.support.playbooks import step_blocks, tick
from tests.support.room import open_room, summary_fields

ANNA, EWA = f"{CHANNEL}>U0ANNA", f"{CHANNEL}>U0EWA"
SUMMARY = f"Incident #1 · SEV2 · {TITLE}"
POLICY = "<https://intranet.example/social-policy?a=1&amp;b=2|social-media policy>"
PLAYBOOKS = """
room:
  types: [rumour, data-breach]
  policy_url: https://intranet.example/social-policy?a=1&b=2
  playbooks:
    rumour:
      - {en: "Collect the posts <!channel> spreading it", pl: "Zbierz wpisy, które ją szerzą", role: comms}
      - {en: Post the holding statement, pl: Opublikuj oświadczenie wstępne, role: comms, template: holding-statement}
      - {en: Brief the staff, pl: Poinformuj pracowników}
permissions:
  change: {teams: [pr]}
"""
STEPS = ["*1.* Collect the posts &lt;!channel&gt; spreading it · comms lead",
         "*2.* Post the holding statement · comms lead · template `holding-statement`",
         "*3.* Brief the staff"]


@pytest.fixture
def config(request):
    return load_test_config(CONFIG + PLAYBOOKS + getattr(request, "param", ""))


@pytest.fixture
def channel(bot, slack) -> str:
    return open_room(bot, slack)


def classify(bot, slack, channel):
    """`/crisis type rumour`: the notice, the summary and the checklist; returns the checklist message."""
    bot.slash("type rumour", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack)[:3] == [("response", ANNA, "Incident #1 is now classified as rumour."),
                               ("post", CHANNEL, ":label: <@U0ANNA> classified the crisis as rumour."),
                               ("update", CHANNEL, SUMMARY)]
    [checklist] = [m for m in slack.messages_in(channel) if m.text.startswith("Playbook")]
    return checklist


def lines(message) -> list[str]:
    return [b["text"]["text"] for b in step_blocks(message)]


def latest(slack, channel, prefix: str):
    return [m for m in slack.messages_in(channel) if m.text.startswith(prefix)][-1]


def test_a_playbook_ticked_step_by_step(bot, slack, clock, engine, channel):
    checklist = classify(bot, slack, channel)
    assert checklist.text == "Playbook for rumour · incident #1 · 0/3 done"
    assert lines(checklist) == STEPS
    assert all("initial_options" not in b["accessory"] for b in step_blocks(checklist))
    assert checklist.blocks[-1]["elements"][0]["text"] == (
        f"Tick a step when it is done: the timeline records who and when. Our social-media policy: {POLICY}")
    assert "*Playbook*\n0/3 steps done" in summary_fields(slack, channel)

    clock.tick(timedelta(minutes=3))
    tick(bot, slack, checklist, 1, user="U0ANNA")
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Step 1/3 of the rumour playbook done."),
                           ("update", CHANNEL, "Playbook for rumour · incident #1 · 1/3 done"),
                           ("update", CHANNEL, SUMMARY)]
    updated = latest(slack, channel, "Playbook")
    assert lines(updated)[0] == f"{STEPS[0]}\n:white_check_mark: <@U0ANNA> at 2026-11-24 10:03 CET"
    assert step_blocks(updated)[0]["accessory"]["initial_options"][0]["value"] == "done"
    assert "*Playbook*\n1/3 steps done" in summary_fields(slack, channel)

    tick(bot, slack, updated, 3, user="U0EWA")
    bot.run_worker()
    assert seen(slack) == [("response", EWA, "Step 3/3 of the rumour playbook done."),
                           ("update", CHANNEL, "Playbook for rumour · incident #1 · 2/3 done"),
                           ("update", CHANNEL, SUMMARY)]
    assert "*Playbook*\n2/3 steps done" in summary_fields(slack, channel)

    tick(bot, slack, updated, 1, user="U0ANNA", done=False)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Step 1/3 of the rumour playbook reopened."),
                           ("update", CHANNEL, "Playbook for rumour · incident #1 · 1/3 done"),
                           ("update", CHANNEL, SUMMARY)]
    assert timeline_texts(engine)[-3:] == [
        ("playbook", "Playbook rumour step 1/3 done: Collect the posts <!channel> spreading it"),
        ("playbook", "Playbook rumour step 3/3 done: Brief the staff"),
        ("playbook", "Playbook rumour step 1/3 reopened: Collect the posts <!channel> spreading it")]
    with Session(engine) as session:
        assert open_steps(session, 1) == ["1. Collect the posts <!channel> spreading it",
                                          "2. Post the holding statement"]


def test_a_stranger_cannot_tick_a_step(bot, slack, engine, channel):
    checklist = classify(bot, slack, channel)
    slack.add_user("U0EVE", "eve", "eve@elsewhere.test")
    tick(bot, slack, checklist, 2, user="U0EVE")
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0EVE", "You may not change incident #1: only members of pr "
                            "and the incident's responders (paged people, commander, comms lead, approver) may.")]
    assert "*Playbook*\n0/3 steps done" in summary_fields(slack, channel)
    assert timeline_texts(engine)[-1][0] == "type"


def test_ticking_a_done_step_again_changes_nothing(bot, slack, engine, channel):
    checklist = classify(bot, slack, channel)
    tick(bot, slack, checklist, 2, user="U0ANNA")
    tick(bot, slack, checklist, 2, user="U0EWA")
    bot.run_worker()
    assert seen(slack)[:2] == [("response", ANNA, "Step 2/3 of the rumour playbook done."),
                               ("response", EWA, "Step 2/3 of the rumour playbook is already done by <@U0ANNA>.")]
    assert [kind for kind, _ in timeline_texts(engine)].count("playbook") == 1


def test_setting_the_type_again_keeps_the_ticks_and_a_type_without_playbook_posts_none(bot, slack, channel):
    checklist = classify(bot, slack, channel)
    tick(bot, slack, checklist, 3, user="U0ANNA")
    bot.slash("type data-breach", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    assert not any(f.startswith("*Playbook*") for f in summary_fields(slack, channel))
    bot.slash("type rumour", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Incident #1 is now classified as rumour."),
                           ("post", CHANNEL, ":label: <@U0ANNA> classified the crisis as rumour, was data-breach."),
                           ("update", CHANNEL, SUMMARY),
                           ("post", CHANNEL, "Playbook for rumour · incident #1 · 1/3 done")]
    assert "*Playbook*\n1/3 steps done" in summary_fields(slack, channel)


def test_help_and_the_summary_link_the_social_media_policy(bot, slack, channel):
    bot.slash("help", user="U0ANNA", channel=channel)
    [(_, _, help_text)] = seen(slack)
    assert help_text.endswith(f"\nOur social-media policy: {POLICY}")
    assert summary_fields(slack, channel) and any(
        POLICY in e["text"] for m in slack.messages_in(channel) if m.text.startswith(SUMMARY)
        for b in m.blocks if b["type"] == "context" for e in b["elements"])


@pytest.mark.parametrize("config", ["templates: {default_language: pl}\n"], indirect=True)
def test_the_checklist_in_the_teams_language(bot, slack, channel):
    checklist = classify(bot, slack, channel)
    assert lines(checklist) == ["*1.* Zbierz wpisy, które ją szerzą · comms lead",
                                "*2.* Opublikuj oświadczenie wstępne · comms lead · template `holding-statement`",
                                "*3.* Poinformuj pracowników"]


def test_a_declared_incident_with_a_type_gets_its_checklist(bot, slack, engine):
    answer = submit_declare(bot, "U0ANNA", form("Fake recall rumour", policy="none", crisis_type="rumour"))
    assert answer.status == 200
    bot.run_worker()
    messages = slack.take_messages()
    [checklist] = [m for m in messages if m.text.startswith("Playbook")]
    assert checklist.text == "Playbook for rumour · incident #1 · 0/3 done"
    assert lines(checklist) == STEPS
    assert "*Playbook*\n0/3 steps done" in summary_fields(slack, checklist.channel)
