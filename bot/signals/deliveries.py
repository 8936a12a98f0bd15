"""Outbox kinds for this feature: each takes a bot.deliveries.Delivery and returns a result to keep."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.outbox.delivery import Delivery
from bot.slack.gateway import Failed, SlackGateway
from escalation.signals.wording import number, percent, scoring_line
from handlers.markup import link, text

SEVERITY = {1: "SEV1", 2: "SEV2", 3: "SEV3", 4: "SEV4"}


def signal_evidence(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), evidence_text(d.row.payload))
    return {"ts": ts}


def signal_chart(d: Delivery) -> dict:
    p = d.row.payload
    channel = p.get("channel")
    if channel:  # asked for with /crisis pulse: the bot may not be in that channel yet
        join_if_public(d.gateway, channel)
    else:
        channel = d.channel()
    # Imported here: matplotlib takes a second to import, and most processes never draw a chart.
    from bot.signals.chart import render_chart

    at = datetime.fromisoformat(p["now"]).astimezone(ZoneInfo(d.config.timezone))
    title = f"{p['topic']}: mentions and negative share, last {p['hours']} h"
    png = render_chart([(datetime.fromisoformat(start), volume, share) for start, volume, share in p["series"]],
                       [datetime.fromisoformat(m) for m in p["marks"]], title, d.config.timezone)
    file_id = d.gateway.upload(channel, f"{p['topic']}-{at:%Y%m%d-%H%M}.png", png, title=title,
                               comment=chart_comment(p, at, d.config.timezone))
    return {"file": file_id}


def join_if_public(gateway: SlackGateway, channel: str) -> None:
    if not channel.startswith("C"):
        return  # a DM or a group DM: the bot is already in it
    try:
        gateway.join(channel)
    except Failed:  # a private channel cannot be joined: the upload says not_in_channel if the bot is not in it
        pass


def chart_comment(p: dict, at: datetime, tz: str) -> str:
    when = f"{at:%H:%M} ({tz})"
    if p["rules"]:
        return f"{text(', '.join(p['rules']))} on {text(p['topic'])} at {when}; the dashed line marks the trigger."
    marked = f"; dashed lines mark the {len(p['marks'])} trigger(s) of these hours" if p["marks"] else ""
    return f"Pulse of {text(p['topic'])} at {when}{marked}."


def evidence_text(p: dict) -> str:
    lines = [f":rotating_light: *Signals on {text(p['topic'])}* crossed a threshold"]
    for t in p["triggers"]:
        severity = text(SEVERITY.get(t["severity"], t["severity"]))
        lines.append(f"• *{text(t['title'])}* ({severity}): {text(t['summary'])}")
        lines.append(f"    observed {numbers(t['observed'])} · baseline {numbers(t['baseline'])}")
    if p.get("scoring"):  # evidence queued before scorers were reported has none
        lines.append(scoring_line(p["scoring"]))
    if p["top"]:
        lines.append("*Top mentions by reach*")
        lines.extend(f"• {mention_line(m)}" for m in p["top"])
    return "\n".join(lines)


def mention_line(m: dict) -> str:
    # The author and the address are the poster's own: the link shows where it goes, not a label they chose.
    who = text(m["author"] or "someone") + (f" ({link(m['url'])})" if m["url"] else "")
    said = " ".join(m["text"].split())
    return f"{who} · {m['followers']:,} followers · {text(m['label'])}: “{text(said)}”"


def numbers(values: dict) -> str:
    """`mentions 84, window 15 min`; shares as percentages, a count per keyword as `scam 3 / boycott 2`."""
    return ", ".join(f"{key.replace('_', ' ')} {shown(key, value)}" for key, value in values.items()) or "—"


def shown(key: str, value: object) -> str:
    if isinstance(value, dict):
        return " / ".join(f"{text(k)} {text(v)}" for k, v in value.items())
    if isinstance(value, float) and key.endswith("share"):
        return percent(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return text(value)


KINDS = {"signal_evidence": signal_evidence, "signal_chart": signal_chart}
FAILED_TO = {"signal_evidence": "post the signal evidence", "signal_chart": "upload the signal chart"}
