"""Scenarios about one group: a storm of copies of one alert, and one group growing to many distinct alerts."""
from __future__ import annotations

import intake_bodies as bodies
from intake_client import closed_loop, raw_request
from intake_report import Table
from intake_run import Bench, nonce, rounds, settle
from intake_targets import TOKEN, Running, Spec

PER_REQUEST = 100
BUCKET = 1000  # alerts per "time per 1,000 alerts" figure


def storm(bench: Bench) -> Table:
    """4. One priming alert, then `storm` identical copies over `connections` connections at once."""

    def measure(spec: Spec, running: Running) -> dict:
        key = f"storm-{nonce()}"
        template = bodies.for_target(spec.kind, "generic", group=key)
        raw = raw_request("127.0.0.1", running.port, template.path, template.render(key), TOKEN)
        prime = closed_loop("127.0.0.1", running.port, [raw], 1, 60)
        if prime.ok != 1:
            raise RuntimeError(f"the priming alert was not accepted: {dict(prime.statuses)} {prime.errors}")
        out = closed_loop("127.0.0.1", running.port, [raw] * bench.storm, bench.connections, bench.max_seconds)
        row = {"copies": bench.storm, "seconds": out.seconds, "req/s": out.ok / out.seconds if out.seconds else 0.0,
               "p50 ms": out.percentile(50) * 1000, "p99 ms": out.percentile(99) * 1000, "2xx": out.ok,
               "non-2xx": out.non2xx, "unanswered": out.unanswered}
        if running.db is not None:
            db = running.db
            settle(lambda: int(db.scalar("SELECT coalesce(sum(repeats), 0) FROM alerts WHERE fingerprint = ?",
                                         (key,)) or 0))
            incidents = db.count("incidents", "group_key = ?", (key,))
            repeats = int(db.scalar("SELECT coalesce(sum(repeats), 0) FROM alerts WHERE fingerprint = ?", (key,)) or 0)
            row.update({"incidents": incidents, "alert rows": db.count("alerts", "fingerprint = ?", (key,)),
                        "repeats": repeats, "as expected": incidents == 1 and repeats == out.ok == bench.storm})
        return row

    rows = rounds(bench, "storm", bench.refs() + bench.desks(), measure)
    return Table(f"4. Storm: {bench.storm:,} copies of one alert", rows, [
        f"One alert, then {bench.storm:,} byte-identical copies of it over {bench.connections} keep-alive "
        "connections at once (closed loop, benchmarks/intake_client.py). crisisdesk must keep one incident and "
        f"one alert row whose `repeats` is {bench.storm:,}; `as expected` checks both and that every copy got a "
        "2xx. Alertmanager gets the same alert through `POST /api/v2/alerts` (it deduplicates by label set)."])


def one_group(bench: Bench) -> Table:
    """5. One group growing to `group` distinct alerts, 100 per request, one request after another."""
    requests = max(1, bench.group // PER_REQUEST)
    per_bucket = max(1, BUCKET // PER_REQUEST)

    def measure(spec: Spec, running: Running) -> dict:
        run = nonce()
        group = f"group-{run}"
        template = bodies.for_target(spec.kind, "alertmanager", per=PER_REQUEST, group=group)
        raws = [raw_request("127.0.0.1", running.port, template.path, template.render(f"{run}-{i}"), TOKEN)
                for i in range(requests)]
        out = closed_loop("127.0.0.1", running.port, raws, 1, bench.max_seconds)
        alerts = out.ok * PER_REQUEST
        row = {"alerts": requests * PER_REQUEST, "seconds": out.seconds,
               "alerts/s": alerts / out.seconds if out.seconds else 0.0, "non-2xx": out.non2xx,
               "unanswered": out.unanswered}
        buckets = [sum(out.latencies[i:i + per_bucket]) * 1000
                   for i in range(0, len(out.latencies) - per_bucket + 1, per_bucket)]
        for number, ms in enumerate(buckets, start=1):
            row[f"ms/1k @{number}k"] = ms
        if len(buckets) > 1:
            row["last/first"] = buckets[-1] / buckets[0] if buckets[0] else float("nan")
        if running.db is not None:
            db, key = running.db, f'{{}}:{{group="{group}"}}'
            stored = settle(lambda: db.count("alerts a JOIN incidents i ON a.incident_id = i.id",
                                             "i.group_key = ?", (key,)))
            incidents = db.count("incidents", "group_key = ?", (key,))
            row.update({"alert rows": stored, "incidents": incidents,
                        "as expected": incidents == 1 and stored == alerts == requests * PER_REQUEST})
        return row

    specs = bench.refs(variant="") + bench.desks()
    rows = rounds(bench, "one group", specs, measure)
    return Table(f"5. One group of {requests * PER_REQUEST:,} distinct alerts", rows, [
        f"{requests} Alertmanager notifications in a row on one connection, each 100 new alerts (distinct "
        "fingerprints) of the same `groupKey`, so one incident grows to "
        f"{requests * PER_REQUEST:,} alerts. `ms/1k @Nk`: the time the N-th thousand alerts took (10 requests); "
        "flat means the cost of an alert does not grow with its group. `last/first` is the last thousand's time "
        "over the first's. Alertmanager gets the same alerts (same `group` label) via `POST /api/v2/alerts`."])
