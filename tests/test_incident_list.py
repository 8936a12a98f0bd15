"""`/crisis list [all]` and `/crisis status`: what is going on, answered only to the person who asks."""
from __future__ import annotations

from tests.support.crisis import at
from tests.support.declare import form, submit_declare
from tests.support.expect import seen

T = "2026-11-24 10:{:02d} CET"


def three_incidents(bot, slack, clock) -> dict[int, str]:
    """#1 triggered and paging, #2 acknowledged, #3 resolved; their channel ids."""
    assert bot.post_alert("Negative mentions x8", severity="high", dedup_key="m-1").status == 202
    at(clock, 2)
    assert submit_declare(bot, "U0EWA", form("Fake giveaway <!channel>", severity="3", policy="infra",
                                             commander="U0EWA")).status == 200
    at(clock, 4)
    assert bot.post_alert("Login errors", severity="low", dedup_key="m-3").status == 202
    bot.run_worker()
    seen(slack)
    channels = {n: slack.channel_named(name)["id"] for n, name in (
        (1, "crisis-20261124-negative-mentions-x8"), (2, "crisis-20261124-fake-giveaway-channel"),
        (3, "crisis-20261124-login-errors"))}
    at(clock, 6)
    bot.slash("ack", user="U0EWA", channel=channels[2])
    at(clock, 9)
    bot.slash("resolve false alarm", user="U0ANNA", channel=channels[3])
    bot.run_worker()
    seen(slack)
    return channels


def test_list_shows_open_incidents_and_all_adds_the_last_seven_days(bot, slack, clock):
    c = three_incidents(bot, slack, clock)
    at(clock, 12)
    bot.slash("list", user="U0PIOTR", channel="C0SOCIAL")
    lines = [f"• *#2* · SEV3 · Fake giveaway &lt;!channel&gt; · <#{c[2]}> · acknowledged · 10 min · "
             "commander <@U0EWA> · paging stopped",
             f"• *#1* · SEV2 · Negative mentions x8 · <#{c[1]}> · triggered · 12 min · no commander · "
             f"next page {T.format(14)} (in 2 min)"]  # paged at 10:04 when the worker ran, reminded at 10:09
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "\n".join(
        ["*Open incidents* (2)", *lines]) + "\n`/crisis list all` adds the last 7 days.")]
    bot.slash("list all", user="U0PIOTR", channel="C0SOCIAL")
    resolved = (f"• *#3* · SEV4 · Login errors · <#{c[3]}> · resolved · 8 min · no commander · "
                "resolved after 5 min")
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "\n".join(
        ["*Incidents open or closed in the last 7 days* (3)", resolved, *lines]))]
    at(clock, 8 * 24 * 60)  # eight days on, the resolved incident has left `all`
    bot.slash("list all", user="U0PIOTR", channel="C0SOCIAL")
    [(_, _, said)] = seen(slack)
    assert said.splitlines()[0] == "*Incidents open or closed in the last 7 days* (2)"


def test_list_with_nothing_open(bot, slack):
    bot.slash("list", user="U0PIOTR", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "No open incidents. `/crisis list all` shows the last "
                                                            "7 days; `/crisis declare` opens one.")]
    bot.slash("list everything", user="U0PIOTR", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0PIOTR", "`/crisis list` shows the open incidents; "
                                                            "`/crisis list all` adds the last 7 days.")]


def test_status_shows_the_summary_again_only_to_the_person_asking(bot, slack, clock):
    c = three_incidents(bot, slack, clock)
    bot.slash("status", user="U0MAREK", channel=c[2])
    [message] = slack.take_messages()
    assert (message.kind, message.channel, message.user, message.text) == (
        "response", c[2], "U0MAREK", "Incident #2 · SEV3 · Fake giveaway &lt;!channel&gt;")
    fields = [f["text"] for b in message.blocks if b["type"] == "section" for f in b.get("fields", [])]
    assert fields[:2] == ["*Severity*\nSEV3", "*Status*\n:large_yellow_circle: Acknowledged"]
    assert "*Roles*\nCommander: <@U0EWA>" in fields
    bot.slash("status #1", user="U0MAREK", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0MAREK", "Incident #1 · SEV2 · Negative mentions x8")]
    bot.slash("status", user="U0MAREK", channel="C0SOCIAL")
    assert seen(slack) == [("response", "C0SOCIAL>U0MAREK", (
        "This channel is not an incident channel. Run `/crisis status` in the incident's channel, or name it: "
        "`/crisis status #crisis-...` or `/crisis status #42`."))]
