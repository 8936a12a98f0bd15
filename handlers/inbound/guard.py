"""What every webhook checks before it reads a payload: the size it declares, the token, then the size it has.

A body is never read past MAX_BODY: a declared Content-Length over it is refused before the token is looked at,
and a body sent without one (chunked) is counted while it streams in."""
from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse

MAX_BODY = 1024 * 1024


def too_large() -> JSONResponse:
    return JSONResponse({"error": f"body is larger than {MAX_BODY} bytes"}, status_code=413)


def declared_too_large(request: Request) -> JSONResponse | None:
    """413 when the Content-Length header alone says the body is over the limit; None: read on."""
    length = request.headers.get("content-length", "").strip()
    return too_large() if length.isascii() and length.isdigit() and int(length) > MAX_BODY else None


async def read_body(request: Request) -> bytes | JSONResponse:
    """The body, read up to MAX_BODY bytes and no further (a 413 answer past that)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return too_large()
        chunks.append(chunk)
    return b"".join(chunks)


async def admitted(request: Request, token: str | None) -> bytes | JSONResponse:
    """The body of a webhook request that passes the size and token checks, or the answer refusing it."""
    refusal = declared_too_large(request) or refused(request, token)
    return refusal if refusal is not None else await read_body(request)


def authorized(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def refused(request: Request, token: str | None, what: str = "webhooks",
            variable: str = "WEBHOOK_TOKEN") -> JSONResponse | None:
    """The answer to a request without the right token (503 while no token is set, 401 otherwise); None: let it in."""
    if not token:
        return JSONResponse({"error": f"{what} are disabled: set {variable}"}, status_code=503)
    if not authorized(request, token):
        return JSONResponse({"error": f"missing or wrong token: send Authorization: Bearer <{variable}>"},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return None
