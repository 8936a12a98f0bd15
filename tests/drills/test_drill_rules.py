"""The drill engine's pure rules, from tables of fixed instants: what is due next, and how a timeline meets an
expected response."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from escalation.drills import Expectation
from escalation.drills.report import row
from escalation.drills.steps import End, Play, Progress, Wait, next_move
from escalation.timeline import TimelineEvent
from tests.drills.drill_scenarios import MINUTE, alert, scenario

START = datetime.fromisoformat("2026-11-27 17:00:00+00:00")  # Friday 18:00 in Warsaw
SCENARIO = scenario(alert(0, "Checkout 5xx", "checkout"), alert(5, "Payments down", "payments"),
                    ends_after=30 * MINUTE)


@pytest.mark.parametrize(("played", "opened", "still_open", "after", "move"), [
    (0, 0, 0, timedelta(0), Play(0, SCENARIO.steps[0])),
    (1, 1, 1, 4 * MINUTE, Wait(START + 5 * MINUTE)),
    (1, 1, 1, 5 * MINUTE, Play(1, SCENARIO.steps[1])),
    (1, 1, 0, 4 * MINUTE, Wait(START + 5 * MINUTE)),  # resolved, but a step is still to come
    (2, 2, 1, 10 * MINUTE, Wait(START + 30 * MINUTE)),
    (2, 2, 0, 10 * MINUTE, End("resolved")),
    (2, 0, 0, 10 * MINUTE, Wait(START + 30 * MINUTE)),  # nothing opened (an alert that resolved at once)
    (1, 1, 1, 30 * MINUTE, End("timed_out")),  # time running out wins over a step due
])
def test_what_a_run_does_next(played, opened, still_open, after, move):
    assert next_move(SCENARIO, Progress(START, played, opened, still_open), START + after) == move


def event(kind: str, minutes: int, actor: str, **data) -> TimelineEvent:
    return TimelineEvent(incident_id=1, at=START + minutes * MINUTE, actor=actor, kind=kind, text="", data=data)


EVENTS = [event("triage", 3, "crisisdesk", decision="lapsed"), event("acknowledged", 4, "U0EWA"),
          event("role", 5, "U0EWA", role="comms", user="U0EWA"), event("template_used", 6, "U0EWA", public=False),
          event("log", 7, "U0EWA"), event("log", 9, "U0KASIA"), event("template_used", 12, "U0KASIA", public=True),
          event("role", 20, "U0ANNA", role="commander", user="U0KASIA")]
IDS = {"kasia": "U0KASIA", "ewa": "U0EWA"}


@pytest.mark.parametrize(("what", "within", "by", "done_by", "after", "met"), [
    ("acknowledge", 5, None, "U0EWA", 4, True),
    ("acknowledge", 3, None, "U0EWA", 4, False),  # too late
    ("acknowledge", 5, "kasia", "U0EWA", 4, False),  # someone else
    ("log", 10, "kasia", "U0KASIA", 9, True),  # the expected person's entry, though another came first
    ("log", 10, None, "U0EWA", 7, True),
    ("triage", 10, None, None, None, False),  # a lapsed triage is nobody's decision
    ("public_reply", 15, None, "U0KASIA", 12, True),  # an internal template is not a public reply
    ("commander", 30, None, "U0KASIA", 20, True),  # the comms role is not the commander; Anna made Kasia it
    ("commander", 30, "kasia", "U0KASIA", 20, True),  # the person made commander, not who typed the command
    ("commander", 30, "ewa", "U0KASIA", 20, False),
    ("status_update", 30, None, None, None, False),
    ("acknowledge", 10, "anna", "U0EWA", 4, False),  # Anna's Slack id is unknown: nobody can be her
])
def test_an_expected_response_against_the_timeline(what, within, by, done_by, after, met):
    found = row(Expectation(what, within * MINUTE, by), EVENTS, START, IDS)
    assert (found.done_by, found.after, found.met) == (done_by, None if after is None else after * MINUTE, met)


def test_nothing_is_met_when_the_drill_opened_no_incident():
    assert not row(Expectation("acknowledge", 5 * MINUTE), EVENTS, None, IDS).met
