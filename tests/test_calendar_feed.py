"""`GET /schedules/{name}.ics?token=...` through the real HTTP server, as a calendar app subscribes to it."""
from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from sqlalchemy.orm import Session

from escalation.schedules.models import ScheduleOverride
from tests.schedules.sample import at
from tests.support.config import CONFIG
from tests.support.config import load_test_config as load_config_text

TOKEN = "feed-token-0123456789"
SCHEDULES = """
schedules:
  social-oncall:
    timezone: Europe/Warsaw
    weekend: {from: fri 17:00, to: mon 09:00}
    holidays: {country: PL}
    layers:
      - {name: weekdays, members: [anna, piotr], shift: 1d, handoff: "09:00", start: 2026-01-05}
      - {name: weekend, kind: weekend, members: [ewa, marek], shift: 1w, handoff: "17:00", start: 2026-01-02}
"""
WITH_FEED = CONFIG + SCHEDULES + f"oncall:\n  calendar_token: {TOKEN}\n  calendar_days: 14\n"
WITHOUT_TOKEN = CONFIG + SCHEDULES


@pytest.fixture
def config(request):
    """The end-to-end config plus a schedule and the feed's token; `indirect` parametrization swaps the text."""
    return load_config_text(getattr(request, "param", WITH_FEED))


def get(bot, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(bot.url + path, timeout=20) as response:
            return response.status, response.headers["content-type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read()


def test_the_feed_lists_the_next_calendar_days_with_stored_overrides(bot):
    with Session(bot.app.engine) as session, session.begin():
        session.add(ScheduleOverride(schedule="social-oncall", person_key="marek", starts_at=at("2026-12-01 12:00"),
                                     ends_at=at("2026-12-01 18:00"), created_by="U0EWA",
                                     created_at=datetime.now(UTC)))
    status, content_type, body = get(bot, f"/schedules/social-oncall.ics?token={TOKEN}")
    assert (status, content_type) == (200, "text/calendar; charset=utf-8")
    events = Calendar.from_ical(body).walk("VEVENT")
    spans = [(event.decoded("dtstart"), event.decoded("dtend")) for event in events]
    assert all(end == start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), "shifts tile the time"
    # Today (Tue 2026-11-24 in Warsaw) from the 09:00 handoff before midnight, through 14 days.
    assert spans[0][0] == at("2026-11-23 09:00") and spans[-1][1] == at("2026-12-08 09:00")
    people = {(event.decoded("dtstart"), str(event["x-crisisdesk-person"]), str(event["x-crisisdesk-layer"]))
              for event in events}
    assert (at("2026-11-27 17:00"), "marek", "weekend") in people
    assert (at("2026-12-01 12:00"), "marek", "override") in people
    assert str(events[0]["uid"]) == "social-oncall-20261123T080000Z@crisisdesk"
    # The same request gives the same bytes, so calendar apps see no change until the shifts change.
    assert get(bot, f"/schedules/social-oncall.ics?token={TOKEN}")[2] == body


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong-token-0123456789", f"?token={TOKEN}x"])
def test_a_missing_or_wrong_token_gets_401(bot, query):
    status, _, body = get(bot, f"/schedules/social-oncall.ics{query}")
    assert status == 401
    assert b"token" in body and b"BEGIN:VCALENDAR" not in body


def test_an_unknown_schedule_gets_404(bot):
    status, _, body = get(bot, f"/schedules/weekend-oncall.ics?token={TOKEN}")
    assert (status, body) == (404, b"no schedule called 'weekend-oncall'")


@pytest.mark.parametrize("config", [WITHOUT_TOKEN], indirect=True)
def test_without_a_calendar_token_the_feed_is_off_with_503(bot):
    status, _, body = get(bot, f"/schedules/social-oncall.ics?token={TOKEN}")
    assert (status, body) == (503, b"the calendar feed is off: set oncall.calendar_token in the config")


def test_the_feed_window_moves_with_the_clock(bot, clock):
    clock.move_to(datetime(2026, 12, 20, 12, tzinfo=UTC))  # a Sunday
    _, _, body = get(bot, f"/schedules/social-oncall.ics?token={TOKEN}")
    events = Calendar.from_ical(body).walk("VEVENT")
    # From the weekend shift in progress to the one that runs past the 14th day (Sat 2027-01-02).
    assert events[0].decoded("dtstart") == at("2026-12-18 17:00")
    assert events[-1].decoded("dtend") == at("2027-01-04 09:00")
    assert str(events[-2]["x-crisisdesk-holiday"]) == "New Year's Day"  # cut at the holiday's end
