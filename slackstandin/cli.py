"""Run the Slack stand-in in the foreground for a drill: point the bot's SLACK_API_URL at it."""
from __future__ import annotations

import argparse
import threading

from slackstandin.standin import Standin


def parse_user(text: str) -> tuple[str, str, str | None]:
    """ID:NAME[:EMAIL] as given to --user."""
    parts = text.split(":", 2)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise argparse.ArgumentTypeError(f"expected ID:NAME[:EMAIL], got {text!r}")
    return parts[0], parts[1], (parts[2] if len(parts) == 3 and parts[2] else None)


def build_parser() -> argparse.ArgumentParser:
    """The command line: where to listen, which token to accept, which people exist."""
    parser = argparse.ArgumentParser(prog="python -m slackstandin", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8099, help="port to listen on (default 8099; 0 picks one)")
    parser.add_argument("--token", default="xoxb-standin", help="the bot token to accept (default xoxb-standin)")
    parser.add_argument("--user", action="append", default=[], type=parse_user, metavar="ID:NAME[:EMAIL]",
                        help="add a person, e.g. U0ANNA:anna:anna@example.com (repeatable)")
    return parser


def main(argv=None, *, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl-C (or until `stop` is set, which is how tests end it)."""
    options = build_parser().parse_args(argv)
    standin = Standin(host=options.host, port=options.port, token=options.token)
    for user_id, name, email in options.user:
        standin.add_user(user_id, name, email)
    with standin:
        print(f"Slack stand-in listening on {standin.base_url}", flush=True)
        print(f"  SLACK_API_URL={standin.api_url}", flush=True)
        print(f"  token: {standin.token}", flush=True)
        print(f"  calls: {standin.base_url}_standin/calls   messages: {standin.base_url}_standin/messages",
              flush=True)
        print("Ctrl-C to stop.", flush=True)
        try:
            (stop or threading.Event()).wait()
        except KeyboardInterrupt:
            print("stopped.", flush=True)
    return 0
