"""`crisisdesk drill run SCENARIO` as a person runs it: each shipped scenario plays to its end, fast-forwarded, its
people's acts done through the console, and the drill report printed has a row per expectation, each met."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bot.config.loader import load_config
from bot.drills.replay import ScaledClock
from bot.drills.scenarios import load_scenario
from escalation.elapsed import spoken
from tests.drills.drill_process import EXAMPLE, ROOT


def drill_run(tmp_path, scenario: str, *arguments: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WEBHOOK_"))}
    return subprocess.run([sys.executable, "-m", "bot.cli", "drill", "run", scenario, "--config", str(EXAMPLE),
                           "--port", "0", *arguments], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                          text=True, capture_output=True, timeout=240)


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
