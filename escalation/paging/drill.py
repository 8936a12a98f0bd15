"""A drill pages only whom its scenario names: its incidents escalate under a policy of their own (`drill-<run>`),
with no default policy to fall back to, no on-call admin channel and no last resort, unless the scenario asks
for them (`admin: true`). A drill that has ended pages nobody."""
from __future__ import annotations

from dataclasses import replace

from escalation.paging.policy import DrillPaging, Fallback
from escalation.paging.roster import Roster

NO_LAST_RESORT = Fallback(managers=False, admin_channel=False)
NOBODY = DrillPaging(policy=None)


def drill_policy(run: int) -> str:
    """The policy name a drill run's incidents open with: the drill's own, resolved by `drill_roster`."""
    return f"drill-{run}"


def drill_roster(roster: Roster, run: int | None) -> Roster:
    """The roster an incident of drill `run` escalates with (`run` None: a real incident, the roster itself)."""
    if run is None:
        return roster
    drill = roster.drills.get(run, NOBODY)
    name = drill_policy(run)
    if drill.admin:  # the scenario asked to be handled as a real incident would be, past its own policy
        own = {name: replace(drill.policy, name=name)} if drill.policy else {}
        return replace(roster, policies={**roster.policies, **own})
    own = {name: replace(drill.policy, name=name, fallback=NO_LAST_RESORT)} if drill.policy else {}
    return replace(roster, policies=own, default_policy=None, admin_channel=None, fallback=NO_LAST_RESORT)
