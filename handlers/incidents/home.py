"""The App Home tab: open incidents, the ones paging you, who is on call now and next, your next weekend or
holiday shift, and buttons to declare and to list. Published when the person opens the tab."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from handlers.incidents.declare import HOME_DECLARE
from handlers.incidents.listing import incident_line, list_text
from handlers.markup import Block, clip, text

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk
    from bot.incidents.home import Home

log = logging.getLogger(__name__)
HOME_LIST = "home_list"
MAX_SECTION = 2900


def when(at: datetime, tz: str) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M")


def section(body: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(body, MAX_SECTION)}}


def on_call_lines(home: Home) -> list[str]:
    def who(person: str | None) -> str:
        return f"*{text(home.names.get(person, person))}*" if person else "*nobody*"
    lines = []
    for row in home.on_call:
        line = f"• *{text(row.schedule)}*: now {who(row.on_call.person)}"
        if row.handoff is not None:
            line += f" until {when(row.handoff.at, row.timezone)}, then {who(row.handoff.incoming.person)}"
        lines.append(line)
    return lines or ["No on-call schedules are configured."]


def my_shift_line(home: Home) -> str:
    if home.my_shift is None:
        return "No weekend or holiday shift for you in the next three months."
    schedule, tz, shift = home.my_shift
    kind = f"holiday ({text(shift.holiday_name)})" if shift.holiday_name else "weekend"
    if shift.start <= home.now:
        return f"You are on your {kind} shift now: *{text(schedule)}* until {when(shift.end, tz)} ({tz})."
    return f"Your next {kind} shift: *{text(schedule)}*, {when(shift.start, tz)} until {when(shift.end, tz)} ({tz})."


def home_view(home: Home, tz: str) -> dict:
    paging = [i for i in home.incidents if i.card.number in home.paging_me]
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "crisisdesk"}},
        {"type": "actions", "block_id": "home_actions", "elements": [
            {"type": "button", "action_id": HOME_DECLARE, "style": "danger",
             "text": {"type": "plain_text", "text": "Declare a crisis"}},
            {"type": "button", "action_id": HOME_LIST, "text": {"type": "plain_text", "text": "List incidents"}}]},
        section("*Paging you*\n" + ("\n".join(incident_line(i, home.now, tz) for i in paging)
                                    if paging else "Nothing is paging you.")),
        section(list_text(home.incidents, home.now, tz, recent=False)),
        {"type": "divider"},
        section("*On call*\n" + "\n".join(on_call_lines(home))),
        section(my_shift_line(home)),
    ]
    return {"type": "home", "blocks": blocks}


def list_view(text_: str) -> dict:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Incidents"},
            "close": {"type": "plain_text", "text": "Close"}, "blocks": [section(text_)]}


def register_home(app: App, incidents: IncidentDesk) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event, client):
        if event.get("tab") != "home":  # the Messages tab opens too
            return
        user = event["user"]
        view = home_view(incidents.home(user), incidents.config.timezone)  # read first, then call Slack
        try:
            client.views_publish(user_id=user, view=view)
        except SlackApiError as error:
            log.warning("views.publish failed: %s", error.response.get("error"))

    @app.action(HOME_LIST)
    def on_list(ack, body, client):
        ack()
        answer = incidents.listing(recent=True)
        try:
            client.views_open(trigger_id=body.get("trigger_id"),
                              view=list_view(list_text(answer.incidents, answer.now, incidents.config.timezone, True)))
        except SlackApiError as error:
            log.warning("views.open failed: %s", error.response.get("error"))
