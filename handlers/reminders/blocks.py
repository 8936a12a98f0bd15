"""Block Kit for the status-update reminder (with its snooze buttons) and the first-public-reply warning."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from escalation.elapsed import spoken
from handlers.markup import Block, mention, severity
from handlers.subcommands import as_number

SNOOZE_ACTION = "status_snooze"  # action ids are `status_snooze_<seconds>`: unique within the block


def snooze_value(number: int, length: timedelta) -> str:
    return f"{number}:{int(length.total_seconds())}"


def parse_snooze_value(value: str) -> tuple[int, int] | None:
    """`12:1800` -> (incident 12, 1800 seconds)."""
    incident, length = (as_number(part) for part in (value or "").partition(":")[::2])
    return (incident, length) if incident is not None and length is not None else None


def status_reminder_text(number: int, p: dict) -> str:
    every = f"{severity(p['severity'])}: every {spoken(timedelta(seconds=p['every']))}"
    quiet = spoken(timedelta(seconds=p["quiet"]))
    since = f"The last one was {quiet} ago." if p["updated"] else f"None since the incident opened {quiet} ago."
    if p.get("commander"):
        return (f"{mention(p['commander'])} time for a status update on incident #{number} ({every}). {since} "
                "Post it with `/crisis update <text>`.")
    return (f"Time for a status update on incident #{number} ({every}). {since} No commander yet — "
            "`/crisis role commander @someone`, then `/crisis update <text>`.")


def status_reminder_message(number: int, p: dict, snooze: tuple[timedelta, ...]) -> tuple[str, list[Block]]:
    text = status_reminder_text(number, p)
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": f":loudspeaker: {text}"}}]
    if snooze:
        blocks.append({"type": "actions", "block_id": f"status-reminder-{number}-{p['seq']}", "elements": [
            {"type": "button", "action_id": f"{SNOOZE_ACTION}_{int(length.total_seconds())}",
             "value": snooze_value(number, length), "text": {"type": "plain_text", "text": f"Snooze {spoken(length)}"}}
            for length in snooze]})
    return text, blocks


def snoozed_blocks(original: list[Block], note: str) -> list[Block]:
    """The reminder as it reads once snoozed: its words, and who snoozed it instead of the buttons."""
    kept = [block for block in original if block.get("type") != "actions"]
    return [*kept, {"type": "context", "elements": [{"type": "mrkdwn", "text": f":zzz: {note}"}]}]


def reply_warning_text(number: int, p: dict, tz: str) -> str:
    people = "".join(f"{mention(u)} " for u in p.get("people", []))
    target, left = timedelta(seconds=p["target"]), timedelta(seconds=p["left"])
    what = f"the {spoken(target)} first-public-reply target ({severity(p['severity'])})"
    if left > timedelta(0):
        until = datetime.fromisoformat(p["due_at"]).astimezone(ZoneInfo(tz)).strftime("%H:%M")
        where = f"{spoken(target - left)} of {what} have passed, {spoken(left)} left (until {until})"
    else:
        where = f"{what} passed {spoken(left)} ago"
    return (f":hourglass_flowing_sand: {people}No public reply yet on incident #{number}: {where}. "
            "Post an approved holding statement: `/crisis template tag:public`.")
