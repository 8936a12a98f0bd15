"""End to end: mentions through the webhook, a burst after a quiet day opens one incident with its evidence and
chart, the cooldown holds (across a restart too), and recovery lands on the timeline and in the channel."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.timeline import TimelineEvent
from tests.support.bot import start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import closed, incidents, mention, page, timeline_texts
from tests.support.expect import seen
from tests.support.signals import SIGNALS, listenly, quiet_hour, triggers

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant
BURST_AT = START + timedelta(hours=25, minutes=5)  # after a full day of baseline; 11:05 in Warsaw on the 25th
TITLE = "Mention spike: acme — 31 mentions in 15 min"
CHANNEL_NAME = "crisis-20261125-mention-spike-acme-31-mentions-in-15-min"
CHANNEL = "#" + CHANNEL_NAME
SUMMARY = f"Incident #1 · SEV2 · {TITLE}"
EVIDENCE = "\n".join([
    ":rotating_light: *Signals on acme* crossed a threshold",
    "• *Mention spike* (SEV2): 31 mentions in 15 min, usually 2 (median of the last 24 h)",
    "    observed mentions 31, window 15 min, z 20.5 · baseline median 2, mad 0, span 24 h",
    "• *Negative share jump* (SEV2): 84% of 37 scored mentions negative in 1 h, usually 25% (last 24 h)",
    "    observed negative share 84%, negative 31, scored 37, window 1 h · "
    "baseline negative share 25%, scored 192, span 24 h",
    "• *Crisis keywords* (SEV3): 30 mentions with crisis keywords in 1 h (scam 30); the rule fires at 5",
    "    observed mentions 30, window 1 h, keywords scam 30 · baseline count 5",
    "Sentiment of the last 1 h: scored by TextBlob (English) 30, the source's own 7; unscored 0",
    "*Top mentions by reach*",
    *(f"• @userb{n} (<https://social.example/p/b{n}|social.example>) · {500 * (n + 1):,} followers · negative: "
      "“Acme support is terrible, this is a scam”" for n in (29, 28, 27, 26, 25)),
])
CHART_TITLE = "acme: mentions and negative share, last 24 h"
CHART_COMMENT = ("Mention spike, Negative share jump, Crisis keywords on acme at 11:05 (Europe/Warsaw); "
                 "the dashed line marks the trigger.")


WIDGET = """
    widget:
      tags: [widget]
"""


@pytest.fixture
def config(request):
    return load_test_config(CONFIG + SIGNALS + getattr(request, "param", ""))


def quiet_day(bot, clock, hours: int = 25) -> None:
    """An ordinary day: eight mentions an hour, a quarter of them negative, the worker running each hour."""
    for hour in range(1, hours + 1):
        clock.move_to(START + timedelta(hours=hour))
        assert bot.post_hook("mentions/listenly", quiet_hour(START + timedelta(hours=hour), hour)).status == 202
        bot.run_worker()


def burst(prefix: str, at: datetime, count: int = 30) -> list[dict]:
    """Angry English posts (no source sentiment: TextBlob scores them), 20 s apart, reach growing with n."""
    return [listenly(f"{prefix}{n}", "Acme support is terrible, this is a scam", at - timedelta(seconds=20 * n),
                     followers=500 * (n + 1)) for n in range(count)]


@pytest.fixture
def opened(bot, slack, clock, engine) -> str:
    """A quiet day that raised nothing, then the burst that opened incident #1; its channel id."""
    quiet_day(bot, clock)
    assert (triggers(engine), incidents(engine), seen(slack)) == ([], [], [])

    clock.move_to(BURST_AT)
    reply = bot.post_hook("mentions/listenly", burst("b", BURST_AT))
    assert (reply.status, reply.body) == (202, {"stored": 30, "duplicates": 0, "ignored": 0, "incidents": [1]})
    bot.run_worker()
    # The topic's policy (infra: Marek) wins over the default policy (brand-crisis: Anna). His page goes out first;
    # the channel's summary, evidence (and chart) come before the mention, all in the incident's lane.
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title=TITLE)), ("post", CHANNEL, SUMMARY),
                           ("post", CHANNEL, EVIDENCE), ("post", CHANNEL, mention(["U0MAREK"], 1))]
    return slack.channel_named(CHANNEL_NAME)["id"]


def test_a_burst_opens_one_incident_with_the_evidence_and_the_chart(bot, slack, engine, opened):
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME)]
    assert triggers(engine) == [("acme", "spike", 1), ("acme", "negative_share", 1), ("acme", "keyword", 1)]
    [chart] = slack.files(opened)
    assert chart["content"][:8] == b"\x89PNG\r\n\x1a\n"
    assert (chart["name"], chart["title"], chart["initial_comment"]) == (
        "acme-20261125-1105.png", CHART_TITLE, CHART_COMMENT)
    assert [entry for entry in timeline_texts(engine) if entry[0] in ("opened", "alert", "signal")] == [
        ("opened", f"Incident opened from signals: {TITLE}"),
        ("alert", "Alert added: Negative share jump: acme — 84% of 37 scored mentions negative in 1 h"),
        ("alert", "Alert added: Crisis keywords: acme — 30 mentions with crisis keywords in 1 h (scam 30)"),
        ("signal", "Mention spike: 31 mentions in 15 min, usually 2 (median of the last 24 h)"),
        ("signal", "Negative share jump: 84% of 37 scored mentions negative in 1 h, usually 25% (last 24 h)"),
        ("signal", "Crisis keywords: 30 mentions with crisis keywords in 1 h (scam 30); the rule fires at 5"),
    ]
    with Session(engine) as session:
        spike = session.scalar(select(TimelineEvent).where(TimelineEvent.kind == "signal"))
        assert spike.data == {
            "trigger": 1, "topic": "acme", "rule": "spike", "summary": spike.data["summary"],
            "observed": {"mentions": 31, "window": "15 min", "z": 20.5},
            "baseline": {"median": 2, "mad": 0, "span": "24 h"},
            "evidence": ["b29", "b28", "b27", "b26", "b25"]}


