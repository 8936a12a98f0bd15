"""What the edge can ask of the incident review."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.core import Facade
from escalation import outbox
from escalation.incidents import Incident, Outcome


class ReviewDesk(Facade):
    def post_review(self, actor: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        def queue(session: Session, incident: Incident, now: datetime) -> Outcome:
            outbox.enqueue(session, now, kind="post_review", lane=outbox.incident_lane(incident.id),
                           incident_id=incident.id, payload={"requested_by": actor})
            return Outcome(True, f"Posting the review of incident #{incident.id} in <#{incident.channel_id}>, "
                                 "with the Markdown file to fill in the lessons.")
        return self.core.act(queue, None, channel_id, ref, "/crisis review #crisis-...", by=actor, needs="change")
