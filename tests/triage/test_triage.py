"""Triage of a signal-opened incident: it opens in `triage` with a small channel and pages only the first level,
whose DM asks It's a crisis / Customer service / Watch 1 h; each decision is checked, told and on the timeline."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.incidents.blocks import TRIAGE_ACTIONS
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import closed, incidents, page, timeline_texts
from tests.support.expect import seen
from tests.support.signals import listenly

SIGNALS = """
signals:
  crisis_keywords: {en: [boycott, scam]}
  customer_service_channel: C0CARE
  sources:
    listenly:
      when: {action: mention_created}
      fields: {id: data.id, text: data.content, url: data.link, author: data.author.handle,
               author_followers: data.author.followers, platform: data.network, language: data.lang,
               published_at: data.created_at, sentiment: data.sentiment}
  topics:
    acme:
      keywords: [Acme]
      policy: infra
      rules: {spike: off, negative_share: off, sentiment_drop: off, high_reach: off,
              keyword: {count: 5, window: 1h, severity: 2, cooldown: 20m}}
"""
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the clock fixture's instant, 10:00 in Warsaw
TITLE = "Crisis keywords: acme — 5 mentions with crisis keywords in 1 h (scam 5)"
CHANNEL = "#crisis-20261124-crisis-keywords-acme-5-mentions-with-crisis-keywords-in-1-h-scam"
SUMMARY = f"Incident #1 · SEV2 · {TITLE}"
ASK_MENTION = "<@U0MAREK> you are paged (level 1) to triage this: is it a crisis? Decide with the buttons in your DM."
EVIDENCE_HEAD = ":rotating_light: *Signals on acme* crossed a threshold"


@pytest.fixture
def config():
    # Anna is always invited to incident channels: not to a small triage channel.
    text = CONFIG.replace('  name_pattern: "crisis-{date}-{title}"\n',
                          '  name_pattern: "crisis-{date}-{title}"\n  invite: [anna]\n')
    return load_test_config(text + SIGNALS)


def scam(at: datetime, prefix: str = "m", count: int = 5) -> list[dict]:
    return [listenly(f"{prefix}{n}", "Acme is a scam", at - timedelta(seconds=30 * n), followers=100 * (n + 1))
            for n in range(count)]


def triaging(bot, slack, clock) -> tuple[object, str]:
    """Five scam mentions open incident #1 in triage: Marek (infra level 1) is asked; his DM and the channel id."""
    slack.add_channel("customer-care", [], channel_id="C0CARE")
    clock.move_to(T0)
    assert bot.post_hook("mentions/listenly", scam(T0)).body["incidents"] == [1]
    bot.run_worker()
    said = seen(slack)
    assert [(kind, where) for kind, where, _ in said] == [
        ("post", "dm:U0MAREK"), ("post", CHANNEL), ("post", CHANNEL), ("post", CHANNEL)]
    assert [said[0][2], said[1][2], said[3][2]] == [page(1, title=TITLE), SUMMARY, ASK_MENTION]
    assert said[2][2].startswith(EVIDENCE_HEAD)
    [asked] = slack.dms_to("U0MAREK")
    channel = slack.channel_named(CHANNEL)
    return asked, channel["id"]


def by_place(said: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """What each place got, in order there (lanes of different places are delivered side by side)."""
    places: dict[str, list[tuple[str, str]]] = {}
    for kind, where, text in said:
        places.setdefault(where, []).append((kind, text))
    return places


def press(bot, asked, decision: str, user: str = "U0MAREK"):
    answer = bot.click(TRIAGE_ACTIONS[decision], "1", user=user, channel=asked.channel, message_ts=asked.ts)
    assert answer.status == 200


def test_a_signal_incident_opens_in_triage_with_a_small_channel_and_three_buttons(bot, slack, clock, engine):
    asked, channel = triaging(bot, slack, clock)
    assert incidents(engine)[0][:2] == (1, "triage")
    assert [b["text"]["text"] for b in asked.blocks[-1]["elements"]] == ["It's a crisis", "Customer service",
                                                                         "Watch 1 h"]
    assert asked.blocks[-2]["text"]["text"].startswith("Signals crossed a threshold: is this a crisis?")
    assert "U0ANNA" not in slack.channel_named(CHANNEL)["members"]  # the standing invite waits for a crisis
    assert "U0MAREK" in slack.channel_named(CHANNEL)["members"]
    assert ("note", "Triage: only the first level is paged, to decide whether this is a crisis") in \
        timeline_texts(engine)


def test_its_a_crisis_pages_the_policy_from_level_2_and_opens_the_channel(bot, slack, clock, engine):
    asked, channel = triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=3, seconds=20))
    press(bot, asked, "crisis")
    assert seen(slack) == [("response", "dm:U0MAREK>U0MAREK",
                            "Incident #1 is a crisis: the escalation policy pages on from level 2.")]
    bot.run_worker()
    assert by_place(seen(slack)) == {
        "dm:U0EWA": [("post", page(2, title=TITLE))],
        "dm:U0MAREK": [("update", closed("judged a crisis", "<@U0MAREK>", title=TITLE))],
        CHANNEL: [("post", ":rotating_light: <@U0MAREK> judged this a crisis: the escalation policy pages on "
                           "from level 2."),
                  ("update", SUMMARY),
                  ("post", "<@U0EWA> you are paged (level 2). Press Acknowledge in the pinned summary or type "
                           "`/crisis ack`.")]}
    assert incidents(engine)[0][:2] == (1, "triggered")
    assert {"U0ANNA", "U0EWA"} <= set(slack.channel_named(CHANNEL)["members"])
    assert [t for kind, t in timeline_texts(engine) if kind in ("triage", "page")] == [
        "Paged level 1: Marek Wojcik", "Triage: It's a crisis, 3 min 20 s after the incident opened",
        "Paged level 2: Ewa Lis"]


