"""The HTTP side: a ThreadingHTTPServer in a daemon thread that hands each request to its endpoint."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from slackstandin import endpoints
from slackstandin.endpoints import Reply, Request
from slackstandin.guard import refusal

if TYPE_CHECKING:
    from slackstandin.standin import Standin


def route(standin, request: Request) -> Reply:
    """Send a request to the endpoint its path names."""
    parts = request.path.strip("/").split("/")
    if len(parts) == 2:
        kind, name = parts
        if kind == "api":
            return endpoints.api_call(standin, name, request)
        if kind == "respond" and request.verb == "POST":
            return endpoints.response_url(standin, name, request)
        if kind == "upload" and request.verb == "POST":
            return endpoints.upload(standin, name, request)
        if kind == "_standin":
            return endpoints.inspect(standin, name, request)
    return Reply(404, {"ok": False, "error": "not_found"})


class _Handler(BaseHTTPRequestHandler):
    server_version = "slackstandin/1"
    server: _Server  # the only server that builds these handlers

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        request = Request(self.command, path, query, self.headers, body)
        standin = self.server.standin
        local_port = self.server.server_address[1] if standin.local_only else None
        reply = refusal(request, local_port=local_port) or route(standin, request)
        if reply.drop:  # the call happened; its answer is lost on the way
            self.close_connection = True
            return
        if isinstance(reply.body, dict):
            payload, kind = json.dumps(reply.body).encode(), "application/json; charset=utf-8"
        else:
            payload, kind = reply.body.encode(), "text/plain; charset=utf-8"
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped waiting, which is what a delay fault is for

    def log_message(self, format, *args):
        pass  # the recorder is the log; request lines on stderr would only clutter test output


class _Server(ThreadingHTTPServer):
    """The listening socket, with the stand-in its handlers answer for."""

    daemon_threads = True  # a handler sleeping through a delay fault must not block stop()

    def __init__(self, address: tuple[str, int], standin: Standin):
        self.standin = standin
        super().__init__(address, _Handler)


class HttpServer:
    """One listening socket and the daemon thread serving it."""

    def __init__(self, standin: Standin, host: str, port: int):
        self._httpd = _Server((host, port), standin)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"slackstandin:{self.port}", daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        """The port actually bound (useful when asked for port 0)."""
        return self._httpd.server_address[1]

    def close(self) -> None:
        """Stop serving and release the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
