"""A drill incident is kept out of what measures the real service (`/metrics`), is listed only with its DRILL mark
(`/crisis list`, the Home tab), and its review is its own, labelled: a real incident beside it is untouched."""
from __future__ import annotations

from handlers.incidents.blocks import RESOLVE_ACTION
from tests.drills.drill_incident import CHANNEL_NAME, LABEL, drill_alert, start_drill
from tests.support.crisis import CHANNEL_NAME as REAL_CHANNEL_NAME
from tests.support.crisis import at, open_incident
from tests.support.expect import seen
from tests.support.slack_requests import app_home_opened_event
from tests.test_metrics import scrape

DRILL_LINE = ("• *#2* · SEV2 · :test_tube: *DRILL* Checkout down · <#{channel}> · triggered · {age} · no commander · "
              "{page}")
REAL_LINE = ("• *#1* · SEV2 · Negative mentions x8 · <#{channel}> · triggered · {age} · no commander · "
             "{page}")


def real_and_drill(bot, slack, engine) -> tuple[str, str]:
    """Incident #1 from a webhook, #2 a drill's, both delivered; their channels' ids."""
    open_incident(bot)
    drill_alert(bot, start_drill(engine))
    bot.run_worker()
    seen(slack)
    return slack.channel_named(REAL_CHANNEL_NAME)["id"], slack.channel_named(CHANNEL_NAME)["id"]


def test_metrics_count_the_real_incident_and_not_the_drill(bot, slack, clock, engine):
    real, _ = real_and_drill(bot, slack, engine)
    _, samples = scrape(bot)
    assert samples[("crisisdesk_incidents_open", ())] == 1
    assert samples[("crisisdesk_alerts_received_total", (("outcome", "opened"),))] == 1  # the webhook's alert
    assert samples[("crisisdesk_page_lateness_seconds_count", ())] == 1  # Anna's real page, not her drill page
    assert len(slack.calls("chat.postMessage")) == 4  # both were delivered: a page and a summary (with its mention)

    at(clock, 3)
    summary_ts = slack.pins(real)[0]
    assert bot.click(RESOLVE_ACTION, "1", user="U0ANNA", channel=real, message_ts=summary_ts).status == 200
    bot.run_worker()
    seen(slack)
    _, samples = scrape(bot)
    assert samples[("crisisdesk_incidents_open", ())] == 0  # the drill is still open, and counts for nothing


def test_the_list_and_the_home_tab_mark_the_drill(bot, slack, clock, engine):
    real, drill = real_and_drill(bot, slack, engine)
    at(clock, 2)
    lines = [DRILL_LINE.format(channel=drill, age="2 min", page="next page 2026-11-24 10:10 CET (in 8 min)"),
             REAL_LINE.format(channel=real, age="2 min", page="next page 2026-11-24 10:05 CET (in 3 min)")]
    bot.slash("list", user="U0PIOTR", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "\n".join(
        ["*Open incidents* (2)", *lines, "`/crisis list all` adds the last 7 days."]))]
    bot.slash("list all", user="U0PIOTR", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "\n".join(
        ["*Incidents open or closed in the last 7 days* (2)", *lines]))]

    assert bot.event(app_home_opened_event("U0ANNA")).status == 200
    [publish] = slack.calls("views.publish")
    sections = [b["text"]["text"] for b in publish.args["view"]["blocks"] if b["type"] == "section"]
    assert sections[:2] == ["*Paging you*\n" + "\n".join(lines),
                            "\n".join(["*Open incidents* (2)", *lines, "`/crisis list all` adds the last 7 days."])]
    assert seen(slack) == []


def test_a_drills_review_is_its_own_and_says_drill(bot, slack, clock, engine):
    real, drill = real_and_drill(bot, slack, engine)
    at(clock, 5)
    bot.slash("review", user="U0ANNA", channel=drill)
    assert seen(slack) == [("response", f"#{CHANNEL_NAME}>U0ANNA",
                            f"[DRILL] Posting the review of incident #2 in <#{drill}>, with the Markdown file to fill "
                            "in the lessons.")]
    bot.run_worker()
    posted = [m for m in slack.take_messages() if m.channel == drill and m.kind == "post"]
    assert [m.text for m in posted] == ["[DRILL] Review of incident #2 · SEV2 · Checkout down",
                                        "[DRILL] Timeline of incident #2 · SEV2 · Checkout down"]
    assert all(m.blocks[0] == LABEL for m in posted)
    [upload] = slack.files(drill)
    assert (upload["name"], upload["title"], upload["initial_comment"]) == (
        "incident-2-review.md", "DRILL: Review of incident #2",
        "[DRILL] :memo: The review of incident #2 as a Markdown file: fill in the lessons and share it.")
    assert "Negative mentions" not in upload["content"].decode()  # the real incident is no part of it

    bot.slash("review", user="U0ANNA", channel=real)
    bot.run_worker()
    real_posts = [m for m in slack.take_messages() if m.channel == real and m.kind == "post"]
    assert [m.text for m in real_posts] == ["Review of incident #1 · SEV2 · Negative mentions x8",
                                            "Timeline of incident #1 · SEV2 · Negative mentions x8"]
    assert not any(b.get("block_id") == "drill-label" for m in real_posts for b in m.blocks)
    assert slack.files(real)[0]["title"] == "Review of incident #1"
