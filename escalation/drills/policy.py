"""Whom a drill may page, from its scenario: the people it names as a one-level policy of their own, or a policy
of the config; the engine gives its incidents nothing more (escalation/paging/drill.py)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.drills.models import DrillRun
from escalation.drills.scenario import Scenario, ScenarioError
from escalation.drills.stored import scenario_from_data
from escalation.paging import DrillPaging, Level, Policy, Targets

# How long the people a scenario names are paged before the drill's policy runs out (no reminders in between).
PEOPLE_WAIT = timedelta(minutes=10)


def drill_paging(scenario: Scenario, policies: Mapping[str, Policy]) -> DrillPaging:
    """Whom the scenario's incidents page; a policy the config no longer has pages nobody."""
    pages = scenario.pages
    if pages.people:
        level = Level(targets=Targets(users=tuple(pages.people)), wait=PEOPLE_WAIT)
        policy: Policy | None = Policy(name="drill", levels=(level,),
                                       description=f"DRILL {scenario.name}: {', '.join(pages.people)}")
    else:
        policy = policies.get(pages.policy) if pages.policy else None
    return DrillPaging(policy=policy, admin=scenario.admin)


def running_drills(session: Session, policies: Mapping[str, Policy]) -> dict[int, DrillPaging]:
    """Every drill run not yet ended -> whom its incidents may page; read with the roster, per transaction."""
    runs = session.execute(select(DrillRun.id, DrillRun.data).where(DrillRun.ended_at.is_(None)))
    return {run: paging_of(data, policies) for run, data in runs}


def paging_of(data: dict, policies: Mapping[str, Policy]) -> DrillPaging:
    try:
        return drill_paging(scenario_from_data(data), policies)
    except ScenarioError:  # a run stored by another version: it pages nobody, and the escalation of real
        return DrillPaging(policy=None)  # incidents (read with the same roster) goes on
