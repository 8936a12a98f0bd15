"""Page lateness with many open incidents: every incident reminds its person every minute; how late do the DMs land?

crisisdesk runs as `crisisdesk serve` (web and worker in one process, the worker ticking every --tick seconds) on a
fresh SQLite file or PostgreSQL database, with the Slack stand-in as Slack. --incidents new incidents are opened
through the generic webhook in lists of --batch alerts; each routes (by a label) to a policy of one level that pages
one of --people people, waits an hour and reminds every minute, so every incident is due a page DM each minute.
After the seeding the run goes on for --minutes wall minutes; then lateness is read two ways:

- the bot's own histogram `crisisdesk_page_lateness_seconds` from `GET /metrics` (a page DM's delivery time minus
  when its outbox row was queued: the delivery's share only);
- from the `pages` table: each step's due time (seq 0: the incident's opening; a reminder: the previous page's
  creation plus one minute, as the engine schedules it) against its `delivered_at` (the whole lateness: the
  engine's and the delivery's). Steps due by the end but not yet delivered are counted too.

    .venv/bin/python benchmarks/bench_lateness.py --incidents 1000 --minutes 2 --dbs sqlite
    .venv/bin/python benchmarks/bench_lateness.py --incidents 10000 --minutes 3 --write /tmp/lateness.md
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_intake import describe_tree
from intake_report import Table, document, machine
from intake_run import log
from intake_targets import (
    ROOT,
    SLACK_TOKEN,
    TOKEN,
    Database,
    Env,
    create_database,
    drop_database,
    free_port,
    launch,
    python_env,
    stop,
    wait_ready,
)

METRICS_TOKEN = "bench-metrics-token"
REMIND = timedelta(minutes=1)


def config(people: int) -> str:
    users = "".join(f"  p{i}: {{name: Person {i}, slack_id: {user_id(i)}}}\n" for i in range(people))
    policies = "".join(f"  p{i}:\n    levels:\n      - targets: {{users: [p{i}]}}\n        wait: 1h\n"
                       f"        remind_every: 1m\n" for i in range(people))
    routes = "".join(f"  - {{source: bench, match: {{who: p{i}}}, policy: p{i}}}\n" for i in range(people))
    return (f'timezone: UTC\nchannel:\n  name_pattern: "inc-{{number}}"\nusers:\n{users}policies:\n{policies}'
            f"routes:\n{routes}default_policy: p0\nauto_resolve: true\n")


def user_id(i: int) -> str:
    return f"U0LATE{i:05d}"


def rows(db: Database, sql: str) -> list[tuple]:
    if db.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(db.path, timeout=30)) as conn:
            return conn.execute(sql).fetchall()
    import psycopg
    with psycopg.connect(db.url) as conn:
        return conn.execute(sql).fetchall()


def moment(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def post(url: str, body: bytes, token: str | None = None, timeout: float = 300) -> bytes:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return answer.read()


def seed(url: str, incidents: int, people: int, batch: int, spread: float = 0.0) -> float:
    """Open `incidents` incidents through the webhook, `batch` alerts a request, the requests paced evenly over
    `spread` seconds (0: back to back); returns the seconds it took."""
    began = time.monotonic()
    requests = -(-incidents // batch)
    for k, first in enumerate(range(0, incidents, batch)):
        time.sleep(max(began + spread * k / requests - time.monotonic(), 0.0))
        alerts = [{"title": f"Lateness {n}", "dedup_key": f"late/{n}", "source": "bench", "severity": "warning",
                   "labels": {"who": f"p{n % people}"}} for n in range(first, min(first + batch, incidents))]
        answer = json.loads(post(url + "/hooks/generic", json.dumps(alerts).encode(), TOKEN))
        opened = sum(1 for r in answer["results"] if r["outcome"] == "opened")
        if opened != len(alerts):
            raise RuntimeError(f"seeding: {opened} of {len(alerts)} alerts opened an incident")
    return time.monotonic() - began


def histogram(text: str, name: str) -> tuple[list[tuple[float, float]], float, float]:
    """(upper bound, cumulative count) buckets, the count and the sum of a Prometheus histogram."""
    buckets, count, total = [], 0.0, 0.0
    for line in text.splitlines():
        if match := re.match(rf'{name}_bucket{{le="([^"]+)"}} (\S+)', line):
            buckets.append((float(match.group(1)), float(match.group(2))))
        elif line.startswith(f"{name}_count "):
            count = float(line.split()[1])
        elif line.startswith(f"{name}_sum "):
            total = float(line.split()[1])
    return buckets, count, total


def bucket_quantile(q: float, buckets: list[tuple[float, float]]) -> float:
    """As Prometheus' histogram_quantile: linear inside the bucket; past the last finite bound, that bound."""
    total = buckets[-1][1] if buckets else 0
    if not total:
        return float("nan")
    rank, lower, below = q * total, 0.0, 0.0
    for bound, cumulative in buckets:
        if cumulative >= rank:
            if bound == float("inf"):
                return lower
            return lower + (bound - lower) * (rank - below) / max(cumulative - below, 1e-9)
        lower, below = bound, cumulative
    return lower


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def lateness(db: Database, end: datetime) -> dict:
    """Each step's due time against its delivery, from the pages table; steps due by `end` count too."""
    opened = {i: moment(c) for i, c in rows(db, "SELECT id, created_at FROM incidents")}
    pages: dict[int, list[tuple]] = {}
    for incident, seq, created, delivered in rows(
            db, "SELECT incident_id, seq, created_at, delivered_at FROM pages ORDER BY incident_id, seq"):
        pages.setdefault(incident, []).append((seq, moment(created), delivered and moment(delivered)))
    delivered, step, waiting, reminders = [], [], [], []
    for incident, at in opened.items():
        due = at
        for seq, created, sent in pages.get(incident, []):
            step.append((created - due).total_seconds())
            if sent is not None and sent <= end:
                delivered.append((sent - due).total_seconds())
                if seq > 0:
                    reminders.append(delivered[-1])
            elif due <= end:
                waiting.append((end - due).total_seconds())
            due = created + REMIND
        if due <= end:  # due, and the engine has not even queued it
            waiting.append((end - due).total_seconds())
    everything = delivered + waiting  # a waiting step is at least this late: a lower bound
    return {"steps due": len(everything), "delivered": len(delivered), "not delivered": len(waiting),
            "p50 s": pct(delivered, 0.5), "p95 s": pct(delivered, 0.95), "p99 s": pct(delivered, 0.99),
            "max s": max(delivered, default=float("nan")), "≤ 2 s": share(delivered, 2.0),
            "reminders p99 s": pct(reminders, 0.99), "reminders ≤ 2 s": share(reminders, 2.0),
            "p99 s incl. waiting": pct(everything, 0.99), "oldest waiting s": max(waiting, default=0.0),
            "engine step p50 s": pct(step, 0.5), "engine step p99 s": pct(step, 0.99)}


