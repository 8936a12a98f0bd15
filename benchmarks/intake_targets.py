"""What the intake benchmark measures, started and stopped from the outside: crisisdesk (`one` or `split` layout,
on a fresh SQLite file or PostgreSQL database) with its Slack stand-in, the bare Starlette app, Alertmanager.

Every process runs in its own process group with its output in a log file (never a pipe that could fill);
`start()` is a context manager that kills the groups and drops the database whatever happens.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-webhook-token"
SLACK_TOKEN = "xoxb-standin"
PERSON = ("U0BENCH001", "bench", "bench@bench.example")
ALERTMANAGER = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
_numbers = itertools.count(1)

CONFIG = f"""\
timezone: UTC
channel:
  name_pattern: "inc-{{number}}-{{title}}"
users:
  {PERSON[1]}: {{name: Bench Person, slack_id: {PERSON[0]}, email: {PERSON[2]}}}
policies:
  page-now:
    levels:
      - targets: {{users: [{PERSON[1]}]}}
        wait: 1h
default_policy: page-now
auto_resolve: true
signals:
  crisis_keywords: {{en: [boycott, scam]}}
  topics:
    acme: {{keywords: [Acme, "@acme"]}}
"""
AM_CONFIG = """\
route:
  receiver: "null"
  group_by: [alertname, group]
receivers:
  - name: "null"
"""


@dataclass(frozen=True)
class Spec:
    """One thing to measure: kind crisisdesk (with layout and db), bare or alertmanager; variant is the scenario's."""

    kind: str
    layout: str | None = None
    db: str | None = None
    variant: str = ""

    @property
    def label(self) -> str:
        name = {"bare": "bare Starlette+uvicorn", "alertmanager": "Alertmanager 0.25"}.get(
            self.kind, f"crisisdesk {self.layout}/{self.db}")
        return f"{name} ({self.variant})" if self.variant else name


@dataclass
class Env:
    """What every start needs: a scratch folder, the bot's log level and worker tick, the PostgreSQL server."""

    workdir: Path
    log_level: str = "INFO"
    tick: str = "2"
    pg_url: str = "postgresql://postgres@127.0.0.1:5432"
    tree: Path = ROOT  # the crisisdesk checkout whose code runs (its bot, migrations and stand-in)


@dataclass
class Database:
    kind: str
    url: str  # as DATABASE_URL
    path: Path | None = None  # SQLite file
    admin: str | None = None  # PostgreSQL maintenance URL, to drop it

    def scalar(self, sql: str, params: tuple = ()) -> int | None:
        if self.kind == "sqlite":
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as conn:
                row = conn.execute(sql, params).fetchone()
        else:
            import psycopg
            with psycopg.connect(self.url) as conn:
                row = conn.execute(sql.replace("?", "%s"), params).fetchone()
        return None if row is None else row[0]

    def count(self, table: str, where: str = "", params: tuple = ()) -> int:
        return int(self.scalar(f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else ""), params) or 0)


@dataclass
class Running:
    spec: Spec
    port: int
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    db: Database | None = None
    standin: str | None = None  # the stand-in's base URL, http://127.0.0.1:PORT/
    folder: Path | None = None  # where its logs are

    def log_lines(self, needle: str, processes: tuple[str, ...] = ("serve", "worker")) -> int:
        """How many lines of the named processes' logs contain `needle`."""
        total = 0
        for name in processes:
            path = self.folder / f"{name}.log" if self.folder else None
            if path is not None and path.exists():
                with open(path, errors="replace") as log:
                    total += sum(1 for line in log if needle in line)
        return total

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss(self) -> dict[str, float]:
        """Resident memory of each process, in MiB."""
        return {name: rss_mib(p.pid) for name, p in self.procs.items()}


def rss_mib(pid: int) -> float:
    try:
        import psutil
        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    except Exception:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200
    except OSError:
        return False


