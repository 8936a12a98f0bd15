"""`POST /hooks/mentions/<source>`: social mentions in, with the same auth and error rules as the alert webhooks."""
from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from escalation.signals.mentions import MentionIn
from handlers.inbound.errors import PayloadError, shown
from handlers.inbound.guard import declared_too_large, read_body, refused
from handlers.inbound.relay import finished
from handlers.signals.mentions import SOURCE_NAME, parse_mentions, shape_of

if TYPE_CHECKING:
    from bot.signals import SignalDesk

# Posts of up to this many mentions, and this much text in all, are scored on the event loop (about 30 µs for a
# short English mention), where a hop to a thread would cost more (it halved the rate of single-mention posts).
# Scoring time grows with the text, and one mention may hold 40,000 characters: larger posts, and languages not
# scored before (their first use loads a lexicon or a model for seconds), are scored in a thread, so the loop
# never stalls.
SCORED_INLINE = 20
TEXT_INLINE = 4_000


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
        mentions = parsed.mentions
        if scored_inline(mentions) and signals.warm_for(mentions):
            classified = signals.classify(source, mentions)
        else:
            classified = await run_in_threadpool(signals.classify, source, mentions)
        # No thread waits for the commit: concurrent posts share one (bot/group_commit.py).
        receipt = await finished(signals.submit(classified))
        return JSONResponse({"stored": receipt.stored, "duplicates": receipt.duplicates, "ignored": parsed.ignored,
                             "incidents": list(receipt.incidents)}, status_code=202)

    return [Route("/hooks/mentions/{source}", receive, methods=["POST"])]


def scored_inline(mentions: list[MentionIn]) -> bool:
    """Whether the post is small enough to score on the event loop: few mentions, little text."""
    return len(mentions) <= SCORED_INLINE and sum(len(m.text) for m in mentions) <= TEXT_INLINE
