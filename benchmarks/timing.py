"""Timing helpers the benchmarks share: calls per second, and the median time of a call."""
from __future__ import annotations

import statistics
import time


def per_second(function, arguments: list, seconds: float = 3.0) -> float:
    """Calls per second of `function` over `arguments` (cycled), after one warm-up pass."""
    for argument in arguments[:200]:
        function(argument)
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for argument in arguments[calls % len(arguments):][:500]:
            function(argument)
            calls += 1
    return calls / (time.perf_counter() - started)


def timed(function, repeats: int = 7) -> tuple[float, object]:
    """Median wall time (s) of `function()` over `repeats` runs, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result
