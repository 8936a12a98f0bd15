"""What every webhook checks before it reads a payload: the token and the size."""
from __future__ import annotations

import hmac

from starlette.requests import Request

MAX_BODY = 1024 * 1024


def authorized(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
