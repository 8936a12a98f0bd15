"""The `crisisdesk` command: serve, worker, db upgrade, config check, schedule, templates, standin, drill."""
from __future__ import annotations

import argparse
import logging
import sys
from importlib import metadata
from typing import TYPE_CHECKING

from bot.config.problems import ConfigError
from bot.drills import add_drill_command
from bot.settings import Settings, SettingsError
from bot.templates import add_template_commands

if TYPE_CHECKING:  # imported where used, so `crisisdesk --help` starts fast
    from sqlalchemy.engine import Engine

    from bot.config.model import Config


USE_DATABASE_URL = "<DATABASE_URL>"  # `config check --database` with no URL: the one the bot uses


class Stop(Exception):
    """A clear one-line reason to exit non-zero without a traceback."""


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise Stop(str(error)) from None


def load_config(path: str) -> Config:
    from bot.config.loader import load_config as load
    try:
        return load(path)
    except ConfigError as error:
        raise Stop(error.render() + "\nFix the config, then check it with: crisisdesk config check " + path) from None


def prepare(require_slack: bool = True, quiet: bool = False) -> tuple[Settings, Config, Engine]:
    """Settings, config and a migrated database: what `serve`, `worker` and `schedule` need.

    `quiet` logs warnings and worse only, so a command that prints a table is not buried in migration chatter.
    """
    from bot.database import make_engine, upgrade
    settings = load_settings()
    level = max(logging.WARNING, logging.getLevelName(settings.log_level)) if quiet else settings.log_level
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLogger().level))
    missing = settings.missing_for_slack()
    if require_slack and missing:
        raise Stop(missing)
    config = load_config(settings.config_path)
    engine = make_engine(settings.database_url)
    upgrade(settings.database_url, engine)
    return settings, config, engine


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.app import build_app
    from bot.group_commit import lower_switch_interval
    from bot.notify import wake_listener, wake_sender
    from bot.scheduler import start_background
    from bot.signals import warm_in_background
    settings, config, engine = prepare()
    app = build_app(settings, config, engine=engine)
    lower_switch_interval()  # the webhooks' writers get the GIL back from the event loop in time
    app.check_slack()
    warm_in_background(config)  # this process reads the mentions' webhooks (the worker does not)
    if not args.no_worker:
        start_background(app.worker, settings.worker_tick_seconds, listen=wake_listener(settings.database_url))
    elif send := wake_sender(settings.database_url):  # the worker is another process: tell it work was queued
        app.desk.core.wakeup.subscribe(send)
    if settings.socket_mode:
        connect_socket_mode(app, settings)
    elif settings.public_url:
        logging.getLogger(__name__).info("Slack request URL: %s/slack/events", settings.public_url)
    try:
        uvicorn.run(app.web, host=args.host or settings.host, port=args.port or settings.port,
                    log_level=settings.log_level.lower())
    finally:  # stopped: store what webhooks handed in, finish the deliveries under way
        app.close()
    return 0


