"""`/crisis drill` in a workspace, typed as Slack sends it (signed): the scenarios listed, one started with the
channel told, one at a time, stopped; the permission `drill` checked before anything is stored."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config.permissions import parse_permissions
from bot.drills import DrillStarter, scenarios
from bot.drills.starting import Running
from escalation.drills import DrillRun
from escalation.permissions import ANYONE, KNOWN, Permissions, Rule
from handlers.router import HELP
from tests.support.bot import start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.expect import seen

OUTAGE = """\
title: Checkout down <drill>
pages: {people: [anna]}
ends_after: 90m
steps:
  - {at: +0m, alert: {title: Checkout errors, severity: 1}}
expect:
  - {what: acknowledge, within: 5m}
"""
BROKEN = "title: Nobody\npages: {people: [zofia]}\nsteps: [{at: +0m, alert: {title: x}}]\n" \
         "expect: [{what: resolve, within: 1h}]\n"
LISTING = ("*Drill scenarios* — `/crisis drill <name>` starts one here. A drill pages only the people its scenario "
           "names (one that says `admin: true` may reach the fallback and the admin channel too), and every "
           "message, channel and page says DRILL.\n"
           "• `broken` — cannot be played: drills/broken.yaml line 2: pages.people[0]: 'zofia' is not one of the "
           "config's people (anna, ewa, marek, piotr)\n"
           "• `outage` — Checkout down &lt;drill&gt;")


@pytest.fixture
def config():
    return load_test_config(CONFIG + "permissions:\n  drill: {users: [anna]}\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Scenario files in ./drills of the bot's working directory; none shipped."""
    (tmp_path / "drills").mkdir()
    (tmp_path / "drills" / "outage.yaml").write_text(OUTAGE)
    (tmp_path / "drills" / "broken.yaml").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(scenarios, "SHIPPED", tmp_path / "none")
    return tmp_path


@pytest.fixture
def room(slack) -> str:
    return slack.add_channel("drills", ["U0ANNA", "U0PIOTR"])


def runs(engine) -> list[tuple]:
    with Session(engine) as session:
        return [(r.id, r.scenario, r.title, r.started_by, r.report_channel, r.ended_because)
                for r in session.scalars(select(DrillRun).order_by(DrillRun.id))]


def test_without_a_scenario_it_lists_them(bot, slack, folder, room):
    assert bot.slash("drill", user="U0PIOTR", channel=room).status == 200
    assert seen(slack) == [("response", "#drills>U0PIOTR", LISTING)]


def test_no_scenarios(bot, slack, folder, room):
    for path in (folder / "drills").iterdir():
        path.unlink()
    bot.slash("drill", user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", "There are no drill scenarios yet: put scenario files in "
                                                          "`drills/` (the format: docs/drills.md).")]


def test_a_drill_starts_in_the_channel_it_was_typed_in_and_tells_it(bot, slack, engine, folder, room):
    assert bot.slash("drill outage", user="U0ANNA", channel=room).status == 200
    assert seen(slack) == [("response", "#drills>U0ANNA", (
        ":rotating_light: DRILL started: *Checkout down &lt;drill&gt;* (`outage`, drill #1) by <@U0ANNA>. It pages "
        "only Anna Nowak. It ends once its incidents are resolved or after 1 h 30 min. The drill report will be "
        f"posted in <#{room}>. `/crisis drill stop` ends it early."))]
    [response] = [m for m in slack.messages() if m.kind == "response"]
    assert response.args["response_type"] == "in_channel"  # the channel sees it, not only Anna
    assert runs(engine) == [(1, "outage", "Checkout down <drill>", "U0ANNA", room, None)]

    bot.slash("drill outage", user="U0ANNA", channel=room)  # one at a time
    assert seen(slack) == [("response", "#drills>U0ANNA", "Drill #1 (Checkout down &lt;drill&gt;) is still "
                                                          "running, and one drill runs at a time. `/crisis drill "
                                                          "stop` ends it.")]
    bot.slash("drill stop", user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", "Drill #1 stopped.")]
    assert runs(engine) == [(1, "outage", "Checkout down <drill>", "U0ANNA", room, "stopped")]
    bot.slash("drill stop", user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", "No drill is running. `/crisis drill` lists the scenarios.")]


def test_a_drill_that_says_admin_true_says_it_may_reach_the_admin_channel(bot, slack, engine, folder, room):
    (folder / "drills" / "loud.yaml").write_text(OUTAGE.replace("ends_after: 90m", "ends_after: 90m\nadmin: true")
                                                 .replace("pages: {people: [anna]}", "pages: {policy: infra}"))
    bot.slash("drill loud", user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", (
        ":rotating_light: DRILL started: *Checkout down &lt;drill&gt;* (`loud`, drill #1) by <@U0ANNA>. It pages the "
        "people of the policy `infra` and, as its scenario says `admin: true`, may reach the fallback, the on-call "
        "admin channel and the last resort, as a real incident would. It ends once its incidents are resolved or "
        f"after 1 h 30 min. The drill report will be posted in <#{room}>. `/crisis drill stop` ends it early."))]


