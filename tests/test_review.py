"""`/crisis review`: a scripted incident's exact durations, in the channel and as an uploaded Markdown file."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from escalation import timeline
from tests.support.crisis import CHANNEL, CHANNEL_NAME, open_incident, outbox_rows
from tests.support.expect import seen
from tests.support.reminders import T0, at, in_room, public_reply

ASKED = "Posting the review of incident #1 in <#{channel}>, with the Markdown file to fill in the lessons."
TITLE = "Review of incident #1 · SEV2 · Negative mentions x8"


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


@pytest.fixture
def scripted(bot, slack, clock, engine) -> str:
    """Opened at 10:00 (Warsaw), paged, acknowledged at +7 min, a public reply at +23 min, a follow-up marked,
    sentiment back to normal, resolved at +2 h 05 min; the channel's id."""
    open_incident(bot)
    bot.run_worker()
    at(clock, 5)
    bot.run_worker()  # Anna's first reminder
    seen(slack)
    at(clock, 7)
    in_room(bot, slack, "ack", "U0PIOTR", "Incident #1 acknowledged. Paging has stopped.")
    at(clock, 8)
    in_room(bot, slack, "role commander <@U0ANNA>", "U0PIOTR", "<@U0ANNA> is now the commander of incident #1.")
    public_reply(engine, T0 + timedelta(minutes=23))
    at(clock, 40)
    in_room(bot, slack, "log action: brief support on the refund wording", "U0EWA")
    with Session(engine) as session, session.begin():  # what the signals feature records when sentiment recovers
        timeline.record(session, 1, T0 + timedelta(minutes=95), "recovered", "Sentiment back to baseline",
                        data={"seconds": 95 * 60})
    at(clock, 125)
    in_room(bot, slack, "resolve post removed, apology published", "U0ANNA", "Incident #1 resolved.")
    at(clock, 130)
    return slack.channel_named(CHANNEL_NAME)["id"]


def test_the_review_of_a_scripted_incident_has_exact_durations(bot, slack, scripted):
    bot.slash("review", user="U0ANNA", channel=scripted)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", ASKED.format(channel=scripted))]
    bot.run_worker()
    review, timeline_part = slack.take_messages()
    assert (review.kind, review.channel, review.text) == ("post", scripted, TITLE)
    assert review.blocks == [
        {"type": "header", "text": {"type": "plain_text", "text": TITLE}},
        section("Opened 2026-11-24 10:00 (Europe/Warsaw) from generic\nCommander: <@U0ANNA>\n"
                "Resolved 2026-11-24 12:05: post removed, apology published"),
        section("*Response times*\n• Time to acknowledge: 7 min, by <@U0PIOTR>\n"
                "• Time to first public reply: 23 min\n• Time to resolve: 2 h 05 min, by <@U0ANNA>\n"
                "• Status updates: 0\n• Sentiment back to baseline: 1 h 35 min"),
        section("*Paging*\n• `2026-11-24 10:00` Level 1: Anna Nowak (1 reminder)"),
        section("*Templates used*\n• `2026-11-24 10:23` holding-statement v1 (en, public), by <@U0EWA>"),
        section("*Follow-up actions*\n• `2026-11-24 10:40` Follow-up: brief support on the refund wording (<@U0EWA>)"),
        section("*Lessons*\n_Empty for the team to fill in: edit the uploaded incident-1-review.md._"),
        section("*Customer and stakeholder feedback*\n_What customers and stakeholders said about the response: "
                "fill it in in the uploaded incident-1-review.md._"),
    ]
    assert (timeline_part.kind, timeline_part.text) == ("post", "Timeline of incident #1 · SEV2 · Negative mentions x8")
    lines = timeline_part.blocks[1]["text"]["text"].split("\n")
    assert lines[0] == "`2026-11-24 10:00:00` generic · Incident opened from generic: Negative mentions x8"
    assert lines[-1] == "`2026-11-24 12:05:00` <@U0ANNA> · Resolved: post removed, apology published"


