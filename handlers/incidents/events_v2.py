"""`POST /v2/enqueue` and `/hooks/pagerduty`: a drop-in for PagerDuty's Events API v2. The routing key in the body
is the credential (no Bearer token), and every answer has PagerDuty's shape, so its clients work unchanged."""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from handlers.inbound.guard import MAX_BODY, declared_too_large, read_body
from handlers.inbound.rate import RateLimit
from handlers.inbound.relay import finished
from handlers.incidents.pagerduty import EventRefused, parse_event

if TYPE_CHECKING:
    from bot.config.pagerduty import PagerDutySettings
    from bot.incidents import IncidentDesk

ACTOR = "pagerduty"  # who acknowledged, on the timeline and in the channel


def enqueue(incidents: IncidentDesk, settings: PagerDutySettings):
    keys = {i.routing_key: i.name for i in settings.integrations}
    limit = RateLimit(settings.rate_per_minute)

    async def receive(request: Request) -> JSONResponse:
        body = None if declared_too_large(request) else await read_body(request)
        if not isinstance(body, bytes):  # declared or read past the limit
            return _refused(EventRefused("invalid event", "Event object is invalid",
                                         [f"body is larger than {MAX_BODY} bytes"]), 413)
        try:
            event = parse_event(body, keys, lambda: uuid.uuid4().hex, request.headers.get("x-routing-key"))
        except EventRefused as refusal:
            return _refused(refusal, 400)
        if wait := limit.wait(event.routing_key):
            return JSONResponse({"status": "throttle event", "message": "Requests for this service are arriving "
                                 "too quickly. Please retry later."}, status_code=429,
                                headers={"Retry-After": str(wait)})
        if event.action == "acknowledge":
            await run_in_threadpool(incidents.acknowledge_alert, event.alert.source, event.alert.group_key, ACTOR)
        else:
            await finished(incidents.submit([event.alert]))
        return JSONResponse({"status": "success", "message": "Event processed", "dedup_key": event.dedup_key},
                            status_code=202)
    return receive


def _refused(refusal: EventRefused, status: int) -> JSONResponse:
    return JSONResponse(refusal.body(), status_code=status)


def pagerduty_routes(incidents: IncidentDesk, settings: PagerDutySettings) -> list[Route]:
    endpoint = enqueue(incidents, settings)
    return [Route(path, endpoint, methods=["POST"]) for path in ("/v2/enqueue", "/hooks/pagerduty")]
