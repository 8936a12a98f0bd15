"""`/crisis drill`: the scenarios, `/crisis drill <scenario>` starts one in a real workspace, `stop` ends it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from escalation.elapsed import spoken
from handlers.markup import channel, decoded, mention, text
from handlers.subcommands import Answer

if TYPE_CHECKING:
    from bot.drills.scenarios import Listed
    from bot.drills.starting import DrillStarter, Started

USAGE = ("Write `/crisis drill` for the scenarios, `/crisis drill <scenario>` to start one, `/crisis drill stop` to "
         "end it.")
NONE = "There are no drill scenarios yet: put scenario files in `drills/` (the format: docs/drills.md)."


def drill(starter: DrillStarter, command: dict, rest: str, **_) -> Answer:
    words = decoded(rest).split()
    if not words:
        return scenario_list(starter.scenarios())
    if len(words) > 1:
        return USAGE
    if words[0].lower() == "stop":
        return text(starter.stop(command["user_id"]).message)
    started = starter.start(words[0], command["user_id"], command.get("channel_id"))
    if started.refused:
        return text(started.refused)
    if started.running:
        return (f"Drill #{started.running.run} ({text(started.running.title)}) is still running, and one drill "
                "runs at a time. `/crisis drill stop` ends it.")
    return {"response_type": "in_channel", "text": started_text(starter, started, command["user_id"])}


def scenario_list(scenarios: list[Listed]) -> str:
    if not scenarios:
        return NONE
    lines = [f"• `{text(s.name)}` — {text(s.title)}" if s.problem is None else
             f"• `{text(s.name)}` — cannot be played: {text(s.problem)}" for s in scenarios]
    return "\n".join(["*Drill scenarios* — `/crisis drill <name>` starts one here. A drill pages only the people "
                      "its scenario names (one that says `admin: true` may reach the fallback and the admin channel "
                      "too), and every message, channel and page says DRILL.", *lines])


def started_text(starter: DrillStarter, started: Started, by: str) -> str:
    scenario = started.scenario
    assert scenario is not None
    people = starter.config.directory.people
    if scenario.pages.policy:
        whom = f"the people of the policy `{text(scenario.pages.policy)}`"
    else:
        whom = _sentence([text(people[k].label if k in people else k) for k in scenario.pages.people])
    report = (f"The drill report will be posted in {channel(started.report_channel)}." if started.report_channel
              else "It has no channel for its report: start it in a channel.")
    pages = (f"It pages {whom} and, as its scenario says `admin: true`, may reach the fallback, the on-call admin "
             "channel and the last resort, as a real incident would" if scenario.admin else f"It pages only {whom}")
    return (f":rotating_light: DRILL started: *{text(scenario.title)}* (`{text(scenario.name)}`, drill "
            f"#{started.run}) by {mention(by)}. {pages}. It ends once its incidents are resolved or after "
            f"{spoken(scenario.ends_after)}. {report} `/crisis drill stop` ends it early.")


def _sentence(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


SUBCOMMANDS: dict = {"drill": drill}
HELP_LINES: list[str] = [
    "• `/crisis drill [scenario|stop]` — list the drill scenarios, start one here (labelled DRILL, it pages only the "
    "people it names), or stop the running one, e.g. `/crisis drill checkout-outage`",
]
