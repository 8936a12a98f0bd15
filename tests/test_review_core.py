"""The review's numbers from plain values, its durations as people say them, and a long review within Slack's limits."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from escalation.elapsed import spoken
from escalation.incidents.views import IncidentCard
from escalation.review.service import Event, PagedLevel, PageSent, build
from handlers.review.blocks import SLACK, review_messages
from handlers.review.lines import paging
from handlers.timeline.blocks import MAX_BLOCKS, MAX_SECTION

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def m(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def event(minutes: float, kind: str, text: str = "", actor: str = "crisisdesk", **data) -> Event:
    return Event(at=m(minutes), actor=actor, kind=kind, text=text, data=data)


@pytest.mark.parametrize("delta, words", [
    (timedelta(seconds=45), "45 s"), (timedelta(minutes=12), "12 min"), (timedelta(minutes=7, seconds=3), "7 min 03 s"),
    (timedelta(hours=1, minutes=5), "1 h 05 min"), (timedelta(hours=2), "2 h"), (timedelta(days=1, hours=3), "1 d 3 h"),
    (timedelta(days=1, minutes=5), "1 d 0 h 05 min"), (timedelta(0), "0 s"), (-timedelta(minutes=10), "10 min"),
])
def test_durations_are_exact_and_readable(delta, words):
    assert spoken(delta) == words


def test_durations_count_from_the_opening_and_missing_ones_stay_empty():
    review = build(T0, m(7), None, m(125), [event(95, "recovered", seconds=4200)], [])
    assert (review.to_acknowledge, review.to_first_public_reply, review.to_resolve, review.back_to_baseline) == (
        timedelta(minutes=7), None, timedelta(hours=2, minutes=5), timedelta(minutes=70))


def test_pages_are_grouped_per_level_repeat_and_request_with_their_reminders():
    pages = [PageSent(m(0), 0, 0, 0, 0, "Anna"), PageSent(m(5), 0, 0, 0, 1, "Anna"),
             PageSent(m(10), 0, 0, 0, 2, "Anna"), PageSent(m(15), 0, 0, 1, 0, "Piotr"),
             PageSent(m(45), 0, 0, 2, 0, "Ewa"), PageSent(m(45), 0, 0, 2, 0, "Marek"),
             PageSent(m(20), 0, 0, -1, 0, "Marek"), PageSent(m(30), 0, 0, -1, 1, "Marek"),
             PageSent(m(75), 0, 1, 0, 0, "Anna"), PageSent(m(200), 1, 0, 0, 0, "Anna")]
    review = build(T0, None, None, None, [event(15, "skip", "Level 2 skipped: nobody on call")], pages)
    assert review.paged == (
        PagedLevel(m(0), 1, 0, 0, ("Anna",), 2), PagedLevel(m(15), 2, 0, 0, ("Piotr",), 0),
        PagedLevel(m(20), None, 0, 0, ("Marek",), 0), PagedLevel(m(30), None, 0, 0, ("Marek",), 0),
        PagedLevel(m(45), 3, 0, 0, ("Ewa", "Marek"), 0), PagedLevel(m(75), 1, 1, 0, ("Anna",), 0),
        PagedLevel(m(200), 1, 0, 1, ("Anna",), 0))
    assert paging(review, "Europe/Warsaw", SLACK) == [
        "`2026-11-24 10:00` Level 1: Anna (2 reminders)", "`2026-11-24 10:15` Level 2: Piotr",
        "`2026-11-24 10:15` Level 2 skipped: nobody on call", "`2026-11-24 10:20` On request: Marek",
        "`2026-11-24 10:30` On request: Marek", "`2026-11-24 10:45` Level 3: Ewa, Marek",
        "`2026-11-24 11:15` Level 1 (repeat 1): Anna", "`2026-11-24 13:20` Level 1 (round 2): Anna"]


def test_a_round_is_named_by_what_started_it_fallback_or_re_escalation():
    pages = [PageSent(m(0), 0, 0, 0, 0, "Anna"), PageSent(m(15), 1, 0, 0, 0, "Marek"),
             PageSent(m(60), 2, 0, 0, 0, "Marek"), PageSent(m(90), 3, 0, 0, 0, "Marek"),
             PageSent(m(95), 4, 0, 0, 0, "Marek")]
    events = [event(15, "fallback", "Escalation policy brand-crisis found nobody to page at any level: paging goes on "
                    "under the default policy infra", policy="brand-crisis", why="nobody", to="infra", round=1),
              event(60, "reescalated", "No update for 45 min after the acknowledgement: paging again from level 1",
                    round=2, seconds=2700),
              event(90, "reescalated", "No update for 30 min after the acknowledgement: paging again from level 1",
                    round=3, seconds=1800),
              event(95, "note", "Escalation policy infra has fewer levels than the incident had reached: it starts "
                    "again from level 1", round=4)]
    review = build(T0, None, None, None, events, pages)
    assert [s.started for s in review.paged] == [None, ("fallback", 1), ("reescalated", 1), ("reescalated", 2),
                                                 ("restarted", 1)]
    assert paging(review, "Europe/Warsaw", SLACK) == [
        "`2026-11-24 10:00` Level 1: Anna", "`2026-11-24 10:15` Level 1 (after fallback): Marek",
        "`2026-11-24 11:00` Level 1 (re-escalation 1): Marek", "`2026-11-24 11:30` Level 1 (re-escalation 2): Marek",
        "`2026-11-24 11:35` Level 1 (policy restarted): Marek"]


def test_templates_and_only_marked_actions_are_listed():
    events = [event(23, "template_used", "Used", "U0EWA", key="holding-statement", version=2, language="pl",
                    public=True),
              event(30, "template_used", "Used", "U0EWA", key="internal-faq", version=1, language="en", public=False),
              event(40, "log", "deleted the post", "U0ANNA", follow_up=False),
              event(41, "log", "Follow-up: call the influencer", "U0ANNA", follow_up=True)]
    review = build(T0, None, None, None, events, [])
    assert [(t.key, t.version, t.language, t.public) for t in review.templates] == [
        ("holding-statement", 2, "pl", True), ("internal-faq", 1, "en", False)]
    assert [e.text for e in review.follow_ups] == ["Follow-up: call the influencer"]


def card() -> IncidentCard:
    return IncidentCard(number=7, title="Boycott call", severity=1, status="resolved", source="mentions",
                        description="", links=(), policy_name="brand-crisis", channel_id="C1", created_at=T0,
                        acknowledged_by="U0PIOTR", acknowledged_at=m(7), resolved_by="U0ANNA", resolved_at=m(600),
                        resolution=None)


def test_a_long_review_is_split_within_slacks_limits_and_loses_nothing():
    follow_ups = [event(i / 10, "log", f"Follow-up: item {i} " + "x" * 120, "U0EWA", follow_up=True)
                  for i in range(1500)]
    review = build(T0, m(7), m(20), m(600), follow_ups, [])
    messages = review_messages(card(), review, follow_ups, "Europe/Warsaw", "incident-7-review.md")
    assert len(messages) > 2
    texts = []
    for _, blocks in messages:
        assert len(blocks) <= MAX_BLOCKS
        for block in blocks[1:]:
            assert len(block["text"]["text"]) <= MAX_SECTION
            texts.append(block["text"]["text"])
    listed = [line for text in texts for line in text.split("\n") if line.startswith("• `")]
    # every item once, in order (the timeline messages after the review list them again, as timeline lines)
    assert [line.split(" Follow-up: item ")[1].split(" ")[0] for line in listed] == [str(i) for i in range(1500)]
    assert messages[1][0] == "Review of incident #7 · SEV1 · Boycott call (part 2)"