def connect_socket_mode(app, settings: Settings) -> None:
    """Slack events over Socket Mode; a refused SLACK_APP_TOKEN is one log line and a 503 on /healthz (webhooks
    and pages go on), not a traceback."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError
    log = logging.getLogger(__name__)
    try:
        SocketModeHandler(app.bolt, settings.slack_app_token).connect()
    except SlackApiError as error:
        app.health.refused("SLACK_APP_TOKEN", str(error.response.get("error", "unknown_error")))
        return
    except Exception as error:  # Slack unreachable: say so in one line; the process still serves webhooks
        log.error("Socket Mode could not connect (%s: %s): no Slack events until a restart",
                  type(error).__name__, error)
        return
    log.info("Slack events arrive over Socket Mode")


def worker(args: argparse.Namespace) -> int:
    from bot.app import build_app
    from bot.scheduler import run_blocking
    settings, config, engine = prepare()
    app = build_app(settings, config, engine=engine)
    app.check_slack()
    if args.once:
        moved, handled = app.worker.run_once()
        print(f"{moved} escalation(s) advanced, {handled} outbox row(s) handled")
        return 0
    from bot.notify import wake_listener
    try:
        run_blocking(app.worker, settings.worker_tick_seconds, listen=wake_listener(settings.database_url))
    finally:
        app.close()
    return 0


def db_upgrade(args: argparse.Namespace) -> int:
    from bot.database import upgrade
    settings = load_settings()
    upgrade(settings.database_url)
    print(f"database is up to date: {settings.database_url.split('@')[-1]}")
    return 0


def config_check(args: argparse.Namespace) -> int:
    from bot.config.check import check_file
    path = args.file or load_settings().config_path
    database = load_settings().database_url if args.database == USE_DATABASE_URL else args.database
    ok, text = check_file(path, database)
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def schedule(args: argparse.Namespace) -> int:
    """`schedule show|check|ics|stats`: needs the config and the database (stored overrides), not Slack."""
    from bot.clock import utcnow
    from bot.database import session_factory
    from bot.schedules import COMMANDS, ScheduleCommandError
    _settings, config, engine = prepare(require_slack=False, quiet=True)
    try:
        return COMMANDS[args.schedule_command](args, config, session_factory(engine), utcnow())
    except ScheduleCommandError as error:
        raise Stop(str(error)) from None
    finally:
        engine.dispose()


def standin(args: argparse.Namespace) -> int:
    """A local Slack stand-in for drills, seeded with the people of a config file."""
    from slackstandin.cli import main as standin_main
    argv = ["--host", args.host, "--port", str(args.port), "--token", args.token]
    if args.config:
        config = load_config(args.config)
        for number, person in enumerate(config.directory.people.values(), start=1):
            user_id = person.slack_id or f"U0DRILL{number:03d}"
            argv += ["--user", f"{user_id}:{person.key}:{person.email or ''}"]
    return standin_main(argv)


def package_version() -> str:
    try:
        return metadata.version("crisisdesk")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crisisdesk", description="Social-media crisis response in Slack.")
    parser.add_argument("--version", action="version", version=f"crisisdesk {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("serve", help="web server (Slack events, webhooks) plus the worker, in one process")
    p.add_argument("--no-worker", action="store_true", help="serve only; run `crisisdesk worker` separately")
    p.add_argument("--host", help="interface to bind (default HOST or 0.0.0.0)")
    p.add_argument("--port", type=int, help="port (default PORT or 3000)")
    p.set_defaults(run=serve)

    p = commands.add_parser("worker", help="escalations, reminders and Slack deliveries, without the web server")
    p.add_argument("--once", action="store_true", help="run one pass and exit")
    p.set_defaults(run=worker)

    db = commands.add_parser("db", help="database commands").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply every migration").set_defaults(run=db_upgrade)

    cfg = commands.add_parser("config", help="config commands").add_subparsers(dest="config_command", required=True)
    p = cfg.add_parser("check", help="validate the YAML config and show every problem with its line")
    p.add_argument("file", nargs="?", help="the config file (default CRISISDESK_CONFIG or crisisdesk.yaml)")
    p.add_argument("--database", nargs="?", const=USE_DATABASE_URL, metavar="URL",
                   help="also warn about open incidents there whose policy or paged people the file drops "
                        "(default URL: DATABASE_URL)")
    p.set_defaults(run=config_check)

    add_schedule_commands(commands)
    add_template_commands(commands)

    p = commands.add_parser("standin", help="a local Slack stand-in for drills (point SLACK_API_URL at it)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8099)
    p.add_argument("--token", default="xoxb-standin", help="the bot token it accepts")
    p.add_argument("--config", help="seed its people from this crisisdesk config")
    p.set_defaults(run=standin)
    add_drill_command(commands)
    return parser


def add_schedule_commands(commands) -> None:
    group = commands.add_parser("schedule", help="on-call schedules: shifts, gaps, calendar, hours")
    sub = group.add_subparsers(dest="schedule_command", required=True, metavar="COMMAND")

    p = sub.add_parser("show", help="who is on call, shift by shift, in the schedule's local time")
    p.add_argument("name", help="the schedule's name in the config")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default today, local)")
    p.add_argument("--days", type=int, help="how many days (default 7)")

    p = sub.add_parser("check", help="list the times nobody is on call; exits 1 when there are any")
    p.add_argument("names", nargs="*", metavar="NAME", help="schedules to check (default all)")
    p.add_argument("--days", type=int, help="how many days from now (default 14)")

    p = sub.add_parser("ics", help="the iCalendar (RFC 5545) of the coming days")
    p.add_argument("name", help="the schedule's name in the config")
    p.add_argument("--days", type=int, help="how many days from today (default oncall.calendar_days, 60 unless set)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    p = sub.add_parser("stats", help="each person's weekday, weekend and holiday hours")
    p.add_argument("name", help="the schedule's name in the config")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=True, help="first day")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=True, help="last day (included)")
    for p in sub.choices.values():
        p.set_defaults(run=schedule)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except Stop as stop:
        print(f"crisisdesk: {stop}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
