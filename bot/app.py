"""The app factory: one call wires settings, config, database, Slack and the web routes together."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from slack_bolt import App
from slack_bolt.adapter.starlette import SlackRequestHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot import drills, incidents, reminders, review, room, schedules, signals, templates
from bot.clock import utcnow
from bot.config.check import feed_config
from bot.config.model import Config
from bot.core import Core
from bot.database import make_engine, session_factory
from bot.desk import Desk
from bot.metrics import Metrics
from bot.outbox.delivery import Kinds
from bot.settings import Settings
from bot.slack.budget import Budget
from bot.slack.gateway import SlackGateway, make_client
from bot.slack.health import SlackHealth, check_bot_token
from bot.statistics import PlannerStatistics
from bot.turns import Turns
from bot.wakeup import Wakeup
from bot.worker import Worker
from escalation.paging import OnCallLookup
from escalation.schedules import lookup
from handlers import drills as drill_handlers
from handlers import events, router
from handlers import incidents as incident_handlers
from handlers import reminders as reminder_handlers
from handlers import review as review_handlers
from handlers import room as room_handlers
from handlers import schedules as schedule_handlers
from handlers import signals as signal_handlers
from handlers import templates as template_handlers
from handlers.inbound import outage
from handlers.inbound import slack as slack_edge
from handlers.metrics import metrics_routes

DELIVERIES = Kinds.of(incidents.DELIVERIES, schedules.DELIVERIES, room.DELIVERIES, templates.DELIVERIES,
                      reminders.DELIVERIES, review.DELIVERIES, signals.DELIVERIES, drills.DELIVERIES)


@dataclass(frozen=True)
class Crisisdesk:
    settings: Settings
    config: Config
    engine: Engine
    desk: Desk
    bolt: App
    web: Starlette
    worker: Worker
    health: SlackHealth  # what /healthz says about Slack

    def check_slack(self) -> None:
        """auth.test with the bot token: a refused token is one log line and a 503 on /healthz."""
        check_bot_token(self.health, self.worker.gateway)

    def close(self) -> None:
        self.desk.close()
        self.worker.close()


def build_app(settings: Settings, config: Config, *, engine: Engine | None = None,
              clock: Callable[[], datetime] = utcnow, listener_executor: Executor | None = None,
              on_call: Callable[[Session], OnCallLookup] | None = None,
              delivery_lanes: int | None = None) -> Crisisdesk:
    """Everything the bot is, without starting anything: the caller serves `web` and runs `worker`."""
    engine = engine or make_engine(settings.database_url)
    client = make_client(settings.bot_token, settings.slack_api_url)
    socket_mode = bool(settings.slack_app_token)
    bolt = App(token=settings.bot_token, client=client, signing_secret=settings.slack_signing_secret or None,
               token_verification_enabled=False, request_verification_enabled=not socket_mode,
               listener_executor=listener_executor, raise_error_for_unhandled_request=True)
    sessions = session_factory(engine)
    core = Core(config, sessions, clock, Wakeup(),
                on_call=on_call or (lambda session: lookup(session, config.schedules)),
                metrics=Metrics(sessions, clock), turns=Turns(enabled=engine.dialect.name == "sqlite"))
    desk = Desk.build(core)
    router.register(bolt, [incident_handlers.commands(desk.incidents), room_handlers.commands(desk.room),
                           template_handlers.commands(desk.templates), review_handlers.commands(desk.review),
                           signal_handlers.commands(desk.signals), schedule_handlers.commands(desk.oncall),
                           drill_handlers.commands(drills.DrillStarter(desk.drills))],
                    footer=room_handlers.policy_line(config.room.policy_url),
                    drill_channel=desk.drills.is_drill_channel)
    incident_handlers.register(bolt, desk.incidents)
    room_handlers.register(bolt, desk.room)
    template_handlers.register(bolt, desk.templates)
    reminder_handlers.register(bolt, desk.reminders)
    events.register(bolt)
    slack = SlackRequestHandler(bolt)

    async def slack_events(request: Request):
        return await slack_edge.handle(slack, request)

    slack_health = SlackHealth()

    async def health(_request: Request):
        status, body = slack_health.answer()  # 503 with the reason once Slack refused a token
        return JSONResponse(body, status_code=status)

    web = Starlette(routes=[Route("/slack/events", slack_events, methods=["POST"]),
                            Route("/healthz", health, methods=["GET"]),
                            *metrics_routes(core.metrics.text, settings.metrics_token),
                            *incident_handlers.webhook_routes(desk.incidents, settings.webhook_token),
                            *incident_handlers.pagerduty_routes(desk.incidents, config.pagerduty),
                            *signal_handlers.webhook_routes(desk.signals, settings.webhook_token),
                            *schedule_handlers.calendar_routes(feed_config(config), core.sessions, clock)],
                    exception_handlers=outage.HANDLERS)
    delivery_lanes = delivery_lanes or settings.delivery_lanes
    lanes = ThreadPoolExecutor(delivery_lanes, thread_name_prefix="delivery") if delivery_lanes > 1 else None
    gateway = SlackGateway(client, observe=core.metrics.slack_call, budget=Budget(), health=slack_health)
    worker = Worker(core, gateway, DELIVERIES, lanes=lanes, period=settings.worker_tick_seconds,
                    duties=(PlannerStatistics(engine), desk.drills.run_due, desk.reminders.run_due,
                            desk.signals.run_due, desk.room.run_due))
    return Crisisdesk(settings, config, engine, desk, bolt, web, worker, slack_health)
