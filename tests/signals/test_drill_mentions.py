"""A drill's burst of mentions: scored and watched like real ones, but as the drill's own. It opens a drill incident
with its evidence in the drill's channel, while the real topic's pulse, triggers and incidents never see it."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.drills import DrillRun, parse_scenario, scenario_data
from escalation.incidents import Intake
from escalation.signals.drill import drill_key, step_mentions
from escalation.signals.models import Mention, SignalTopicState
from escalation.signals.watch import Watch, Watched, due_topics
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import incidents, mention, page
from tests.support.expect import seen
from tests.support.signals import SIGNALS, listenly, quiet_hour, triggers

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant
DRILL_AT = START + timedelta(hours=25)  # after a full day of real mentions; 11:00 in Warsaw on the 25th
BURST_AT = DRILL_AT + timedelta(minutes=5)
ANGRY = ("Bojkot Acme! To zwykłe oszustwo, nie kupujcie tam niczego.",
         "Acme to oszustwo, bojkot tej firmy, straszna porażka.")
SCENARIO = {"title": "Boycott rumour", "pages": {"people": ["anna"]},
            "steps": [{"at": "+0m", "mentions": {"topic": "acme", "count": 30, "over": "10m", "texts": list(ANGRY),
                                                 "language": "pl", "followers": 300, "platform": "x"}}],
            "expect": [{"what": "acknowledge", "within": "10m"}]}

DRILL_TITLE = "Mention spike: acme — 30 mentions in 15 min"
DRILL_CHANNEL = "#drill-crisis-20261125-mention-spike-acme-30-mentions-in-15-min"
DRILL_EVIDENCE = "\n".join([
    "[DRILL] :rotating_light: *Signals on acme* crossed a threshold",
    "• *Mention spike* (SEV2): 30 mentions in 15 min, usually 0 (median of the last 24 h)",
    "    observed mentions 30, window 15 min, z 30 · baseline median 0, mad 0, span 24 h",
    "• *Crisis keywords* (SEV3): 30 mentions with crisis keywords in 1 h (bojkot 30, oszustwo 30); "
    "the rule fires at 5",
    "    observed mentions 30, window 1 h, keywords bojkot 30 / oszustwo 30 · baseline count 5",
    "Sentiment of the last 1 h: scored by Polish lexicon 30; unscored 0",
    "*Top mentions by reach*",
    # Equal reach: the latest posts first, listed by id.
    *(f"• drill_user_{n + 1} · 300 followers · negative: “{ANGRY[n % 2]}”" for n in range(25, 30)),
])
REAL_TITLE = "Mention spike: acme — 31 mentions in 15 min"
REAL_CHANNEL = "#crisis-20261125-mention-spike-acme-31-mentions-in-15-min"
# Exactly what tests/test_mentions_signals.py sees for the same day and burst without a drill.
REAL_EVIDENCE = "\n".join([
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


@pytest.fixture
def config():
    return load_test_config(CONFIG + SIGNALS)


def start_drill(engine, at: datetime = DRILL_AT) -> int:
    scenario = parse_scenario(SCENARIO, "boycott-rumour")
    with Session(engine) as session, session.begin():
        run = DrillRun(scenario=scenario.name, title=scenario.title, data=scenario_data(scenario), started_at=at,
                       started_by=None, report_channel=None, next_step=1, report={})
        session.add(run)
        session.flush()
        return run.id


def play_mentions(bot, run: int, at: datetime = DRILL_AT) -> int:
    """The scenario's mention step, played as the drill engine plays it."""
    step = parse_scenario(SCENARIO, "boycott-rumour").steps[0].mentions
    assert step is not None
    return bot.app.desk.signals.receive_drill(run, 0, step, at)


def quiet_day(bot, clock) -> None:
    """An ordinary day of real mentions: eight an hour, a quarter negative, the worker running each hour."""
    for hour in range(1, 26):
        clock.move_to(START + timedelta(hours=hour))
        assert bot.post_hook("mentions/listenly", quiet_hour(START + timedelta(hours=hour), hour)).status == 202
        bot.run_worker()


def burst(at: datetime) -> list[dict]:
    return [listenly(f"b{n}", "Acme support is terrible, this is a scam", at - timedelta(seconds=20 * n),
                     followers=500 * (n + 1)) for n in range(30)]


def pulse_of_acme(bot, slack) -> str:
    bot.slash("pulse acme", user="U0MAREK", channel="C0GENERAL")
    [(kind, _, said)] = seen(slack)
    assert kind == "response"
    return said


