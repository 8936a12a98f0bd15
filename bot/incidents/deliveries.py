"""What each kind of outbox row does in Slack. Each raises Retry or Failed, or returns a result to keep."""
from __future__ import annotations

from itertools import takewhile

from sqlalchemy import select

from bot.incidents import quiet, triage
from bot.incidents.channel import open_channel
from bot.outbox.delivery import Cancelled, Delivery
from bot.slack.gateway import Failed
from escalation import room, timeline
from escalation.incidents.models import TRIAGE, TRIGGERED, Incident
from escalation.incidents.views import card
from escalation.outbox import PENDING, SENT, OutboxMessage
from escalation.paging import Page, page_failed
from handlers.incidents import blocks
from handlers.markup import MAX_BLOCKS, MAX_SECTION
from handlers.timeline.blocks import timeline_messages


def create_channel(d: Delivery) -> dict:
    if d.incident.channel_id:
        return {"channel": d.incident.channel_id}
    if not d.incident.channel_name:  # named when the incident is opened, before this row is queued
        raise Failed("the incident has no channel name to create its channel with")
    channel_id, name, adopted = open_channel(d, d.incident.channel_name)
    d.incident.channel_id, d.incident.channel_name = channel_id, name
    found = " (found after Slack's answer to creating it was lost)" if adopted else ""
    timeline.record(d.session, d.incident.id, d.now, "channel", f"Channel #{name} opened{found}")
    return {"channel": channel_id, "name": name}


def set_topic(d: Delivery) -> dict:
    d.gateway.set_topic(d.channel(), blocks.topic_text(card(d.incident), d.config.channel.topic_pattern))
    return {}


def summary(d: Delivery) -> tuple[str, list]:
    """The summary's text and blocks, with the playbook's progress and the team's social-media policy."""
    return blocks.summary_message(card(d.incident), d.config.timezone, room.progress(d.session, d.incident),
                                  d.config.room.policy_url)


def post_summary(d: Delivery) -> dict:
    """The summary; when the first level's page is already queued right behind it, the summary carries its
    channel mention (one post fewer per incident), after inviting the paged people (a mention of someone not in
    the channel notifies nobody). Whatever goes wrong with the riders, the summary is posted: they are then left
    pending, to run on their own rows as before."""
    text, summary_blocks = summary(d)
    invites, pages = riders(d)
    mentions = [page_mention(d, row.payload) for row in pages]
    if len(summary_blocks) + len(mentions) > MAX_BLOCKS or any(len(m) > MAX_SECTION for m in mentions):
        invites, pages, mentions = [], [], []  # a crowd at one level: its mention stays a message of its own
    unknown: list[str] = []
    if pages:
        try:
            _, unknown = invite_people(d, invites)
            d.session.refresh(d.incident)  # acknowledged while we invited: no "you are paged" after all
            if d.incident.status not in (TRIGGERED, TRIAGE):
                pages, mentions = [], []  # their rows are cancelled on their own; the invites are done
        except Failed:  # one person Slack refuses fails the call: the summary goes out, the rows retry alone
            invites, pages, mentions, unknown = [], [], [], []
    if mentions:
        text = "\n".join([text, *mentions])
        summary_blocks = [*summary_blocks, *({"type": "section", "text": {"type": "mrkdwn", "text": m}}
                                             for m in mentions)]
    _, ts = d.gateway.post(d.channel(), text, summary_blocks)
    d.incident.summary_ts = ts
    if unknown:  # as the invite's own row says when it fails; recorded once, with the rows marked sent
        timeline.record(d.session, d.incident.id, d.now, "delivery_failed",
                        f"Could not invite to the channel: {'; '.join(unknown)}")
    for row in (*invites, *pages):
        row.status, row.sent_at, row.result = SENT, d.now, {"merged_into": d.row.id}
    return {"ts": ts, "merged": [row.id for row in (*invites, *pages)]}


def riders(d: Delivery) -> tuple[list[OutboxMessage], list[OutboxMessage]]:
    """The invites and first channel pages queued right behind the summary (only its pin may come between); none
    when the incident is no longer paging, as channel_page would then be cancelled."""
    if d.incident.status not in (TRIGGERED, TRIAGE):
        return [], []
    run = list(takewhile(lambda row: row.kind in ("pin_summary", "invite", "channel_page"), behind(d)))
    pages = [row for row in run if row.kind == "channel_page"]
    if not pages:
        return [], []
    return [row for row in run if row.kind == "invite" and row.id < pages[-1].id], pages


def behind(d: Delivery) -> list[OutboxMessage]:
    """The rows still pending in this row's lane after it, in order."""
    return list(d.session.scalars(select(OutboxMessage).where(
        OutboxMessage.lane == d.row.lane, OutboxMessage.status == PENDING, OutboxMessage.id > d.row.id)
        .order_by(OutboxMessage.id).limit(50)))


def pin_summary(d: Delivery) -> dict:
    if not d.incident.summary_ts:
        raise Failed("the summary was never posted")
    d.gateway.pin(d.channel(), d.incident.summary_ts)
    return {}


def update_summary(d: Delivery) -> dict:
    if not d.incident.summary_ts:
        raise Failed("the summary was never posted")
    d.gateway.update(d.channel(), d.incident.summary_ts, *summary(d))
    return {}


def invite(d: Delivery) -> dict:
    """Everyone this row and the invites queued right behind it in the lane name, in one conversations.invite
    (only the unbroken run of invites: a row between them keeps its place before the invites after it)."""
    merged = list(takewhile(lambda row: row.kind == "invite", behind(d)))
    invited, unknown = invite_people(d, [d.row, *merged])
    for row in merged:
        row.status, row.sent_at, row.result = SENT, d.now, {"merged_into": d.row.id}
    if unknown:
        raise Failed("; ".join(unknown))
    return {"users": invited, "merged": [row.id for row in merged]}


