"""The app's side of the wire as Slack sees it: its request URL, its signing secret, and its webhooks."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from slackstandin.app_requests import signed_headers

TIMEOUT = 10  # seconds; Slack gives up after 3, but a drill on a busy laptop should not fail for it


@dataclass(frozen=True)
class Answer:
    """The app's HTTP answer: the status and the body, parsed when it is JSON."""

    status: int
    body: dict | str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class AppLink:
    """Where the app listens (http://127.0.0.1:PORT) and the secrets Slack and monitoring tools share with it."""

    url: str
    signing_secret: str
    webhook_token: str

    def slack(self, body: bytes, *, content_type: str | None = None) -> Answer:
        """POST to the request URL, signed with v0 HMAC-SHA256 exactly as Slack signs."""
        return self._post("/slack/events", body, signed_headers(body, self.signing_secret, content_type=content_type))

    def hook(self, path: str, payload) -> Answer:
        """POST JSON to a webhook (/hooks/generic, /hooks/mentions/<source> ...) with the drill's token."""
        return self._post(path, json.dumps(payload).encode(), {"Content-Type": "application/json",
                                                              "Authorization": f"Bearer {self.webhook_token}"})

    def _post(self, path: str, body: bytes, headers: dict) -> Answer:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except OSError as error:  # refused, reset or timed out: say so on the page rather than fail the request
            return Answer(599, f"the app did not answer: {error}")
        text = raw.decode("utf-8", "replace")
        try:
            return Answer(status, json.loads(text) if text.strip() else "")
        except ValueError:
            return Answer(status, text)
