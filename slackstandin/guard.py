"""What the stand-in refuses before any endpoint sees a request: posts another site's page could make, and, for a
stand-in that serves only this machine (a drill), requests addressed to another host name."""
from __future__ import annotations

from slackstandin.endpoints import Reply, Request
from slackstandin.wire import content_type

LOCAL_NAMES = ("127.0.0.1", "localhost")
JSON = "application/json"


def refusal(request: Request, *, local_port: int | None) -> Reply | None:
    """Why the stand-in will not answer `request`, or None. `local_port` is set for a stand-in that serves only
    this machine: then the Host must name it, and neither its inspection endpoints nor a non-JSON response_url
    post are taken."""
    kind = request.path.strip("/").split("/", 1)[0]
    # A page on any site may POST a form or text/plain here unasked; JSON needs a CORS preflight, which fails.
    if request.verb == "POST" and kind == "_standin" and content_type(request.headers) != JSON:
        return Reply(415, {"ok": False, "error": "send application/json"})
    if local_port is None:
        return None
    # A name of another site's that resolves to 127.0.0.1 (DNS rebinding) would let its page read our answers.
    host = (request.headers.get("Host") or "").strip().lower()
    if host not in {*LOCAL_NAMES, *(f"{name}:{local_port}" for name in LOCAL_NAMES)}:
        return Reply(400, {"ok": False, "error": "invalid_host"})
    if kind == "_standin":  # the drill's console reads the stand-in in-process; its people stay off the wire
        return Reply(404, {"ok": False, "error": "not_found"})
    if request.verb == "POST" and kind == "respond" and content_type(request.headers) != JSON:
        return Reply(415, "invalid_payload")  # slack_sdk posts JSON here; a cross-site form could not
    return None
