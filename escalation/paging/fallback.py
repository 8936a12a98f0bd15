"""When an incident's policy cannot page (gone from the config, or a whole pass found nobody): paging goes on under
the default policy, or the on-call admin channel is asked to page someone. Said once in the incident channel, in
the admin channel, on the timeline and in the log, so a config change never silences paging."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident
from escalation.paging.models import EscalationState, Page
from escalation.paging.roster import Roster

log = logging.getLogger(__name__)
REMOVED, NOBODY = "removed", "nobody"  # why the policy could not page
FALLBACK_WHY = {REMOVED: "is no longer in the config", NOBODY: "found nobody to page at any level"}
# Why paging could not go on under another policy: there is no default, or the default is the one that failed.
NO_DEFAULT, DEFAULT_FAILED = "no_default", "default_failed"
NO_FALLBACK = {NO_DEFAULT: "there is no default policy", DEFAULT_FAILED: "there is no other policy to fall back to"}


def fallback_target(failed: str, roster: Roster) -> str | None:
    """The policy paging goes on under: the default one, unless it is the one that failed or is gone too."""
    default = roster.default_policy
    return default if default is not None and default != failed and default in roster.policies else None


def no_fallback(failed: str, roster: Roster) -> str:
    """Why `failed` has no policy to fall back to (fallback_target found none)."""
    return DEFAULT_FAILED if roster.default_policy == failed else NO_DEFAULT


def paged_anyone(session: Session, state: EscalationState) -> bool:
    """Whether this round of the escalation paged anybody at any level (pages on request do not count)."""
    return session.scalar(select(Page.id).where(Page.incident_id == state.incident_id, Page.round == state.round,
                                                Page.level >= 0).limit(1)) is not None


def restart(state: EscalationState, policy_name: str, now: datetime) -> None:
    """Start `policy_name` from its first level, in a new round so its pages are not taken for earlier ones."""
    state.policy_name, state.round, state.loop, state.level = policy_name, state.round + 1, 0, 0
    state.level_paged, state.level_paged_at, state.reminders_sent = False, None, 0
    state.escalate_at, state.next_reminder_at, state.next_action_at = None, None, now


def fall_back(session: Session, incident: Incident, state: EscalationState, roster: Roster, now: datetime,
              why: str) -> None:
    """Move the escalation to the default policy, or stop it and ask the admin channel; say so, once."""
    failed, round_before = state.policy_name, state.round
    target = fallback_target(failed, roster)
    nowhere: str | None = None
    if target is not None:
        restart(state, target, now)
        incident.policy_name = target
        outcome = f"paging goes on under the default policy {target}"
    else:
        nowhere = no_fallback(failed, roster)
        state.stop(now)
        outcome = ("the on-call admin channel was asked to page someone" if roster.admin_channel
                   else f"nobody is paged: {NO_FALLBACK[nowhere]} and no on-call admin channel")
    text = f"Escalation policy {failed} {FALLBACK_WHY[why]}: {outcome}"
    # The round paging goes on in (the review names its pages "after fallback"); none when paging stopped.
    timeline.record(session, incident.id, now, "fallback", text, data={
        "policy": failed, "why": why, "to": target, "nowhere": nowhere, "round": state.round if target else None})
    log.warning("incident #%s: %s", incident.id, text)
    payload = {"policy": failed, "why": why, "to": target, "admin": roster.admin_channel, "nowhere": nowhere}
    key = f"{incident.id}:{round_before}:{failed}"
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="policy_fallback", lane=lane, incident_id=incident.id,
                   dedup_key=f"fallback:{key}", payload=payload)
    if target is not None:  # the pinned summary names the policy
        outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    if roster.admin_channel:
        outbox.enqueue(session, now, kind="admin_fallback", lane=f"admin:{roster.admin_channel}",
                       incident_id=incident.id, dedup_key=f"fallback-admin:{key}", payload=payload)
