"""crisisdesk's intake and delivery, measured from the outside beside references, in one run.

Every figure comes from HTTP answers, the database and the Slack stand-in's recorded calls; nothing of the bot is
imported, so the same command measures whatever intake the tree has. Each measurement starts its target fresh
(crisisdesk on a new SQLite file or PostgreSQL database, with a new stand-in) and stops it afterwards.

    .venv/bin/python benchmarks/bench_intake.py --quick --layouts one --dbs sqlite
    .venv/bin/python benchmarks/bench_intake.py --write docs/performance.md

Scenarios (--scenarios, default all): one (one new alert per request, wrk), batch (100 per request, wrk),
rate (fixed rate, open loop), storm (copies of one alert), group (one growing group), page (webhook to page
DM), mentions (1 and 100 per request, wrk), rss (memory of every process, from the scenarios that ran).
References: a bare Starlette app under the same uvicorn settings (benchmarks/bare_app.py) and Alertmanager.
Needs wrk, and PostgreSQL for --dbs postgres; Alertmanager is skipped with a note when missing.
"""
from __future__ import annotations

import argparse
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from intake_groups import one_group, storm
from intake_latency import first_page, fixed_rate
from intake_report import Table, document, machine
from intake_run import Bench, log, memory_rows
from intake_targets import ALERTMANAGER, ROOT, Env
from intake_throughput import batch, mentions, one_alert

SCENARIOS = {"one": one_alert, "batch": batch, "rate": fixed_rate, "storm": storm, "group": one_group,
             "page": first_page, "mentions": mentions, "rss": None}
#                 default, --quick
SIZES = {"duration": (10, 2), "rate": (500.0, 500.0), "rate_duration": (10.0, 2.0), "storm": (10_000, 500),
         "group": (10_000, 2_000), "pages": (20, 4), "connections": (64, 16)}
HEADING = "Intake and delivery performance"
INTRO = [
    "What `benchmarks/bench_intake.py` measured: crisisdesk's webhooks (intake) and its worker's Slack "
    "deliveries, from the outside (HTTP, the database, the Slack stand-in's recorded calls), side by side "
    "with two references measured in the same run with the same load: a bare Starlette app served by uvicorn "
    "exactly as `crisisdesk serve` serves the bot, answering 202 without storing anything (the floor of the "
    "stack), and Prometheus Alertmanager's own `POST /api/v2/alerts`.",
    "",
    "Layouts: `one` is `crisisdesk serve` (web and worker in one process); `split` is `crisisdesk serve "
    "--no-worker` plus `crisisdesk worker` (the Procfile). Each measurement starts its target fresh: a new "
    "SQLite file or PostgreSQL database, migrated, and a new Slack stand-in. The benchmark's config pages one "
    "person at level 1 for every incident, so every new incident also costs the worker a channel, a summary, "
    "a pin, an invite and a page DM. The load generators run on the same machine as the servers. "
    "Figures are medians over the rounds; `–` means not applicable.",
]


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench_intake.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated, from: " + ", ".join(SCENARIOS))
    p.add_argument("--layouts", default="one,split", help="one, split or both (default both)")
    p.add_argument("--dbs", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    p.add_argument("--rounds", type=int, default=1, help="interleaved rounds; the tables show medians (default 1)")
    p.add_argument("--quick", action="store_true", help="a smoke run: short loads and small counts")
    p.add_argument("--duration", type=int, help="seconds of each wrk run (default 10; --quick 2)")
    p.add_argument("--connections", type=int, help="wrk -c and the Python client's pool (default 64; --quick 16)")
    p.add_argument("--rate", type=float, help="requests/s of the fixed-rate scenario (default 500)")
    p.add_argument("--rate-duration", type=float, help="seconds of the fixed-rate scenario (default 10; --quick 2)")
    p.add_argument("--storm", type=int, help="copies in the storm (default 10000; --quick 500)")
    p.add_argument("--group", type=int, help="alerts in the one group (default 10000; --quick 2000)")
    p.add_argument("--pages", type=int, help="incidents in the page scenario (default 20; --quick 4)")
    p.add_argument("--max-seconds", type=float, default=300.0, help="cap on each closed-loop run (default 300)")
    p.add_argument("--no-references", action="store_true", help="measure crisisdesk only")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432",
                   help="PostgreSQL server; a database bench_<pid>_<n> is created and dropped per measurement")
    p.add_argument("--log-level", default="INFO", help="LOG_LEVEL of crisisdesk and the bare app (default INFO)")
    p.add_argument("--tick", default="2", help="CRISISDESK_TICK_SECONDS (default 2, the bot's default)")
    p.add_argument("--write", metavar="FILE", help="also write the figures as a Markdown document to FILE")
    p.add_argument("--heading", default=HEADING, help="the document's title")
    p.add_argument("--note", action="append", default=[], help="a paragraph for the document's introduction "
                   "(repeatable), e.g. which commit --tree holds and how it was made")
    p.add_argument("--tree", type=Path, default=ROOT,
                   help="the crisisdesk checkout to run (default this one), e.g. a `git archive` of an older commit")
    p.add_argument("--tree-label", help="how the document names the code measured (default: the tree's git commit)")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder (logs, wrk output)")
    args = p.parse_args(argv)
    for name, (default, quick) in SIZES.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else default)
    for name, allowed in (("scenarios", SCENARIOS), ("layouts", ("one", "split")), ("dbs", ("sqlite", "postgres"))):
        chosen = [x.strip() for x in getattr(args, name).split(",") if x.strip()]
        wrong = [x for x in chosen if x not in allowed]
        if wrong or not chosen:
            p.error(f"--{name}: expected some of {', '.join(allowed)}, got {getattr(args, name)!r}")
        setattr(args, name, chosen)
    return args


