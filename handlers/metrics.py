"""`GET /metrics`: Prometheus' text format, behind a bearer token of its own (METRICS_TOKEN)."""
from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handlers.inbound.guard import refused


def metrics_routes(text: Callable[[], bytes], token: str | None) -> list[Route]:
    async def metrics(request: Request) -> Response:
        if (refusal := refused(request, token, "metrics", "METRICS_TOKEN")) is not None:
            return refusal
        body = await run_in_threadpool(text)  # the backlog gauges read the database
        return Response(body, media_type=CONTENT_TYPE_LATEST)
    return [Route("/metrics", metrics, methods=["GET"])]
