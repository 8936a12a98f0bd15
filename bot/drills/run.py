"""Start the stand-in, the bot and the console on 127.0.0.1, print the console's URL, and stop it all on Ctrl-C."""
from __future__ import annotations

import logging
import secrets
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount

from bot.app import Crisisdesk, build_app
from bot.clock import utcnow
from bot.config.check import has_placeholder_token
from bot.config.model import Config
from bot.database import make_engine, upgrade
from bot.drills.workspace import seed
from bot.scheduler import start_background
from bot.settings import Settings
from bot.signals import warm_in_background
from slackstandin.console import AppLink, Console, console_routes
from slackstandin.standin import Standin

HOST = "127.0.0.1"  # a drill is for this machine only: the console acts as anyone, without a password
TICK_SECONDS = 1.0


def run(config: Config, config_path: str, *, port: int, log_level: str) -> int:
    """Serve until Ctrl-C (or SIGTERM); everything lives in a temporary directory removed at the end."""
    try:
        with running(config, config_path, port=port, log_level=log_level) as drill:
            print("crisisdesk drill: the bot and a Slack stand-in on this machine, on SQLite; nothing goes to Slack.",
                  flush=True)
            print(f"Open {drill.url}/ in a browser. Ctrl-C stops the drill.", flush=True)
            serve(drill)
    except KeyboardInterrupt:
        pass
    print("drill stopped.", flush=True)
    return 0


@dataclass(frozen=True)
class Running:
    """A drill's stand-in, bot and console, set up and ticking; `web` is what to serve on `sock` (at `url`)."""

    app: Crisisdesk
    standin: Standin
    console: Console
    web: Starlette
    sock: socket.socket
    url: str
    warming: threading.Thread | None  # the sentiment scorers loading (bot/signals/warmup.py), None when not needed


@contextmanager
def running(config: Config, config_path: str, *, port: int, log_level: str, clock: Callable[[], datetime] = utcnow,
            tick: float = TICK_SECONDS, console: bool = True) -> Iterator[Running]:
    """The stand-in seeded from the config, the bot on a fresh SQLite file with its worker ticking every `tick`
    seconds on `clock`, and (with `console`) the console's routes before the app's; all of it gone afterwards."""
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # "`token` will be unused": true, and no news. A filter, as Bolt resets its logger's level to the root's.
    logging.getLogger("slack_bolt.App").addFilter(lambda record: "will be unused" not in record.getMessage())
    sock = _listen(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}"
    home = Path(tempfile.mkdtemp(prefix="crisisdesk-drill-"))
    config = _own_calendar_token(config)
    standin = Standin(host=HOST, token=f"xoxb-drill-{secrets.token_hex(8)}", local_only=True).start()
    signal.signal(signal.SIGTERM, _interrupt)  # uvicorn re-raises it after its graceful stop: clean up here too
    app = scheduler = None
    try:
        people = seed(standin, config)
        settings = Settings(slack_bot_token=standin.token, slack_signing_secret=secrets.token_hex(16),
                            slack_api_url=standin.api_url, database_url=f"sqlite:///{home / 'drill.db'}",
                            config_path=config_path, webhook_token=secrets.token_urlsafe(24), host=HOST,
                            port=sock.getsockname()[1], worker_tick_seconds=tick, log_level=log_level)
        engine = make_engine(settings.database_url)
        upgrade(settings.database_url, engine)
        app = build_app(settings, config, engine=engine, clock=clock)
        app.check_slack()  # as `serve` does; the stand-in takes its own token, so /healthz stays 200
        warming = warm_in_background(config)
        scheduler = start_background(app.worker, settings.worker_tick_seconds)
        page = Console(standin, AppLink(url, settings.slack_signing_secret or "", settings.webhook_token or ""),
                       people)
        routes = [*console_routes(page)] if console else []
        web = Starlette(routes=[*routes, Mount("", app=app.web)],
                        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=[HOST, "localhost"])])
        yield Running(app, standin, page, web, sock, url, warming)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=True)  # a tick still running would meet a database already removed
        if app is not None:
            app.close()
            app.engine.dispose()
        standin.stop()
        sock.close()
        shutil.rmtree(home, ignore_errors=True)


def serve(drill: Running) -> None:
    """Serve the drill's web on its socket until Ctrl-C."""
    server = uvicorn.Server(uvicorn.Config(drill.web, log_level="warning", lifespan="off"))
    server.run(sockets=[drill.sock])


def _own_calendar_token(config: Config) -> Config:
    """The example's placeholder calendar token swapped for a secret of the drill's own: `serve` turns the feed off
    under the placeholder and logs an ERROR, which in a drill on 127.0.0.1 would only be noise before the URL."""
    if not has_placeholder_token(config):
        return config
    return replace(config, oncall=replace(config.oncall, calendar_token=secrets.token_urlsafe(24)))


def _listen(port: int) -> socket.socket:
    from bot.cli import Stop
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as error:
        sock.close()
        raise Stop(f"cannot listen on {HOST}:{port} ({error.strerror}); choose another port with --port") from None
    return sock


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt
