"""`crisisdesk schedule show|check|ics|stats` as an admin runs them: a config file, a database, no Slack."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import freezegun
import pytest
from icalendar import Calendar
from sqlalchemy.orm import Session

from bot.cli import main
from bot.schedules.tables import NOBODY
from escalation.schedules.models import ScheduleOverride
from tests.schedules.sample import at

WARSAW = ZoneInfo("Europe/Warsaw")
MONDAY_BEFORE_INDEPENDENCE_DAY = "2026-11-09 09:00:00+00:00"  # 10:00 in Warsaw; Wed 2026-11-11 is a holiday
NAMES = {"anna": "Anna Nowak", "piotr": "Piotr Zieliński", "kasia": "Kasia Wójcik", "tomasz": "Tomasz Kamiński",
         "marta": "Marta Lewandowska", "ewa": "Ewa Lis"}

CONFIG = """
timezone: Europe/Warsaw
users:
  anna: {slack_id: U0ANNA, name: Anna Nowak}
  piotr: {slack_id: U0PIOTR, name: Piotr Zieliński}
  kasia: {slack_id: U0KASIA, name: Kasia Wójcik}
  tomasz: {slack_id: U0TOMASZ, name: Tomasz Kamiński}
  marta: {slack_id: U0MARTA, name: Marta Lewandowska}
  ewa: {slack_id: U0EWA, name: Ewa Lis}
schedules:
  social-oncall:                     # the documented shape: covered at every hour
    timezone: Europe/Warsaw
    weekend: {from: fri 17:00, to: mon 09:00}
    holidays: {country: PL, days_off: [2026-12-31]}
    holidays_use_weekend_layer: true
    layers:
      - name: business-hours
        members: [anna, piotr, kasia]
        shift: 1d
        handoff: "09:00"
        start: 2026-01-05
        restrictions: [{days: mon-fri, from: "09:00", to: "17:00"}]
      - name: weeknights
        members: [piotr, kasia]
        shift: 1w
        handoff: "09:00"
        start: 2026-01-05
        restrictions: [{days: mon-thu, from: "17:00", to: "09:00"}]
      - {name: weekend, kind: weekend, members: [tomasz, kasia, piotr], shift: 1w, handoff: "17:00",
         start: 2026-01-02}
      - name: holiday-daytime
        kind: holiday
        members: [marta, tomasz]
        shift: 1d
        handoff: "08:00"
        start: 2026-01-01
        restrictions: [{days: every day, from: "08:00", to: "20:00"}]
  daytime-desk:                      # office hours only: nights and weekends are gaps
    timezone: Europe/Warsaw
    holidays: {country: PL}
    layers:
      - name: office
        members: [anna, piotr]
        shift: 1d
        handoff: "09:00"
        start: 2026-01-05
        restrictions: [{days: mon-fri, from: "09:00", to: "17:00"}]
  support-desk:                      # round the clock, handoff at 09:00
    timezone: Europe/Warsaw
    layers:
      - {name: round-the-clock, members: [ewa, anna], shift: 1d, handoff: "09:00", start: 2026-01-05}
oncall:
  calendar_days: 10