def share(values: list[float], limit: float) -> str:
    return f"{100 * sum(v <= limit for v in values) / len(values):.1f} %" if values else "–"


def measure(kind: str, args: argparse.Namespace, env: Env, folder: Path) -> tuple[dict, dict]:
    db = create_database(kind, env, folder)
    procs: dict[str, subprocess.Popen] = {}
    try:
        standin_port, port = free_port(), free_port()
        users = [f"--user={user_id(i)}:person{i}" for i in range(args.people)]
        procs["standin"] = launch("standin", [sys.executable, "-m", "slackstandin", "--port", str(standin_port),
                                              "--token", SLACK_TOKEN, *users], folder, python_env({}))
        standin = f"http://127.0.0.1:{standin_port}/"
        wait_ready(standin + "_standin/calls", procs["standin"], folder, "standin")
        (folder / "crisisdesk.yaml").write_text(config(args.people))
        bot_env = python_env({"SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": "bench-signing-secret",
                              "SLACK_API_URL": standin + "api/", "DATABASE_URL": db.url, "WEBHOOK_TOKEN": TOKEN,
                              "METRICS_TOKEN": METRICS_TOKEN, "CRISISDESK_CONFIG": str(folder / "crisisdesk.yaml"),
                              "PORT": str(port), "HOST": "127.0.0.1", "LOG_LEVEL": args.log_level,
                              "CRISISDESK_TICK_SECONDS": args.tick})
        cli = [sys.executable, "-m", "bot.cli"]
        with open(folder / "upgrade.log", "wb") as out:
            subprocess.run([*cli, "db", "upgrade"], cwd=folder, env=bot_env, stdout=out, stderr=subprocess.STDOUT,
                           check=True, timeout=120)
        procs["serve"] = launch("serve", [*cli, "serve"], folder, bot_env)
        url = f"http://127.0.0.1:{port}"
        wait_ready(url + "/healthz", procs["serve"], folder, "serve")
        log(f"[{kind}] seeding {args.incidents:,} incidents, {args.batch} per request")
        seeded = seed(url, args.incidents, args.people, args.batch, args.spread)
        log(f"[{kind}] seeded in {seeded:.1f} s; running {args.minutes} min")
        load = []
        until = time.monotonic() + args.minutes * 60
        while time.monotonic() < until:
            time.sleep(min(10.0, max(until - time.monotonic(), 0)))
            load.append(Path("/proc/loadavg").read_text().split()[0])
        end = datetime.now(UTC).replace(tzinfo=None)
        text = post(url + "/metrics", b"", METRICS_TOKEN, timeout=60).decode()
        figures = lateness(db, end)
        buckets, count, total = histogram(text, "crisisdesk_page_lateness_seconds")
        depth = {m.group(1): int(float(m.group(2))) for m in
                 re.finditer(r'crisisdesk_outbox_depth{kind="([^"]+)"} (\S+)', text)}
        within = next((c for b, c in buckets if b == 2.0), 0.0)
        row = {"target": f"crisisdesk one/{kind}", "incidents": args.incidents, "seed s": seeded,
               **figures,
               "metric count": int(count), "metric p50 s": bucket_quantile(0.5, buckets),
               "metric p99 s": bucket_quantile(0.99, buckets), "metric mean s": total / count if count else 0.0,
               "metric ≤ 2 s": f"{100 * within / count:.1f} %" if count else "–",
               "outbox pending": sum(depth.values()),
               "pending by kind": ", ".join(f"{k} {v:,}" for k, v in sorted(depth.items())) or "none",
               "load avg (1 min) during": "–".join((min(load, key=float), max(load, key=float))) if load else "–",
               "log ERRORs": sum("ERROR" in line for line in open(folder / "serve.log", errors="replace"))}
        return row, {"end": end.isoformat()}
    finally:
        for proc in reversed(list(procs.values())):
            stop(proc)
        drop_database(db)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench_lateness.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--incidents", type=int, default=10_000, help="open incidents to seed (default 10000)")
    p.add_argument("--minutes", type=float, default=5.0, help="wall minutes to run after seeding (default 5)")
    p.add_argument("--people", type=int, default=1000,
                   help="people paged, one per incident's policy, round robin (default 1000: ten DMs a person a "
                        "minute, inside the bot's own per-channel budget of a burst of 10 and one a second)")
    p.add_argument("--batch", type=int, default=1000, help="alerts per webhook request while seeding (default 1000)")
    p.add_argument("--spread", type=float, default=0.0,
                   help="seconds to spread the seeding requests over, evenly (default 0: back to back, so every "
                        "incident's reminder falls due in the same second)")
    p.add_argument("--dbs", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432",
                   help="PostgreSQL server; a database bench_<pid>_<n> is created and dropped per run")
    p.add_argument("--tick", default="1", help="CRISISDESK_TICK_SECONDS (default 1)")
    p.add_argument("--log-level", default="INFO", help="crisisdesk's LOG_LEVEL (default INFO)")
    p.add_argument("--write", metavar="FILE", help="also write the figures as a Markdown document to FILE")
    p.add_argument("--heading", default="Page lateness with open incidents", help="the document's title")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder (logs)")
    args = p.parse_args(argv)
    args.dbs = [x.strip() for x in args.dbs.split(",") if x.strip()]
    if not args.dbs or set(args.dbs) - {"sqlite", "postgres"}:
        p.error("--dbs: expected sqlite, postgres or both")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the finally blocks stop the processes
    workdir = Path(tempfile.mkdtemp(prefix="crisisdesk-lateness-"))
    env = Env(workdir, log_level=args.log_level, tick=args.tick, pg_url=args.pg_url)
    results = []
    try:
        for n, kind in enumerate(args.dbs):
            folder = workdir / f"{kind}-{n}"
            folder.mkdir()
            try:
                row, _ = measure(kind, args, env, folder)
            except Exception as error:  # noqa: BLE001 - one database failing must not lose the other's figures
                row = {"target": f"crisisdesk one/{kind}", "error": f"{type(error).__name__}: {error}"[:300]}
            log("  " + ", ".join(f"{k}={v}" for k, v in row.items()))
            results.append(row)
    finally:
        if args.keep:
            log(f"scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    notes = [f"{args.incidents:,} incidents opened through `POST /hooks/generic` in lists of {args.batch}, each routed "
             f"to a one-level policy paging one of {args.people:,} people (`wait: 1h`, `remind_every: 1m`); then "
             f"{args.minutes:g} wall minutes with `CRISISDESK_TICK_SECONDS={args.tick}`. Each new incident also "
             "queues its channel work (create, topic, summary, pin, invite) in the outbox.",
             "`steps due`: page and reminder steps due by the end (from the pages table; a reminder is due a minute "
             "after the previous page was created); `p50/p95/p99/max s`: delivered DM minus due, over the delivered "
             "ones; `p99 s incl. waiting`: the same with each undelivered step counted as its age at the end (a "
             "lower bound); `engine step`: page row created minus due (the engine's share).",
             "`metric …`: the bot's `crisisdesk_page_lateness_seconds` histogram (delivery minus the outbox row's "
             "queueing: the delivery's share only), quantiles interpolated inside its buckets as Prometheus does.",
             "`load avg`: /proc/loadavg's one-minute figure, lowest–highest of the samples taken every 10 s; above "
             "2 on this 2-core machine means something else wanted the CPU as well (the stand-in and the bot share "
             "the cores)."]
    table = Table("Page lateness", results, notes)
    print(table.markdown(), flush=True)
    if args.write:
        command = ".venv/bin/python benchmarks/bench_lateness.py " + shlex.join(
            argv if argv is not None else sys.argv[1:])
        facts = [("crisisdesk code", describe_tree(ROOT)),
                 *machine(args.pg_url if "postgres" in args.dbs else None, None)]
        date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        Path(args.write).write_text(document(args.heading, command, date, facts, [__doc__.split("\n\n")[0]],
                                             [table]))
        log(f"wrote {args.write}")
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
