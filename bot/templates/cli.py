"""`crisisdesk templates seed|list`: the config's templates into the database, and what the database holds."""
from __future__ import annotations

import argparse

from sqlalchemy import select


def add_template_commands(commands) -> None:
    """Hooked into `crisisdesk`'s parser next to the schedule commands."""
    group = commands.add_parser("templates", help="reply templates: seed them from the config, list them")
    sub = group.add_subparsers(dest="templates_command", required=True, metavar="COMMAND")
    sub.add_parser("seed", help="copy the config's templates into the database (the bot also does this on "
                                "start); never overwrites an edit made in Slack").set_defaults(run=seed)
    sub.add_parser("list", help="every template and language: status, served version, version awaiting "
                                "approval").set_defaults(run=list_templates)


def seed(args: argparse.Namespace) -> int:
    from bot.cli import prepare
    from bot.clock import utcnow
    from bot.database import session_factory
    from escalation.templates.seeding import seed_templates
    _settings, config, engine = prepare(require_slack=False, quiet=True)
    try:
        with session_factory(engine).begin() as session:
            report = seed_templates(session, config.templates.library, utcnow())
    finally:
        engine.dispose()
    for what, names in (("created", report.created), ("updated", report.updated), ("skipped", report.skipped)):
        for name in names:
            print(f"{what}: {name}")
    kept = len(config.templates.library) - len(report.created) - len(report.updated) - len(report.skipped)
    print(f"{len(report.created)} created, {len(report.updated)} updated, {len(report.skipped)} skipped, "
          f"{kept} unchanged")
    return 0


def list_templates(args: argparse.Namespace) -> int:
    from bot.cli import prepare
    from bot.database import session_factory
    from escalation.templates import service as templates
    from escalation.templates.models import ReplyTemplate
    _settings, _config, engine = prepare(require_slack=False, quiet=True)
    rows = []
    try:
        with session_factory(engine).begin() as session:
            for t in session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.key, ReplyTemplate.language)):
                waiting = templates.pending(session, t)
                served = templates.version(session, t, t.current_version)
                rows.append((t.key, t.language, t.status, f"v{t.current_version}" if t.current_version else "-",
                             f"v{waiting.number}" if waiting else "-", served.title if served else "",
                             ", ".join(t.tags or [])))
    finally:
        engine.dispose()
    header = ("KEY", "LANG", "STATUS", "SERVED", "WAITING", "TITLE", "TAGS")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
    return 0
