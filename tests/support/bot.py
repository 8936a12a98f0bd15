"""The real bot, served over real HTTP by uvicorn in a thread, driven the way Slack and webhooks drive it."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import uvicorn

from bot.app import Crisisdesk, build_app
from tests.support.slack_requests import (
    block_actions_body,
    event_callback_body,
    signed_headers,
    slash_command_body,
    view_submission_body,
)

SIGNING_SECRET = "test-signing-secret"
METRICS_TOKEN = "metrics-test-token"
WEBHOOK_TOKEN = "test-webhook-token"


class TrackingExecutor(ThreadPoolExecutor):
    """Bolt runs listeners here after the ack; tests wait for them before asserting."""

    def __init__(self):
        super().__init__(max_workers=4)
        self.futures = []

    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future

    def wait_idle(self) -> None:
        done, pending = wait(self.futures, timeout=20)
        assert not pending, "a Bolt listener is still running after 20 s"


@dataclass
class Answer:
    status: int
    body: dict | str


class Server:
    def __init__(self, app):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


class Bot:
    """What a test does to the bot: post webhooks, type slash commands, press buttons, run the worker."""

    def __init__(self, app: Crisisdesk, executor: TrackingExecutor, slack):
        self.app = app
        self.executor = executor
        self.slack = slack
        self.server = Server(app.web)
        self.url = f"http://127.0.0.1:{self.server.port}"

    def close(self) -> None:
        self.executor.wait_idle()
        self.server.stop()
        self.executor.shutdown(wait=True)
        self.app.close()
        self.app.engine.dispose()

    def request(self, path: str, body: bytes, headers: dict) -> Answer:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        self.executor.wait_idle()
        text = raw.decode()
        try:
            return Answer(status, json.loads(text) if text else "")
        except json.JSONDecodeError:
            return Answer(status, text)

    def post_hook(self, source: str, payload, token: str | None = WEBHOOK_TOKEN) -> Answer:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.request(f"/hooks/{source}", body, headers)

    def post_alert(self, title: str, **fields) -> Answer:
        return self.post_hook("generic", {"title": title, **fields})

    def slack_request(self, body: bytes, headers: dict | None = None) -> Answer:
        headers = headers if headers is not None else signed_headers(body, SIGNING_SECRET)
        return self.request("/slack/events", body, headers)

    def slash(self, text: str, *, user: str, channel: str) -> Answer:
        response_url = self.slack.new_response_url(channel=channel, user=user)
        body = slash_command_body(text, user_id=user, channel_id=channel, response_url=response_url)
        return self.slack_request(body)

    def click(self, action_id: str, value: str, *, user: str, channel: str, message_ts: str) -> Answer:
        response_url = self.slack.new_response_url(channel=channel, user=user)
        body = block_actions_body(action_id, value, user_id=user, channel_id=channel, message_ts=message_ts,
                                  response_url=response_url)
        return self.slack_request(body)

    def event(self, event: dict, **options) -> Answer:
        """An Events API callback, e.g. {"type": "reaction_added", "user": ..., "reaction": "pushpin", ...}."""
        body = event_callback_body(event, **options)
        return self.slack_request(body, signed_headers(body, SIGNING_SECRET, content_type="application/json"))

    def submit_view(self, callback_id: str, values: dict, *, user: str, private_metadata: str = "") -> Answer:
        body = view_submission_body(callback_id, values, user_id=user, private_metadata=private_metadata)
        return self.slack_request(body)

    def run_worker(self) -> tuple[int, int]:
        return self.app.worker.run_once()


def start_bot(settings, config, slack, engine) -> Bot:
    executor = TrackingExecutor()
    # One lane at a time: deliveries in a fixed order, so tests can assert every message in sequence.
    app = build_app(settings, config, engine=engine, listener_executor=executor, delivery_lanes=1)
    return Bot(app, executor, slack)
