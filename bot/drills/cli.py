"""The `drill` command line; what it runs is imported when it runs, so `crisisdesk --help` stays fast."""
from __future__ import annotations

import argparse

DEFAULT_CONFIG = "crisisdesk.example.yaml"
DEFAULT_PORT = 3000
DEFAULT_SPEED = 60.0
FASTEST = 3600.0  # an hour a second: the worker still looks every minute of drill time


def add_drill_command(commands) -> None:
    """`crisisdesk drill [--config FILE] [--port N]`, and `crisisdesk drill run SCENARIO [--speed N] ...`."""
    p = commands.add_parser("drill", help="the bot and a Slack stand-in on this machine, with a console in the "
                                          "browser: try crisisdesk without Slack")
    _common(p, DEFAULT_CONFIG, DEFAULT_PORT, "WARNING")
    p.set_defaults(run=drill)
    scenarios = p.add_subparsers(dest="drill_command", metavar="{run}")
    r = scenarios.add_parser("run", help="play a drill scenario (drills/NAME.yaml or a path), fast-forwarded, "
                                         "and print its drill report")
    r.add_argument("scenario", help="a scenario's name (boycott-rumour) or a file's path (my/drill.yaml)")
    r.add_argument("--speed", type=_speed, default=DEFAULT_SPEED,
                   help=f"how many times faster than real time (default {DEFAULT_SPEED:g}: a minute a second; "
                        f"at most {FASTEST:g})")
    r.add_argument("--no-console", dest="console", action="store_false",
                   help="serve no console page: play the scenario and print the report only")
    r.add_argument("--keep", action="store_true", help="keep serving the console after the report, until Ctrl-C")
    # Given after `run` or before it (`drill --port 0 run x`): SUPPRESS keeps the value `drill` read.
    _common(r, argparse.SUPPRESS, argparse.SUPPRESS, argparse.SUPPRESS)
    r.set_defaults(run=drill_run)


def _common(p, config, port, log_level) -> None:
    p.add_argument("--config", default=config,
                   help=f"the config whose people and channels the drill starts with (default {DEFAULT_CONFIG})")
    p.add_argument("--port", type=int, default=port,
                   help=f"port on 127.0.0.1 for the console (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--log-level", default=log_level, type=str.upper,
                   choices=("DEBUG", "INFO", "WARNING", "ERROR"), help="what the bot logs (default WARNING)")


def _speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number like 60, got {text!r}") from None
    if not 1 <= speed <= FASTEST:
        raise argparse.ArgumentTypeError(f"expected 1 (real time) to {FASTEST:g}, got {text}")
    return speed


def drill(args: argparse.Namespace) -> int:
    from bot.cli import load_config
    from bot.drills.run import run
    config = load_config(args.config)
    return run(config, args.config, port=args.port, log_level=args.log_level)


def drill_run(args: argparse.Namespace) -> int:
    from bot.cli import load_config
    from bot.drills.replay import replay
    config = load_config(args.config)
    return replay(config, args.config, args.scenario, speed=args.speed, port=args.port, log_level=args.log_level,
                  console=args.console, keep=args.keep)