def describe_tree(tree: Path) -> str:
    try:
        commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(tree), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return f"commit {commit}" + (" with uncommitted changes" if dirty else "") + f" ({tree})"
    except (OSError, subprocess.SubprocessError):
        return str(tree)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if shutil.which("wrk") is None and {"one", "batch", "mentions"} & set(args.scenarios):
        print("bench_intake.py: wrk is not installed (scenarios one, batch, mentions need it)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so every finally below stops its processes
    workdir = Path(tempfile.mkdtemp(prefix="crisisdesk-bench-"))
    env = Env(workdir, log_level=args.log_level, tick=args.tick, pg_url=args.pg_url, tree=args.tree.resolve())
    bench = Bench(env, args.layouts, args.dbs, rounds=args.rounds, seconds=args.duration,
                  connections=args.connections, rate=args.rate, rate_seconds=args.rate_duration, storm=args.storm,
                  group=args.group, pages=args.pages, max_seconds=args.max_seconds,
                  references=not args.no_references)
    began, tables = time.monotonic(), []
    try:
        for name in args.scenarios:
            if SCENARIOS[name] is not None:
                table = SCENARIOS[name](bench)
                tables.append(table)
                print(table.markdown(), flush=True)
        if "rss" in args.scenarios:
            table = Table("8. Resident memory (RSS) of each process", memory_rows(bench.memory), [
                "Read from /proc/<pid>/status (VmRSS; psutil when installed) after the target answered its health "
                "check (idle) and right after the scenario's load (after load)."])
            tables.append(table)
            print(table.markdown(), flush=True)
    finally:
        if args.keep:
            log(f"scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if bench.notes:
        tables[-1:] = [Table(t.title, t.rows, t.notes + bench.notes) for t in tables[-1:]]
    log(f"done in {time.monotonic() - began:.0f} s")
    if args.write:
        command = ".venv/bin/python benchmarks/bench_intake.py " + shlex.join(
            argv if argv is not None else sys.argv[1:])
        facts = [("crisisdesk code", args.tree_label or describe_tree(args.tree)),
                 *machine(args.pg_url if "postgres" in args.dbs else None, ALERTMANAGER)]
        date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        intro = INTRO + [line for note in args.note for line in ("", note)]
        text = document(args.heading, command, date, facts, intro, tables)
        Path(args.write).write_text(text)
        log(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
