"""The drill panel's sample traffic: an alert from a script or from Alertmanager, and a burst of mentions."""
from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime, timedelta

from slackstandin.console.state import Console, Refused

MAX_BURST = 200
_burst = itertools.count(1)  # mention ids stay unique across bursts, so a second burst is not a repeat


def alert(console: Console, kind: str, title: str, severity: str, resolved: bool = False) -> str:
    """Fire (or resolve) one alert through the app's webhook, with the drill's token."""
    title = " ".join(title.split())
    if not title:
        raise Refused("give the alert a title")
    if kind == "alertmanager":
        answer = console.link.hook("/hooks/alertmanager", alertmanager(title, severity, resolved))
    elif kind == "generic":
        answer = console.link.hook("/hooks/generic", {"title": title, "severity": severity, "source": "drill",
                                                      "status": "resolved" if resolved else "firing",
                                                      "description": "A sample alert from the drill console."})
    else:
        raise Refused(f"no sample alert of kind {kind!r}")
    return _said(console, answer)


def alertmanager(title: str, severity: str, resolved: bool) -> dict:
    """One alert as Alertmanager's webhook (version 4) notifies it; the same title is the same alert."""
    fingerprint = hashlib.sha256(title.encode()).hexdigest()[:16]
    labels = {"alertname": "".join(w.capitalize() for w in title.split()[:4]) or "DrillAlert",
              "severity": severity}
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    one = {"status": "resolved" if resolved else "firing", "labels": labels, "annotations": {"summary": title},
           "startsAt": now, "endsAt": now if resolved else "0001-01-01T00:00:00Z",
           "generatorURL": "http://prometheus.drill.invalid/graph", "fingerprint": fingerprint}
    return {"version": "4", "groupKey": f'{{}}:{{alertname="{labels["alertname"]}"}}', "status": one["status"],
            "receiver": "crisisdesk", "groupLabels": {"alertname": labels["alertname"]}, "commonLabels": labels,
            "commonAnnotations": one["annotations"], "externalURL": "http://alertmanager.drill.invalid",
            "alerts": [one]}


def mentions(console: Console, source: str, text: str, count: int, followers: int, language: str) -> str:
    """`count` posts of `text` to /hooks/mentions/<source>, published over the last few minutes."""
    if not 1 <= count <= MAX_BURST:
        raise Refused(f"send 1 to {MAX_BURST} mentions at a time")
    if not text.strip():
        raise Refused("give the mentions some text")
    now = datetime.now(UTC)
    batch = next(_burst)
    posts = [{"id": f"drill-{batch}-{i}", "text": text.strip(), "author": f"drill_user_{i}",
              "author_followers": followers, "platform": "x", "language": language or None,
              "url": f"https://social.drill.invalid/post/{batch}-{i}",
              "published_at": (now - timedelta(seconds=5 * (count - i))).isoformat()} for i in range(count)]
    return _said(console, console.link.hook(f"/hooks/mentions/{source}", posts))


def _said(console: Console, answer) -> str:
    console.changed()
    if not answer.ok:
        detail = answer.body.get("error") if isinstance(answer.body, dict) else answer.body
        raise Refused(f"the app answered {answer.status}: {detail}")
    return f"the app answered {answer.status}"