def launch(name: str, argv: list[str], folder: Path, env: dict | None = None) -> subprocess.Popen:
    with open(folder / f"{name}.log", "ab") as log:
        return subprocess.Popen(argv, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the process group, SIGKILL it after `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(wait)


def wait_ready(url: str, proc: subprocess.Popen, folder: Path, name: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}:\n{log_tail(folder / f'{name}.log')}")
        if http_ok(url):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} not ready at {url} after {seconds:.0f} s:\n{log_tail(folder / f'{name}.log')}")


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def create_database(kind: str, env: Env, folder: Path) -> Database:
    if kind == "sqlite":
        path = folder / "crisisdesk.db"
        return Database("sqlite", f"sqlite:///{path}", path=path)
    import psycopg
    name = f"bench_{os.getpid()}_{next(_numbers)}"
    admin = env.pg_url.rstrip("/") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return Database("postgres", f"{env.pg_url.rstrip('/')}/{name}", admin=admin)


def drop_database(db: Database) -> None:
    if db.kind == "postgres":
        import psycopg
        name = db.url.rsplit("/", 1)[1]
        with psycopg.connect(db.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def python_env(extra: dict, tree: Path = ROOT) -> dict:
    """The environment of a Python child: no Slack or database settings of ours, `tree` first on the path (the
    venv's editable install is only consulted after PYTHONPATH, so another checkout's code is the one run)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CRISISDESK_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(tree) + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **extra}


@contextlib.contextmanager
def start(spec: Spec, env: Env):
    """Start `spec` in a fresh folder; yields Running; stops every process and drops the database on exit."""
    folder = env.workdir / f"{spec.kind}-{next(_numbers)}"
    folder.mkdir(parents=True)
    running = Running(spec, free_port(), folder=folder)
    try:
        if spec.kind == "bare":
            argv = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "--port", str(running.port),
                    "--log-level", env.log_level]
            running.procs["bare"] = launch("bare", argv, folder, python_env({}))
            wait_ready(running.url + "/healthz", running.procs["bare"], folder, "bare")
        elif spec.kind == "alertmanager":
            (folder / "alertmanager.yml").write_text(AM_CONFIG)
            argv = [ALERTMANAGER, f"--config.file={folder / 'alertmanager.yml'}", f"--storage.path={folder / 'data'}",
                    f"--web.listen-address=127.0.0.1:{running.port}", "--cluster.listen-address="]
            running.procs["alertmanager"] = launch("alertmanager", argv, folder)
            wait_ready(running.url + "/-/ready", running.procs["alertmanager"], folder, "alertmanager")
        else:
            start_crisisdesk(running, env, folder)
        yield running
    finally:
        for proc in reversed(list(running.procs.values())):
            stop(proc)
        if running.db is not None:
            drop_database(running.db)


def start_crisisdesk(running: Running, env: Env, folder: Path) -> None:
    spec = running.spec
    running.db = create_database(spec.db, env, folder)
    standin_port = free_port()
    argv = [sys.executable, "-m", "slackstandin", "--port", str(standin_port), "--token", SLACK_TOKEN,
            "--user", ":".join(PERSON)]
    running.procs["standin"] = launch("standin", argv, folder, python_env({}, env.tree))
    running.standin = f"http://127.0.0.1:{standin_port}/"
    wait_ready(running.standin + "_standin/calls", running.procs["standin"], folder, "standin")
    (folder / "crisisdesk.yaml").write_text(CONFIG)
    bot_env = python_env({"SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": "bench-signing-secret",
                          "SLACK_API_URL": running.standin + "api/", "DATABASE_URL": running.db.url,
                          "WEBHOOK_TOKEN": TOKEN, "CRISISDESK_CONFIG": str(folder / "crisisdesk.yaml"),
                          "PORT": str(running.port), "HOST": "127.0.0.1", "LOG_LEVEL": env.log_level,
                          "CRISISDESK_TICK_SECONDS": env.tick}, env.tree)
    cli = [sys.executable, "-m", "bot.cli"]
    # The Procfile's release step: migrate once, so two processes never race to upgrade the schema.
    with open(folder / "upgrade.log", "wb") as log:
        subprocess.run([*cli, "db", "upgrade"], cwd=folder, env=bot_env, stdout=log, stderr=subprocess.STDOUT,
                       check=True, timeout=120)
    serve = [*cli, "serve"] + (["--no-worker"] if spec.layout == "split" else [])
    running.procs["serve"] = launch("serve", serve, folder, bot_env)
    wait_ready(running.url + "/healthz", running.procs["serve"], folder, "serve")
    if spec.layout == "split":
        running.procs["worker"] = launch("worker", [*cli, "worker"], folder, bot_env)
        time.sleep(1.0)
        if running.procs["worker"].poll() is not None:
            raise RuntimeError(f"worker exited:\n{log_tail(folder / 'worker.log')}")
