"""The one 5xx an outside request may get: the database is down, so 503 with Retry-After, and the sender retries.

Registered for the whole web app (bot/app.py), so webhooks and the calendar feed answer alike. Only errors that
say the database cannot be reached are here: a bad statement is a bug, not an outage."""
from __future__ import annotations

import logging

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


async def unavailable(request: Request, error: Exception) -> JSONResponse:
    log.warning("%s %s: the database is unavailable (%s); answered 503", request.method, request.url.path,
                type(error).__name__)
    return JSONResponse({"error": "the database is unavailable; nothing was stored, try again later"},
                        status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


HANDLERS = {OperationalError: unavailable, InterfaceError: unavailable, PoolTimeout: unavailable}
