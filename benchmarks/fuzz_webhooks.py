"""Fuzzing every outside door of a running crisisdesk, and counting its answers per endpoint.

Run from the project root:
    .venv/bin/python benchmarks/fuzz_webhooks.py                       # SQLite and PostgreSQL, 2,600 per webhook
    .venv/bin/python benchmarks/fuzz_webhooks.py --dbs sqlite --per-endpoint 500
    .venv/bin/python benchmarks/fuzz_webhooks.py --write docs/reliability.md

The bot is built in-process on a fresh SQLite or PostgreSQL database with the Slack stand-in, served over real
HTTP. Hypothesis bodies (tests/trust/fuzz_bodies.py): real payloads (tests/fixtures/webhooks, and ../shared/reference
when beside the checkout) with fields swapped, any JSON, raw bytes, the bodies that once gave 500; Slack requests
signed as Slack signs them. Target: no answer of 500 or more, and every 4xx with a message.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote

import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_app  # noqa: E402
from bot.config.loader import load_config_text  # noqa: E402
from bot.database import make_engine, upgrade  # noqa: E402
from bot.settings import Settings  # noqa: E402
from slackstandin.standin import Standin  # noqa: E402
from tests.support.slack_requests import block_actions_body, form_payload, signed_headers, slash_command_body  # noqa: E402
from tests.trust.fuzz_bodies import bodies, json_values, text  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake_report import machine  # noqa: E402

TOKEN, SECRET, FEED, PD_KEY = "fuzz-webhook-token", "fuzz-signing-secret", "fuzz-feed-token-01234", "4f1c2b7e" * 4
REFERENCE = ROOT.parent / "shared" / "reference" / "wire" / "webhooks"
CONFIG = f"""\
timezone: UTC
users:
  anna: {{name: Anna, slack_id: U0ANNA, email: anna@example.com}}
policies:
  page-now:
    levels:
      - targets: {{users: [anna]}}
        wait: 1h
default_policy: page-now
schedules:
  social-oncall:
    timezone: Europe/Warsaw
    layers:
      - {{name: weekdays, members: [anna], shift: 1d, handoff: "09:00", start: 2026-01-05}}
oncall:
  calendar_token: {FEED}
pagerduty:
  integrations: [{{name: fuzz, routing_key: {PD_KEY}}}]
signals:
  crisis_keywords: {{en: [boycott, scam]}}
  sources:
    listenly:
      when: {{action: mention_created}}
      fields: {{id: data.id, text: data.content, published_at: data.created_at, author: data.author.handle}}
  topics:
    acme: {{keywords: [Acme]}}
