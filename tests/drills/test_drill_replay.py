"""`crisisdesk drill run SCENARIO` as a person runs it: each shipped scenario plays to its end, fast-forwarded, its
people's acts done through the console, and the drill report printed has a row per expectation, each met."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bot.config.loader import load_config
from bot.drills.replay import ScaledClock, Stall
from bot.drills.scenarios import load_scenario
from escalation.elapsed import spoken
from tests.drills.drill_process import EXAMPLE, ROOT


def drill_run(tmp_path, scenario: str, *arguments: str, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WEBHOOK_"))}
    return subprocess.run([sys.executable, "-m", "bot.cli", "drill", "run", scenario, "--config", str(EXAMPLE),
                           "--port", "0", *arguments], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                          text=True, capture_output=True, timeout=timeout)


def report_rows(output: str) -> list[list[str]]:
    """The table's rows after its head, split on runs of two spaces or more."""
    lines = output.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("expected "))
    rows = []
    for line in lines[head + 1:]:
        if not line.strip() or line.startswith("drill stopped"):
            break
        rows.append([cell.strip() for cell in line.split("  ") if cell.strip()])
    return rows


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", ["checkout-outage", "boycott-rumour"])
def test_each_shipped_scenario_plays_to_its_end_and_prints_its_report(tmp_path, name):
    scenario = load_scenario(name, load_config(EXAMPLE))
    done = drill_run(tmp_path, name, "--speed", "600", "--no-console")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "an act failed" not in done.stderr, done.stderr[-3000:]
    assert "http://" not in done.stdout  # --no-console: no page to open
    assert f"DRILL report: {scenario.title} ({name}), run #1" in done.stdout
    assert f"Ended: every incident resolved; 1 incident; {len(scenario.expect)} of {len(scenario.expect)} targets " \
           "met." in done.stdout, done.stdout
    rows = report_rows(done.stdout)
    people = {"jakub", "marta", "tomasz"}
    assert [(what, within, by) for what, within, by, *_ in rows] == [
        (e.what, spoken(e.within), e.by or "anyone") for e in scenario.expect]
    for _what, _within, by, done_by, after, target in rows:
        assert done_by in people and (by == "anyone" or done_by == by) and target == "met", rows
        assert after != "-"
    assert done.stdout.rstrip().endswith("drill stopped.")
    assert list(tmp_path.iterdir()) == []  # its database lived in a temporary directory, removed


def test_a_scenario_that_cannot_be_played_is_one_line_and_exit_2(tmp_path):
    done = drill_run(tmp_path, "no-such-drill")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == ("crisisdesk: There is no scenario named 'no-such-drill'. The scenarios: "
                                   "boycott-rumour, checkout-outage.")


def test_the_scaled_clock_stands_still_until_it_goes_then_runs_speed_times_faster():
    wall = [100.0]
    start = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    clock = ScaledClock(start, 600, monotonic=lambda: wall[0])
    wall[0] = 105.0  # setting up
    assert clock() == start
    clock.go()
    wall[0] = 105.5
    assert clock() == start + timedelta(minutes=5)


def test_the_scaled_clock_holds_at_an_act_until_it_is_done_then_goes_on_without_a_jump():
    wall = [0.0]
    start = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    clock = ScaledClock(start, 600, monotonic=lambda: wall[0])
    clock.go()
    clock.hold(start + timedelta(minutes=2))
    wall[0] = 10.0  # the machine was slow: 100 minutes of drill time on the wall, but the act is not done yet
    assert clock() == start + timedelta(minutes=2)
    clock.release()
    wall[0] = 10.1
    assert clock() == start + timedelta(minutes=3)


def test_the_scaled_clock_runs_to_the_next_step_from_where_it_was_held_and_never_back():
    wall = [0.0]
    start = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    clock = ScaledClock(start, 600, monotonic=lambda: wall[0])
    clock.go()
    clock.run_to(start)  # the first step, at +0m: held until the worker plays it
    wall[0] = 1.0  # a slow first tick: ten minutes of drill time on the wall
    assert clock() == start
    clock.run_to(start + timedelta(minutes=2))  # played: on to the next step, from +0m, with no jump
    assert clock() == start
    wall[0] = 1.1
    assert clock() == start + timedelta(minutes=1)
    wall[0] = 5.0
    assert clock() == start + timedelta(minutes=2)
    clock.run_to(start + timedelta(minutes=1))  # an act that waited for its incident: late, never back
    assert clock() == start + timedelta(minutes=2)


def test_a_step_the_worker_never_plays_stops_the_drill_time_only_so_long(capsys):
    wall = [0.0]
    due = datetime(2026, 11, 27, 17, 5, tzinfo=UTC)
    stall = Stall(30, monotonic=lambda: wall[0])
    assert stall.instant(3, due, due - timedelta(minutes=1)) == due  # on its way there
    wall[0] = 50.0  # a slow machine: the clock only got there now
    assert stall.instant(3, due, due) == due
    wall[0] = 80.0
    assert stall.instant(3, due, due) == due  # 30 s held: still waiting
    assert capsys.readouterr().err == ""
    wall[0] = 80.5
    assert stall.instant(3, due, due) is None  # given up: time goes on, said once
    assert stall.instant(3, due, due + timedelta(minutes=1)) is None
    assert capsys.readouterr().err == "drill step 4 was not played within 30 s; time goes on without waiting for it\n"
    assert stall.instant(4, due + timedelta(minutes=2), due + timedelta(minutes=1)) == due + timedelta(minutes=2)


EARLY_ACT = """\
title: An act before the first incident
starts: 2026-11-27 18:00
ends_after: 2h
pages: {people: [jakub]}
steps:
  - {at: +0m, act: {person: jakub, command: /crisis ack}}
  - {at: +1m, alert: {title: Checkout errors, group: checkout}}
expect:
  - {what: acknowledge, within: 30m}
"""
NO_INCIDENT = EARLY_ACT.replace("  - {at: +1m, alert: {title: Checkout errors, group: checkout}}\n", "").replace(
    "  - {at: +0m, act:", "  - {at: +1m, alert: {title: Fine, status: resolved}}\n  - {at: +0m, act:")


@pytest.mark.timeout(300)
def test_an_act_due_before_the_first_incident_waits_for_it_and_the_drill_ends(tmp_path):
    # The act at +0m has no incident to act on: time must go on to the alert at +1m, or the drill never ends.
    (tmp_path / "drills").mkdir()
    (tmp_path / "drills" / "early-act.yaml").write_text(EARLY_ACT)
    done = drill_run(tmp_path, "early-act", "--speed", "3600", "--no-console", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "an act failed" not in done.stderr, done.stderr[-3000:]
    assert "Ended: time ran out; 1 incident; 1 of 1 targets met." in done.stdout, done.stdout
    [(what, _within, _by, done_by, _after, target)] = report_rows(done.stdout)
    assert (what, done_by, target) == ("acknowledge", "jakub", "met")


@pytest.mark.timeout(300)
def test_an_act_that_never_gets_an_incident_is_dropped_when_the_drill_ends(tmp_path):
    # Its one alert comes resolved, so nothing opens: the act is said to have failed, and the drill still ends.
    (tmp_path / "drills").mkdir()
    (tmp_path / "drills" / "no-incident.yaml").write_text(NO_INCIDENT)
    done = drill_run(tmp_path, "no-incident", "--speed", "3600", "--no-console", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.strip() == "an act failed: no incident yet: jakub: /crisis ack", done.stderr[-3000:]
    assert "Ended: time ran out; 0 incidents; 0 of 1 targets met." in done.stdout, done.stdout
