"""Escalation end to end, in frozen time: who is paged when, and what stops it."""
from __future__ import annotations

from sqlalchemy.orm import Session

from escalation.paging.engine import run_cycle
from handlers.incidents.blocks import ACK_ACTION
from tests.support.crisis import (
    CHANNEL,
    SUMMARY,
    at,
    closed,
    mention,
    open_incident,
    opened,
    opening,
    outbox_rows,
    page,
    sent_at,
    timeline_texts,
)
from tests.support.expect import seen


def test_first_level_is_reminded_then_each_level_is_paged_in_turn(bot, slack, clock):
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")

    for minutes, seq in ((5, 1), (10, 2)):
        assert sent_at(bot, slack, clock, minutes) == [("post", "dm:U0ANNA", page(1, seq)),
                                                       ("post", CHANNEL, mention(["U0ANNA"], 1, seq))]
    # the third reminder falls due at 15 minutes too: the next level wins
    assert sent_at(bot, slack, clock, 15) == [("post", "dm:U0PIOTR", page(2)),
                                              ("post", CHANNEL, mention(["U0PIOTR"], 2))]
    assert [c.args["email"] for c in slack.calls("users.lookupByEmail")] == ["piotr@brand.test"]
    assert sent_at(bot, slack, clock, 45) == [("post", "dm:U0EWA", page(3)), ("post", "dm:U0MAREK", page(3)),
                                              ("post", CHANNEL, mention(["U0EWA", "U0MAREK"], 3))]
    messages = sent_at(bot, slack, clock, 75)
    ran_out = "Nobody acknowledged: escalation policy brand-crisis ran out after 3 level(s)"
    # no `fallback:`, no on-call admin channel and no schedules with managers: nobody is left to page
    assert messages == [("post", CHANNEL, ":rotating_light: Nobody acknowledged: escalation policy `brand-crisis` ran "
                                          "out after 3 level(s). There is no last resort to page (`fallback:` in the "
                                          "config): page someone with `/crisis page`.")]
    at(clock, 600)
    bot.run_worker()
    assert seen(slack) == []

    channel = slack.channel_named(CHANNEL[1:])
    assert set(channel["members"]) >= {"U0ANNA", "U0PIOTR", "U0EWA", "U0MAREK"}
    # pages and reminders are posted to the user id: Slack opens the DM, the bot never calls conversations.open
    assert slack.calls("conversations.open") == []
    assert [c.args["channel"] for c in slack.calls("chat.postMessage") if c.args["channel"].startswith("U")] == [
        "U0ANNA", "U0ANNA", "U0ANNA", "U0PIOTR", "U0EWA", "U0MAREK"]
    assert len(slack.calls("users.lookupByEmail")) == 1  # the invite and the mention used the cached id
    assert timeline_texts(bot.app.engine) == [
        ("opened", "Incident opened from generic: Negative mentions x8"),
        ("page", "Paged level 1: Anna Nowak"),
        ("channel", f"Channel {CHANNEL} opened"),
        ("reminder", "Reminder 1 to level 1: Anna Nowak"),
        ("reminder", "Reminder 2 to level 1: Anna Nowak"),
        ("page", "Paged level 2: Piotr Zielinski"),
        ("page", "Paged level 3: Ewa Lis, Marek Wojcik"),
        ("exhausted", f"{ran_out}; there is no last resort to page"),
    ]


def test_a_person_found_by_email_is_looked_up_once_across_incidents(bot, slack, clock):
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    at(clock, 15)  # a worker that slept through the reminders pages the next level only
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2)), ("post", CHANNEL, mention(["U0PIOTR"], 2))]
    assert len(slack.calls("users.lookupByEmail")) == 1

    at(clock, 20)
    open_incident(bot, "Boycott hashtag trending", dedup_key="boycott")
    boycott = "#crisis-20261124-boycott-hashtag-trending"
    other = {"number": 2, "title": "Boycott hashtag trending"}
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, **other))] + opening(
        boycott, "Incident #2 · SEV2 · Boycott hashtag trending", mention(["U0ANNA"], 1))
    for minutes, seq in ((25, 1), (30, 2)):
        at(clock, minutes)
        bot.run_worker()
        assert seen(slack) == [("post", "dm:U0ANNA", page(1, seq, **other)),
                               ("post", boycott, mention(["U0ANNA"], 1, seq))]
    at(clock, 35)
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2, **other)), ("post", boycott, mention(["U0PIOTR"], 2))]
    assert len(slack.calls("users.lookupByEmail")) == 1


