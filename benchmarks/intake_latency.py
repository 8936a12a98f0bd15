"""Latency scenarios: alerts at a fixed rate with the worker delivering meanwhile (open loop), and the time from
the webhook to the page DM that the stand-in records, with the Slack calls each new incident costs."""
from __future__ import annotations

import json
import time
import urllib.request
from collections import Counter

import intake_bodies as bodies
from intake_client import open_loop, raw_request
from intake_report import Table
from intake_run import Bench, nonce, rounds, settle, standin_calls
from intake_targets import PERSON, TOKEN, Running, Spec

PAGE_TIMEOUT = 30.0  # seconds to wait for one page DM


def fixed_rate(bench: Bench) -> Table:
    """3. `rate` new alerts a second for `rate_seconds`, latency from each scheduled send time."""
    drain = max(10.0, 2 * bench.rate_seconds)

    def measure(spec: Spec, running: Running) -> dict:
        template, run = bodies.for_target(spec.kind, "generic"), nonce()

        def make(i: int) -> bytes:
            return raw_request("127.0.0.1", running.port, template.path, template.render(f"{run}-{i}"), TOKEN)

        out = open_loop("127.0.0.1", running.port, make, bench.rate, bench.rate_seconds, bench.connections, drain)
        row = {"sent": out.answered + out.unanswered, "2xx": out.ok, "non-2xx": out.non2xx,
               "unanswered": out.unanswered, "p50 ms": out.percentile(50) * 1000,
               "p99 ms": out.percentile(99) * 1000, "max ms": out.percentile(100) * 1000,
               "answered/s": out.answered / out.seconds if out.seconds else 0.0}
        if running.db is not None:
            db = running.db
            row["outbox sent"] = db.count("outbox", "status = ?", ("sent",))
            row["outbox pending"] = db.count("outbox", "status = ?", ("pending",))
            row["alerts rows"] = settle(lambda: db.count("alerts"), quiet=5.0, target=row["sent"])
        return row

    rows = rounds(bench, "fixed rate", bench.refs() + bench.desks(), measure)
    return Table(f"3. Latency at {bench.rate:,.0f} new alerts/s", rows, [
        f"Open loop: {bench.rate:,.0f} requests/s for {bench.rate_seconds:g} s on a fixed timetable over at most "
        f"{bench.connections} keep-alive connections (benchmarks/intake_client.py); each latency is measured from "
        f"the request's scheduled send time, so queueing in front of a slow server counts. Requests not answered "
        f"{drain:g} s after the last scheduled send are `unanswered` and count as infinitely slow in the "
        "percentiles (shown as `unanswered`). `answered/s` = answers / (last answer - first scheduled send).",
        "The worker runs meanwhile (in the web process for `one`, in its own for `split`): `outbox sent` and "
        "`outbox pending` are its rows right after the load."])


def _post(url: str, body: bytes) -> dict:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def _page_seen(running: Running, title: str) -> bool:
    """Whether the page DM for `title` reached the person: posted to a DM channel (D...), or to their user id,
    which Slack (and the stand-in) answer by opening the DM, whose id comes back in the answer."""
    for call in standin_calls(running, "chat.postMessage"):
        args, answer = call["args"], call["response"]
        text = args.get("text") or ""
        channels = (str(args.get("channel", "")), str(answer.get("channel", "")))
        to_person = channels[0] == PERSON[0] or any(c.startswith("D") for c in channels)
        if answer.get("ok") and to_person and text.startswith("You are paged") and title in text:
            return True
    return False


def first_page(bench: Bench) -> Table:
    """6. Webhook to page DM, K incidents one after another; Slack Web API calls per new incident."""

    def measure(spec: Spec, running: Running) -> dict:
        template, run = bodies.generic(), nonce()
        before = len(standin_calls(running))
        waits: list[float] = []
        for k in range(bench.pages):
            rid = f"{run}-{k}"
            title = f"Bench alert {rid}-1"
            started = time.perf_counter()
            _post(running.url + template.path, template.render(rid))
            while not _page_seen(running, title):
                if time.perf_counter() - started > PAGE_TIMEOUT:
                    waits.append(float("inf"))
                    break
                time.sleep(0.01)
            else:
                waits.append(time.perf_counter() - started)
            settle(lambda: len(standin_calls(running)), quiet=0.3, limit=10)  # the worker is idle again
        calls = settle(lambda: len(standin_calls(running)), quiet=float(bench.env.tick) + 1.0)
        methods = Counter(c["method"] for c in standin_calls(running)[before:])
        ordered = sorted(waits)
        row = {"incidents": bench.pages, "p50 s": ordered[len(ordered) // 2],
               "p95 s": ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)], "max s": ordered[-1],
               "no page": sum(1 for w in waits if w == float("inf")),
               "Slack calls/incident": (calls - before) / bench.pages,
               "calls by method (per incident)": ", ".join(
                   f"{m} {n / bench.pages:g}" for m, n in methods.most_common())}
        row["ticks skipped (log)"] = running.log_lines("maximum number of running instances")
        failed = [c for c in standin_calls(running)[before:] if c["http_status"] != 200 or not c["response"].get("ok")]
        if failed:
            row["failed calls"] = len(failed)
        return row

    rows = rounds(bench, "first page", bench.desks(), measure)
    return Table("6. Webhook to first page DM", rows, [
        f"{bench.pages} new incidents one after another, each one alert to `POST /hooks/generic` whose policy "
        "pages one person at level 1; the clock stops when the stand-in has recorded the `chat.postMessage` of "
        "the page to that person's DM (polled every 10 ms through `/_standin/calls`). The next incident is sent "
        "once the stand-in has seen no call for 0.3 s (the worker finished the incident's channel work). "
        f"`CRISISDESK_TICK_SECONDS={bench.env.tick}`: in `one` the web process wakes its worker at once; "
        "in `split` the worker finds the work on its next tick. `ticks skipped (log)`: APScheduler's "
        "\"skipped: maximum number of running instances reached\" warnings, a wake-up that came while a tick "
        "was running and was dropped (the work then waits for the next tick).",
        "Slack calls are counted once the stand-in has seen no new call for a tick and a second. No reference: "
        "the path goes through Slack."])
