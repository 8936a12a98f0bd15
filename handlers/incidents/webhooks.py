"""Webhook receivers: authenticate, parse, hand plain alerts to the incidents desk, answer 202 once they are stored."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from escalation.incidents.alerts import AlertIn
from handlers.inbound.errors import PayloadError
from handlers.inbound.guard import admitted
from handlers.inbound.relay import finished
from handlers.incidents.alertmanager import parse_alertmanager
from handlers.incidents.generic import parse_generic

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk

PARSERS: dict[str, Callable[[bytes], list[AlertIn]]] = {"generic": parse_generic, "alertmanager": parse_alertmanager}


def receiver(incidents: IncidentDesk, token: str | None, parse: Callable[[bytes], list[AlertIn]]):
    async def receive(request: Request) -> JSONResponse:
        body = await admitted(request, token)
        if isinstance(body, JSONResponse):
            return body
        try:
            alerts = parse(body)
        except PayloadError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        received = await finished(incidents.submit(alerts))
        return JSONResponse({"incidents": [r.incident_id for r in received],
                             "results": [{"incident": r.incident_id, "outcome": r.outcome} for r in received]},
                            status_code=202)
    return receive


def webhook_routes(incidents: IncidentDesk, token: str | None) -> list[Route]:
    return [Route(f"/hooks/{name}", receiver(incidents, token, parse), methods=["POST"])
            for name, parse in PARSERS.items()]
