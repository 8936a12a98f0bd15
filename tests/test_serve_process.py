"""`crisisdesk serve` as an admin starts it: a real process, the example config, a local Slack stand-in."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.config.loader import load_config
from slackstandin.standin import Standin

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "crisisdesk.example.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def alertmanager_payload() -> bytes:
    alert = {"status": "firing", "labels": {"alertname": "CheckoutDown", "severity": "critical"},
             "annotations": {"summary": "Checkout is down"}, "startsAt": "2026-11-21T10:00:00Z",
             "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.local/graph", "fingerprint": "f1"}
    return json.dumps({"version": "4", "groupKey": '{}:{alertname="CheckoutDown"}', "status": "firing",
                       "receiver": "crisisdesk", "groupLabels": {"alertname": "CheckoutDown"},
                       "commonLabels": alert["labels"], "commonAnnotations": alert["annotations"],
                       "externalURL": "http://alertmanager.local", "alerts": [alert]}).encode()


def wait_until(check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    return check()


@pytest.fixture
def serve(tmp_path):
    standin = Standin().start()
    for person in load_config(EXAMPLE).directory.people.values():
        standin.add_user(person.slack_id or f"U0X{person.key.upper()}", person.key, person.email)
    port = free_port()
    env = {**os.environ, "SLACK_API_URL": standin.api_url, "SLACK_BOT_TOKEN": standin.token,
           "SLACK_SIGNING_SECRET": "drill-secret", "WEBHOOK_TOKEN": "drill-token", "PORT": str(port),
           "HOST": "127.0.0.1", "CRISISDESK_CONFIG": str(EXAMPLE), "CRISISDESK_TICK_SECONDS": "0.5",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'drill.db'}", "SLACK_APP_TOKEN": ""}
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def healthy():
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            return process.poll() is not None
    assert wait_until(healthy, 30) and process.poll() is None, process.stdout.read().decode()[-2000:]
    yield url, standin
    process.terminate()
    process.wait(timeout=10)
    standin.stop()


def test_serve_opens_a_channel_and_pages_when_alertmanager_posts(serve):
    url, standin = serve
    request = urllib.request.Request(url + "/hooks/alertmanager", data=alertmanager_payload(), method="POST",
                                     headers={"Authorization": "Bearer drill-token",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202

    def paged():
        # Only this incident's posts: the example's on-call schedule may also send a shift notice or the weekly
        # gap report, depending on the real date and time this test runs at.
        crisis = {c.id for c in list(standin.workspace.channels.values()) if (c.name or "").startswith("crisis-")}
        posts = [m for m in standin.messages()
                 if m.kind == "post" and (m.channel in crisis or "incident #1" in (m.text or ""))]
        return posts if any("you are paged (level 1)" in (m.text or "") for m in posts) else None
    posts = wait_until(paged, 20)
    assert posts, [c.method for c in standin.calls()]
    # Several delivery lanes run at once in a real process, so the page DM and the channel's summary race: the order
    # between them is not promised (the single-lane tests pin it). The mention needs the channel: it rides on the
    # summary when the page was queued before the summary was posted, else it follows it.
    dm = next(m for m in posts if standin.workspace.channels[m.channel].is_im)
    summary = next(m for m in posts if m.text.startswith("Incident #1 · SEV1 · Checkout is down"))
    mention = next(m for m in posts if "you are paged (level 1)" in (m.text or ""))
    assert dm.text.startswith("You are paged (level 1) for incident #1"), [m.text for m in posts]
    channel = standin.workspace.channels[summary.channel]
    assert dm.blocks[1]["elements"][0]["text"] in ("The incident channel is being opened.", f"Join <#{channel.id}>.")
    assert channel.name.startswith("crisis-") and channel.name.endswith("-checkout-is-down")
    assert wait_until(lambda: len(standin.pins(summary.channel)) == 1, 10)  # pinned right after it is posted
    assert mention.channel == summary.channel and posts.index(mention) >= posts.index(summary)
    standin.take_messages()
