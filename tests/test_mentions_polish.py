"""End to end in Polish: mentions without a source sentiment are scored by the Polish lexicon, so a burst of angry
Polish posts fires the negative-share rule, the crisis keywords are found in their inflected forms, and
`/crisis pulse` and the evidence say who scored what."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import incidents, mention, page
from tests.support.expect import seen
from tests.support.signals import SIGNALS, listenly, quiet_hour, stored_mentions, triggers

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant
BURST_AT = START + timedelta(hours=5, minutes=40)  # 15:40 in Warsaw
# The keywords as a person writes them, in their dictionary form: the posts say "oszukuje" and "pozwem".
POLISH = SIGNALS.replace("pl: [bojkot, oszustwo]", "pl: [bojkot, oszukać, pozew]")
COMPLAINTS = ("Acme oszukuje klientów, masakra", "Totalna porażka, Acme nie oddaje pieniędzy",
              "Dramat z obsługą Acme, grozimy pozwem", "Acme to oszuści, nie polecam")
TITLE = "Negative share jump: acme — 80% of 15 scored mentions negative in 1 h"


@pytest.fixture
def config():
    return load_test_config(CONFIG + POLISH)


def polish_burst(at: datetime) -> list[dict]:
    """Twelve angry Polish posts over the last 36 minutes, with no sentiment from the tool."""
    return [listenly(f"pl{n}", COMPLAINTS[n % 4], at - timedelta(minutes=3 * n), followers=100 * (n + 1), lang="pl")
            for n in range(12)]


def test_a_polish_burst_without_source_sentiment_fires_the_negative_share_rule(bot, slack, clock, engine):
    for hour in range(1, 6):  # ordinary hours, a quarter negative, as the tool labelled them
        clock.move_to(START + timedelta(hours=hour))
        bot.post_hook("mentions/listenly", quiet_hour(START + timedelta(hours=hour), hour))
        bot.run_worker()
    assert (triggers(engine), seen(slack)) == ([], [])

    clock.move_to(BURST_AT)
    assert bot.post_hook("mentions/listenly", polish_burst(BURST_AT)).status == 202
    bot.run_worker()
    polish = [row for row in stored_mentions(engine) if row[1].startswith("pl")]
    assert {(label, scored_by) for _, _, label, _, scored_by, _, _ in polish} == {("negative", "polish")}
    assert sorted({keyword for *_, keywords, _ in polish for keyword in keywords}) == ["oszukać", "pozew"]
    assert triggers(engine) == [("acme", "negative_share", 1), ("acme", "keyword", 1)]
    assert incidents(engine)[0][:2] == (1, "triggered")
    [paged, summary, evidence, paging] = seen(slack)
    channel = summary[1]
    assert paged == ("post", "dm:U0MAREK", page(1, title=TITLE))
    assert paging == ("post", channel, mention(["U0MAREK"], 1))
    # The mention lines' own markup is the renderer's business (tests/test_mentions_signals.py): here, what
    # the triggers say, who scored the window, and which posts are shown.
    head, top = evidence[2].split("\n*Top mentions by reach*\n")
    assert head == EVIDENCE
    assert [line.split(" · ")[-1] for line in top.split("\n")] == [
        f"negative: “{COMPLAINTS[n % 4]}”" for n in (11, 10, 9, 8, 7)]

    bot.slash("pulse", user="U0MAREK", channel=slack.channel_named(channel[1:])["id"])
    assert seen(slack) == [("response", f"{channel}>U0MAREK", "\n".join([
        "*Pulse of acme*, last 1 h",
        "• Volume: 15 mentions (usually 0 in 1 h)",
        "• Negative share: 80% (usually 27%, band 17%–37%)",
        "• Mean sentiment: -0.83 (-1 to +1)",
        "• Scored by: Polish lexicon 12, the source's own 3",
        "• Unscored: 0 (no sentiment from the source, and their language has no scorer or was not recognised)",
        "The chart of the last hours: `/crisis pulse acme chart`."]))]


EVIDENCE = "\n".join([
    ":rotating_light: *Signals on acme* crossed a threshold",
    "• *Negative share jump* (SEV2): 80% of 15 scored mentions negative in 1 h, usually 27% (last 24 h)",
    "    observed negative share 80%, negative 12, scored 15, window 1 h · "
    "baseline negative share 27%, scored 37, span 24 h",
    "• *Crisis keywords* (SEV3): 6 mentions with crisis keywords in 1 h (pozew 3, oszukać 3); the rule fires at 5",
    "    observed mentions 6, window 1 h, keywords pozew 3 / oszukać 3 · baseline count 5",
    "Sentiment of the last 1 h: scored by Polish lexicon 12, the source's own 3; unscored 0",
])