"""


def real_payloads() -> dict[str, list[object]]:
    """What each webhook really receives, from the test fixtures and the stored wire references."""
    fixtures = ROOT / "tests" / "fixtures" / "webhooks"
    def read(paths) -> list[object]:
        return [json.loads(p.read_text()) for p in paths if p.exists()]
    mention = {"id": "m1", "text": "Acme is a scam #boycott", "published_at": "2026-11-24T09:00:00+00:00",
               "url": "https://social.example/p/1", "author": "@kasia", "author_followers": 1200, "language": "en"}
    listenly = {"action": "mention_created", "data": {"id": "l1", "content": "Acme rocks", "author": {"handle": "@x"},
                                                      "created_at": "2026-11-24T09:00:00+00:00"}}
    return {
        "/hooks/generic": read(sorted(fixtures.glob("generic_*.json"))),
        "/hooks/alertmanager": read(sorted(fixtures.glob("alertmanager_*.json"))
                                    + sorted((REFERENCE / "alertmanager").glob("*.json"))),
        "/hooks/mentions/ours": [mention, [mention, {**mention, "id": "m2"}]],
        "/hooks/mentions/listenly": [listenly],
        "/v2/enqueue": [{**doc, "routing_key": PD_KEY} for doc in read(sorted((REFERENCE / "pagerduty").glob(
            "example.[tar]*.json"))) if "event_action" in doc],  # PagerDuty's requests, with our routing key
    }


class Server:
    def __init__(self, app):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class Tally:
    """Status counts per endpoint, 4xx answers without a message, and the first few bodies that got a 5xx."""

    def __init__(self):
        self.counts: dict[str, Counter] = {}
        self.silent: Counter = Counter()
        self.failures: list[tuple[str, int, bytes]] = []

    def add(self, endpoint: str, status: int, answer: bytes, body: bytes, json_errors: bool = True) -> None:
        self.counts.setdefault(endpoint, Counter())[status] += 1
        if status >= 500 and len(self.failures) < 20:
            self.failures.append((endpoint, status, body[:200]))
        if 400 <= status < 500 and not said_why(answer, json_errors):
            self.silent[endpoint] += 1


def said_why(answer: bytes, json_errors: bool) -> bool:
    if not json_errors:
        return bool(answer.strip())
    try:
        error = json.loads(answer).get("error") or json.loads(answer).get("message")  # ours, or PagerDuty's
    except (ValueError, AttributeError):
        return False
    return isinstance(error, str) and bool(error.strip())


def send(url: str, body: bytes | None, headers: dict, method: str = "POST") -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run(examples: int):
    """A hypothesis runner: the decorated function is called `examples` times with generated values."""
    return settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck))


def webhook(url: str, endpoint: str, docs: list[object], examples: int, tally: Tally) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    @run(examples)
    @given(body=bodies(docs))
    def post(body: bytes) -> None:
        tally.add(endpoint, *send(url + endpoint, body, auth), body)
    post()


def fuzz(url: str, per_endpoint: int, tally: Tally) -> None:
    for endpoint, docs in real_payloads().items():
        webhook(url, endpoint, docs, per_endpoint, tally)
        print(f"  {endpoint}: {sum(tally.counts[endpoint].values())} bodies", flush=True)

    @run(per_endpoint // 5)
    @given(name=text | st.just("social-oncall"), token=text | st.just(FEED))
    def feed(name: str, token: str) -> None:
        path = f"/schedules/{quote(name, safe='', errors='surrogatepass')}.ics?token=" \
               f"{quote(token, safe='', errors='surrogatepass')}"
        status, answer = send(url + path, None, {}, "GET")
        tally.add("GET /schedules/<name>.ics", status, answer, path.encode(), json_errors=False)
    feed()

    @run(per_endpoint // 5)
    @given(words=text.map(lambda s: s.encode("utf-8", "replace").decode()),
           head=st.sampled_from(["ack", "resolve", "severity", "log", "page", "template", "oncall", "²"]))
    def slash(words: str, head: str) -> None:
        body = slash_command_body(f"{head} {words}", user_id="U0ANNA", channel_id="C0FUZZ",
                                  response_url=url + "/nowhere")
        tally.add("POST /slack/events (slash)", *send(url + "/slack/events", body, signed_headers(body, SECRET)),
                  body, json_errors=True)
    slash()

    @run(per_endpoint // 5)
    @given(action=st.sampled_from(["incident_ack", "incident_resolve", "status_snooze_600", "template_use"]),
           value=json_values, user=json_values | st.just({"id": "U0ANNA"}))
    def click(action: str, value: object, user: object) -> None:
        payload = json.loads(unquote(block_actions_body(
            action, "1", user_id="U0ANNA", channel_id="C0FUZZ", message_ts="1.000001",
            response_url=url + "/nowhere").decode().removeprefix("payload=")))
        payload["actions"][0]["value"], payload["user"] = value, user
        body = form_payload(payload)
        tally.add("POST /slack/events (buttons)", *send(url + "/slack/events", body, signed_headers(body, SECRET)),
                  body)
    click()


def database(kind: str, pg_url: str, folder: Path) -> tuple[str, callable]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'fuzz.db'}", lambda: None
    import psycopg
    name = f"fuzz_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return pg_url.replace("postgresql://", "postgresql+psycopg://", 1).rstrip("/") + f"/{name}", drop


def measure(kind: str, per_endpoint: int, pg_url: str) -> tuple[Tally, float]:
    with tempfile.TemporaryDirectory() as scratch:
        url, drop = database(kind, pg_url, Path(scratch))
        slack = Standin().start()
        slack.add_user("U0ANNA", "anna", "anna@example.com")
        try:
            upgrade(url)
            engine = make_engine(url)
            app = build_app(Settings(slack_bot_token=slack.token, slack_signing_secret=SECRET,
                                     slack_api_url=slack.api_url, database_url=url, webhook_token=TOKEN),
                            load_config_text(CONFIG, source="fuzz"), engine=engine)
            server = Server(app.web)
            started = time.monotonic()
            tally = Tally()
            try:
                fuzz(server.url, per_endpoint, tally)
            finally:
                server.stop()
                app.close()
                engine.dispose()
            return tally, time.monotonic() - started
        finally:
            slack.stop()
            drop()


def report(results: dict[str, tuple[Tally, float]], command: str, pg_url: str | None) -> str:
    lines = ["# Reliability: what outside input gets back", "",
             "`benchmarks/fuzz_webhooks.py` sends generated bodies to every outside door of a running crisisdesk "
             "(built in-process, served by uvicorn over real HTTP, on a fresh database, with the Slack stand-in) "
             "and counts the answers. Bodies: real payloads (tests/fixtures/webhooks and the stored wire "
             "references) with one to three fields swapped for anything, JSON of any shape, raw bytes, and the "
             "bodies that once answered 500 (deep nesting, 5,000-digit integers, `1e999`, `\"\\ud800\"`, NUL); "
             "Slack requests are signed as Slack signs them. Target: no answer ≥ 500, and every 4xx with a "
             "message naming the problem (JSON `error`; the calendar feed answers plain text).", "",
             f"- Command: `{command}`",
             *(f"- {name}: {value}" for name, value in machine(pg_url, None)),
             f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", ""]
    for kind, (tally, seconds) in results.items():
        total = sum(sum(c.values()) for c in tally.counts.values())
        statuses = sorted({s for c in tally.counts.values() for s in c})
        lines += [f"## {kind}", "", f"{total:,} requests in {seconds:.0f} s; answers ≥ 500: "
                  f"{sum(n for c in tally.counts.values() for s, n in c.items() if s >= 500)}; "
                  f"4xx without a message: {sum(tally.silent.values())}.", "",
                  "| Endpoint | " + " | ".join(str(s) for s in statuses) + " | total |",
                  "|---|" + "---:|" * (len(statuses) + 1)]
        for endpoint, counts in tally.counts.items():
            lines.append(f"| `{endpoint}` | " + " | ".join(f"{counts.get(s, 0):,}" for s in statuses)
                         + f" | {sum(counts.values()):,} |")
        if tally.failures:
            lines += ["", "First answers ≥ 500:", ""] + [f"- `{e}` {s}: `{b!r}`" for e, s, b in tally.failures]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dbs", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    p.add_argument("--per-endpoint", type=int, default=2600, help="bodies per webhook (default 2600; the "
                   "calendar feed, slash commands and buttons get a fifth each)")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432")
    p.add_argument("--write", metavar="FILE", help="also write the counts as Markdown to FILE")
    args = p.parse_args(argv)
    # Every refused button is logged with its traceback (handlers/router.py): thousands of them say nothing here.
    for name in ("handlers.router", "slack_bolt"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    results = {}
    for kind in args.dbs.split(","):
        print(f"{kind}:", flush=True)
        results[{"sqlite": "SQLite", "postgres": "PostgreSQL"}[kind]] = measure(kind, args.per_endpoint, args.pg_url)
    command = ".venv/bin/python benchmarks/fuzz_webhooks.py " + " ".join(argv or sys.argv[1:])
    text_out = report(results, command.strip(), args.pg_url if "postgres" in args.dbs else None)
    print(text_out)
    if args.write:
        Path(args.write).write_text(text_out)
    failed = any(s >= 500 for tally, _ in results.values() for c in tally.counts.values() for s in c)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
