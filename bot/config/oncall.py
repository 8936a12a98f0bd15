"""The `oncall:` section: where gap reports go and who may read the calendar feed."""
from __future__ import annotations

import re

from bot.config import fields
from bot.config.model import OnCallSettings
from bot.config.problems import Problem
from bot.config.yamlpos import join
from escalation.schedules import parse_time_of_day

KEYS = ("admin_channel", "gap_report_days", "gap_report_day", "gap_report_at", "calendar_token", "calendar_days")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")


def parse_oncall(raw: object, path: str, problems: list[Problem]) -> OnCallSettings:
    entry = fields.mapping(raw, path, problems, KEYS, what="a mapping like {admin_channel: C0123ADMIN}")
    if not entry:
        return OnCallSettings()
    values: dict = {}
    if "admin_channel" in entry:
        channel = fields.text(entry["admin_channel"], join(path, "admin_channel"), problems, "a Slack channel id")
        if channel is not None and not CHANNEL.match(channel):
            problems.append(Problem(join(path, "admin_channel"), "expected a channel id like C0123ADMIN "
                                    "(channel details > About > Channel ID), got " + repr(channel)))
        else:
            values["admin_channel"] = channel
    for key in ("gap_report_days", "calendar_days"):
        if key in entry:
            days = fields.count(entry[key], join(path, key), problems)
            if days is not None and not 1 <= days <= 366:
                problems.append(Problem(join(path, key), f"expected 1 to 366 days, got {days}"))
            elif days is not None:
                values[key] = days
    if "gap_report_day" in entry:
        day = str(entry["gap_report_day"]).lower()[:3]
        if day in WEEKDAYS:
            values["gap_report_day"] = WEEKDAYS.index(day)
        else:
            problems.append(Problem(join(path, "gap_report_day"), f"expected a weekday like mon, got "
                                    f"{entry['gap_report_day']!r}"))
    if "gap_report_at" in entry:
        try:
            values["gap_report_at"] = parse_time_of_day(entry["gap_report_at"])
        except ValueError as error:
            problems.append(Problem(join(path, "gap_report_at"), str(error)))
    if "calendar_token" in entry:
        token = fields.text(entry["calendar_token"], join(path, "calendar_token"), problems, "a token")
        if token is not None and len(token) < 16:
            problems.append(Problem(join(path, "calendar_token"), "use at least 16 characters; make one with "
                                    "python -c 'import secrets; print(secrets.token_urlsafe(24))'"))
        elif token is not None:
            values["calendar_token"] = token
    return OnCallSettings(**values)
