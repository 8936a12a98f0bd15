"""Scenarios measured with wrk (closed loop, `-t1 -c<connections>`): one new alert per request, 100 new alerts per
request, and mentions (1 and 100 per request). Each has its references in the same rounds."""
from __future__ import annotations

import time

import intake_bodies as bodies
import intake_wrk
from intake_report import Table
from intake_run import Bench, durability, nonce, rounds, wrk_row
from intake_targets import TOKEN, Running, Spec

PER_VARIANT = {"1 per request": 1, "100 per request": 100}


def _wrk(bench: Bench, running: Running, template: bodies.Template):
    """wrk's result, and the time.monotonic() it started at."""
    return time.monotonic(), intake_wrk.run(running.url + template.path, template, seconds=bench.seconds,
                          connections=bench.connections, nonce=nonce(), token=TOKEN, folder=bench.env.workdir)


def one_alert(bench: Bench) -> Table:
    """1. One new alert per request, each its own group; then every acknowledged alert must be in `alerts`."""

    def measure(spec: Spec, running: Running) -> dict:
        template = bodies.for_target(spec.kind, "generic")
        started, result = _wrk(bench, running, template)
        row = wrk_row(result, 1, "alerts")
        if running.db is not None:
            row.update(durability(running.db, "alerts", result, 1, started))
        return row

    rows = rounds(bench, "one alert", bench.refs() + bench.desks(), measure)
    return Table("1. One new alert per request", rows, [
        f"`wrk -t1 -c{bench.connections} -d{bench.seconds}s --latency`, every body a new alert with its own group "
        "key (crisisdesk: `POST /hooks/generic`; the bare app takes the same body; Alertmanager: `POST "
        "/api/v2/alerts` with a list of one alert with unique labels, grouped by `alertname, group`).",
        "`alerts rows` is counted in the database once the requests in flight when wrk stopped (`in flight at "
        "stop`) have landed; `durable` says every 2xx alert is stored and nothing more than was sent. wrk's "
        "`req/s` leaves the in-flight requests out; `stored/s` counts them: rows over the time from wrk's start "
        "to the last row landing. `outbox pending`: Slack work the worker had not yet delivered "
        "when counted. `log ERRORs`: lines with ERROR in crisisdesk's logs (a request that failed after wrk "
        "stopped shows only there)."])


def batch(bench: Bench) -> Table:
    """2. 100 new alerts per request: generic lists (100 groups) and Alertmanager notifications (one group)."""

    def measure(spec: Spec, running: Running) -> dict:
        template = bodies.for_target(spec.kind, spec.variant or "generic", per=100)
        started, result = _wrk(bench, running, template)
        row = wrk_row(result, 100, "alerts")
        if running.db is not None:
            row.update(durability(running.db, "alerts", result, 100, started))
        return row

    specs = bench.refs() + bench.desks("generic") + bench.desks("alertmanager")
    rows = rounds(bench, "100 per request", specs, measure)
    return Table("2. 100 new alerts per request", rows, [
        "Only lists batch alerts of different groups: crisisdesk's generic webhook takes a JSON list (here 100 "
        "alerts, each its own `dedup_key`, so 100 new incidents per request); an Alertmanager notification "
        "carries one group (`groupKey`), so the `alertmanager` rows are 100 alerts with distinct fingerprints "
        "in one new group per request. Alertmanager itself gets 100 alerts per `POST /api/v2/alerts`.",
        f"Same wrk settings as scenario 1 (`-t1 -c{bench.connections} -d{bench.seconds}s`)."])


def mentions(bench: Bench) -> Table:
    """7. `POST /hooks/mentions/<source>`, one mention per request and 100 per request."""

    def measure(spec: Spec, running: Running) -> dict:
        per = PER_VARIANT[spec.variant]
        started, result = _wrk(bench, running, bodies.mentions(per))
        row = wrk_row(result, per, "mentions")
        if per == 1:
            row["mentions/s"] = row["req/s"]
        if running.db is not None:
            row.update(durability(running.db, "mentions", result, per, started))
        return row

    specs = []
    for variant in PER_VARIANT:
        specs += bench.refs(alertmanager=False, variant=variant) + bench.desks(variant)
    rows = rounds(bench, "mentions", specs, measure)
    return Table("7. Mentions", rows, [
        f"`wrk -t1 -c{bench.connections} -d{bench.seconds}s` on `POST /hooks/mentions/bench`, every mention new, "
        "English (scored by TextBlob) and matching the watched topic `acme`, so each post also evaluates the "
        "topic's rules. Reference: the bare app (Alertmanager has no counterpart)."])
