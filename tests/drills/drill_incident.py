"""A drill incident made without the drill engine: a drill run stored whole, and its alert sent through the desk."""
from __future__ import annotations

from sqlalchemy.orm import Session

from escalation.drills import DrillRun, parse_scenario, scenario_data
from escalation.incidents import AlertIn
from tests.support.crisis import T0

# Anna is the one person the drill pages. Its one step is played already (the test plays it by hand below), so the
# engine has nothing to play; the run ends after two hours, or when its incidents are all resolved.
SCENARIO = {"title": "Checkout outage", "pages": {"people": ["anna"]},
            "steps": [{"at": "+0m", "alert": {"title": "Checkout down", "severity": 2}}],
            "expect": [{"what": "acknowledge", "within": "10m"}]}
TITLE = "Checkout down"
CHANNEL_NAME = "drill-crisis-20261124-checkout-down"
CHANNEL = "#" + CHANNEL_NAME
NOTE = ":rotating_light: *DRILL* — this is an exercise, not a real incident."
LABEL = {"type": "context", "block_id": "drill-label", "elements": [{"type": "mrkdwn", "text": NOTE}]}


def start_drill(engine) -> int:
    """A running drill run whose steps are all played; its number."""
    scenario = parse_scenario(SCENARIO, "checkout-outage")
    with Session(engine) as session, session.begin():
        run = DrillRun(scenario=scenario.name, title=scenario.title, data=scenario_data(scenario), started_at=T0,
                       started_by=None, report_channel=None, next_step=1, report={})
        session.add(run)
        session.flush()
        return run.id


def drill_alert(bot, run: int, title: str = TITLE) -> None:
    """The drill's alert, taken in through the incident desk as the engine takes it in."""
    [received] = bot.app.desk.incidents.receive([AlertIn(
        source="drill", group_key=f"drill-{run}:{title}", fingerprint=title, title=title, severity=2, drill=run)])
    assert received.outcome == "opened", received


def open_drill_incident(bot, engine) -> int:
    """A drill's incident opened (not yet delivered); the drill run's number."""
    run = start_drill(engine)
    drill_alert(bot, run)
    return run
