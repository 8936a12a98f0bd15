"""`/crisis timeline export`: the whole timeline uploaded to the incident channel as a Markdown file."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from escalation.incidents.views import IncidentCard
from escalation.timeline import TimelineEvent
from handlers.markup import decoded
from handlers.timeline.markdown import timeline_markdown
from tests.support.crisis import CHANNEL, CHANNEL_NAME
from tests.support.expect import seen
from tests.support.room import open_room

ANNA = f"{CHANNEL}>U0ANNA"
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def channel(bot, slack) -> str:
    return open_room(bot, slack)


def exported(slack, channel: str) -> list[tuple[str, str, str, str]]:
    return [(f["name"], f["title"], f["initial_comment"], f["content"].decode()) for f in slack.files(channel)]


def test_export_uploads_every_event_as_markdown_with_names_and_links(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=1))
    said = slack.add_message(channel, "Screenshot of the old ad is going round <https://x.test/p/1|on X>",
                             user_id="U0MAREK")
    clock.tick(timedelta(minutes=1))
    bot.slash("role commander <@U0EWA|ewa>", user="U0ANNA", channel=channel)
    bot.slash("type rumour", user="U0EWA", channel=channel)
    bot.event({"type": "reaction_added", "user": "U0EWA", "reaction": "pushpin",
               "item": {"type": "message", "channel": channel, "ts": said}, "event_ts": "1"})
    clock.tick(timedelta(minutes=2))
    bot.slash("update Statement drafted.\nNext update 11:00.", user="U0EWA", channel=channel)
    bot.slash("log action: update the FAQ", user="U0ANNA", channel=channel)
    bot.slash("ack", user="U0EWA", channel=channel)
    bot.run_worker()
    seen(slack)

    clock.tick(timedelta(minutes=1))
    bot.slash("timeline export", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", ANNA, f"Uploading the timeline of incident #1 to <#{channel}> as a "
                                              "Markdown file.")]
    assert slack.files(channel) == []
    bot.run_worker()
    assert seen(slack) == []
    link = f"https://crisisdesk-standin.slack.com/archives/{channel}/p{said.replace('.', '')}"
    assert exported(slack, channel) == [(
        "incident-1-timeline.md", "Timeline of incident #1 · Negative mentions x8",
        ":page_facing_up: The timeline of incident #1 as a Markdown file.",
        "# Timeline of incident #1: Negative mentions x8\n"
        "\n"
        "- **Severity:** SEV2\n"
        "- **Status:** acknowledged\n"
        "- **Source:** generic\n"
        "- **Opened:** 2026-11-24 10:00 CET\n"
        f"- **Channel:** #{CHANNEL_NAME}\n"
        "- **Crisis type:** rumour\n"
        "- **Commander:** @Ewa Lis\n"
        "- **Acknowledged:** @Ewa Lis at 2026-11-24 10:04 CET\n"
        "\n"
        "## Events (times in Europe/Warsaw)\n"
        "\n"
        "- `2026-11-24 10:00:00` **generic** · Incident opened from generic: Negative mentions x8\n"
        "- `2026-11-24 10:00:00` **crisisdesk** · Paged level 1: Anna Nowak\n"
        f"- `2026-11-24 10:00:00` **crisisdesk** · Channel #{CHANNEL_NAME} opened\n"
        f"- `2026-11-24 10:01:00` **@Marek Wojcik** · [Pinned message]({link}): Screenshot of the old ad is going "
        "round on X (https://x.test/p/1)\n"
        "- `2026-11-24 10:02:00` **@Anna Nowak** · Commander: @Ewa Lis\n"
        "- `2026-11-24 10:02:00` **@Ewa Lis** · Crisis type: rumour\n"
        "- `2026-11-24 10:04:00` **@Ewa Lis** · Status update: Statement drafted.\n"
        "  Next update 11:00.\n"
        "- `2026-11-24 10:04:00` **@Anna Nowak** · Follow-up: update the FAQ\n"
        "- `2026-11-24 10:04:00` **@Ewa Lis** · Acknowledged\n")]


def test_a_long_timeline_is_exported_whole_in_one_file(bot, slack, engine, channel):
    with Session(engine) as session, session.begin():
        for n in range(1500):
            session.add(TimelineEvent(incident_id=1, at=START + timedelta(minutes=1, seconds=n), actor="U0ANNA",
                                      kind="log", text=f"action {n:04d} " + "x" * 150))
        session.add(TimelineEvent(incident_id=1, at=START + timedelta(hours=1), actor="U0EWA", kind="log",
                                  text="huge " + "y" * 5000))
    bot.slash("timeline export", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, f"Uploading the timeline of incident #1 to <#{channel}> as a "
                                              "Markdown file.")]
    [(_, _, _, content)] = exported(slack, channel)
    lines = content.split("\n## Events (times in Europe/Warsaw)\n\n")[1].splitlines()
    logged = [line for line in lines if "action " in line]
    assert [int(line.split("action ")[1][:4]) for line in logged] == list(range(1500))
    assert lines[-1] == "- `2026-11-24 11:00:00` **@Ewa Lis** · huge " + "y" * 5000  # nothing cut


def test_a_rate_limited_upload_is_retried_and_shared_once(bot, slack, clock, channel):
    slack.fail_next("files.completeUploadExternal", status=429, retry_after=2)
    bot.slash("timeline export", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    assert slack.files(channel) == []
    clock.tick(timedelta(seconds=2))
    bot.run_worker()
    assert [name for name, *_ in exported(slack, channel)] == ["incident-1-timeline.md"]


@pytest.mark.parametrize("text", ["timeline export now", "timeline please export"])
def test_a_bad_export_says_how_to_write_it(bot, slack, channel, text):
    bot.slash(text, user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", ANNA, "Write `/crisis timeline` in the incident channel, or `/crisis "
                                              "timeline #crisis-...`; add `export` for a Markdown file: `/crisis "
                                              "timeline export`.")]
    assert slack.files() == []


def test_export_naming_the_incident_from_elsewhere(bot, slack, channel):
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    bot.slash("timeline export", user="U0ANNA", channel=elsewhere)
    assert seen(slack) == [("response", "#social-media>U0ANNA",
                            "This channel is not an incident channel. Run the command in the incident's channel, "
                            "or name the incident: `/crisis timeline #crisis-... export`")]
    bot.slash(f"timeline #{CHANNEL_NAME} export", user="U0ANNA", channel=elsewhere)
    bot.run_worker()
    assert seen(slack) == [("response", "#social-media>U0ANNA", f"Uploading the timeline of incident #1 to "
                                                                f"<#{channel}> as a Markdown file.")]
    assert len(slack.files(channel)) == 1


def test_slack_markup_becomes_plain_markdown():
    """What a person typed is decoded at the handler edge (handlers.markup.decoded); the file names people and
    shows links as addresses, and outside text (an alert's title) makes no link of its own."""
    card = IncidentCard(number=7, title="Boycott [official](https://evil.test) <b>", severity=1, status="resolved",
                        source="mentions", description="", links=(), policy_name=None, channel_id="C1",
                        created_at=START, acknowledged_by=None, acknowledged_at=None, resolved_by="U0ANNA",
                        resolved_at=START + timedelta(hours=2), resolution=None, comms="U0OLA",
                        approver="U0EWA")
    typed = decoded("told <!subteam^S1|@pr-leads> and <!here> in <#C2|press> about <https://x.test>; "
                    "<@U0OLA|ola> and <@U0EWA> agree on <https://y.test/a|the FAQ> &amp; [more](https://z.test)")
    events = [TimelineEvent(at=START, actor="U0ANNA", kind="log", text=typed, data={}),
              TimelineEvent(at=START, actor="alertmanager", kind="alert",
                            text="Alert added: <@U0OLA> [x](https://e.test)", data={})]
    assert timeline_markdown(card, events, "UTC", {"U0ANNA": "Anna Nowak", "U0EWA": "Ewa Lis"}) == (
        "# Timeline of incident #7: Boycott \\[official\\](https://evil.test) \\<b>\n\n"
        "- **Severity:** SEV1\n- **Status:** resolved\n- **Source:** mentions\n- **Opened:** 2026-11-24 09:00 UTC\n"
        "- **Comms lead:** @U0OLA\n- **Approver:** @Ewa Lis\n- **Resolved:** @Anna Nowak at 2026-11-24 11:00 UTC\n\n"
        "## Events (times in UTC)\n\n"
        "- `2026-11-24 09:00:00` **@Anna Nowak** · told @pr-leads and @here in #press about https://x.test; "
        "@U0OLA and @Ewa Lis agree on the FAQ (https://y.test/a) & \\[more\\](https://z.test)\n"
        "- `2026-11-24 09:00:00` **alertmanager** · Alert added: \\<@U0OLA> \\[x\\](https://e.test)\n")
    assert timeline_markdown(card, [], "UTC").endswith("## Events (times in UTC)\n\nNo events yet.\n")
