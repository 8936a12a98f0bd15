"""The plain-text tables of `crisisdesk schedule`, from fixed shifts: lengths, marks, totals."""
from __future__ import annotations

from datetime import timedelta

from bot.schedules.tables import NOBODY, hours_table, length, notes, shift_table, table, weekend_instants
from escalation.schedules import LayerKind, PersonHours, Shift
from tests.schedules.sample import at, brand, hours


def test_lengths_are_hours_so_daylight_saving_shows():
    assert [length(hours(n)) for n in (8, 23, 25, 65, 168)] == ["8h", "23h", "25h", "65h", "168h"]
    assert length(hours(23.5)) == "23h 30m"
    assert length(timedelta(0)) == "0h"


def test_columns_are_padded_and_right_aligned_where_asked():
    assert table(("NAME", "HOURS"), [("anna", "8h"), ("tomasz", "64h")], right=(1,)).splitlines() == [
        "NAME    HOURS", "anna       8h", "tomasz    64h"]


def test_weekend_and_holiday_marks_follow_the_calendar_not_the_layer():
    schedule = brand()  # weekend Fri 17:00 -> Mon 09:00, Polish holidays
    weekends = weekend_instants(schedule, at("2026-12-21 00:00"), at("2026-12-28 00:00"))
    friday_day = Shift(at("2026-12-25 08:00"), at("2026-12-25 20:00"), "marta", LayerKind.HOLIDAY, "holidays",
                       "Christmas Day")
    wednesday = Shift(at("2026-12-23 09:00"), at("2026-12-23 17:00"), "anna", LayerKind.BASE, "business-hours")
    sunday = Shift(at("2026-12-27 00:00"), at("2026-12-28 09:00"), "tomasz", LayerKind.BASE, "any")
    assert notes(friday_day, weekends) == "weekend, holiday: Christmas Day"
    assert notes(wednesday, weekends) == ""
    assert notes(sunday, weekends) == "weekend"


def test_a_gap_shows_as_nobody_on_call_in_local_time():
    schedule = brand()
    gap = Shift(at("2026-10-24 09:00"), at("2026-10-25 09:00"), None, None, None)
    assert shift_table(schedule, [gap], {}).splitlines() == [
        "START                 END                   LENGTH  PERSON              LAYER  NOTE",
        f"Sat 2026-10-24 09:00  Sun 2026-10-25 09:00     25h  {NOBODY}         weekend"]


def test_hours_table_fills_the_window_with_a_nobody_row_and_totals():
    hours_of = {"anna": PersonHours(hours(40), hours(0), hours(8)), "tomasz": PersonHours(hours(0), hours(64))}
    lines = hours_table(hours_of, {"anna": "Anna Nowak"}, hours(168)).splitlines()
    assert [line.split() for line in lines] == [
        ["PERSON", "WEEKDAY", "WEEKEND", "HOLIDAY", "TOTAL"],
        ["Anna", "Nowak", "40h", "0h", "8h", "48h"],
        ["tomasz", "0h", "64h", "0h", "64h"],
        ["—", "nobody", "on", "call", "—", "56h"],
        ["TOTAL", "40h", "64h", "8h", "168h"]]
