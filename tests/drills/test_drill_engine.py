"""The drill engine: a scenario's steps are played at their time, each once however many workers tick; its alerts
open drill incidents (`drill-` channels) that page only the people the scenario names."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config.stranded import stranded_incidents
from escalation.drills import DrillRun, Pages
from escalation.incidents import Incident
from escalation.paging import EscalationState
from tests.drills.drill_scenarios import KASIA, MINUTE, alert, drill_config, opened, scenario
from tests.support.crisis import T0, alerts, incidents
from tests.support.expect import seen

CHANNEL = "#drill-crisis-20261124-checkout-5xx"
RAN_OUT = ("[DRILL] :rotating_light: Nobody acknowledged: escalation policy `drill-1` ran out after 1 level(s). "
           "There is no last resort to page (`fallback:` in the config): page someone with `/crisis page`.")


@pytest.fixture
def admins(slack):
    slack.add_user(*KASIA[1:])
    return slack.add_channel("crisis-admins", ["U0EWA"])


@pytest.fixture
def config(admins):
    return drill_config(admins)


def next_step(engine, run: int) -> int:
    with Session(engine) as session:
        found = session.get(DrillRun, run)
        assert found is not None
        return found.next_step


def tick(bot, times: int = 2) -> None:
    for _ in range(times):  # the drill's duty opens the incident, the engine pages it; the next tick finds nothing
        bot.run_worker()


def test_steps_fire_at_their_time_each_once_and_open_drill_incidents(bot, slack, clock, engine):
    drills = bot.app.desk.drills
    run = drills.start(scenario(alert(0, "Checkout 5xx", "checkout"), alert(5, "Payments down", "payments"),
                                alert(5, "Checkout 5xx", "checkout")),
                       by="U0ANNA", report_channel=None)
    drills.run_due(T0)
    drills.run_due(T0)  # a second worker, or the next tick: nothing is played twice
    assert next_step(engine, run) == 1
    bot.run_worker()  # the incident was opened before this tick: its page goes first, its mention on the summary
    assert seen(slack) == opened(CHANNEL, 1, "Checkout 5xx")
    assert incidents(engine) == [(1, "triggered", CHANNEL[1:])]

    clock.move_to(T0 + 5 * MINUTE - timedelta(seconds=1))
    tick(bot)
    assert seen(slack) == [] and next_step(engine, run) == 1
    clock.move_to(T0 + 5 * MINUTE)
    tick(bot)
    # Both steps due at +5 min, in order: a new incident for the payments group, a repeat in the checkout one
    assert seen(slack) == opened("#drill-crisis-20261124-payments-down", 2, "Payments down")
    assert next_step(engine, run) == 3
    assert incidents(engine) == [(1, "triggered", CHANNEL[1:]), (2, "triggered", "drill-crisis-20261124-payments-down")]
    assert alerts(engine) == [(1, "Checkout 5xx", "firing", 1), (2, "Payments down", "firing", 0)]
    with Session(engine) as session:
        assert set(session.scalars(select(Incident.drill_run_id))) == {run}
        assert [i.source for i in session.scalars(select(Incident))] == ["drill", "drill"]


def test_two_workers_at_once_play_every_step_once(bot, engine, clock):
    drills = bot.app.desk.drills
    steps = [alert(0, f"Alert {n}", f"group-{n}") for n in range(6)]
    run = drills.start(scenario(*steps), by=None, report_channel=None)
    both = threading.Barrier(2)
    failed: list[BaseException] = []

    def worker() -> None:
        both.wait()
        try:
            drills.run_due(T0)
        except BaseException as error:  # pragma: no cover - shown by the assertion below
            failed.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failed == []
    assert next_step(engine, run) == 6
    assert [(number, fingerprint, repeats) for number, fingerprint, _, repeats in alerts(engine)] == [
        (n + 1, f"Alert {n}", 0) for n in range(6)]


def test_a_drill_pages_only_its_people_and_never_the_admin_channel_or_a_last_resort(bot, slack, clock, engine):
    # The config's default policy pages Anna, and its last resort is the admin channel: a drill reaches neither.
    bot.app.desk.drills.start(scenario(alert(0, "Checkout 5xx", "checkout")), by=None, report_channel=None)
    tick(bot)
    assert seen(slack) == opened(CHANNEL, 1, "Checkout 5xx")
    clock.move_to(T0 + 10 * MINUTE)  # the drill's one level waited 10 min: nobody acknowledged
    tick(bot)
    assert seen(slack) == [("post", CHANNEL, RAN_OUT)]
    clock.move_to(T0 + 90 * MINUTE)
    tick(bot)
    assert seen(slack) == []
    with Session(engine) as session:
        state = session.get(EscalationState, 1)
        assert state is not None and state.policy_name == "drill-1" and not state.active


def test_a_drill_naming_a_policy_pages_that_policy_not_the_route_or_the_default(bot, slack, clock):
    # infra pages Marek then Ewa; a drill alert would otherwise go to the default policy (Anna first)
    bot.app.desk.drills.start(scenario(alert(0, "Checkout 5xx", "checkout"), pages=Pages(policy="infra")),
                              by=None, report_channel=None)
    tick(bot)
    assert seen(slack) == opened(CHANNEL, 1, "Checkout 5xx", paged="U0MAREK")
    clock.move_to(T0 + 10 * MINUTE)
    tick(bot)
    assert seen(slack) == [
        ("post", "dm:U0EWA", "[DRILL] You are paged (level 2) for incident #1 · SEV3 · Checkout 5xx"),
        ("post", CHANNEL, "[DRILL] <@U0EWA> you are paged (level 2). Press Acknowledge in the pinned summary or type "
                          "`/crisis ack`.")]


def test_a_drill_that_asks_for_it_reaches_the_admin_channel_as_a_real_incident_would(bot, slack, clock, admins):
    bot.app.desk.drills.start(scenario(alert(0, "Checkout 5xx", "checkout"), admin=True), by=None,
                              report_channel=None)
    tick(bot)
    assert seen(slack) == opened(CHANNEL, 1, "Checkout 5xx")
    clock.move_to(T0 + 10 * MINUTE)
    tick(bot)
    said = seen(slack)
    assert [where for _, where, _ in said] == [CHANNEL, "#crisis-admins"]
    assert said[1][2].startswith("[DRILL] :rotating_light: <!here> Incident #1")


def test_config_check_says_nothing_of_a_drill_incident_paged_under_its_drill_policy(bot, slack, config, database_url):
    # The incident pages under `drill-1`, which no config names: it is the drill's, not stranded by a new file.
    bot.app.desk.drills.start(scenario(alert(0, "Checkout 5xx", "checkout")), by=None, report_channel=None)
    tick(bot)
    assert seen(slack) == opened(CHANNEL, 1, "Checkout 5xx")
    assert stranded_incidents(config, database_url) == []
