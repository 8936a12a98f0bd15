"""`GET /metrics`: Prometheus' text format, behind the same bearer token as the webhooks."""
from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from handlers.inbound.guard import authorized


def metrics_routes(text: Callable[[], bytes], token: str | None) -> list[Route]:
    async def metrics(request: Request) -> Response:
        if not token:
            return JSONResponse({"error": "metrics are disabled: set WEBHOOK_TOKEN"}, status_code=503)
        if not authorized(request, token):
            return JSONResponse({"error": "missing or wrong token: send Authorization: Bearer <WEBHOOK_TOKEN>"},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        body = await run_in_threadpool(text)  # the backlog gauges read the database
        return Response(body, media_type=CONTENT_TYPE_LATEST)
    return [Route("/metrics", metrics, methods=["GET"])]
