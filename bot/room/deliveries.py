"""Outbox kinds of the crisis room: change notices, the topic, status updates, pages on demand, pins, the export."""
from __future__ import annotations

from sqlalchemy import select

from bot.outbox.delivery import Cancelled, Delivery
from bot.room.checklists import post_playbook, update_playbook
from bot.room.evidence import add_evidence
from bot.slack.gateway import Failed
from escalation import paging, timeline
from escalation.incidents import RESOLVED, card
from escalation.paging import Page, SlackUserLookup
from escalation.room import pins
from escalation.room.page_requests import mentioned, slack_person
from handlers.markup import decoded
from handlers.room import blocks as room_blocks
from handlers.timeline.markdown import timeline_markdown

FAILED_TO = {"room_notice": "post in the channel",
             "post_stakeholders": "post the status update to the stakeholders channel",
             "dm_page_now": "send a page DM", "channel_page_now": "mention the paged people in the channel",
             "page_group": "page a user group", "pin_message": "add a pinned message to the timeline",
             "export_timeline": "upload the timeline", "add_evidence": "add the declaring message to the timeline",
             "post_playbook": "post the playbook checklist", "update_playbook": "update the playbook checklist"}


def room_notice(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), room_blocks.notice_text(d.row.payload, d.config.room.severities))
    return {"ts": ts}


def post_stakeholders(d: Delivery) -> dict:
    channel, p = d.row.payload["channel"], d.row.payload
    text = room_blocks.stakeholder_text(card(d.incident), p["actor"], p["text"])
    _, ts = d.gateway.post_joining(channel, text)
    return {"ts": ts}


def not_resolved(d: Delivery) -> None:
    # Pages someone asked for go out while the incident is acknowledged too; only a resolved one drops them.
    if d.incident.status == RESOLVED:
        raise Cancelled("incident is resolved")


def dm_page_now(d: Delivery) -> dict:
    not_resolved(d)
    p = d.row.payload
    user_id = d.user_id(p["person"])
    c = card(d.incident)
    channel, ts = d.gateway.post(user_id, room_blocks.page_now_text(c, p["by"]),
                                 room_blocks.page_now_blocks(c, p["by"]))
    page = d.session.get(Page, p["page"])
    if page is not None:  # so Acknowledge and Resolve close this DM's button like an escalation page's
        page.dm_channel, page.dm_ts, page.delivered_at = channel, ts, d.now
    return {"channel": channel, "ts": ts, "user": user_id}


def channel_page_now(d: Delivery) -> dict:
    not_resolved(d)
    ids, unknown = [], []
    for person in d.row.payload["people"]:
        try:
            ids.append(d.user_id(person))
        except Failed:  # the DM's failure puts the reason on the timeline; the others are still mentioned
            unknown.append(person["name"])
    text = room_blocks.channel_page_now_text(ids, unknown, d.row.payload["by"], d.incident.status)
    _, ts = d.gateway.post(d.channel(), text)
    return {"ts": ts}


def page_group(d: Delivery) -> dict:
    """Page the members of a Slack user group as they are now."""
    not_resolved(d)
    p = d.row.payload
    try:
        members = d.gateway.usergroup_members(p["group"])
    except Failed as error:  # Slack will refuse again: say so where it was asked for, instead of retrying
        known = not str(error).endswith("no_such_subteam")
        return nobody_paged(d, f"Slack could not list its members ({error})" if known else
                            "Slack knows no such user group", error=str(error))
    people = [slack_person(d.session, u, d.config.directory) for u in members]
    if not people:
        return nobody_paged(d, "it has no members")
    paged = paging.page_now(d.session, d.incident, people, p["by"], d.now, p["stamp"])
    if paged:
        timeline.record(d.session, d.incident.id, d.now, "note",
                        f"{p['label']}: paged {', '.join(person.label for person in paged)}",
                        data={"group": p["group"], "people": [person.key for person in paged], **mentioned(paged)})
    return {"members": members}


def nobody_paged(d: Delivery, why: str, **result) -> dict:
    """A user group paged on demand that pages nobody: the channel and the timeline say so, and why."""
    label = d.row.payload["label"]
    _, ts = d.gateway.post(d.channel(), room_blocks.group_nobody_text(label, why))
    timeline.record(d.session, d.incident.id, d.now, "note", f"{label}: nobody paged, {why}",
                    data={"group": d.row.payload["group"]})
    return {"members": [], "ts": ts, **result}


def pin_message(d: Delivery) -> dict:
    """Fetch a message pinned with 📌 and put it on the timeline at the time it was written."""
    p = d.row.payload
    try:
        message = d.gateway.message(p["channel"], p["ts"])
    except Failed as error:  # not in the history, and conversations.replies does not know it either
        if not str(error).endswith("thread_not_found"):
            raise
        message = None
    if message is None:
        raise Failed("the pinned message is no longer in the channel")
    permalink = d.gateway.permalink(p["channel"], p["ts"])
    author = message.get("user") or message.get("username") or message.get("bot_id") or "someone"
    # The message's words as plain text, like a typed command's: its mentions kept, no broadcast or labelled link.
    event = pins.add_pinned(d.session, d.incident.id, p["channel"], p["ts"], author,
                            decoded(message.get("text") or ""), permalink, p["pinned_by"])
    return {"added": event is not None, "permalink": permalink}


def names(d: Delivery) -> dict[str, str]:
    """Slack id -> name of the people the config names, those known by email included once looked up."""
    people = d.config.directory.people.values()
    by_email = {p.email.lower(): p.label for p in people if p.email}
    found = d.session.scalars(select(SlackUserLookup).where(SlackUserLookup.email.in_(by_email),
                                                            SlackUserLookup.user_id.is_not(None)))
    return {**{row.user_id: by_email[row.email] for row in found if row.user_id},
            **{p.slack_id: p.label for p in people if p.slack_id}}


def export_timeline(d: Delivery) -> dict:
    c = card(d.incident)
    text = timeline_markdown(c, timeline.events(d.session, d.incident.id), d.config.timezone, names(d))
    file_id = d.gateway.upload(d.channel(), f"incident-{c.number}-timeline.md", text.encode(),
                               title=f"Timeline of incident #{c.number} · {c.title}",
                               comment=f":page_facing_up: The timeline of incident #{c.number} as a Markdown file.")
    return {"file": file_id}


KINDS = {f.__name__: f for f in (room_notice, post_stakeholders, dm_page_now, channel_page_now,
                                 page_group, pin_message, export_timeline, add_evidence, post_playbook,
                                 update_playbook)}
