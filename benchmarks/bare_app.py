"""The floor under crisisdesk's webhooks: a bare Starlette app that reads each POST body and answers 202, storing
nothing, served by uvicorn the way `crisisdesk serve` serves the bot (bot/cli.py: `uvicorn.run(app, host, port,
log_level=LOG_LEVEL.lower())`, so one worker, loop and http "auto", the access log on).

    python benchmarks/bare_app.py --port 8111 [--log-level INFO]

`GET /healthz` answers like the bot's, so the benchmark waits for both the same way.
"""
from __future__ import annotations

import argparse

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def accept(request: Request) -> JSONResponse:
    await request.body()
    return JSONResponse({"accepted": True}, status_code=202)


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


app = Starlette(routes=[Route("/healthz", health, methods=["GET"]),
                        Route("/{path:path}", accept, methods=["POST"])])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log-level", default="INFO", help="as crisisdesk's LOG_LEVEL (default INFO)")
    args = parser.parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level.lower())


if __name__ == "__main__":
    main()