def invite_people(d: Delivery, rows: list[OutboxMessage]) -> tuple[list[str], list[str]]:
    """Invite everyone the rows name in one call: (the user ids invited, why the others could not be)."""
    people = {p["key"]: p for row in rows for p in row.payload.get("people", [])}
    invited, unknown = [], []
    for person in people.values():
        try:
            invited.append(d.user_id(person))
        except Failed as error:  # someone Slack does not know must not keep the others out
            unknown.append(str(error))
    if invited:
        d.gateway.invite(d.channel(), invited)
    return invited, unknown


def still_paging(d: Delivery) -> None:
    still_paging_status(d.incident)


def still_paging_status(incident: Incident) -> None:
    if incident.status not in (TRIGGERED, TRIAGE):
        raise Cancelled(f"incident is {incident.status}")


def dm_page(d: Delivery) -> dict:
    still_paging(d)
    p = d.row.payload
    try:
        user_id = d.user_id(p["person"])
    except Failed:  # unknown to Slack: when nobody at the level can be paged, it is skipped now
        page_failed(d.session, d.incident.id, p, d.config.directory, d.now)
        raise
    c = card(d.incident)
    # Posted to the user id, Slack opens the DM itself: one call, no conversations.open.
    channel, ts = d.gateway.post(user_id, blocks.page_text(c, p["level"], p["seq"]),
                                 blocks.page_blocks(c, p["level"], p["seq"]))
    page = d.session.scalar(select(Page).where(
        Page.incident_id == d.incident.id, Page.round == p.get("round", 0), Page.loop == p["loop"],
        Page.level == p["level"], Page.seq == p["seq"], Page.person_key == p["person"]["key"]))
    if page is not None:
        page.dm_channel, page.dm_ts, page.delivered_at = channel, ts, d.now
    return {"channel": channel, "ts": ts, "user": user_id}


def channel_page(d: Delivery) -> dict:
    still_paging(d)
    _, ts = d.gateway.post(d.channel(), page_mention(d, d.row.payload))
    return {"ts": ts}


def page_mention(d: Delivery, p: dict) -> str:
    """The channel's mention of the people a level pages, naming those Slack does not know."""
    ids, unknown = [], []
    for person in p["people"]:
        try:
            ids.append(d.user_id(person))
        except Failed:  # the DM's failure puts the reason on the timeline; here the others are still paged
            unknown.append(person["name"])
    return blocks.channel_page_text(ids, unknown, p["level"], p["seq"], triage=d.incident.status == TRIAGE)


def close_pages(d: Delivery) -> dict:
    """Replace the Acknowledge button in every delivered page DM with who took it."""
    c = card(d.incident)
    text = blocks.closed_page_text(c, d.row.payload["change"], d.row.payload["actor"])
    query = select(Page).where(Page.incident_id == d.incident.id, Page.dm_channel.is_not(None),
                               Page.dm_ts.is_not(None))
    if "level" in d.row.payload:  # a triage decision closes the first level's DMs, not the pages it set going
        query = query.where(Page.level == d.row.payload["level"])
    pages = d.session.scalars(query)
    for page in pages:
        assert page.dm_channel is not None and page.dm_ts is not None  # the query picks delivered DMs only
        d.gateway.update(page.dm_channel, page.dm_ts, text,
                         [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])
    return {}


def post_channel(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), blocks.note_text(d.row.payload["text"]))
    return {"ts": ts}


def policy_fallback(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), blocks.fallback_channel_text(d.row.payload))
    return {"ts": ts}


def admin_fallback(d: Delivery) -> dict:
    """The on-call admin channel hears that an incident's policy could not page (and where paging went)."""
    channel = d.row.payload["admin"]
    text = blocks.fallback_admin_text(card(d.incident), d.row.payload)
    _, ts = d.gateway.post_joining(channel, text)
    return {"ts": ts}


def post_status(d: Delivery) -> dict:
    p = d.row.payload
    _, ts = d.gateway.post(d.channel(), blocks.status_text(p["change"], p["actor"], p.get("summary")))
    return {"ts": ts}


def post_timeline(d: Delivery) -> dict:
    # A retry re-posts only the parts not yet posted.
    posted = list(d.row.result.get("posted", [])) if d.row.result else []
    messages = timeline_messages(card(d.incident), timeline.events(d.session, d.incident.id), d.config.timezone)
    for index, (text, message_blocks) in enumerate(messages):
        if index < len(posted):
            continue
        _, ts = d.gateway.post(d.channel(), text, message_blocks)
        posted.append(ts)
        d.row.result = {"posted": list(posted)}
    return {"posted": posted}


KINDS = {f.__name__: f for f in (create_channel, set_topic, post_summary, pin_summary, update_summary, invite,
                                 dm_page, channel_page, close_pages, post_channel, post_status, post_timeline,
                                 policy_fallback, admin_fallback)} | quiet.KINDS | triage.KINDS
FAILED_TO = {"create_channel": "open the incident channel", "set_topic": "set the channel topic",
             "post_summary": "post the summary", "pin_summary": "pin the summary",
             "update_summary": "update the summary", "invite": "invite to the channel", "dm_page": "send a page DM",
             "channel_page": "mention the paged people in the channel", "close_pages": "close the page DMs",
             "post_channel": "post in the channel", "post_status": "post the status",
             "post_timeline": "post the timeline", "policy_fallback": "say the escalation policy fell back",
             "admin_fallback": "tell the on-call admin channel the escalation policy fell back", **quiet.FAILED_TO,
             **triage.FAILED_TO}