def test_customer_service_hands_it_over_with_the_evidence_and_closes_it_as_not_a_crisis(bot, slack, clock, engine):
    asked, channel = triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=2))
    press(bot, asked, "customer_service")
    assert seen(slack) == [("response", "dm:U0MAREK>U0MAREK", "Incident #1 handed to customer service in <#C0CARE> "
                                                               "and closed as not a crisis.")]
    bot.run_worker()
    handed = f":information_desk_person: Handed over by <@U0MAREK> as not a crisis: {SUMMARY}"
    assert by_place(seen(slack)) == {
        CHANNEL: [("post", ":information_desk_person: <@U0MAREK> handed this to customer service in <#C0CARE>."),
                  ("post", ":large_green_circle: Resolved by <@U0MAREK>: not a crisis"), ("update", SUMMARY)],
        "#customer-care": [("post", handed)],
        "dm:U0MAREK": [("update", closed("resolved", "<@U0MAREK>", title=TITLE))]}
    [care] = slack.messages_in("C0CARE")
    assert care.blocks[0]["text"]["text"].split("\n") == [
        f"*{handed}*",
        "• *Crisis keywords*: 5 mentions with crisis keywords in 1 h (scam 5); the rule fires at 5",
        "*Top mentions by reach*",
        *(f"• @userm{n} (<https://social.example/p/m{n}|social.example>) · {100 * (n + 1)} followers · neutral: "
          "“Acme is a scam”" for n in (4, 3, 2, 1, 0))]
    assert care.blocks[1]["elements"][0]["text"] == f"The incident channel <#{channel}> keeps the timeline."
    assert incidents(engine)[0][:2] == (1, "resolved")
    assert [t for kind, t in timeline_texts(engine) if kind in ("triage", "resolved")] == [
        "Triage: Customer service, 2 min after the incident opened", "Resolved: not a crisis"]
    clock.move_to(T0 + timedelta(minutes=19))  # past level 1's wait (10 min): nobody else is paged
    bot.run_worker()
    assert seen(slack) == []


def test_watch_asks_again_at_exactly_one_hour(bot, slack, clock, engine):
    asked, _ = triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=1))
    press(bot, asked, "watch")
    assert seen(slack) == [("response", "dm:U0MAREK>U0MAREK", "Watching incident #1 for 1 h: triage is asked again "
                                                               "then, or at a new trigger.")]
    bot.run_worker()
    assert seen(slack) == [
        ("post", CHANNEL, ":eyes: <@U0MAREK> is watching this for 1 h: triage is asked again then, or sooner at a "
                          "new trigger."),
        ("update", "dm:U0MAREK", closed("put on watch for 1 h", "<@U0MAREK>", title=TITLE))]
    clock.move_to(T0 + timedelta(minutes=61) - timedelta(seconds=1))
    bot.run_worker()
    assert seen(slack) == []  # neither level 2 at 10 min nor anything else while watching
    clock.tick(timedelta(seconds=1))
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title=TITLE)), ("post", CHANNEL, ASK_MENTION)]
    again = slack.dms_to("U0MAREK")[-1]
    assert [b["action_id"] for b in again.blocks[-1]["elements"]] == list(TRIAGE_ACTIONS.values())
    assert incidents(engine)[0][:2] == (1, "triage")


def test_watch_asks_again_at_a_new_trigger(bot, slack, clock, engine):
    asked, _ = triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=1))
    press(bot, asked, "watch")
    bot.run_worker()
    seen(slack)
    later = T0 + timedelta(minutes=25)  # after the keyword rule's 20 min cooldown
    clock.move_to(later)
    assert bot.post_hook("mentions/listenly", scam(later, "n", 6)).body["incidents"] == [1]
    bot.run_worker()
    said = seen(slack)
    assert ("post", "dm:U0MAREK", page(1, title=TITLE)) in said
    assert ("post", CHANNEL, ASK_MENTION) in said
    assert ("note", "A new trigger while watching: triage is asked again now") in timeline_texts(engine)


