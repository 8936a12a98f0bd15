"""Request bodies, written once as templates that both the wrk Lua script and the Python client fill in.

A body is `head + item + "," + item ... + tail` with `per` items. `@@RID@@` becomes the request's unique id
and `@@ID@@` the item's (`<rid>-<k>`), so every request, and every alert or mention in it, is new.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

RID, ID = "@@RID@@", "@@ID@@"


@dataclass(frozen=True)
class Template:
    path: str
    head: str
    item: str
    tail: str
    per: int = 1

    def render(self, rid: str) -> bytes:
        items = ",".join(self.item.replace(ID, f"{rid}-{k}") for k in range(1, self.per + 1))
        return (self.head + items + self.tail).replace(RID, rid).encode()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def generic(per: int = 1, dedup: str | None = None) -> Template:
    """crisisdesk's own schema: each item its own group (dedup_key), unless `dedup` names one for all."""
    key = dedup if dedup is not None else f"bench/{ID}"
    item = json.dumps({"title": f"Bench alert {ID}", "dedup_key": key, "source": "bench", "severity": "warning",
                       "labels": {"bench": "intake", "id": ID}})
    return Template("/hooks/generic", "[" if per > 1 else "", item, "]" if per > 1 else "", per)


def alertmanager_webhook(per: int = 1, group: str | None = None) -> Template:
    """An Alertmanager notification (version 4) for crisisdesk: one group per request unless `group` is given;
    each alert has its own fingerprint."""
    group = group if group is not None else RID
    head = json.dumps({"version": "4", "groupKey": f'{{}}:{{group="{group}"}}', "status": "firing",
                       "receiver": "crisisdesk", "groupLabels": {"group": group},
                       "commonLabels": {"alertname": "BenchAlert", "group": group},
                       "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093", "truncatedAlerts": 0})
    item = json.dumps({"status": "firing", "fingerprint": ID, "startsAt": _now(), "endsAt": "0001-01-01T00:00:00Z",
                       "labels": {"alertname": "BenchAlert", "group": group, "id": ID, "severity": "warning"},
                       "annotations": {"summary": f"Bench alert {ID}"},
                       "generatorURL": "http://127.0.0.1:9090/graph"})
    return Template("/hooks/alertmanager", head[:-1] + ', "alerts": [', item, "]}", per)


def alertmanager_api(per: int = 1, group: str | None = None) -> Template:
    """Alertmanager's own `POST /api/v2/alerts`: a list of alerts; the config groups by alertname and group."""
    group = group if group is not None else RID
    item = json.dumps({"labels": {"alertname": "BenchAlert", "group": group, "id": ID, "severity": "warning"},
                       "annotations": {"summary": f"Bench alert {ID}"},
                       "generatorURL": "http://127.0.0.1:9090/graph"})
    return Template("/api/v2/alerts", "[", item, "]", per)


def mentions(per: int = 1, source: str = "bench") -> Template:
    """Social mentions in crisisdesk's schema, English (scored by TextBlob) and about the watched topic."""
    item = json.dumps({"id": ID, "text": f"Acme support answered my question in five minutes {ID}",
                       "url": f"https://social.example/p/{ID}", "author": "@bench", "author_followers": 300,
                       "platform": "x", "language": "en", "published_at": _now()})
    return Template(f"/hooks/mentions/{source}", "[" if per > 1 else "", item, "]" if per > 1 else "", per)


def for_target(kind: str, body: str, per: int = 1, group: str | None = None) -> Template:
    """The template a target takes for an alert scenario: Alertmanager gets its API, the others the webhook
    named by `body` (generic or alertmanager); the bare app takes what crisisdesk would."""
    if kind == "alertmanager":
        return alertmanager_api(per, group)
    if body == "mentions":
        return mentions(per)
    if body == "alertmanager":
        return alertmanager_webhook(per, group)
    return generic(per, dedup=group)
