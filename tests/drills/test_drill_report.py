"""A drill ends when its incidents are resolved, when its time runs out, or when someone stops it; its report says,
for each expected response, who did it and when, and whether the target was met. It is posted once."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.drills import DrillRun, Expectation, Pages
from escalation.incidents import Incident, Outcome
from escalation.paging import EscalationState
from tests.drills.drill_scenarios import KASIA, MINUTE, alert, drill_config, opened, scenario
from tests.support.bot import start_bot
from tests.support.crisis import T0, outbox_rows
from tests.support.expect import seen

CHANNEL = "#drill-crisis-20261124-checkout-5xx"
EXPECT = (Expectation("acknowledge", 5 * MINUTE, by="kasia"), Expectation("acknowledge", 5 * MINUTE, by="anna"),
          Expectation("resolve", 10 * MINUTE), Expectation("status_update", 15 * MINUTE))


@pytest.fixture
def reports(slack):
    slack.add_user(*KASIA[1:])
    return slack.add_channel("drill-reports", [])


@pytest.fixture
def config(slack, reports):
    return drill_config(slack.add_channel("crisis-admins", ["U0EWA"]))


def start(bot, reports: str, **options) -> int:
    run = bot.app.desk.drills.start(scenario(alert(0, "Checkout 5xx", "checkout"), expect=EXPECT, **options),
                                    by="U0ANNA", report_channel=reports)
    bot.run_worker()
    bot.run_worker()
    return run


def channel_id(slack) -> str:
    found = slack.channel_named(CHANNEL[1:])
    assert found is not None
    return found["id"]


def resolutions(engine) -> list[tuple[str, str | None, str | None]]:
    with Session(engine) as session:
        incidents = session.scalars(select(Incident).order_by(Incident.id))
        return [(i.status, i.resolved_by, i.resolution) for i in incidents]


def report(*lines: str, ended: str = "ended: every drill incident was resolved", met: int = 0) -> tuple[str, str, str]:
    return ("post", "#drill-reports", "\n".join([
        "DRILL report: Checkout down on Friday &lt;18:00&gt;",
        f"Drill #1 (checkout-outage) started 2026-11-24 10:00 CET, {ended}. 1 drill incident opened; {met} of 4 "
        "targets met.", *lines]))


CLOSED = "[DRILL] Incident #1 · Checkout 5xx was resolved by crisisdesk. No action needed from you."
NOTHING_DONE = ("❌ *Acknowledge* within 5 min, by Kasia Kowalska: not done",
                "❌ *Acknowledge* within 5 min, by Anna Nowak: not done", "❌ *Resolve* within 10 min: not done",
                "❌ *Status update* within 15 min: not done")


def test_the_report_says_what_was_met_and_missed_and_is_posted_once(bot, slack, clock, engine, reports):
    run = start(bot, reports)
    seen(slack)
    clock.move_to(T0 + 2 * MINUTE)
    bot.slash("ack", user="U0KASIA", channel=channel_id(slack))
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0KASIA", "[DRILL] Incident #1 acknowledged. Paging has stopped."),
        ("post", CHANNEL, "[DRILL] :large_yellow_circle: Acknowledged by <@U0KASIA>. Paging has stopped."),
        ("update", "dm:U0KASIA", "[DRILL] Incident #1 · Checkout 5xx was acknowledged by <@U0KASIA>. No action "
                                 "needed from you."),
        ("update", CHANNEL, "[DRILL] Incident #1 · SEV3 · Checkout 5xx")]
    clock.move_to(T0 + 15 * MINUTE)
    bot.slash("resolve", user="U0KASIA", channel=channel_id(slack))
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0KASIA", "[DRILL] Incident #1 resolved."),
        ("post", CHANNEL, "[DRILL] :large_green_circle: Resolved by <@U0KASIA>."),
        ("update", "dm:U0KASIA", "[DRILL] Incident #1 · Checkout 5xx was resolved by <@U0KASIA>. No action needed "
                                 "from you."),
        # every incident the drill opened is resolved: it ends, and its report goes to the channel it names
        report("✅ *Acknowledge* within 5 min, by Kasia Kowalska: <@U0KASIA> after 2 min",
               "❌ *Acknowledge* within 5 min, by Anna Nowak: <@U0KASIA> after 2 min, not Anna Nowak",
               "❌ *Resolve* within 10 min: <@U0KASIA> after 15 min, too late",
               "❌ *Status update* within 15 min: not done", met=1),
        ("update", CHANNEL, "[DRILL] Incident #1 · SEV3 · Checkout 5xx")]
    clock.move_to(T0 + 3 * 60 * MINUTE)
    bot.run_worker()
    assert seen(slack) == []
    assert outbox_rows(engine, "post_drill_report") == [("sent", 1)]
    drill = bot.app.desk.drills.report(run)
    assert (drill.ended_at, drill.ended_because, drill.incidents) == (T0 + 15 * MINUTE, "resolved", 1)
    assert [(r.what, r.by, r.done_by, r.after, r.met) for r in drill.rows] == [
        ("acknowledge", "kasia", "U0KASIA", 2 * MINUTE, True), ("acknowledge", "anna", "U0KASIA", 2 * MINUTE, False),
        ("resolve", None, "U0KASIA", 15 * MINUTE, False), ("status_update", None, None, None, False)]


def test_a_drill_whose_time_runs_out_ends_timed_out_and_stops_paging(bot, slack, clock, engine, reports):
    # infra pages Marek, then Ewa after 10 min, then (repeat 1) Marek again after 20: the drill ends first
    start(bot, reports, pages=Pages(policy="infra"), ends_after=15 * MINUTE)
    seen(slack)
    clock.move_to(T0 + 10 * MINUTE)
    bot.run_worker()
    assert [where for _, where, _ in seen(slack)] == ["dm:U0EWA", CHANNEL]
    clock.move_to(T0 + 15 * MINUTE - timedelta(seconds=1))
    bot.run_worker()
    assert seen(slack) == []
    clock.move_to(T0 + 15 * MINUTE)
    bot.run_worker()
    # Its incident, still open, is resolved by crisisdesk: the channel told, the pages closed, the summary updated
    assert seen(slack) == [
        ("post", CHANNEL, "[DRILL] :large_green_circle: Resolved by crisisdesk: The drill ended (timed out)"),
        ("update", "dm:U0MAREK", CLOSED), ("update", "dm:U0EWA", CLOSED),
        report(*NOTHING_DONE, ended="ended: time ran out"),
        ("update", CHANNEL, "[DRILL] Incident #1 · SEV3 · Checkout 5xx")]
    assert resolutions(engine) == [("resolved", "crisisdesk", "The drill ended (timed out)")]
    clock.move_to(T0 + 40 * MINUTE)
    bot.run_worker()
    assert seen(slack) == []  # nobody paged after the drill ended, the report posted once
    with Session(engine) as session:
        assert [s.active for s in session.scalars(select(EscalationState))] == [False]
        assert session.scalars(select(DrillRun.ended_because)).all() == ["timed_out"]


def test_a_stopped_drill_ends_at_once_with_its_report(bot, slack, clock, engine, reports):
    drills = bot.app.desk.drills
    run = start(bot, reports)
    seen(slack)
    clock.move_to(T0 + MINUTE)
    assert drills.stop(run, "U0ANNA") == Outcome(True, "Drill #1 stopped.")
    ended_rows = drills.report(run).rows
    assert drills.stop(run, "U0ANNA") == Outcome(False, "Drill #1 has ended already.")
    assert drills.stop(99, "U0ANNA") == Outcome(False, "There is no drill #99.")
    bot.run_worker()
    assert seen(slack) == [
        ("post", CHANNEL, "[DRILL] :large_green_circle: Resolved by crisisdesk: The drill ended (stopped by "
                          "<@U0ANNA>)"),
        ("update", "dm:U0KASIA", CLOSED), report(*NOTHING_DONE, ended="stopped by <@U0ANNA>"),
        ("update", CHANNEL, "[DRILL] Incident #1 · SEV3 · Checkout 5xx")]
    assert outbox_rows(engine, "post_drill_report") == [("sent", 1)]
    assert resolutions(engine) == [("resolved", "crisisdesk", "The drill ended (stopped by <@U0ANNA>)")]
    assert bot.app.desk.drills.report(run).rows == ended_rows  # the system's resolve is nobody's response


def test_a_drill_without_a_report_channel_queues_no_report(bot, slack, engine):
    drills = bot.app.desk.drills
    run = drills.start(scenario(alert(0, "Checkout 5xx", "checkout"), expect=EXPECT), by=None, report_channel=None)
    bot.run_worker()
    assert drills.stop(run, None).changed
    bot.run_worker()
    assert seen(slack) == [*opened(CHANNEL, 1, "Checkout 5xx"),
                           ("post", CHANNEL, "[DRILL] :large_green_circle: Resolved by crisisdesk: The drill ended "
                                             "(stopped)"),
                           ("update", "dm:U0KASIA", CLOSED),
                           ("update", CHANNEL, "[DRILL] Incident #1 · SEV3 · Checkout 5xx")]
    assert outbox_rows(engine, "post_drill_report") == []
    drill = drills.report(run)
    assert (drill.ended_because, drill.stopped_by) == ("stopped", None)
    with pytest.raises(LookupError):
        drills.report(run + 1)


def test_an_acknowledged_drill_incident_is_not_paged_again_once_the_drill_ended(bot, slack, clock, engine, reports):
    # SEV3 re-escalates after 4 h without an update (a warning at 3 h): not once its drill has ended
    run = start(bot, reports)
    clock.move_to(T0 + 2 * MINUTE)
    bot.slash("ack", user="U0KASIA", channel=channel_id(slack))
    bot.run_worker()
    assert bot.app.desk.drills.stop(run, "U0ANNA").changed
    bot.run_worker()
    seen(slack)
    for hours in (3, 5, 9):
        clock.move_to(T0 + timedelta(hours=hours))
        bot.run_worker()
    assert seen(slack) == []


def test_an_ended_drill_leaves_nothing_open_to_remind_about_or_list(settings, slack, engine, clock, reports):
    # Status reminders every 20 min for SEV3: a drill incident left open would go on reminding after its drill ended.
    admins = slack.add_channel("crisis-admins", ["U0EWA"])
    reminding = start_bot(settings, drill_config(admins, "reminders:\n  status_update_every: {3: 20m}\n"), slack,
                          engine)
    try:
        run = start(reminding, reports)
        clock.move_to(T0 + 2 * MINUTE)
        reminding.slash("ack", user="U0KASIA", channel=channel_id(slack))
        reminding.run_worker()
        assert reminding.app.desk.drills.stop(run, "U0ANNA").changed
        reminding.run_worker()
        seen(slack)
        for minutes in (20, 40, 60, 300):
            clock.move_to(T0 + minutes * MINUTE)
            reminding.run_worker()
        assert seen(slack) == []
        assert resolutions(engine) == [("resolved", "crisisdesk", "The drill ended (stopped by <@U0ANNA>)")]
        reminding.slash("list", user="U0ANNA", channel=reports)
        assert seen(slack) == [("response", "#drill-reports>U0ANNA", "No open incidents. `/crisis list all` shows the "
                                                                     "last 7 days; `/crisis declare` opens one.")]
    finally:
        reminding.close()
