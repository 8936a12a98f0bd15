"""`GET /metrics` tells, in Prometheus' text format, what a scripted incident did: alerts, Slack calls, the page."""
from __future__ import annotations

import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from tests.support.bot import METRICS_TOKEN, WEBHOOK_TOKEN
from tests.support.crisis import open_incident
from tests.support.expect import seen


def scrape(bot, token: str | None = METRICS_TOKEN) -> tuple[int, dict[tuple[str, tuple], float]]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(bot.url + "/metrics", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, {}
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(text) for s in family.samples}
    return 200, samples


def test_metrics_count_a_scripted_incident(bot, slack):
    open_incident(bot)
    open_incident(bot)  # the same alert again: a repeat
    _, before = scrape(bot)
    assert {labels: value for (name, labels), value in before.items() if name == "crisisdesk_outbox_depth"} == {
        (("kind", kind),): 1 for kind in ("create_channel", "set_topic", "post_summary", "pin_summary")}
    bot.run_worker()
    seen(slack)
    status, samples = scrape(bot)
    assert status == 200
    assert samples[("crisisdesk_alerts_received_total", (("outcome", "opened"),))] == 1
    assert samples[("crisisdesk_alerts_received_total", (("outcome", "repeated"),))] == 1
    assert samples[("crisisdesk_intake_seconds_count", ())] == 2
    calls = {labels: value for (name, labels), value in samples.items() if name == "crisisdesk_slack_calls_total"}
    assert calls == {(("method", "chat.postMessage"), ("result", "ok")): 2,  # the page DM, the summary
                     (("method", "conversations.create"), ("result", "ok")): 1,
                     (("method", "conversations.setTopic"), ("result", "ok")): 1,
                     (("method", "pins.add"), ("result", "ok")): 1,
                     (("method", "conversations.invite"), ("result", "ok")): 1}
    assert samples[("crisisdesk_page_lateness_seconds_count", ())] == 1
    assert samples[("crisisdesk_incidents_open", ())] == 1
    assert samples[("crisisdesk_worker_tick_seconds_count", ())] == 0  # run_worker is not the scheduler's tick
    assert not [name for name, _ in samples if name == "crisisdesk_outbox_depth"]  # everything went out


def test_metrics_need_the_token(bot):
    assert scrape(bot, token=None)[0] == 401
    assert scrape(bot, token="wrong")[0] == 401
    assert scrape(bot, token=WEBHOOK_TOKEN)[0] == 401  # the webhook token opens incidents, not /metrics


def test_metrics_are_off_until_a_token_is_set():
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from handlers.metrics import metrics_routes

    answer = TestClient(Starlette(routes=metrics_routes(lambda: b"", None))).get("/metrics")
    assert (answer.status_code, answer.json()) == (503, {"error": "metrics are disabled: set METRICS_TOKEN"})