def test_a_second_burst_within_the_cooldown_adds_nothing_even_after_a_restart(
        bot, slack, clock, engine, settings, config, opened):
    bot.close()
    restarted = start_bot(settings, config, slack, engine)
    try:
        clock.move_to(BURST_AT + timedelta(minutes=8))
        reply = restarted.post_hook("mentions/listenly", burst("c", BURST_AT + timedelta(minutes=8)))
        assert reply.body == {"stored": 30, "duplicates": 0, "ignored": 0, "incidents": []}
        restarted.run_worker()
        assert seen(slack) == []
    finally:
        restarted.close()
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME)]
    assert len(triggers(engine)) == 3
    assert len(slack.files(opened)) == 1


# Hours pass after the acknowledgement: this story is about recovery, not about paging a silent incident again.
@pytest.mark.parametrize("config", ["paging:\n  reescalate_after: off\n"], indirect=True)
def test_recovery_is_recorded_once_on_the_timeline_and_told_in_the_channel(bot, slack, clock, engine, opened):
    bot.slash("ack", user="U0MAREK", channel=opened)
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0MAREK", "Incident #1 acknowledged. Paging has stopped."),
        ("post", CHANNEL, ":large_yellow_circle: Acknowledged by <@U0MAREK>. Paging has stopped."),
        ("update", "dm:U0MAREK", closed("acknowledged", "<@U0MAREK>", title=TITLE)), ("update", CHANNEL, SUMMARY)]

    clock.move_to(BURST_AT + timedelta(minutes=30))  # calm, but two mentions since the trigger are too few to judge
    bot.post_hook("mentions/listenly", quiet_hour(BURST_AT + timedelta(minutes=30), 100, per_hour=4))
    bot.run_worker()
    assert seen(slack) == []

    clock.move_to(BURST_AT + timedelta(minutes=55))  # 13 since the trigger, a quarter negative: the usual band
    bot.post_hook("mentions/listenly", quiet_hour(BURST_AT + timedelta(minutes=55), 101, per_hour=12))
    bot.run_worker()
    back = "Negative share of acme back within its usual band, 55 min after the trigger"
    assert seen(slack) == [("post", CHANNEL, f":chart_with_downwards_trend: {back}.")]
    with Session(engine) as session:
        [recovered] = session.scalars(select(TimelineEvent).where(TimelineEvent.kind == "recovered")).all()
        assert (recovered.text, recovered.data) == (back, {
            "seconds": 55 * 60, "since": BURST_AT.isoformat(), "topic": "acme", "trigger": 1})

    for hour in range(1, 4):  # once only: later calm hours add nothing
        clock.move_to(BURST_AT + timedelta(minutes=55, hours=hour))
        bot.post_hook("mentions/listenly", quiet_hour(BURST_AT + timedelta(minutes=55, hours=hour), 101 + hour))
        bot.run_worker()
    assert seen(slack) == []
    assert [kind for kind, _ in timeline_texts(engine)].count("recovered") == 1


def test_a_resolved_incident_stops_the_wait_for_recovery(bot, slack, clock, engine, opened):
    bot.slash("resolve false alarm", user="U0MAREK", channel=opened)
    bot.run_worker()
    seen(slack)
    clock.move_to(BURST_AT + timedelta(minutes=55))
    bot.post_hook("mentions/listenly", quiet_hour(BURST_AT + timedelta(minutes=55), 101, per_hour=12))
    bot.run_worker()
    assert seen(slack) == []
    assert "recovered" not in [kind for kind, _ in timeline_texts(engine)]


def test_a_chart_upload_that_fails_is_retried_with_the_numbers_of_the_trigger(bot, slack, clock, engine):
    quiet_day(bot, clock)
    clock.move_to(BURST_AT)
    slack.fail_next("files.getUploadURLExternal", status=500)
    bot.post_hook("mentions/listenly", burst("b", BURST_AT))
    bot.run_worker()
    seen(slack)
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    assert slack.files(channel) == []

    clock.move_to(BURST_AT + timedelta(minutes=3))  # more mentions meanwhile; the chart still shows 11:05
    bot.post_hook("mentions/listenly", burst("late", BURST_AT + timedelta(minutes=3), count=5))
    bot.run_worker()
    [chart] = slack.files(channel)
    assert (chart["name"], chart["initial_comment"]) == ("acme-20261125-1105.png", CHART_COMMENT)
    assert chart["content"][:8] == b"\x89PNG\r\n\x1a\n"
    seen(slack)


@pytest.mark.parametrize("config", [WIDGET], indirect=True)
def test_pulse_in_the_incident_channel_shows_the_topic_that_opened_it(bot, slack, opened):
    bot.slash("pulse", user="U0MAREK", channel=opened)  # two topics, none named: the channel's own
    assert seen(slack) == [("response", f"{CHANNEL}>U0MAREK", "\n".join([
        "*Pulse of acme*, last 1 h",
        "• Volume: 37 mentions (usually 8 in 1 h)",
        "• Negative share: 84% (usually 25%, band 15%–35%)",
        "• Mean sentiment: -1.00 (-1 to +1)",
        "• Scored by: TextBlob (English) 30, the source's own 7",
        "• Unscored: 0 (no sentiment from the source, and their language has no scorer or was not recognised)",
        "The chart of the last hours: `/crisis pulse acme chart`."]))]
