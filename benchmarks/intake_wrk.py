"""Running wrk with a generated Lua script that makes every body unique and reports its own figures as JSON.

The script counts 2xx and non-2xx answers per thread in `response()` and `done()` prints one `BENCHJSON {...}`
line with them and wrk's latency percentiles (microseconds). wrk's `--timeout` is set far above any expected
latency: wrk counts a slower answer as a timeout and leaves it out of the percentiles.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from intake_bodies import ID, RID, Template

WRK = shutil.which("wrk")

LUA = r"""
local nonce = "%(nonce)s"
local path = "%(path)s"
local per = %(per)d
local head = [==[%(head)s]==]
local item = [==[%(item)s]==]
local tail = [==[%(tail)s]==]
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %(token)s"}
local threads = {}
counter, ok2xx, c4xx, c5xx, other = 0, 0, 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function request()
  counter = counter + 1
  local rid = nonce .. "-" .. tid .. "-" .. counter
  local parts = {}
  for k = 1, per do
    parts[k] = (item:gsub("%(id)s", rid .. "-" .. k))
  end
  local body = (head .. table.concat(parts, ",") .. tail):gsub("%(rid)s", rid)
  return wrk.format("POST", path, headers, body)
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then ok2xx = ok2xx + 1
  elseif status >= 400 and status < 500 then c4xx = c4xx + 1
  elseif status >= 500 then c5xx = c5xx + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local sent, ok, e4, e5, ot = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    sent = sent + t:get("counter"); ok = ok + t:get("ok2xx")
    e4 = e4 + t:get("c4xx"); e5 = e5 + t:get("c5xx"); ot = ot + t:get("other")
  end
  local e = summary.errors
  io.write(string.format('BENCHJSON {"sent": %%d, "requests": %%d, "duration_us": %%d, "ok": %%d, '
    .. '"c4xx": %%d, "c5xx": %%d, "other": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, '
    .. '"p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%f}\n',
    sent, summary.requests, summary.duration, ok, e4, e5, ot, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
"""


@dataclass
class WrkResult:
    sent: int  # requests the script made (answered or in flight when wrk stopped)
    requests: int  # answers wrk counted
    seconds: float
    ok: int
    non2xx: int
    c5xx: int
    socket_errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def script(template: Template, nonce: str, token: str) -> str:
    for part in (template.head, template.item, template.tail):
        if "]==]" in part:
            raise ValueError("a body template may not contain ]==]")
    return LUA % {"nonce": nonce, "path": template.path, "per": template.per, "head": template.head,
                  "item": template.item, "tail": template.tail, "token": token, "id": ID, "rid": RID}


def run(url: str, template: Template, *, seconds: int, connections: int, nonce: str, token: str,
        folder: Path) -> WrkResult:
    """`wrk -t1 -c<connections> -d<seconds>s --latency` with unique bodies; bounded by a subprocess timeout."""
    if WRK is None:
        raise RuntimeError("wrk is not installed")
    lua = folder / f"wrk-{nonce}.lua"
    lua.write_text(script(template, nonce, token))
    timeout = max(30, seconds * 3)
    argv = [WRK, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", f"{timeout}s",
            "-s", str(lua), url]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + timeout + 30)
    (folder / f"wrk-{nonce}.out").write_text(done.stdout + done.stderr)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.split(" ", 1)[1])
    # wrk calls request() once more on its first thread before the run, to check the script: not sent.
    return WrkResult(sent=max(data["requests"], data["sent"] - 1), requests=data["requests"],
                     seconds=data["duration_us"] / 1e6, ok=data["ok"],
                     non2xx=data["c4xx"] + data["c5xx"] + data["other"], c5xx=data["c5xx"],
                     socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
                     p50_ms=data["p50"] / 1000, p99_ms=data["p99"] / 1000, max_ms=data["max"] / 1000)
