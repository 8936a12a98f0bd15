"""The console's web routes: the page and its files, the picture to poll, uploads, and what a person does."""
from __future__ import annotations

import json
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from slackstandin.console import acting, samples
from slackstandin.console.picture import IMAGE_TYPES, picture, version
from slackstandin.console.state import Console, Refused

STATIC = Path(__file__).parent / "static"
FILES = {"console.css": "text/css", "console.js": "text/javascript", "mrkdwn.js": "text/javascript",
         "blocks.js": "text/javascript"}
# The page runs only its own script and loads nothing from elsewhere; message text is never markup anyway.
SECURITY = {"Content-Security-Policy": "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; "
                                       "frame-ancestors 'none'; form-action 'none'",
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

ACTS = {
    "type": lambda c, a: acting.type_text(c, a["user"], a["channel"], str(a["text"])),
    "click": lambda c, a: acting.click(c, a["user"], a["channel"], dict(a["message"]), dict(a["action"]),
                                       bool(a.get("ephemeral"))),
    "submit": lambda c, a: acting.submit(c, a["user"], a["view_id"], dict(a["values"])),
    "close": lambda c, a: acting.close(c, a["user"], a["view_id"]),
    "react": lambda c, a: acting.react(c, a["user"], a["channel"], a["ts"], a.get("author")),
    "alert": lambda c, a: samples.alert(c, str(a["kind"]), str(a["title"]), str(a["severity"]),
                                        bool(a.get("resolved"))),
    "mentions": lambda c, a: samples.mentions(c, str(a["source"]), str(a["text"]), int(a["count"]),
                                              int(a["followers"]), str(a.get("language") or "")),
}


def console_routes(console: Console) -> list[Route]:
    """Mount these before the app's own routes; they answer at / and under /console/."""

    async def page(_request: Request) -> Response:
        return Response((STATIC / "console.html").read_bytes(), media_type="text/html; charset=utf-8",
                        headers=SECURITY)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in FILES:
            return Response("not found", 404)
        return Response((STATIC / name).read_bytes(), media_type=FILES[name] + "; charset=utf-8", headers=SECURITY)

    async def state(request: Request) -> Response:
        if request.query_params.get("since") == version(console):
            return JSONResponse({"version": request.query_params["since"]}, headers=SECURITY)
        return JSONResponse(await run_in_threadpool(picture, console), headers=SECURITY)

    async def upload(request: Request) -> Response:
        with console.standin.lock:
            record = console.standin.workspace.files.get(request.path_params["file_id"])
            content, name = (record["content"], record["name"]) if record else (None, "")
        if content is None:
            return Response("not found", 404)
        kind = IMAGE_TYPES.get(name.rsplit(".", 1)[-1].lower())
        headers = dict(SECURITY) if kind else {**SECURITY, "Content-Disposition": "attachment"}
        return Response(content, media_type=kind or "text/plain; charset=utf-8", headers=headers)

    async def act(request: Request) -> Response:
        # A JSON body only: another site's page cannot send one here without a CORS preflight, which fails.
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send JSON"}, 415)
        what = request.path_params["what"]
        try:
            args = json.loads(await request.body())
            done = await run_in_threadpool(ACTS[what], console, args)
        except Refused as refused:
            return JSONResponse({"error": str(refused)}, 400)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            return JSONResponse({"error": f"not understood: {what} {error}"}, 400)
        return JSONResponse({"ok": True, "done": done}, headers=SECURITY)

    return [Route("/", page, methods=["GET"]), Route("/console/static/{name}", static, methods=["GET"]),
            Route("/console/state", state, methods=["GET"]),
            Route("/console/files/{file_id}", upload, methods=["GET"]),
            Route("/console/act/{what}", act, methods=["POST"])]