"""


@pytest.fixture
def crisisdesk(tmp_path, database_url, monkeypatch, capsys):
    """Runs `crisisdesk schedule ...` and returns (exit code, stdout, stderr); no Slack credentials are set."""
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CRISISDESK_CONFIG", str(path))
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["schedule", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def monday():
    with freezegun.freeze_time(MONDAY_BEFORE_INDEPENDENCE_DAY) as frozen:
        yield frozen


def rows(output: str) -> list[tuple[str, ...]]:
    """The table of `schedule show` as (start, end, length, person, layer, note) tuples."""
    lines = output.splitlines()
    first = next(number for number, line in enumerate(lines) if line.startswith("START")) + 1
    table = []
    for line in lines[first:]:
        cells = re.split(r"\s{2,}", line.strip())
        if cells[3] == NOBODY:
            cells.insert(4, "")  # a gap has no layer
        table.append(tuple(cells + [""] * (6 - len(cells))))
    return table


def minutes(length: str) -> int:
    """`23h 30m` -> 1410."""
    hours, _, rest = length.partition("h")
    return int(hours) * 60 + (int(rest.strip().rstrip("m")) if rest.strip() else 0)


def test_show_marks_weekend_and_holiday_shifts_and_names_the_holiday(crisisdesk, monday):
    code, out, err = crisisdesk("show", "social-oncall")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "social-oncall: Mon 2026-11-09 to Sun 2026-11-15 (7 days), times in Europe/Warsaw"
    table = rows(out)
    # Whole shifts: the weekend that ends on the first morning is shown from its Friday start.
    assert table[0] == ("Fri 2026-11-06 17:00", "Mon 2026-11-09 09:00", "64h", "Piotr Zieliński", "weekend",
                        "weekend")
    assert table[1] == ("Mon 2026-11-09 09:00", "Mon 2026-11-09 17:00", "8h", "Piotr Zieliński", "business-hours", "")
    assert ("Wed 2026-11-11 08:00", "Wed 2026-11-11 20:00", "12h", "Marta Lewandowska", "holiday-daytime",
            "holiday: National Independence Day") in table
    # Holiday nights go to the weekend rotation; the holiday is still named.
    assert ("Wed 2026-11-11 20:00", "Thu 2026-11-12 00:00", "4h", "Piotr Zieliński", "weekend",
            "holiday: National Independence Day") in table
    assert table[-1] == ("Fri 2026-11-13 17:00", "Mon 2026-11-16 09:00", "64h", "Tomasz Kamiński", "weekend",
                         "weekend")
    assert all(row[0] == previous[1] for previous, row in zip(table, table[1:], strict=False)), "shifts tile the week"


def test_show_names_christmas_eve_a_polish_public_holiday_since_2025(crisisdesk):
    code, out, _ = crisisdesk("show", "social-oncall", "--from", "2026-12-21")
    assert code == 0
    table = rows(out)
    assert ("Thu 2026-12-24 08:00", "Thu 2026-12-24 20:00", "12h", "Tomasz Kamiński", "holiday-daytime",
            "holiday: Christmas Eve") in table
    assert ("Sat 2026-12-26 08:00", "Sat 2026-12-26 20:00", "12h", "Tomasz Kamiński", "holiday-daytime",
            "weekend, holiday: Second Day of Christmas") in table
    assert [row for row in table if row[0].startswith("Tue 2026-12-22")] == [
        ("Tue 2026-12-22 09:00", "Tue 2026-12-22 17:00", "8h", "Kasia Wójcik", "business-hours", ""),
        ("Tue 2026-12-22 17:00", "Wed 2026-12-23 09:00", "16h", "Piotr Zieliński", "weeknights", "")]


def test_show_gives_25_and_23_hour_shifts_across_daylight_saving_changes(crisisdesk):
    _, autumn, _ = crisisdesk("show", "support-desk", "--from", "2026-10-24", "--days", "2")
    _, spring, _ = crisisdesk("show", "support-desk", "--from", "2027-03-27", "--days", "2")
    _, weekend, _ = crisisdesk("show", "social-oncall", "--from", "2026-10-24", "--days", "1")
    assert ("Sat 2026-10-24 09:00", "Sun 2026-10-25 09:00", "25h") in [row[:3] for row in rows(autumn)]
    assert ("Sat 2027-03-27 09:00", "Sun 2027-03-28 09:00", "23h") in [row[:3] for row in rows(spring)]
    assert rows(weekend) == [("Fri 2026-10-23 17:00", "Mon 2026-10-26 09:00", "65h", "Tomasz Kamiński", "weekend",
                              "weekend")]


def test_show_lists_gaps_as_nobody_on_call(crisisdesk):
    _, out, _ = crisisdesk("show", "daytime-desk", "--from", "2026-11-10", "--days", "1")
    assert rows(out) == [
        ("Tue 2026-11-10 00:00", "Tue 2026-11-10 09:00", "9h", NOBODY, "", ""),
        ("Tue 2026-11-10 09:00", "Tue 2026-11-10 17:00", "8h", "Piotr Zieliński", "office", ""),
        ("Tue 2026-11-10 17:00", "Wed 2026-11-11 00:00", "7h", NOBODY, "", ""),
    ]


def test_check_lists_gaps_with_their_holidays_and_exits_1(crisisdesk, monday):
    code, out, err = crisisdesk("check", "daytime-desk", "--days", "7")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "daytime-desk: 5 gaps (nobody on call; times in Europe/Warsaw)"
    assert re.fullmatch(r"\s+Tue 2026-11-10 17:00\s+→\s+Wed 2026-11-11 09:00\s+16h\s+"
                        r"holiday: National Independence Day", lines[2])
    assert re.fullmatch(r"\s+Wed 2026-11-11 17:00\s+→\s+Thu 2026-11-12 09:00\s+16h\s+"
                        r"holiday: National Independence Day", lines[3])
    assert re.fullmatch(r"\s+Fri 2026-11-13 17:00\s+→\s+Mon 2026-11-16 09:00\s+64h", lines[5])
    assert lines[-1] == "5 gaps in 1 of 1 schedule in the next 7 days"


def test_check_exits_0_when_everyone_is_covered(crisisdesk, monday):
    assert crisisdesk("check", "social-oncall", "support-desk") == (
        0, "social-oncall: no gaps\nsupport-desk: no gaps\nno gaps in 2 schedules in the next 14 days\n", "")


def test_check_without_names_checks_every_schedule(crisisdesk, monday):
    code, out, _ = crisisdesk("check")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")][:3] == \
        ["social-oncall", "daytime-desk", "support-desk"]
    assert out.splitlines()[-1].endswith("in 1 of 3 schedules in the next 14 days")


def test_an_override_stored_from_slack_shows_in_show_and_ics_and_they_match(crisisdesk, monday, engine, tmp_path):
    with Session(engine) as session, session.begin():
        session.add(ScheduleOverride(schedule="social-oncall", person_key="ewa", starts_at=at("2026-11-12 10:00"),
                                     ends_at=at("2026-11-12 14:00"), created_by="U0MARTA",
                                     created_at=datetime.now(UTC), note="covers for piotr"))
    _, shown, _ = crisisdesk("show", "social-oncall")
    code, _, err = crisisdesk("ics", "social-oncall", "--days", "7", "--output", str(tmp_path / "oncall.ics"))
    assert code == 0
    assert err == (f"wrote 15 shifts of social-oncall, Mon 2026-11-09 to Sun 2026-11-15 (7 days), "
                   f"to {tmp_path / 'oncall.ics'}\n")
    table = rows(shown)
    assert ("Thu 2026-11-12 10:00", "Thu 2026-11-12 14:00", "4h", "Ewa Lis", "override", "") in table
    events = Calendar.from_ical((tmp_path / "oncall.ics").read_bytes()).walk("VEVENT")
    as_rows = [(local(event.decoded("dtstart")), local(event.decoded("dtend")),
                NAMES[str(event["x-crisisdesk-person"])], str(event["x-crisisdesk-layer"])) for event in events]
    assert as_rows == [row[:2] + row[3:5] for row in table]
    assert len(table) == 15  # 13 shifts, Thursday's business hours cut in three by the override


def test_ics_goes_to_stdout_and_reaches_calendar_days_ahead(crisisdesk, monday):
    code, out, err = crisisdesk("ics", "support-desk")
    assert (code, err) == (0, "")
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    events = Calendar.from_ical(out).walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    # oncall.calendar_days is 10: today's 09:00 handoff through the one on the tenth day, and the shift before.
    assert (local(starts[0]), local(starts[-1])) == ("Sun 2026-11-08 09:00", "Wed 2026-11-18 09:00")
    assert len(events) == 11


def test_stats_totals_add_up_to_the_window(crisisdesk):
    code, out, _ = crisisdesk("stats", "social-oncall", "--from", "2026-12-21", "--to", "2026-12-27")
    assert code == 0
    assert out.splitlines()[0] == ("social-oncall: Mon 2026-12-21 to Sun 2026-12-27 (7 days, 168h), "
                                   "times in Europe/Warsaw")
    people, total = hours_rows(out)
    assert total == ("TOTAL", sum(p[1] for p in people), sum(p[2] for p in people), sum(p[3] for p in people),
                     168 * 60)
    assert all(weekday + weekend + holiday == whole for _, weekday, weekend, holiday, whole in people)
    assert sum(p[4] for p in people) == 168 * 60
    assert ("Marta Lewandowska", 0, 0, 12 * 60, 12 * 60) in people  # Christmas Day, daytime


def test_stats_count_the_extra_autumn_hour_and_the_time_nobody_is_on_call(crisisdesk):
    _, out, _ = crisisdesk("stats", "daytime-desk", "--from", "2026-10-19", "--to", "2026-10-25")
    people, total = hours_rows(out)
    assert total[4] == 169 * 60  # the clocks went back on Sunday 2026-10-25
    assert people[-1] == (NOBODY, None, None, None, 129 * 60)
    assert sum(p[4] for p in people) == total[4]


def test_unknown_schedule_and_bad_dates_say_what_to_write(crisisdesk):
    code, out, err = crisisdesk("show", "social-on-call")
    assert (code, out) == (2, "")
    assert err == ("crisisdesk: unknown schedule 'social-on-call'; did you mean 'social-oncall'? "
                   "known schedules: daytime-desk, social-oncall, support-desk\n")
    assert crisisdesk("show", "social-oncall", "--from", "24.12.2026")[2] == \
        "crisisdesk: --from: write a date like 2026-12-24 (year-month-day), got '24.12.2026'\n"
    assert crisisdesk("stats", "social-oncall", "--from", "2026-12-31", "--to", "2026-12-01")[2] == \
        "crisisdesk: --to 2026-12-01 is before --from 2026-12-31; both days are included\n"
    assert crisisdesk("check", "--days", "0")[2] == "crisisdesk: --days: expected 1 to 366 days, got 0\n"


def local(instant: datetime) -> str:
    return f"{instant.astimezone(WARSAW):%a %Y-%m-%d %H:%M}"


def hours_rows(output: str):
    """The `schedule stats` table as (person, weekday, weekend, holiday, total) in minutes; blank cells None."""
    table = []
    for line in output.splitlines()[2:]:
        person, *cells = re.split(r"\s{2,}", line.strip())
        if person == NOBODY:  # only a total: nobody's time is not split into kinds of hours
            table.append((person, None, None, None, minutes(cells[-1])))
        else:
            table.append((person, *(minutes(cell) for cell in cells)))
    return table[:-1], table[-1]