def test_no_decision_within_the_first_level_wait_is_handled_as_a_crisis(bot, slack, clock, engine):
    triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=10))
    bot.run_worker()
    note = "No triage decision within 10 min: handled as a crisis, paging goes on from level 2"
    said = seen(slack)
    assert ("post", "dm:U0EWA", page(2, title=TITLE)) in said
    assert ("post", CHANNEL, note) in said
    assert incidents(engine)[0][:2] == (1, "triggered")
    assert ("triage", note) in timeline_texts(engine)


def test_a_stranger_cannot_triage(bot, slack, clock, engine):
    asked, _ = triaging(bot, slack, clock)
    slack.add_user("U0EVE", "Eve", "eve@elsewhere.test")  # in Slack, not in the config, never paged
    for decision in TRIAGE_ACTIONS:
        press(bot, asked, decision, user="U0EVE")
        [(kind, where, said)] = seen(slack)
        assert (kind, where) == ("response", "dm:U0MAREK>U0EVE")
        assert said.startswith("This button works only for the incident's responders")
    bot.run_worker()
    assert seen(slack) == []
    assert incidents(engine)[0][:2] == (1, "triage")
    assert [kind for kind, _ in timeline_texts(engine) if kind == "triage"] == []


def test_a_decision_is_taken_once(bot, slack, clock, engine):
    asked, _ = triaging(bot, slack, clock)
    press(bot, asked, "crisis")
    seen(slack)
    press(bot, asked, "customer_service")
    assert seen(slack) == [("response", "dm:U0MAREK>U0MAREK", "Incident #1 was already triaged: it is triggered.")]


def test_the_review_shows_the_decision_who_and_how_long_it_took(bot, slack, clock, engine):
    asked, channel = triaging(bot, slack, clock)
    clock.move_to(T0 + timedelta(minutes=2, seconds=5))
    press(bot, asked, "customer_service")
    bot.run_worker()
    seen(slack)
    bot.slash("review", user="U0MAREK", channel=channel)
    bot.run_worker()
    review = next(m for m in slack.messages_in(channel) if (m.text or "").startswith("Review of incident"))
    seen(slack)
    sections = {b["text"]["text"].split("\n")[0]: b["text"]["text"].split("\n")[1:] for b in review.blocks[2:]}
    assert sections["*Triage*"] == [
        "• `2026-11-24 10:02` Customer service (closed as not a crisis), by <@U0MAREK>, 2 min 05 s after the opening"]
    assert sections["*Response times*"][0] == "• Time to acknowledge: never (resolved without an acknowledgement)"


def test_the_review_follows_the_topic_from_the_trigger_to_the_resolve(bot, slack, clock, engine):
    slack.add_channel("customer-care", [], channel_id="C0CARE")
    clock.move_to(T0)
    first = [listenly(f"m{n}", "Acme is a scam", T0 - timedelta(seconds=30 * (n + 1)), sentiment=-0.6 if n else 0.0)
             for n in range(5)]  # four negative and one neutral: 80 % negative, mean -0.48
    assert bot.post_hook("mentions/listenly", first).body["incidents"] == [1]
    bot.run_worker()
    [asked] = slack.dms_to("U0MAREK")
    channel = slack.channel_named(CHANNEL)["id"]
    clock.move_to(T0 + timedelta(minutes=1))
    press(bot, asked, "crisis")
    bot.run_worker()
    worse = T0 + timedelta(minutes=40)  # the worst hour and the busiest: seven angry posts, no crisis keyword
    clock.move_to(worse)
    bot.post_hook("mentions/listenly", [listenly(f"w{n}", "Acme refund is late", worse - timedelta(seconds=30 * n),
                                                 sentiment=-0.8) for n in range(7)])
    calm = T0 + timedelta(hours=1, minutes=30)
    clock.move_to(calm)
    bot.post_hook("mentions/listenly", [listenly(f"c{n}", "Acme fixed it, thanks", calm - timedelta(seconds=30 * n),
                                                 sentiment=0.5) for n in range(4)])
    clock.move_to(T0 + timedelta(hours=2))
    bot.slash("resolve", user="U0MAREK", channel=channel)
    bot.run_worker()
    seen(slack)
    bot.slash("review", user="U0MAREK", channel=channel)
    bot.run_worker()
    review = next(m for m in slack.messages_in(channel) if (m.text or "").startswith("Review of incident"))
    seen(slack)
    sections = {b["text"]["text"].split("\n")[0]: b["text"]["text"].split("\n")[1:] for b in review.blocks[2:]}
    assert sections["*Signals*"] == [
        "• Sentiment at the trigger: 80% negative of 5 mentions, mean polarity -0.48 (window ending "
        "`2026-11-24 10:00`)",
        "• At its worst: 100% negative of 7 mentions, mean polarity -0.80 (window ending `2026-11-24 11:00`)",
        "• At the resolve: 0% negative of 4 mentions, mean polarity +0.50 (window ending `2026-11-24 12:00`)",
        "• Volume peak: 7 mentions in 1 h (window ending `2026-11-24 11:00`)"]
    assert sections["*Triage*"] == ["• `2026-11-24 10:01` It's a crisis, by <@U0MAREK>, 1 min after the opening"]
