"""Prometheus Alertmanager webhook notifications (version "4"): one AlertIn per alert of the group."""
from __future__ import annotations

import hashlib
import json

from escalation.incidents.alerts import DEFAULT_SEVERITY, SEVERITIES, AlertIn
from handlers.inbound.errors import PayloadError, kind, load_json, shown
from handlers.inbound.fields import is_http_url
from handlers.incidents.generic import DESCRIPTION_MAX, TITLE_MAX, URL_MAX, string_map, timestamp

SOURCE = "alertmanager"
SEVERITY_LABELS = {
    "critical": 1, "high": 2, "error": 2, "page": 2, "warning": 3, "info": 4, "low": 4, "none": 4,
}
GROUP_KEYS = ("version", "groupKey", "receiver", "status", "groupLabels", "commonLabels",
              "commonAnnotations", "externalURL", "truncatedAlerts")
LINK_ANNOTATIONS = (("runbook_url", "Runbook"), ("dashboard_url", "Dashboard"))
USUAL_SUSPECTS: tuple[str, ...] = ("service", "job", "instance", "namespace")  # name a group of one
_ZERO_TIME = "0001-01-01T00:00:00"  # Go's zero time.Time: Alertmanager's "not set"


def parse_alertmanager(body: bytes) -> list[AlertIn]:
    """Every alert of an Alertmanager notification, or PayloadError naming the first thing wrong."""
    doc = load_json(body)
    if not isinstance(doc, dict):
        raise PayloadError(f"body: expected an Alertmanager notification (an object with an alerts list), "
                           f"got {kind(doc)}")
    alerts = doc.get("alerts")
    if alerts is None:
        raise PayloadError("alerts: required (the list of alerts in the notification)")
    if not isinstance(alerts, list):
        raise PayloadError(f"alerts: expected a list, got {kind(alerts)}")
    if not alerts:
        raise PayloadError("alerts: empty list; expected at least one alert")
    group = {key: doc[key] for key in GROUP_KEYS if key in doc}
    common = string_map(doc.get("commonLabels"), "commonLabels")
    common_notes = string_map(doc.get("commonAnnotations"), "commonAnnotations")
    group_key = _text(doc, "groupKey", "groupKey") or _derived_group_key(doc, common)
    status = _status(doc.get("status"), "status", "firing")
    external_url = _text(doc, "externalURL", "externalURL")
    return [
        _alert(alert, f"alerts[{i}]", group, group_key, status, common, common_notes, external_url)
        for i, alert in enumerate(alerts)
    ]


def _alert(alert: object, path: str, group: dict, group_key: str, group_status: str,
           common: dict[str, str], common_notes: dict[str, str], external_url: str) -> AlertIn:
    if not isinstance(alert, dict):
        raise PayloadError(f"{path}: expected an object, got {kind(alert)}")
    labels = string_map(alert.get("labels"), f"{path}.labels")
    notes = string_map(alert.get("annotations"), f"{path}.annotations")
    title = (notes.get("summary") or notes.get("title") or common_notes.get("summary")
             or _label_title(labels, common) or "Alertmanager alert")
    starts_at = _text(alert, "startsAt", f"{path}.startsAt")
    return AlertIn(
        source=SOURCE,
        group_key=group_key,
        fingerprint=_text(alert, "fingerprint", f"{path}.fingerprint") or _label_hash(labels),
        title=_clip(" ".join(title.split()), TITLE_MAX),
        status=_status(alert.get("status"), f"{path}.status", group_status),
        severity=_severity(labels.get("severity") or common.get("severity")),
        # Clipped, not refused: Alertmanager does not retry a 4xx, so a refusal would lose the alert.
        description=_clip((notes.get("description") or notes.get("message") or "").strip(), DESCRIPTION_MAX),
        links=_links(alert.get("generatorURL"), external_url, notes),
        labels=labels,
        started_at=None if not starts_at or starts_at.startswith(_ZERO_TIME)
        else timestamp(starts_at, f"{path}.startsAt"),
        raw={**group, **alert},
    )


def _label_title(labels: dict[str, str], common: dict[str, str]) -> str:
    """`InstanceDown (group=canary, instance=host:8082)`: the labels that set this alert apart in its group."""
    name = labels.get("alertname")
    if not name:
        return ""
    rest = [k for k in sorted(labels) if k not in ("alertname", "severity")]
    shown_keys = [k for k in rest if common.get(k) != labels[k]][:3]
    if not shown_keys:  # a group of one: name the usual suspects instead
        shown_keys = [k for k in USUAL_SUSPECTS if k in labels][:2]
    details = ", ".join(f"{k}={labels[k]}" for k in shown_keys)
    return f"{name} ({details})" if details else name


def _derived_group_key(doc: dict, common: dict[str, str]) -> str:
    group_labels = string_map(doc.get("groupLabels"), "groupLabels")
    if group_labels:
        return _label_set(group_labels)
    return f"{_text(doc, 'receiver', 'receiver')}:{_label_set(common)}"


def _label_set(labels: dict[str, str]) -> str:
    """Labels in Prometheus notation with sorted keys: `{alertname="X",job="node"}`."""
    return "{" + ",".join(f"{k}={json.dumps(labels[k], ensure_ascii=False)}" for k in sorted(labels)) + "}"


def _label_hash(labels: dict[str, str]) -> str:
    return hashlib.sha256(_label_set(labels).encode()).hexdigest()[:16]


def _text(doc: dict, key: str, path: str) -> str:
    value = doc.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PayloadError(f"{path}: expected a string, got {kind(value)}")
    return value.strip()


def _status(value: object, path: str, default: str) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, str) and value.strip().lower() in ("firing", "resolved"):
        return value.strip().lower()
    raise PayloadError(f"{path}: expected firing or resolved, got {shown(value)}")


def _severity(label: str | None) -> int:
    word = (label or "").strip().lower()
    if word.isascii() and word.isdigit() and int(word) in SEVERITIES:
        return int(word)
    return SEVERITY_LABELS.get(word, DEFAULT_SEVERITY)


def _links(generator_url: object, external_url: str, notes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    candidates = [("Source", generator_url), ("Alertmanager", external_url)]
    candidates += [(text, notes.get(key)) for key, text in LINK_ANNOTATIONS]
    links: list[tuple[str, str]] = []
    for text, url in candidates:
        if is_http_url(url) and len(url) <= URL_MAX and url.strip() not in (u for _, u in links):
            links.append((text, url.strip()))
    return tuple(links)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
