"""What the edge asks of the crisis room: severity, type, roles, the action log, status updates, paging on
demand, pins and the timeline export, each in one transaction at one instant."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config.room import RoomSettings
from bot.core import Facade
from escalation import incidents, outbox
from escalation.incidents import Incident, Outcome
from escalation.room import pins, playbooks
from escalation.room import service as room
from escalation.room.joins import announce_joins
from escalation.room.page_requests import PageRequest, page


class RoomDesk(Facade):
    @property
    def settings(self) -> RoomSettings:
        return self.core.config.room

    def run_due(self, now: datetime) -> None:
        """The worker's periodic duty: announce the alerts that joined incidents, at most once a minute each."""
        with self.core.sessions.begin() as session:
            announce_joins(session, now)

    def severity(self, actor: str, level: int, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        return self.core.act(lambda s, i, now: room.set_severity(s, i, level, actor, now), None, channel_id, ref,
                              "/crisis severity #crisis-... 1", by=actor, needs="change")

    def raise_severity(self, actor: str, incident_id: int, level: int, *, channel_id: str | None) -> Outcome:
        """"Raise to SEVn" under an announcement of a worse alert: the same change as `/crisis severity`."""
        return self.core.act(lambda s, i, now: room.set_severity(s, i, level, actor, now), incident_id, channel_id,
                              "", "/crisis severity #crisis-... 1", by=actor, needs="change", button=True)

    def crisis_type(self, actor: str, crisis_type: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        def classify(session: Session, incident: Incident, now: datetime) -> Outcome:
            outcome = room.set_type(session, incident, crisis_type, actor, now)
            if outcome.changed:  # the type's playbook, posted as a checklist
                playbooks.start(session, incident, crisis_type, self.settings.playbooks.get(crisis_type, ()), now)
            return outcome
        return self.core.act(classify, None, channel_id, ref, f"/crisis type #crisis-... {crisis_type}", by=actor,
                             needs="change")

    def tick(self, actor: str, incident_id: int, step_id: int, done: bool, channel_id: str | None,
             shown: tuple[str, str] | None) -> Outcome:
        """Tick a playbook step (or untick it) from its checkbox in the checklist `shown` (channel, ts)."""
        language = self.config.templates.default_language
        return self.core.act(lambda s, i, now: playbooks.tick(s, i, step_id, done, actor, now, language, shown),
                             incident_id, channel_id, "", "", by=actor, needs="change", button=True)

    def checklist(self, incident_id: int, crisis_type: str) -> playbooks.Checklist:
        with self.core.sessions() as session:
            return playbooks.checklist(session, incident_id, crisis_type, self.config.templates.default_language)

    def role(self, actor: str, role: str, user: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        return self.core.act(lambda s, i, now: room.set_role(s, i, role, user, actor, now), None, channel_id, ref,
                              f"/crisis role #crisis-... {role} @person", by=actor,
                              needs="change")

    def log(self, actor: str, text: str, follow_up: bool, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        return self.core.act(lambda s, i, now: room.log_action(s, i, text, follow_up, actor, now), None, channel_id,
                              ref, "/crisis log #crisis-... <what you did>", by=actor, needs="change")

    def update(self, actor: str, text: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        channel = self.settings.stakeholders_channel
        return self.core.act(lambda s, i, now: room.status_update(s, i, text, actor, now, channel), None, channel_id,
                              ref, "/crisis update #crisis-... <text>", by=actor, needs="change")

    def page(self, actor: str, request: PageRequest, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        return self.core.act(lambda s, i, now: page(s, i, request, actor, self.core.roster(s), now), None,
                              channel_id, ref, "/crisis page #crisis-... @person", by=actor, needs="page")

    def post_timeline(self, actor: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        def queue(session: Session, incident: Incident, now: datetime) -> Outcome:
            outbox.enqueue(session, now, kind="post_timeline", lane=outbox.incident_lane(incident.id),
                           incident_id=incident.id)
            return Outcome(True, f"Posting the timeline of incident #{incident.id} in <#{incident.channel_id}>.")
        return self.core.act(queue, None, channel_id, ref, "/crisis timeline #crisis-...", by=actor, needs="change")

    def export_timeline(self, actor: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        return self.core.act(lambda s, i, now: room.queue_export(s, i, now), None, channel_id, ref,
                              "/crisis timeline #crisis-... export", by=actor, needs="change")

    def pin(self, channel_id: str, ts: str, pinned_by: str) -> Outcome:
        """A 📌 on a message: queue it for the timeline if the channel is an incident's (changed when queued);
        the message (shown to the person who pinned alone) confirms it, or refuses, or is empty (not ours)."""
        try:
            with self.core.sessions.begin() as session:
                incident = incidents.by_channel(session, channel_id)
                if incident is None:
                    return Outcome(False, "")
                drill = incident.drill_run_id is not None
                refused = self.core.refusal(session, incident, "change", pinned_by, channel_id)
                if refused:
                    return Outcome(False, refused, drill)
                queued = pins.queue_pin(session, incident, channel_id, ts, pinned_by, self.core.clock())
        except IntegrityError:  # the same pin delivered twice at once: the other delivery queued it
            return Outcome(False, "")
        if not queued:  # pinned before: it is on the timeline already, once
            return Outcome(False, "")
        self.core.wake()
        return Outcome(True, f":pushpin: Adding the message to the timeline of incident #{incident.id}, at the "
                             "time it was written.", drill)
