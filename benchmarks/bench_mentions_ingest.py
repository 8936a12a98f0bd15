"""Mentions ingested per second through `POST /hooks/mentions/<source>`: parsed, scored, stored (concurrent posts
share one commit), and the topic evaluated after a commit unless it was less than 5 s ago, on SQLite. Single-mention
posts and batches of 100, one client, one post at a time (benchmarks/bench_intake.py --scenarios mentions loads
it with wrk).

Run from the project root:  python benchmarks/bench_mentions_ingest.py
The database is a fresh SQLite file holding a day of history for the topic (2,000 mentions), so every
evaluation reads a realistic 25 h window. Texts are 70% English (scored by TextBlob), 20% Polish without a
sentiment (unscored), 10% with the tool's own sentiment; one in ten carries a crisis keyword.
"""
from __future__ import annotations

import http.client
import json
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app  # noqa: E402
from bot.config.loader import load_config_text  # noqa: E402
from bot.database import upgrade  # noqa: E402
from bot.settings import Settings  # noqa: E402
from escalation.signals.mentions import MentionIn  # noqa: E402
from escalation.signals.scoring import score  # noqa: E402

TOKEN = "bench-token"
CONFIG = """
signals:
  crisis_keywords: {en: [boycott, scam], pl: [bojkot, oszustwo]}
  topics:
    acme: {keywords: [Acme, "@acme"]}
"""
ENGLISH = ["Acme support answered in five minutes, great service", "My Acme order arrived broken again",
           "Is Acme down? The app will not load", "Acme is a scam, they never refunded me",
           "Loving the new Acme phone, the camera is superb", "Acme delivery was late but the courier was nice"]
POLISH = ["Acme znowu spóźnia się z dostawą", "Bojkot Acme, to oszustwo", "Paczka od Acme dotarła na czas"]
HISTORY = 2000


def mention(rng: random.Random, n: int, now: datetime, spread: timedelta) -> dict:
    kind = rng.random()
    body = {"id": f"m{n}", "url": f"https://social.example/p/{n}", "author": f"@user{rng.randrange(5000)}",
            "author_followers": rng.choice([40, 300, 2500, 18000]), "platform": "x",
            "published_at": (now - spread * rng.random()).isoformat()}
    if kind < 0.7:
        return {**body, "text": rng.choice(ENGLISH), "language": "en"}
    if kind < 0.9:
        return {**body, "text": rng.choice(POLISH), "language": "pl"}
    return {**body, "text": rng.choice(ENGLISH), "language": "en", "sentiment": rng.choice(["negative", "positive"])}


class Server:
    def __init__(self, app):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Without TCP_NODELAY the client's delayed ACK adds ~40 ms to every keep-alive round trip on Linux,
        # which would measure the kernel rather than crisisdesk. Accepted sockets inherit it.
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def run(batch: int, posts: int, folder: Path) -> tuple[float, float]:
    """(mentions per second, milliseconds per post) for `posts` posts of `batch` mentions each."""
    url = f"sqlite:///{folder / f'bench-{batch}.db'}"
    upgrade(url)
    settings = Settings(slack_bot_token="xoxb-bench", slack_signing_secret="bench", database_url=url,
                        slack_api_url="http://127.0.0.1:9/api/", webhook_token=TOKEN)
    app = build_app(settings, load_config_text(CONFIG, source="bench"))
    rng, now = random.Random(batch), datetime.now(UTC)
    history = [MentionIn(id=f"h{n}", text=rng.choice(ENGLISH), published_at=now - timedelta(hours=25) * rng.random(),
                         language="en", sentiment=rng.choice(["neutral", "positive", "negative", "neutral"]))
               for n in range(HISTORY)]
    app.desk.signals.receive("history", history)
    server = Server(app.web)
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    bodies = [json.dumps([mention(rng, p * batch + i, now, timedelta(minutes=30)) for i in range(batch)]).encode()
              for p in range(posts)]
    started = time.perf_counter()
    for body in bodies:
        connection.request("POST", "/hooks/mentions/bench", body=body, headers=headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        assert response.status == 202 and answer["stored"] == batch, answer
    elapsed = time.perf_counter() - started
    connection.close()
    server.stop()
    app.engine.dispose()
    return posts * batch / elapsed, elapsed / posts * 1000


def scoring_rate(seconds: float = 2.0) -> float:
    score(ENGLISH[0], "en", None)  # TextBlob loads its lexicon on first use
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        score(ENGLISH[calls % len(ENGLISH)] + f" {calls}", "en", None)
        calls += 1
    return calls / (time.perf_counter() - started)


def main() -> None:
    print(f"Python {sys.version.split()[0]}, SQLite, {HISTORY:,} mentions of history in the topic's window")
    print(f"TextBlob scoring alone: {scoring_rate():,.0f} English mentions/s")
    with tempfile.TemporaryDirectory() as folder:
        for batch, posts in ((1, 500), (100, 50)):
            rate, per_post = run(batch, posts, Path(folder))
            print(f"posts of {batch:>3} mention(s): {rate:,.0f} mentions/s ({per_post:.1f} ms per post, {posts} posts)")


if __name__ == "__main__":
    main()
