"""`POST /hooks/mentions/<source>`: social mentions in, with the same auth and error rules as the alert webhooks."""
from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from handlers.inbound.errors import PayloadError, shown
from handlers.inbound.guard import declared_too_large, read_body, refused
from handlers.signals.mentions import SOURCE_NAME, parse_mentions, shape_of

if TYPE_CHECKING:
    from bot.signals import SignalDesk


def webhook_routes(signals: SignalDesk, token: str | None) -> list[Route]:
    async def receive(request: Request) -> JSONResponse:
        if (refusal := declared_too_large(request) or refused(request, token)) is not None:
            return refusal
        source = request.path_params["source"]
        if not SOURCE_NAME.match(source):
            return JSONResponse({"error": f"source {shown(source)} in the URL: expected a lowercase name "
                                          "(a-z, 0-9, '.', '_', '-'), e.g. /hooks/mentions/listenly"},
                                status_code=400)
        body = await read_body(request)
        if isinstance(body, JSONResponse):
            return body
        try:
            parsed = parse_mentions(body, shape_of(signals.config.signals.sources.get(source)))
        except PayloadError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        receipt = await run_in_threadpool(signals.receive, source, parsed.mentions)
        return JSONResponse({"stored": receipt.stored, "duplicates": receipt.duplicates, "ignored": parsed.ignored,
                             "incidents": list(receipt.incidents)}, status_code=202)

    return [Route("/hooks/mentions/{source}", receive, methods=["POST"])]
