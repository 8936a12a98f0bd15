"""What every webhook checks before it reads a payload: the token and the size."""
from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse

MAX_BODY = 1024 * 1024


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