def test_acknowledge_in_a_page_dm_stops_paging_and_closes_the_page_buttons(bot, slack, clock):
    open_incident(bot)
    bot.run_worker()
    at(clock, 5)
    bot.run_worker()
    seen(slack)
    reminder = slack.dms_to("U0ANNA")[-1]
    assert reminder.blocks[-1]["elements"][0]["action_id"] == ACK_ACTION

    at(clock, 6)
    answer = bot.click(ACK_ACTION, "1", user="U0ANNA", channel=reminder.channel, message_ts=reminder.ts)
    assert answer.status == 200
    bot.run_worker()
    done = closed("acknowledged", "<@U0ANNA>")
    assert seen(slack) == [
        ("post", CHANNEL, ":large_yellow_circle: Acknowledged by <@U0ANNA>. Paging has stopped."),
        ("update", "dm:U0ANNA", done),  # the page and the reminder, closed by one row in their own lane
        ("update", "dm:U0ANNA", done),
        ("update", CHANNEL, SUMMARY),
    ]
    summary = next(m for m in slack.messages() if m.kind == "update" and m.text == SUMMARY)
    actions = [b for b in summary.blocks if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == ["incident_resolve"]
    assert all(not any(b["type"] == "actions" for b in m.blocks) for m in slack.dms_to("U0ANNA")
               if m.kind == "update")

    # (until the acknowledgement goes silent: tests/escalation_quiet/ pages it again after an hour without an update)
    for minutes in (10, 15, 45):
        at(clock, minutes)
        bot.run_worker()
        assert seen(slack) == [], f"something was sent {minutes} minutes in"
    assert slack.dms_to("U0PIOTR") == []


def test_resolve_stops_everything_even_a_page_queued_but_not_yet_delivered(bot, slack, clock, engine):
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    at(clock, 5)
    with Session(engine) as session, session.begin():  # the engine queues reminder 1; nothing delivers it yet
        assert run_cycle(session, bot.app.desk.clock(), bot.app.desk.roster(session)) == 1
    channel_id = slack.channel_named(CHANNEL[1:])["id"]

    answer = bot.slash("resolve false alarm, a bot network", user="U0EWA", channel=channel_id)
    assert answer.status == 200
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0EWA", "Incident #1 resolved."),
        # The cancelled channel mention heads the incident's lane, so the DM's lane goes first this time.
        ("update", "dm:U0ANNA", closed("resolved", "<@U0EWA>")),
        ("post", CHANNEL, ":large_green_circle: Resolved by <@U0EWA>: false alarm, a bot network"),
        ("update", CHANNEL, SUMMARY),
    ]
    assert outbox_rows(engine, "dm_page") == [("sent", 1), ("cancelled", 1)]
    # The first mention rode on the summary (sent, never tried on its own); the reminder's was cancelled.
    assert outbox_rows(engine, "channel_page") == [("sent", 0), ("cancelled", 1)]
    for minutes in (10, 15, 45, 24 * 60):
        at(clock, minutes)
        bot.run_worker()
        assert seen(slack) == []


def test_a_policy_with_a_repeat_runs_its_levels_again_then_says_it_ran_out(bot, slack, clock, engine):
    answer = bot.post_hook("alertmanager", {
        "version": "4", "status": "firing", "receiver": "crisisdesk", "groupKey": "{}:{alertname=\"DiskFull\"}",
        "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "severity": "critical"},
                    "annotations": {"summary": "Disk full on db-1"}, "fingerprint": "f1"}]})
    assert answer.status == 202
    channel, title = "#crisis-20261124-disk-full-on-db-1", "Disk full on db-1"

    def paged(level: int, user: str) -> list:
        return [("post", f"dm:{user}", page(level, title=title, severity=1)), ("post", channel, mention([user], level))]

    bot.run_worker()
    [dm, channel_mention] = paged(1, "U0MAREK")
    assert seen(slack) == [dm] + opening(channel, f"Incident #1 · SEV1 · {title}", channel_mention[2])
    for minutes, level, user in ((10, 2, "U0EWA"), (20, 1, "U0MAREK"), (30, 2, "U0EWA")):
        assert sent_at(bot, slack, clock, minutes) == paged(level, user), f"at {minutes} minutes"
    ran_out = "Nobody acknowledged: escalation policy infra ran out after 4 level(s)"
    assert sent_at(bot, slack, clock, 40) == [
        ("post", channel, ":rotating_light: Nobody acknowledged: escalation policy `infra` ran out after 4 level(s). "
                          "There is no last resort to page (`fallback:` in the config): page someone with "
                          "`/crisis page`.")]
    at(clock, 24 * 60)
    bot.run_worker()
    assert seen(slack) == []
    assert [text for kind, text in timeline_texts(engine) if kind in ("page", "exhausted")] == [
        "Paged level 1: Marek Wojcik", "Paged level 2: Ewa Lis",
        "Paged level 1 (repeat 1): Marek Wojcik", "Paged level 2 (repeat 1): Ewa Lis",
        f"{ran_out}; there is no last resort to page"]
