"""`GET /schedules/{name}.ics?token=...`: a schedule's coming shifts for calendar apps to subscribe to.

Calendar apps cannot send headers, so the token travels in the query string; it is compared in constant time.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from escalation.schedules.feed import calendar_ics

ICALENDAR = "text/calendar; charset=utf-8"


def calendar_routes(config, sessions, clock: Callable[[], datetime]) -> list[Route]:
    settings = config.oncall

    def shifts_as_ical(schedule, now: datetime) -> bytes:
        with sessions() as session:
            return calendar_ics(session, schedule, now, settings.calendar_days)

    async def feed(request: Request) -> Response:
        token = settings.calendar_token
        if not token:
            return PlainTextResponse("the calendar feed is off: set oncall.calendar_token in the config",
                                     status_code=503)
        given = request.query_params.get("token", "")
        # Checked before the name, so a stranger cannot probe which schedules exist.
        if not hmac.compare_digest(given.encode(), token.encode()):
            return PlainTextResponse("missing or wrong token: add ?token=<oncall.calendar_token> to the URL",
                                     status_code=401)
        name = request.path_params["name"]
        schedule = config.schedules.get(name)
        if schedule is None:
            return PlainTextResponse(f"no schedule called {name!r}", status_code=404)
        body = await run_in_threadpool(shifts_as_ical, schedule, clock())
        return Response(body, media_type=ICALENDAR,
                        headers={"Content-Disposition": f'inline; filename="{name}.ics"'})

    return [Route("/schedules/{name}.ics", feed, methods=["GET"])]