def test_a_polish_burst_in_a_drill_opens_a_drill_incident_and_leaves_the_real_topic_alone(bot, slack, clock, engine):
    quiet_day(bot, clock)
    assert (triggers(engine), incidents(engine), seen(slack)) == ([], [], [])
    clock.move_to(DRILL_AT)
    before = pulse_of_acme(bot, slack)

    run = start_drill(engine)
    assert play_mentions(bot, run) == 30
    bot.run_worker()
    # Whom the scenario names (Anna), not the topic's policy (infra: Marek); every message says DRILL.
    assert seen(slack) == [("post", "dm:U0ANNA", f"[DRILL] {page(1, title=DRILL_TITLE)}"),
                           ("post", DRILL_CHANNEL, f"[DRILL] Incident #1 · SEV2 · {DRILL_TITLE}"),
                           ("post", DRILL_CHANNEL, DRILL_EVIDENCE),
                           ("post", DRILL_CHANNEL, f"[DRILL] {mention(['U0ANNA'], 1)}")]
    assert triggers(engine) == [(drill_key(run, "acme"), "spike", 1), (drill_key(run, "acme"), "keyword", 1)]
    assert pulse_of_acme(bot, slack) == before  # the drill's 30 mentions are not the real topic's

    clock.move_to(BURST_AT)  # a real burst right after: judged on the real day alone, a real incident of its own
    reply = bot.post_hook("mentions/listenly", burst(BURST_AT))
    assert (reply.status, reply.body) == (202, {"stored": 30, "duplicates": 0, "ignored": 0, "incidents": [2]})
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, number=2, title=REAL_TITLE)),
                           ("post", REAL_CHANNEL, f"Incident #2 · SEV2 · {REAL_TITLE}"),
                           ("post", REAL_CHANNEL, REAL_EVIDENCE),
                           ("post", REAL_CHANNEL, mention(["U0MAREK"], 1))]
    assert [(number, status) for number, status, _ in incidents(engine)] == [(1, "triggered"), (2, "triggered")]
    assert triggers(engine)[2:] == [("acme", "spike", 2), ("acme", "negative_share", 2), ("acme", "keyword", 2)]


def test_a_replayed_step_stores_nothing_twice_and_a_tick_evaluates_the_drills_topic(bot, slack, clock, engine):
    clock.move_to(DRILL_AT)
    run = start_drill(engine)
    assert play_mentions(bot, run) == 30
    assert play_mentions(bot, run) == 0  # the engine played the step again after a crash: ids are the step's
    bot.run_worker()
    seen(slack)
    with Session(engine) as session:
        stored = session.execute(select(Mention.drill_run_id, Mention.source, Mention.label, Mention.scored_by)
                                 .distinct()).all()
        assert stored == [(run, "drill", "negative", "polish")]
    clock.move_to(DRILL_AT + timedelta(minutes=2))  # the windows slide: the worker looks at the drill's copy again
    bot.run_worker()
    with Session(engine) as session:
        state = session.get(SignalTopicState, drill_key(run, "acme"))
        assert state is not None and state.evaluated_at == DRILL_AT + timedelta(minutes=2)
    assert seen(slack) == []  # within the rules' cooldowns: nothing new


def test_only_running_drills_have_their_topics_watched(bot, config, engine):
    run, ended = start_drill(engine), start_drill(engine)
    acme = config.signals.topics["acme"]
    with Session(engine) as session, session.begin():
        for key in ("acme", drill_key(run, "acme"), drill_key(ended, "acme")):
            session.add(SignalTopicState(topic=key, pending=True, updated_at=DRILL_AT))
        session.execute(update(DrillRun).where(DrillRun.id == ended).values(ended_at=DRILL_AT))
    watch = Watch({"acme": acme}, Intake(routes=(), default_policy=None, auto_resolve=False,
                                         channel_name=lambda *_: "x"))
    with Session(engine) as session:
        assert due_topics(session, watch, DRILL_AT) == [Watched(acme), Watched(acme, run)]


def test_a_step_on_a_topic_the_config_does_not_watch_is_refused(bot, engine):
    run = start_drill(engine)
    step = parse_scenario(SCENARIO, "boycott-rumour").steps[0].mentions
    assert step is not None
    with pytest.raises(ValueError, match=r"drill step 3: the config has no signals topic 'widget' \(topics: acme\)"):
        bot.app.desk.signals.receive_drill(run, 3, replace(step, topic="widget"), DRILL_AT)


def test_a_steps_mentions_end_at_the_moment_it_plays_evenly_spread():
    step = parse_scenario(SCENARIO, "boycott-rumour").steps[0].mentions
    assert step is not None
    built = step_mentions(7, 2, step, DRILL_AT)
    assert [m.id for m in built[:3]] == ["drill-7-2-0", "drill-7-2-1", "drill-7-2-2"]
    assert [m.published_at - DRILL_AT for m in (built[0], built[1], built[-1])] == [
        timedelta(minutes=-10, seconds=20), timedelta(minutes=-10, seconds=40), timedelta(0)]
    assert {(m.language, m.followers, m.platform) for m in built} == {("pl", 300, "x")}
    assert [m.text for m in built[:3]] == [ANGRY[0], ANGRY[1], ANGRY[0]]


def test_pulse_in_a_drill_channel_reads_the_drills_mentions_and_says_drill(bot, slack, clock, engine):
    quiet_day(bot, clock)
    clock.move_to(DRILL_AT)
    run = start_drill(engine)
    assert play_mentions(bot, run) == 30
    bot.run_worker()
    seen(slack)
    channel = slack.channel_named(DRILL_CHANNEL[1:])["id"]
    bot.slash("pulse acme", user="U0ANNA", channel=channel)
    [(_, _, here)] = seen(slack)
    real = pulse_of_acme(bot, slack)
    assert here.startswith("[DRILL] *Pulse of acme*, last 1 h\n• Volume: 30 mentions"), here
    assert "• Volume: 30 mentions" not in real  # the real topic's pulse, asked elsewhere, never counts them
