"""Finding a person's Slack user id: from the config, else by email, looked up once and cached."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.slack.gateway import Failed, SlackGateway
from escalation.paging import SlackUserLookup, failed_lately
from escalation.sql import insert, table_of


def user_id_for(session: Session, gateway: SlackGateway, person: dict, now: datetime) -> str:
    """The Slack id of a person ref ({key, slack_id, email, name}); Failed when Slack does not know them."""
    if person.get("slack_id"):
        return person["slack_id"]
    email = (person.get("email") or "").lower()
    if not email:
        raise Failed(f"{person.get('key')}: no slack_id or email in the config")
    cached = session.get(SlackUserLookup, email)
    if cached is not None and cached.user_id:
        return cached.user_id
    if failed_lately(cached, now):  # Slack said nobody less than a day ago: don't ask on every page and reminder
        raise Failed(f"{person.get('key')}: no Slack user has the email {email}")
    user_id = gateway.lookup_email(email)
    # Two lanes may look the same person up at once: the primary key decides, the later answer wins. A failed
    # lookup is kept too (no user id), so it is asked again only after a day.
    session.execute(insert(session, table_of(SlackUserLookup)).values(email=email, user_id=user_id, looked_up_at=now)
                    .on_conflict_do_update(index_elements=["email"],
                                           set_={"user_id": user_id, "looked_up_at": now}))
    if user_id is None:
        raise Failed(f"{person.get('key')}: no Slack user has the email {email}")
    return user_id
