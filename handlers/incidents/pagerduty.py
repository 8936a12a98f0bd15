"""PagerDuty Events API v2 bodies (`POST /v2/enqueue`) as alerts: the exact shape any tool that pages PagerDuty sends.

Errors are answered as PagerDuty answers them: every problem found in one list, under `invalid event`.
"""
from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from escalation.incidents.alerts import AlertIn
from handlers.inbound.errors import PayloadError, load_json
from handlers.inbound.fields import is_http_url

SOURCE = "pagerduty"
ACTIONS = ("trigger", "acknowledge", "resolve")
SEVERITIES = {"critical": 1, "error": 2, "warning": 3, "info": 4}
DEDUP_KEY_MAX = 255  # PagerDuty's own limit
TITLE_MAX = 300
SUMMARY_MAX = 1024  # PagerDuty cuts a longer summary; so do we
DETAIL_MAX = 500  # one custom detail, as a label
DETAILS_MAX = 50  # custom details kept as labels; the whole event stays in the alert's raw body
LABEL_NAME_MAX = 100


class EventRefused(ValueError):
    """An event PagerDuty would refuse: `status` and `message` as PagerDuty words them, `errors` says what."""

    def __init__(self, status: str, message: str, errors: list[str]):
        super().__init__("; ".join(errors) or message)
        self.status, self.message, self.errors = status, message, errors

    def body(self) -> dict:
        return {"status": self.status, "message": self.message, "errors": self.errors}


@dataclass(frozen=True)
class Event:
    action: str  # trigger | acknowledge | resolve
    integration: str
    routing_key: str
    dedup_key: str
    alert: AlertIn


def parse_event(body: bytes, keys: dict[str, str], new_key: Callable[[], str],
                header_key: str | None = None) -> Event:
    """The event in `body`; `keys` maps routing keys to integration names. Raises EventRefused."""
    try:
        doc = load_json(body)
    except PayloadError as error:
        raise EventRefused("Unrecognized object", "Event object format is unrecognized",
                           [f"JSON parse error: {error}"]) from None
    if not isinstance(doc, dict):
        raise EventRefused("Unrecognized object", "Event object format is unrecognized", ["JSON parse error"])
    errors: list[str] = []
    routing_key = doc.get("routing_key", header_key)  # older clients send X-Routing-Key instead
    integration = _integration(routing_key, keys)
    if not isinstance(routing_key, str) or not routing_key.strip():
        errors.append("'routing_key' is missing or blank")
    elif integration is None:
        errors.append("Invalid routing key")
    action = doc.get("event_action")
    if action not in ACTIONS:
        errors.append("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or "
                      "'resolve')")
    dedup_key = doc.get("dedup_key")
    if dedup_key is not None and (not isinstance(dedup_key, str) or len(dedup_key) > DEDUP_KEY_MAX):
        errors.append(f"'dedup_key' is invalid (must be a string of at most {DEDUP_KEY_MAX} characters)")
    elif action in ("acknowledge", "resolve") and not (dedup_key or "").strip():
        errors.append("'dedup_key' is missing or blank")
    payload = doc.get("payload")
    if action == "trigger":
        _check_payload(payload, errors)
    if errors:
        raise EventRefused("invalid event", "Event object is invalid", errors)
    assert isinstance(action, str) and isinstance(routing_key, str) and integration is not None
    key = dedup_key if isinstance(dedup_key, str) and dedup_key.strip() else new_key()
    alert = _alert(doc, action, integration, key)
    return Event(action, integration, routing_key, key, alert)


def _integration(routing_key: object, keys: dict[str, str]) -> str | None:
    if not isinstance(routing_key, str):
        return None
    found = None
    for key, name in keys.items():  # compare with every key in constant time: no key leaks through timing
        if hmac.compare_digest(key.encode(), routing_key.encode("utf-8", "replace")):
            found = name
    return found


def _check_payload(payload: object, errors: list[str]) -> None:
    if not isinstance(payload, dict):
        errors.append("'payload' is missing or blank")
        return
    for name in ("summary", "source"):
        if not isinstance(payload.get(name), str) or not payload[name].strip():
            errors.append(f"'payload.{name}' is missing or blank")
    if not isinstance(payload.get("severity"), str) or payload["severity"] not in SEVERITIES:
        errors.append("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', "
                      "'error' or 'info')")
    for name in ("component", "group", "class"):
        if payload.get(name) is not None and not isinstance(payload[name], str):
            errors.append(f"'payload.{name}' is invalid (must be a string)")
    if payload.get("custom_details") is not None and not isinstance(payload["custom_details"], (dict, str)):
        errors.append("'payload.custom_details' is invalid (must be an object)")
    stamp = payload.get("timestamp")
    if stamp is not None and _timestamp(stamp) is None:
        errors.append("'payload.timestamp' is invalid (must be an ISO 8601 date and time)")


def _alert(doc: dict, action: str, integration: str, key: str) -> AlertIn:
    status = "resolved" if action == "resolve" else "firing"
    group = f"{integration}/{key}"  # the same dedup key from two integrations is two alerts
    if action != "trigger":
        return AlertIn(source=SOURCE, group_key=group, fingerprint=group, title=key, status=status,
                       labels={"integration": integration})
    payload = doc["payload"]
    summary = " ".join(payload["summary"].split())[:SUMMARY_MAX]
    title = summary if len(summary) <= TITLE_MAX else summary[: TITLE_MAX - 1] + "…"
    labels = {"integration": integration, "source": _detail(payload["source"].strip())}
    labels.update({name: _detail(payload[name]) for name in ("component", "group", "class") if payload.get(name)})
    details = payload.get("custom_details")
    if isinstance(details, dict):
        extra = [(str(k)[:LABEL_NAME_MAX], _detail(v)) for k, v in details.items()]
        labels.update((k, v) for k, v in extra[:DETAILS_MAX] if k not in labels)
    elif isinstance(details, str) and details.strip():
        labels["details"] = details[:DETAIL_MAX]
    return AlertIn(source=SOURCE, group_key=group, fingerprint=group, title=title, status=status,
                   severity=SEVERITIES[payload["severity"]], description=summary if summary != title else "",
                   links=_links(doc), labels=labels, started_at=_timestamp(payload.get("timestamp")), raw=doc)


def _detail(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= DETAIL_MAX else text[: DETAIL_MAX - 1] + "…"


def _links(doc: dict) -> tuple[tuple[str, str], ...]:
    """Links and image links that are http(s) URLs; anything else is dropped, never shown as a link."""
    links = []
    if is_http_url(doc.get("client_url")):
        links.append((str(doc.get("client") or doc["client_url"]), doc["client_url"]))
    for item in _list(doc.get("links")):
        if isinstance(item, dict) and is_http_url(item.get("href")):
            links.append((str(item.get("text") or item["href"]), item["href"]))
    for item in _list(doc.get("images")):
        if isinstance(item, dict):
            url = item.get("href") if is_http_url(item.get("href")) else item.get("src")
            if is_http_url(url):
                links.append((str(item.get("alt") or url), url))
    return tuple(links[:20])


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None
