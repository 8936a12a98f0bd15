"""`crisisdesk drill` as a process: one URL, the bot healthy behind it, the console guarded against other sites."""
from __future__ import annotations

import http.client
import time
import urllib.parse

import pytest

from tests.drills.drill_process import DrillProcess


def ask(url: str, verb: str, path: str, body: bytes = b"", headers: dict | None = None) -> int:
    where = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    connection.request(verb, path, body=body, headers=headers or {})
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.timeout(120)
def test_the_drill_prints_one_url_and_guards_its_console(drill):
    urls = [line for line in drill.output if "http://" in line]
    assert urls == [f"Open {drill.url}/ in a browser. Ctrl-C stops the drill.\n"]
    # The example's placeholder calendar token is swapped for the drill's own: no ERROR about the feed being off.
    assert [line for line in drill.output if " ERROR " in line or "WARNING" in line] == []
    assert drill.url.startswith("http://127.0.0.1:")
    assert ask(drill.url, "GET", "/") == 200
    form = {"Content-Type": "application/x-www-form-urlencoded"}  # what another site's page can send unasked
    assert ask(drill.url, "POST", "/console/act/alert", b"kind=generic&title=x", form) == 415
    # A name that resolves to 127.0.0.1 for another site (DNS rebinding) is not this console.
    assert ask(drill.url, "GET", "/console/state", headers={"Host": "drill.attacker.example"}) == 400
    picture = drill.picture()
    # Channels only: a DM may already be there (a Friday start sends the weekend shift's heads-up at once).
    channels = [c["name"] for c in picture["channels"] if c["kind"] == "channel"]
    assert channels == ["general", "oncall-admin", "stakeholders", "all-staff", "template-approvals",
                        "customer-service"]
    assert [p["key"] for p in picture["people"]] == ["anna", "piotr", "kasia", "marta", "tomasz", "ewa", "jakub"]


@pytest.mark.timeout(180)
def test_a_drill_that_logs_a_lot_never_stalls_on_its_output(tmp_path):
    """At DEBUG the drill writes far more than a pipe holds (64 KB): unread, it would stall mid-request, and the
    console would stop answering."""
    running = DrillProcess(tmp_path, "--log-level", "DEBUG")
    try:
        running.wait_healthy()
        start = len(running.output)  # the lines up to the URL, read before the drain started

        def written() -> int:
            return sum(map(len, running.output[start:]))
        deadline = time.monotonic() + 120  # a guard against looping forever, not a speed limit
        n = 0
        while written() <= 2 * 65536:  # each alert opens an incident: Slack calls, each logged with its body
            assert time.monotonic() < deadline, f"only {written()} bytes written after {n} alerts"
            n += 1
            assert running.act("alert", {"kind": "generic", "title": f"Checkout down in region {n}",
                                         "severity": "critical"})["ok"]
            assert running.act("mentions", {"source": "drill", "text": f"Boycott Acme, day {n}", "count": 50,
                                            "followers": 1000, "language": "en"})["ok"]
            time.sleep(0.5)  # let the worker take them up
        assert len(running.picture()["channels"]) > 4  # still answering, with the incidents' channels
    finally:
        output = running.stop()
    assert "drill stopped." in output and "Traceback" not in output, output[-3000:]
