"""`crisisdesk drill` as a person starts it: a real process on a free port, the example config, no Slack tokens."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "crisisdesk.example.yaml"
URL_LINE = re.compile(r"Open (http://127\.0\.0\.1:\d+)/ in a browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DrillProcess:
    """The drill in a subprocess; `url` is the one URL it printed."""

    def __init__(self, workdir: Path, *arguments: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WEBHOOK_"))}
        self.process = subprocess.Popen([sys.executable, "-m", "bot.cli", "drill", "--config", str(EXAMPLE),
                                         "--port", str(free_port()), *arguments], cwd=workdir, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.output: list[str] = []
        self.url = self._read_url()
        # Read on to the end, so a drill that logs a lot never fills the pipe and stalls writing to it.
        self._reader = threading.Thread(target=self._drain, name="drill-output", daemon=True)
        self._reader.start()

    def _read_url(self) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:  # it prints the URL once it is about to serve, or exits saying why
            self.output.append(line)
            found = URL_LINE.search(line)
            if found:
                return found[1]
        raise AssertionError("crisisdesk drill printed no URL:\n" + "".join(self.output))

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def wait_healthy(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"{self.url}/healthz never answered 200")

    def act(self, what: str, args: dict) -> dict:
        """What the page sends when a person does something (POST /console/act/WHAT, JSON); the console's answer."""
        request = urllib.request.Request(self.url + "/console/act/" + what, data=json.dumps(args).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def picture(self) -> dict:
        """What the console's page polls: the stand-in's workspace as the page draws it."""
        with urllib.request.urlopen(self.url + "/console/state", timeout=5) as response:
            return json.load(response)

    def stop(self) -> str:
        """Ctrl-C, as a person stops it; returns everything it printed."""
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()  # it hung: leave nothing running behind the failed test
            raise
        self._reader.join(timeout=20)  # the pipe closes when the process ends: every line is in by then
        return "".join(self.output)
