"""The `drill` command line; what it runs is imported when it runs, so `crisisdesk --help` stays fast."""
from __future__ import annotations

import argparse

DEFAULT_CONFIG = "crisisdesk.example.yaml"
DEFAULT_PORT = 3000


def add_drill_command(commands) -> None:
    """`crisisdesk drill [--config FILE] [--port N]`; scenarios (`drill run SCENARIO`) will be a subcommand here."""
    p = commands.add_parser("drill", help="the bot and a Slack stand-in on this machine, with a console in the "
                                          "browser: try crisisdesk without Slack")
    p.add_argument("--config", default=DEFAULT_CONFIG,
                   help=f"the config whose people and channels the drill starts with (default {DEFAULT_CONFIG})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port on 127.0.0.1 for the console (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--log-level", default="WARNING", type=str.upper,
                   choices=("DEBUG", "INFO", "WARNING", "ERROR"), help="what the bot logs (default WARNING)")
    p.set_defaults(run=drill)


def drill(args: argparse.Namespace) -> int:
    from bot.cli import load_config
    from bot.drills.run import run
    config = load_config(args.config)
    return run(config, args.config, port=args.port, log_level=args.log_level)
