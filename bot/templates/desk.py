"""What the edge can ask about approved reply templates: list, fill, use, propose, approve, reject, retire."""
from __future__ import annotations

import difflib
import logging
import threading
from datetime import datetime

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config.templates import TemplateSettings
from bot.core import Core, Facade
from bot.templates import proposals as template_proposals
from bot.templates import statements as template_statements
from escalation.incidents import Incident, Outcome, find_incident
from escalation.templates import service as templates
from escalation.templates.catalogue import Catalogue, Filled, catalogue, missing_values_message
from escalation.templates.models import APPROVED, RETIRED, SUPERSEDED, ReplyTemplate, TemplateVersion
from escalation.templates.seeding import SeedReport, seed_templates
from escalation.templates.service import Refused
from escalation.templates.text import Draft, MissingValues, fill
from escalation.timeline import TimelineEvent

log = logging.getLogger(__name__)


class TemplateDesk(Facade):
    def __init__(self, core: Core):
        super().__init__(core)
        self._seeded = False
        self._seeding = threading.Lock()

    @property
    def settings(self) -> TemplateSettings:
        return self.core.config.templates

    def run_due(self, now: datetime) -> None:
        """The worker's periodic duty: only makes sure the config's templates are in the database."""
        self.ready()

    # -- seeding -------------------------------------------------------------------------------------------

    def seed(self) -> SeedReport:
        """Bring the config's library into the database (see escalation.template_seeding); idempotent."""
        for attempt in (1, 2):
            try:
                with self.core.sessions.begin() as session:
                    report = seed_templates(session, self.settings.library, self.core.clock())
                break
            except IntegrityError:  # another process seeded the same key at the same moment: look again
                if attempt == 2:
                    raise
        for line in report.skipped:
            log.warning("template %s", line)
        self._seeded = True
        return report

    def ready(self) -> None:
        """Seed once per process, before the first question about templates."""
        if not self._seeded:
            with self._seeding:
                if not self._seeded:
                    self.seed()

    # -- list, fill, use -----------------------------------------------------------------------------------

    def catalogue(self, tag: str | None = None, language: str | None = None) -> Catalogue:
        self.ready()
        with self.core.sessions.begin() as session:
            return self._catalogue(session, tag, language)

    def _catalogue(self, session: Session, tag: str | None, language: str | None) -> Catalogue:
        return catalogue(templates.served(session), tag, language, self.settings.default_language)

    def fill(self, *, key: str, language: str | None, values: dict[str, str], channel_id: str | None,
             ref: str = "") -> Filled | Catalogue:
        """The served version of a template filled in; a word that is no key but a tag or a language lists those."""
        self.ready()
        with self.core.sessions.begin() as session:
            rows = templates.languages(session, key)
            if not rows:
                if language is None and not values:
                    for tag, lang in ((key, None), (None, key)):
                        listed = self._catalogue(session, tag, lang)
                        if listed.entries:
                            return listed
                raise Refused(self._unknown(session, key))
            template = self._pick(rows, key, language, "/crisis template")
            v = self._servable(session, template)
            try:
                text = fill(v.body, values)
            except MissingValues as missing:
                raise Refused(missing_values_message(template, missing)) from None
            incident = find_incident(session, None, channel_id, ref)
            if ref and incident is None:
                raise Refused(f"No incident matches `{ref}`. Name it by its channel (`#crisis-...`) or number "
                              "(`#42`).")
            waiting = templates.pending(session, template)
            drill = template_proposals.drilling(incident) or template_proposals.drilling(
                template_proposals.statement_incident(session, template.id))  # a drill's statement is a drill's
            return Filled(text, template.key, template.language, v.number, v.id, v.title, v.public, v.decided_by,
                          v.decided_at, incident.id if incident else None, waiting.number if waiting else None, drill)

    def use(self, actor: str, *, incident_id: int, version_id: int, shown_in: str, shown_ts: str) -> Outcome:
        """Record on the incident's timeline that `actor` used this version (once per message shown)."""
        source_key = f"template_use:{shown_in}:{shown_ts}"[:200]

        def record(session: Session, incident: Incident, now: datetime) -> Outcome:
            v = session.get(TemplateVersion, version_id)
            template = session.get(ReplyTemplate, v.template_id) if v else None
            if v is None or template is None or template.status == RETIRED:
                name = f"`{template.key}` ({template.language})" if template else "This template"
                return Outcome(False, f"{name} was retired after it was shown to you, so its use was not "
                                      "recorded. Do not post it; `/crisis template` lists the approved ones.")
            if v.status not in (APPROVED, SUPERSEDED):  # a draft or rejected version was never served for use
                return Outcome(False, f"v{v.number} of `{template.key}` ({template.language}) is not approved, so "
                                      "its use was not recorded. Do not post it; `/crisis template` lists the "
                                      "approved ones.")
            if session.scalar(select(TimelineEvent.id).where(TimelineEvent.source_key == source_key)) is not None:
                return Outcome(False, f"Already recorded on the timeline of incident #{incident.id}.")
            _, first = templates.record_use(session, incident, template, v, actor, now, source_key)
            message = (f"Recorded on the timeline of incident #{incident.id}: <@{actor}> used "
                       f"`{template.key}` v{v.number} ({template.language}).")
            if first:
                message += " It counts as the incident's first public reply."
            if template.current_version != v.number:
                message += f" Note: v{template.current_version} has been approved since; fetch it again."
            return Outcome(True, message)
        try:
            # Where the filled template was shown counts as where the button was pressed (any channel, or a DM).
            return self.core.act(record, incident_id, shown_in or None, "", "/crisis template #crisis-... <key>",
                                 by=actor, needs="change")
        except IntegrityError:  # the same message's Use pressed twice at once
            return Outcome(False, f"Already recorded on the timeline of incident #{incident_id}.")

    # -- proposals, decisions, retiring (bot/template_proposals.py) ----------------------------------------

    def proposal_blocker(self) -> str | None:
        """Why nobody could propose now (no approvers' channel, no approvers), or None."""
        return template_proposals.blocker(self.core.config)

    def edit_draft(self, key: str, language: str | None) -> Draft:
        self.ready()
        return template_proposals.edit_draft(self, key, language)

    def propose(self, actor: str, draft: Draft, *, editing: bool) -> template_proposals.Proposed:
        self.ready()
        return template_proposals.propose(self, actor, draft, editing=editing)

    def decide(self, actor: str, version_id: int, *, approve: bool, slack: WebClient) -> Outcome:
        return template_proposals.decide(self, actor, version_id, approve=approve, slack=slack)

    def retire(self, actor: str, key: str, language: str | None, *, slack: WebClient) -> str:
        self.ready()
        return template_proposals.retire(self, actor, key, language, slack=slack)

    # -- statements and broadcasts (bot/templates/statements.py) -------------------------------------------

    def may_propose_statement(self, actor: str, channel_id: str | None, ref: str) -> Outcome:
        return template_statements.may_propose(self, actor, channel_id, ref)

    def propose_statement(self, actor: str, incident_id: int, text: str, language: str,
                          channels: str) -> template_proposals.Proposed:
        self.ready()
        return template_statements.propose(self, actor, incident_id, text, language, channels)

    def broadcast(self, actor: str, key: str, language: str | None, values: dict[str, str], *,
                  channel_id: str | None, ref: str = "") -> Outcome:
        return template_statements.broadcast(self, actor, key, language, values, channel_id, ref)

    # -- shared by the above -------------------------------------------------------------------------------

    def _pick(self, rows: list[ReplyTemplate], key: str, language: str | None, command: str) -> ReplyTemplate:
        """The language asked for, else the default language, else the only (or only approved) one."""
        by_language = {t.language: t for t in rows}
        if language is not None:
            if language not in by_language:
                raise Refused(f"`{key}` has no {language} version; it exists in {', '.join(by_language)}.")
            return by_language[language]
        if self.settings.default_language in by_language:
            return by_language[self.settings.default_language]
        approved = [t for t in rows if t.status == APPROVED]
        if len(rows) == 1 or len(approved) == 1:
            return rows[0] if len(rows) == 1 else approved[0]
        raise Refused(f"`{key}` exists in {', '.join(by_language)}; name the language, like "
                      f"`{command} {key} {rows[0].language}`.")

    def _servable(self, session: Session, template: ReplyTemplate) -> TemplateVersion:
        name = f"`{template.key}` ({template.language})"
        if template.status == RETIRED:
            raise Refused(f"{name} was retired by <@{template.retired_by}> and cannot be used. "
                          "`/crisis template` lists the approved ones.")
        v = templates.version(session, template, template.current_version)
        if template.status != APPROVED or v is None:
            waiting = templates.pending(session, template)
            who = f", proposed by <@{waiting.proposed_by}>," if waiting else ""
            if waiting is None:  # every version was rejected: nothing awaits approval
                raise Refused(f"{name} has no approved version, so it cannot be used. To propose new wording: "
                              f"`/crisis template edit {template.key} {template.language}`.")
            raise Refused(f"{name} is awaiting approval{who} and cannot be used until an approver approves it.")
        return v

    def _unknown(self, session: Session, key: str) -> str:
        keys = sorted({t.key for t, _ in templates.served(session)})
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        return f"There is no template or tag `{key}`.{hint} `/crisis template` lists the approved templates."

