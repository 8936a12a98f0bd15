"""The Procfile layout on SQLite: `serve --no-worker` and `crisisdesk worker` as two real processes. The worker ticks
once a minute, so a page that arrives within seconds of the webhook was woken across the processes."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from bot import wake_socket
from bot.config.loader import load_config
from slackstandin.standin import Standin
from tests.test_serve_process import EXAMPLE, alertmanager_payload, free_port, wait_until

pytestmark = pytest.mark.skipif(not wake_socket.SUPPORTED, reason="abstract Unix sockets are Linux only")


def listening(database: str) -> bool:
    """Whether a worker has bound the database's wake address (the probe is one harmless wake)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as probe:
        try:
            probe.sendto(b"w", wake_socket.address(database))
        except ConnectionRefusedError:
            return False
    return True


@pytest.fixture
def split_layout(tmp_path):
    standin = Standin().start()
    for person in load_config(EXAMPLE).directory.people.values():
        standin.add_user(person.slack_id or f"U0X{person.key.upper()}", person.key, person.email)
    port, database = free_port(), str(tmp_path / "split.db")
    env = {**os.environ, "SLACK_API_URL": standin.api_url, "SLACK_BOT_TOKEN": standin.token,
           "SLACK_SIGNING_SECRET": "drill-secret", "WEBHOOK_TOKEN": "drill-token", "PORT": str(port),
           "HOST": "127.0.0.1", "CRISISDESK_CONFIG": str(EXAMPLE), "CRISISDESK_TICK_SECONDS": "60",
           "DATABASE_URL": f"sqlite:///{database}", "SLACK_APP_TOKEN": ""}
    processes = []

    def start(name: str, *args: str) -> subprocess.Popen:
        # Logs to a file: a full pipe nobody reads would stall the process.
        with open(tmp_path / f"{name}.log", "wb") as log:
            processes.append(subprocess.Popen([sys.executable, "-m", "bot.cli", *args], cwd=tmp_path, env=env,
                                              stdout=log, stderr=subprocess.STDOUT))
        return processes[-1]

    def logs() -> str:
        return "".join(path.read_text()[-2000:] for path in sorted(tmp_path.glob("*.log")))

    url = f"http://127.0.0.1:{port}"

    def healthy():
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            return web.poll() is not None
    try:
        web = start("web", "serve", "--no-worker")  # migrates the database before the worker opens it
        assert wait_until(healthy, 30) and web.poll() is None, logs()
        worker = start("worker", "worker")
        assert wait_until(lambda: listening(database) or worker.poll() is not None, 30), logs()
        assert worker.poll() is None, logs()
        time.sleep(1)  # the worker's first tick (at start) is over: a wake during it would wait for the next
        yield url, standin, logs
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        standin.stop()


def test_the_web_process_wakes_the_separate_worker_so_the_page_goes_out_at_once(split_layout):
    url, standin, logs = split_layout
    request = urllib.request.Request(url + "/hooks/alertmanager", data=alertmanager_payload(), method="POST",
                                     headers={"Authorization": "Bearer drill-token",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202

    def page_dm():
        return [m for m in standin.messages() if m.kind == "post" and standin.workspace.channels[m.channel].is_im
                and (m.text or "").startswith("You are paged (level 1) for incident #1")]
    assert wait_until(page_dm, 10), logs()  # well before the worker's next tick, a minute away
