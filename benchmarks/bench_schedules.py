"""Times the on-call schedule core: who_is_on_call (calls/s) and resolving a year of shifts.

Run from the project root:  python benchmarks/bench_schedules.py
The schedule is the full example of docs/schedules.md: four layers, Polish holidays, company days off,
weekend window Fri 17:00 -> Mon 09:00, and two overrides (one from config, one "from the database").
"""
from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import per_second, timed  # noqa: E402
from bot.config.schedules import parse_schedules  # noqa: E402
from escalation.schedules import Override, find_gaps, next_handoff, resolve_shifts, who_is_on_call  # noqa: E402
from escalation.schedules.cache import ShiftCache  # noqa: E402

PEOPLE = {"anna", "piotr", "kasia", "marta", "tomasz", "ewa", "jakub"}
YEAR_START, YEAR_END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
FROM_DATABASE = (Override("jakub", datetime(2026, 7, 3, 15, tzinfo=UTC), datetime(2026, 7, 6, 7, tzinfo=UTC)),)


def example_schedule():
    text = (Path(__file__).resolve().parent.parent / "docs" / "schedules.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    problems: list = []
    schedules = parse_schedules(yaml.safe_load(block)["schedules"], "schedules", problems, PEOPLE)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    return schedules["social-oncall"]


def main() -> None:
    schedule = example_schedule()
    started = time.perf_counter()  # first, while the holiday and wall-clock caches are still empty
    resolve_shifts(schedule, YEAR_START, YEAR_END, FROM_DATABASE)
    cold = time.perf_counter() - started
    rng = random.Random(2026)
    instants = [YEAR_START + timedelta(seconds=rng.randrange(2 * 365 * 86400)) for _ in range(5000)]
    print(f"python {sys.version.split()[0]}, schedule {schedule.name!r}: {len(schedule.layers)} layers, "
          f"{len(schedule.overrides) + len(FROM_DATABASE)} overrides")
    rate = per_second(lambda at: who_is_on_call(schedule, at, FROM_DATABASE), instants)
    print(f"who_is_on_call           {rate:10,.0f} calls/s  ({1e6 / rate:,.0f} µs per call)")
    cache = ShiftCache()
    near = [datetime(2026, 11, 28, tzinfo=UTC) + timedelta(seconds=rng.randrange(3 * 86400)) for _ in range(5000)]
    rate = per_second(lambda at: cache.on_call(schedule, at, FROM_DATABASE), near)
    print(f"on_call, cached weeks    {rate:10,.0f} calls/s  ({1e6 / rate:,.1f} µs per call; what escalation asks)")
    rate = per_second(lambda at: next_handoff(schedule, at, FROM_DATABASE), instants, seconds=2.0)
    print(f"next_handoff             {rate:10,.0f} calls/s  ({1e6 / rate:,.0f} µs per call)")
    seconds, shifts = timed(lambda: resolve_shifts(schedule, YEAR_START, YEAR_END, FROM_DATABASE))
    print(f"resolve_shifts, 1 year   {seconds * 1000:10,.1f} ms       ({len(shifts)} shifts; "
          f"first call, caches cold: {cold * 1000:,.1f} ms)")
    seconds, gaps = timed(lambda: find_gaps(schedule, YEAR_START, YEAR_END, FROM_DATABASE))
    print(f"find_gaps, 1 year        {seconds * 1000:10,.1f} ms       ({len(gaps)} gaps)")


if __name__ == "__main__":
    main()