def test_the_review_is_uploaded_as_markdown(bot, slack, scripted):
    bot.slash("review", user="U0ANNA", channel=scripted)
    bot.run_worker()
    slack.take_messages()
    [upload] = slack.files(scripted)
    assert (upload["name"], upload["title"], upload["initial_comment"]) == (
        "incident-1-review.md", "Review of incident #1",
        ":memo: The review of incident #1 as a Markdown file: fill in the lessons and share it.")
    review, _, timeline_part = upload["content"].decode().partition("## Timeline of incident #1")
    assert review == "\n".join([
        f"# {TITLE}",
        "",
        "- Opened 2026-11-24 10:00 (Europe/Warsaw) from generic",
        "- Commander: @Anna Nowak",
        "- Resolved 2026-11-24 12:05: post removed, apology published",
        "",
        "## Response times",
        "",
        "- Time to acknowledge: 7 min, by @Piotr Zielinski",  # known by e-mail: looked up for the review
        "- Time to first public reply: 23 min",
        "- Time to resolve: 2 h 05 min, by @Anna Nowak",
        "- Status updates: 0",
        "- Sentiment back to baseline: 1 h 35 min",
        "",
        "## Paging",
        "",
        "- `2026-11-24 10:00` Level 1: Anna Nowak (1 reminder)",
        "",
        "## Templates used",
        "",
        "- `2026-11-24 10:23` holding-statement v1 (en, public), by @Ewa Lis",
        "",
        "## Follow-up actions",
        "",
        "- `2026-11-24 10:40` Follow-up: brief support on the refund wording (@Ewa Lis)",
        "",
        "## Lessons",
        "",
        "- What went well:",
        "- What to change:",
        "- Who does what, by when:",
        "",
        "## Customer and stakeholder feedback",
        "",
        "- From customers (comments, replies, complaints):",
        "- From stakeholders (management, partners, staff):",
        "",
        "",
    ])
    assert "\n### Events (times in Europe/Warsaw)\n" in timeline_part  # the timeline, one heading level down
    assert timeline_part.rstrip().endswith("**@Anna Nowak** · Resolved: post removed, apology published")


def test_a_review_of_an_open_incident_says_not_yet(bot, slack, clock):
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    at(clock, 3)
    bot.slash("review", user="U0EWA", channel=channel)
    bot.run_worker()
    assert [m.text for m in slack.take_messages()] == [ASKED.format(channel=channel), TITLE,
                                                      "Timeline of incident #1 · SEV2 · Negative mentions x8"]
    review = slack.messages_in(channel)[-2]
    assert review.blocks[1:6] == [
        section("Opened 2026-11-24 10:00 (Europe/Warsaw) from generic\nStill open (triggered)"),
        section("*Response times*\n• Time to acknowledge: not yet\n• Time to first public reply: not yet\n"
                "• Time to resolve: not yet\n• Status updates: 0"),
        section("*Paging*\n• `2026-11-24 10:00` Level 1: Anna Nowak"),
        section("*Templates used*\n• None."),
        section("*Follow-up actions*\n• None marked. Mark one with `/crisis log action: <text>`."),
    ]
    assert [f["name"] for f in slack.files(channel)] == ["incident-1-review.md"]


def test_a_failed_upload_is_retried_without_posting_the_review_twice(bot, slack, clock, scripted):
    slack.fail_next("files.completeUploadExternal", status=500)
    bot.slash("review", user="U0ANNA", channel=scripted)
    bot.run_worker()
    assert [m.text for m in slack.take_messages()] == [ASKED.format(channel=scripted), TITLE,
                                                      "Timeline of incident #1 · SEV2 · Negative mentions x8"]
    assert outbox_rows(bot.app.engine, "post_review") == [("pending", 1)]
    clock.tick(timedelta(seconds=5))
    bot.run_worker()
    assert seen(slack) == []
    assert outbox_rows(bot.app.engine, "post_review") == [("sent", 2)]
    assert len([f for f in slack.files(scripted) if f["completed"]]) == 1


def test_review_naming_the_incident_from_another_channel(bot, slack, scripted):
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    bot.slash(f"review #{CHANNEL_NAME}", user="U0ANNA", channel=elsewhere)
    bot.run_worker()
    assert [m.text for m in slack.take_messages()] == [ASKED.format(channel=scripted), TITLE,
                                                      "Timeline of incident #1 · SEV2 · Negative mentions x8"]


@pytest.mark.parametrize("text, answer", [
    ("review now please", "`/crisis review` takes no text. Write `/crisis review` in the incident channel, or "
                          "`/crisis review #crisis-...`."),
    ("review", "This channel is not an incident channel. Run the command in the incident's channel, or name the "
               "incident: `/crisis review #crisis-...`"),
    ("review #99", "No incident matches `#99`. Name it by its channel (`#crisis-...`) or number (`#42`)."),
])
def test_review_bad_input_says_how_to_write_it(bot, slack, scripted, text, answer):
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    bot.slash(text, user="U0ANNA", channel=elsewhere)
    bot.run_worker()
    assert seen(slack) == [("response", "#social-media>U0ANNA", answer)]
    assert slack.files() == []