@pytest.mark.parametrize(("text", "answer"), [
    ("drill nope", "There is no scenario named 'nope'. The scenarios: broken, outage."),
    ("drill ../crisisdesk", "There is no scenario named '../crisisdesk'. The scenarios: broken, outage."),
    ("drill outage.yaml", "There is no scenario named 'outage.yaml'. The scenarios: broken, outage."),
    ("drill outage now", "Write `/crisis drill` for the scenarios, `/crisis drill <scenario>` to start one, "
                         "`/crisis drill stop` to end it."),
])
def test_what_cannot_start_says_why_and_stores_nothing(bot, slack, engine, folder, room, text, answer):
    bot.slash(text, user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", answer)]
    assert runs(engine) == []


def test_a_broken_scenario_is_not_started(bot, slack, engine, folder, room):
    bot.slash("drill broken", user="U0ANNA", channel=room)
    assert seen(slack) == [("response", "#drills>U0ANNA", "drills/broken.yaml line 2: pages.people[0]: 'zofia' is not "
                                                          "one of the config's people (anna, ewa, marek, piotr)")]
    assert runs(engine) == []


def test_only_whom_the_permission_names_may_start_or_stop_a_drill(bot, slack, engine, folder, room):
    bot.slash("drill outage", user="U0PIOTR", channel=room)
    assert seen(slack) == [("response", "#drills>U0PIOTR", "You may not start or stop a drill: only Anna Nowak may.")]
    assert runs(engine) == []
    bot.slash("drill outage", user="U0ANNA", channel=room)
    seen(slack)
    bot.slash("drill stop", user="U0PIOTR", channel=room)
    assert seen(slack) == [("response", "#drills>U0PIOTR", "You may not start or stop a drill: only Anna Nowak may.")]
    assert [run[-1] for run in runs(engine)] == [None]


def test_the_permission_defaults_to_the_people_the_config_names_whoever_may_declare():
    assert Permissions().rule("drill") == Rule(who=KNOWN)
    assert Permissions(declare=Rule(who=ANYONE)).rule("drill") == Rule(who=KNOWN)
    problems: list = []
    parsed = parse_permissions({"declare": "known", "drill": {"users": ["anna"]}}, "permissions", problems, {"anna"})
    assert problems == [] and parsed.rule("drill") == Rule(who="listed", users=("anna",))
    assert parse_permissions({"drill": "anyone"}, "permissions", problems).rule("drill") == Rule(who=ANYONE)


def test_by_default_a_stranger_may_not_start_a_drill_and_a_person_the_config_names_may(settings, slack, engine,
                                                                                      clock, folder, room):
    slack.add_user("U0STRANGER", "stranger", "stranger@elsewhere.test")
    plain = start_bot(settings, load_test_config(CONFIG), slack, engine)  # declare: anyone, drill: not said
    try:
        plain.slash("drill outage", user="U0STRANGER", channel=room)
        assert seen(slack) == [("response", "#drills>U0STRANGER", "You may not start or stop a drill: only the "
                                                                  "people named in crisisdesk's config may.")]
        assert runs(engine) == []
        plain.slash("drill outage", user="U0EWA", channel=room)
        [(_, _, said)] = seen(slack)
        assert said.startswith(":rotating_light: DRILL started: ") and len(runs(engine)) == 1
    finally:
        plain.close()


def test_two_drills_started_at_the_same_moment_start_one(bot, engine, folder, room, monkeypatch):
    # Both look for a running drill before either is stored, and see none: the database lets one start.
    both, looked, real = threading.Barrier(2), threading.local(), DrillStarter.running

    def running(starter: DrillStarter):
        if getattr(looked, "once", False):
            return real(starter)
        looked.once = True
        both.wait(timeout=30)
        return []

    monkeypatch.setattr(DrillStarter, "running", running)
    starter, answers = DrillStarter(bot.app.desk.drills), []
    threads = [threading.Thread(target=lambda: answers.append(starter.start("outage", "U0ANNA", room)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    [(number, *_)] = runs(engine)
    assert sorted((a.refused, a.run, a.running) for a in answers) == [
        (None, 0, Running(number, "Checkout down <drill>")), (None, number, None)]


def test_help_lists_the_drill_command():
    assert ("• `/crisis drill [scenario|stop]` — list the drill scenarios, start one here (labelled DRILL, it pages "
            "only the people it names), or stop the running one, e.g. `/crisis drill checkout-outage`") in HELP
