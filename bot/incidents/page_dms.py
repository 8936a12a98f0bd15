"""Page DMs a round at a time (bot/outbox/rounds.py): the DM is one chat.postMessage to the person's user id, so
what it needs is read with the claim and its answer kept with the round. A person whose Slack id is not known
yet (an e-mail not looked up) goes row by row, through `dm_page`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.incidents.deliveries import still_paging_status
from bot.outbox.delivery import Batched
from bot.slack.gateway import SlackGateway
from escalation.incidents import Incident
from escalation.incidents.views import card
from escalation.outbox import OutboxMessage
from escalation.paging import PAGES, STEP, SlackUserLookup
from handlers.incidents import blocks


@dataclass(frozen=True)
class PageDm:
    user_id: str
    text: str
    blocks: list
    step: tuple[int, int, int, int, int, str]  # the Page row: incident, round, loop, level, seq, person key
    created_at: datetime  # when the page was queued: its lateness counts from here


def known_user_id(session: Session, person: dict) -> str | None:
    """The person's Slack id without asking Slack: from the config, or an e-mail looked up before."""
    if person.get("slack_id"):
        return person["slack_id"]
    email = (person.get("email") or "").lower()
    cached = session.get(SlackUserLookup, email) if email else None
    return cached.user_id if cached is not None else None


def prepare(session: Session, row: OutboxMessage, incident: Incident | None, config: Config,
            now: datetime) -> PageDm | None:
    if incident is None:
        return None  # row by row, which says why it cannot be sent
    still_paging_status(incident)
    p = row.payload
    user_id = known_user_id(session, p["person"])
    if user_id is None:
        return None
    c = card(incident)
    return PageDm(user_id, blocks.page_text(c, p["level"], p["seq"]), blocks.page_blocks(c, p["level"], p["seq"]),
                  (incident.id, p.get("round", 0), p["loop"], p["level"], p["seq"], p["person"]["key"]),
                  row.created_at)


def send(gateway: SlackGateway, dm: PageDm) -> dict:
    # Posted to the user id, Slack opens the DM itself: one call, no conversations.open.
    channel, ts = gateway.post(dm.user_id, dm.text, dm.blocks)
    return {"channel": channel, "ts": ts, "user": dm.user_id}


def record(session: Session, answered: list[tuple[PageDm, dict]], now: datetime) -> None:
    """Each DM's channel and ts on its page, in one executemany: the round's hundreds of DMs, one round trip."""
    session.execute(update(PAGES).where(*(PAGES.c[name] == bindparam(f"k_{name}") for name in STEP)).values(
        dm_channel=bindparam("dm_channel"), dm_ts=bindparam("dm_ts"), delivered_at=now),
        [{**{f"k_{name}": value for name, value in zip(STEP, dm.step, strict=True)},
          "dm_channel": result["channel"], "dm_ts": result["ts"]} for dm, result in answered])


BATCHED = {"dm_page": Batched(prepare, send, record)}
