"""What every scenario shares: the run's settings, interleaved rounds over fresh targets, and read-backs."""
from __future__ import annotations

import json
import secrets
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from intake_report import median_row
from intake_targets import ALERTMANAGER, Database, Env, Running, Spec, start
from intake_wrk import WrkResult


@dataclass
class Bench:
    env: Env
    layouts: list[str]
    dbs: list[str]
    rounds: int = 1
    seconds: int = 10  # each wrk run
    connections: int = 64
    rate: float = 500.0
    rate_seconds: float = 10.0
    storm: int = 10_000
    group: int = 10_000
    pages: int = 20
    max_seconds: float = 300.0  # cap on any one closed-loop run
    references: bool = True
    memory: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def desks(self, variant: str = "") -> list[Spec]:
        return [Spec("crisisdesk", layout, db, variant) for layout in self.layouts for db in self.dbs]

    def refs(self, alertmanager: bool = True, variant: str = "") -> list[Spec]:
        if not self.references:
            return []
        specs = [Spec("bare", variant=variant)]
        if alertmanager and ALERTMANAGER:
            specs.append(Spec("alertmanager", variant=variant))
        elif alertmanager:
            note = "Alertmanager skipped: no prometheus-alertmanager or alertmanager binary on PATH."
            if note not in self.notes:
                self.notes.append(note)
        return specs


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def nonce() -> str:
    return secrets.token_hex(4)


def rounds(bench: Bench, scenario: str, specs: list[Spec], measure: Callable[[Spec, Running], dict]) -> list[dict]:
    """Run `measure` on a freshly started target for each spec, round after round (interleaved), and return
    one row per spec with the median of each figure. Resident memory is noted before and after each load."""
    runs: dict[str, list[dict]] = defaultdict(list)
    for number in range(1, bench.rounds + 1):
        for spec in specs:
            log(f"[{scenario}] round {number}/{bench.rounds}: {spec.label}")
            idle, after, began = {}, {}, time.monotonic()
            try:
                with start(spec, bench.env) as running:
                    idle = running.rss()
                    row = measure(spec, running)
                    after = running.rss()
                    exited = [name for name, proc in running.procs.items() if proc.poll() is not None]
                    if exited:
                        row["died"] = ", ".join(exited)
                if spec.kind == "crisisdesk":  # the logs are complete once the processes stopped
                    row["log ERRORs"] = running.log_lines("ERROR")
            except Exception as error:  # noqa: BLE001 - one target failing must not lose the others' figures
                row = {"error": f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"}
                log(f"  FAILED: {error}")
            runs[spec.label].append(row)
            for process, mib in idle.items():
                bench.memory.append({"scenario": scenario, "target": spec.label, "process": process,
                                     "idle MiB": mib, "after MiB": after.get(process, float("nan"))})
            log(f"  {time.monotonic() - began:.0f} s: " + ", ".join(f"{k}={v}" for k, v in row.items()))
    return [median_row(label, runs[label]) for label in runs]


def settle(read: Callable[[], int], quiet: float = 1.0, limit: float = 180.0, target: int | None = None) -> int:
    """Poll `read()` until it reaches `target` or stops changing for `quiet` seconds (in-flight requests land),
    for at most `limit` seconds."""
    return settle_at(read, quiet, limit, target)[0]


def settle_at(read: Callable[[], int], quiet: float = 1.0, limit: float = 180.0,
              target: int | None = None) -> tuple[int, float]:
    """`settle`, and the time.monotonic() at which the value was last seen to change (or first read)."""
    began = time.monotonic()
    value, changed, poll = read(), began, min(0.2, quiet)
    while (time.monotonic() - began < limit and time.monotonic() - changed < quiet
           and (target is None or value < target)):
        time.sleep(poll)
        newer = read()
        if newer != value:
            value, changed = newer, time.monotonic()
    return value, changed


def wrk_row(result: WrkResult, per: int, unit: str) -> dict:
    row = {"req/s": result.rps}
    if per > 1:
        row[f"{unit}/s"] = result.rps * per
    row.update({"p50 ms": result.p50_ms, "p99 ms": result.p99_ms, "max ms": result.max_ms,
                "2xx": result.ok, "non-2xx": result.non2xx, "5xx": result.c5xx, "socket errors": result.socket_errors})
    return row


def durability(db: Database, table: str, result: WrkResult, per: int, started: float) -> dict:
    """Rows stored against items acknowledged with a 2xx: never fewer, and never more than were sent (2xx plus
    what was in flight when wrk stopped). Waits for the in-flight requests to land: until every sent item is
    stored, or nothing changed for twice wrk's slowest answer (at least 5 s). `stored/s` counts every stored row:
    rows over the time from the load's start (`started`, time.monotonic()) to the last row landing."""
    quiet = max(5.0, 2 * result.max_ms / 1000 if result.requests else 2 * result.seconds)
    rows, landed = settle_at(lambda: db.count(table), quiet=quiet, target=result.sent * per)
    return {f"{table} rows": rows, "stored/s": rows / (landed - started) if landed > started else 0.0,
            "in flight at stop": result.sent - result.requests,
            "durable": result.ok * per <= rows <= result.sent * per,
            "outbox pending": db.count("outbox", "status = ?", ("pending",))}


def standin_calls(running: Running, method: str | None = None) -> list[dict]:
    url = running.standin + "_standin/calls" + (f"?method={method}" if method else "")
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)["calls"]


def memory_rows(records: list[dict]) -> list[dict]:
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for record in records:
        grouped[(record["scenario"], record["target"], record["process"])].append(
            {"idle MiB": record["idle MiB"], "after MiB": record["after MiB"]})
    rows = []
    for (scenario, target, process), runs in grouped.items():
        row = median_row(target, runs)
        rows.append({"scenario": scenario, "target": target, "process": process,
                     "idle MiB": row["idle MiB"], "after load MiB": row["after MiB"]})
    return rows
