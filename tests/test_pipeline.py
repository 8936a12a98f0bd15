"""End to end: a webhook opens an incident channel and pages the first level."""
from __future__ import annotations

from tests.support.expect import seen

CHANNEL = "#crisis-20261124-negative-mentions-x8"
SUMMARY = "Incident #1 · SEV2 · Negative mentions x8"
PAGE_ANNA = "You are paged (level 1) for incident #1 · SEV2 · Negative mentions x8"


def test_alert_opens_channel_pins_summary_and_pages_first_level(bot, slack):
    answer = bot.post_alert("Negative mentions x8", severity="high", dedup_key="mentions-1")
    assert answer.status == 202
    assert seen(slack) == []  # nothing reaches Slack until the worker runs

    bot.run_worker()

    channel = slack.channel_named("crisis-20261124-negative-mentions-x8")
    assert channel is not None
    assert seen(slack) == [
        ("post", "dm:U0ANNA", PAGE_ANNA),  # the page first: it does not wait for the channel's housekeeping
        # The summary carries the page's channel mention: Anna was invited first, so the mention reaches her.
        ("post", CHANNEL, f"{SUMMARY}\n<@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned summary or "
                          "type `/crisis ack`."),
    ]
    assert slack.topic(channel["id"]) == "SEV2 · Negative mentions x8 · triggered"
    assert len(slack.pins(channel["id"])) == 1
    assert "U0ANNA" in slack.members(channel["id"])
