"""The app factory: one call wires settings, config, database, Slack and the web routes together."""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from slack_bolt import App
from slack_bolt.adapter.starlette import SlackRequestHandler
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.clock import utcnow
from bot.config.model import Config
from bot.database import make_engine, session_factory
from bot.incidents.desk import Desk
from bot.review.desk import ReviewDesk
from bot.room.desk import RoomDesk
from bot.schedules.desk import OnCallDesk
from bot.settings import Settings
from bot.signals.desk import SignalDesk
from bot.slack.gateway import SlackGateway, make_client
from bot.templates.desk import TemplateDesk
from bot.worker import Worker
from escalation.schedules.lookup import lookup
from handlers import events
from handlers import router as commands
from handlers.incidents import actions
from handlers.incidents.webhooks import webhook_routes
from handlers.review import commands as review_commands
from handlers.room import commands as room_commands
from handlers.schedules.feed import calendar_routes
from handlers.signals import commands as pulse_commands
from handlers.signals.webhooks import mention_routes
from handlers.templates import commands as template_commands


@dataclass
class Crisisdesk:
    settings: Settings
    config: Config
    engine: Engine
    desk: Desk
    bolt: App
    web: Starlette
    worker: Worker


def build_app(settings: Settings, config: Config, *, engine: Engine | None = None,
              clock: Callable[[], datetime] = utcnow, listener_executor: Executor | None = None,
              on_call=None) -> Crisisdesk:
    """Everything the bot is, without starting anything: the caller serves `web` and runs `worker`."""
    engine = engine or make_engine(settings.database_url)
    client = make_client(settings.slack_bot_token, settings.slack_api_url)
    socket_mode = bool(settings.slack_app_token)
    bolt = App(token=settings.slack_bot_token, client=client, signing_secret=settings.slack_signing_secret or None,
               token_verification_enabled=False, request_verification_enabled=not socket_mode,
               listener_executor=listener_executor)
    desk = Desk(config, session_factory(engine), clock,
                on_call=on_call or (lambda session: lookup(session, config.schedules)))
    desk.room, desk.templates, desk.review, desk.signals = (RoomDesk(desk), TemplateDesk(desk), ReviewDesk(desk),
                                                            SignalDesk(desk))
    desk.oncall = OnCallDesk(desk)
    commands.register(bolt, desk)
    actions.register(bolt, desk)
    events.register(bolt)
    for feature in (room_commands, template_commands, review_commands, pulse_commands):
        feature.register(bolt, desk)
    slack = SlackRequestHandler(bolt)

    async def slack_events(request: Request):
        return await slack.handle(request)

    async def health(_request: Request):
        return JSONResponse({"ok": True})

    web = Starlette(routes=[Route("/slack/events", slack_events, methods=["POST"]),
                            Route("/healthz", health, methods=["GET"]),
                            *webhook_routes(desk, settings.webhook_token),
                            *mention_routes(desk, settings.webhook_token),
                            *calendar_routes(config, desk.sessions, clock)])
    worker = Worker(desk, SlackGateway(client), duties=(desk.review.run_due, desk.signals.run_due))
    return Crisisdesk(settings, config, engine, desk, bolt, web, worker)
