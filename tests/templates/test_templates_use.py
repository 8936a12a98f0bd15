"""`/crisis template`: listing and filtering, filling one in, and its Use button on the incident timeline."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents.models import Incident
from handlers.router import HELP
from tests.support.crisis import CHANNEL, timeline_texts
from tests.support.expect import seen

LIST_ALL = "\n".join([
    "*Approved reply templates* · fill one with `/crisis template <key> [lang] name=value ...`",
    "• `holding-statement` — Public holding statement · en, pl · tags: public · {time}",
    "• `internal-brief` — Internal briefing · en · tags: internal, technical-failure · {team} {summary}",
])
HOLDING_EN = "We know about the problem and are looking into it. Next update by 15:00 CET."
HOLDING_PL = "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do 15:00 CET."


def ask(bot, slack, text: str, *, user: str = "U0ANNA", channel: str):
    """Type `/crisis template ...`; the one answer the person sees."""
    bot.slash(f"template {text}".strip(), user=user, channel=channel)
    [message] = slack.take_messages()
    assert (message.kind, message.user) == ("response", user)
    return message


def use_button(message) -> dict:
    [button] = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["text"]["text"]) == ("template_use", "Use")
    return button


def test_help_lists_the_template_commands(bot, slack, channel):
    bot.slash("help", user="U0ANNA", channel=channel)
    [(_, _, text)] = seen(slack)
    assert text == HELP
    assert "• `/crisis template <key> [lang] name=value ...` — fill one in to copy" in text
    assert "`/crisis template propose` or `edit <key> [lang]`" in text


def test_list_shows_every_approved_template(bot, slack, channel):
    assert ask(bot, slack, "", channel=channel).text == LIST_ALL
    bot.slash("templates", user="U0PIOTR", channel=channel)  # the plural works too
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", LIST_ALL)]


@pytest.mark.parametrize("filters, lines", [
    ("tag:public", ["*Approved reply templates* matching `tag:public`",
                    "• `holding-statement` — Public holding statement · en, pl · tags: public · {time}"]),
    ("lang:pl", ["*Approved reply templates* matching `lang:pl`",
                 "• `holding-statement` — Oświadczenie wstępne · pl · tags: public · {time}"]),
    ("tag:public lang:pl", ["*Approved reply templates* matching `tag:public lang:pl`",
                            "• `holding-statement` — Oświadczenie wstępne · pl · tags: public · {time}"]),
    ("technical-failure", ["*Approved reply templates* matching `tag:technical-failure`",
                           "• `internal-brief` — Internal briefing · en · tags: internal, technical-failure · "
                           "{team} {summary}"]),
    ("pl", ["*Approved reply templates* matching `lang:pl`",
            "• `holding-statement` — Oświadczenie wstępne · pl · tags: public · {time}"]),
])
def test_list_filtered_by_tag_language_or_crisis_type(bot, slack, channel, filters, lines):
    head, *entries = lines
    expected = "\n".join([f"{head} · fill one with `/crisis template <key> [lang] name=value ...`", *entries])
    assert ask(bot, slack, filters, channel=channel).text == expected


@pytest.mark.parametrize("filters, answer", [
    ("tag:twitter", "No approved templates match `tag:twitter`. `/crisis template` lists them all."),
    ("tag:public lang:de", "No approved templates match `tag:public lang:de`. `/crisis template` lists them all."),
    ("tag:public extra", "Filters go alone: `/crisis template tag:public lang:pl`. To fill a template: "
                         '`/crisis template holding-statement en time="15:00 CET"`'),
    ("lang:polish", "I don't understand `lang:polish`. Filter with `tag:public` or `lang:pl`, like "
                    "`/crisis template tag:public lang:pl`."),
])
def test_filters_that_match_nothing_or_are_misspelt(bot, slack, channel, filters, answer):
    assert ask(bot, slack, filters, channel=channel).text == answer


def test_fill_with_all_values_answers_the_text_with_a_use_button(bot, slack, channel):
    message = ask(bot, slack, 'holding-statement time="15:00 CET"', channel=channel)
    assert message.text == HOLDING_EN
    assert message.blocks[:2] == [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "`holding-statement` v1 (en) · Public holding "
                                          "statement · approved in the config file · public reply"}]},
        {"type": "section", "text": {"type": "plain_text", "text": HOLDING_EN, "emoji": True}},
    ]
    assert use_button(message)["value"].startswith("1:")
    assert message.blocks[-1]["elements"][0]["text"] == (
        "Copy the text, post it, then press Use: the timeline of incident #1 records which template and version "
        "you used.")


@pytest.mark.parametrize("text", ['holding-statement pl time="15:00 CET"', "holding-statement pl time=„15:00 CET”",
                                  "holding-statement PL TIME=“15:00 CET”", "holding-statement pl time='15:00 CET'"])
def test_fill_in_polish_with_any_kind_of_quotes(bot, slack, channel, text):
    message = ask(bot, slack, text, channel=channel)
    assert message.text == HOLDING_PL


def test_values_keep_what_slack_escaped_and_linked(bot, slack, channel):
    text = "internal-brief team=R&amp;D summary=<https://status.brand.test|status page>&lt;3"
    message = ask(bot, slack, text, channel=channel)
    assert message.text == "Status for R&amp;D: status page&lt;3"  # read back as typed, escaped once to show it
    bot.slash("template internal-brief team=x summary=\"see <https://status.brand.test>\"", user="U0ANNA",
              channel=channel)
    assert seen(slack)[0][2] == "Status for x: see https://status.brand.test"


@pytest.mark.parametrize("text, answer", [
    ("holding-statement", '`holding-statement` (en) needs a value for {time}. Write it after the key, in quotes if '
                          'there are spaces: `/crisis template holding-statement en time="..."`'),
    ("holding-statement pl time=", '`holding-statement` (pl) needs a value for {time}. Write it after the key, in '
                                   'quotes if there are spaces: `/crisis template holding-statement pl time="..."`'),
    ("internal-brief team=social", "`internal-brief` (en) needs a value for {summary}. Write it after the key, in "
                                   'quotes if there are spaces: `/crisis template internal-brief en summary="..."`'),
    ("internal-brief", "`internal-brief` (en) needs a value for {team} and {summary}. Write them after the key, in "
                       'quotes if there are spaces: `/crisis template internal-brief en team="..." summary="..."`'),
    ("holding-statement tme=15:00", '`holding-statement` (en) needs a value for {time}. Write it after the key, in '
                                    'quotes if there are spaces: `/crisis template holding-statement en time="..."`\n'
                                    "`holding-statement` has no placeholder {tme}."),
])
def test_missing_values_are_named_with_how_to_write_them(bot, slack, channel, text, answer):
    assert ask(bot, slack, text, channel=channel).text == answer


@pytest.mark.parametrize("text, answer", [
    ("holding-statment time=1", "There is no template or tag `holding-statment`. Did you mean `holding-statement`? "
                                "`/crisis template` lists the approved templates."),
    ("holding-statement de time=1", "`holding-statement` has no de version; it exists in en, pl."),
    ("holding-statement pl 15:00", "I don't understand `15:00`. After the key and language, write values as "
                                   'name=value, in quotes if there are spaces: `/crisis template holding-statement en '
                                   'time="15:00 CET"`'),
    ('holding-statement time="15:00', 'The value of `time` has no closing quote ": write it like '
                                      '`/crisis template holding-statement en time="15:00 CET"`'),
])
def test_bad_arguments_say_how_to_write_them(bot, slack, channel, text, answer):
    assert ask(bot, slack, text, channel=channel).text == answer


def test_use_records_key_version_and_who_and_sets_the_first_public_reply_once(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=7))
    message = ask(bot, slack, 'holding-statement pl time="15:00 CET"', channel=channel)
    value = use_button(message)["value"]

    bot.click("template_use", value, user="U0PIOTR", channel=channel, message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "Recorded on the timeline of incident #1: <@U0PIOTR> "
                            "used `holding-statement` v1 (pl). It counts as the incident's first public reply.")]
    first_reply = datetime(2026, 11, 24, 9, 7, tzinfo=UTC)
    with Session(engine) as session:
        assert session.get(Incident, 1).first_public_reply_at == first_reply
        used = [e for e in timeline.events(session, 1) if e.kind == "template_used"]
        assert [(e.actor, e.at, e.text, e.data) for e in used] == [
            ("U0PIOTR", first_reply, "Used template `holding-statement` v1 (pl): first public reply",
             {"key": "holding-statement", "version": 1, "language": "pl", "public": True})]

    # The same message pressed again is not a second use.
    bot.click("template_use", value, user="U0PIOTR", channel=channel, message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "Already recorded on the timeline of incident #1.")]

    # A second public reply later is recorded, and the first public reply stays the first.
    clock.tick(timedelta(minutes=30))
    message = ask(bot, slack, "holding-statement time=16:00", user="U0ANNA", channel=channel)
    bot.click("template_use", use_button(message)["value"], user="U0ANNA", channel=channel,
              message_ts="1795511820.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Recorded on the timeline of incident #1: <@U0ANNA> "
                            "used `holding-statement` v1 (en).")]
    with Session(engine) as session:
        assert session.get(Incident, 1).first_public_reply_at == first_reply
    assert timeline_texts(engine)[-2:] == [
        ("template_used", "Used template `holding-statement` v1 (pl): first public reply"),
        ("template_used", "Used template `holding-statement` v1 (en), a public reply")]


def test_an_internal_template_is_recorded_but_is_no_public_reply(bot, slack, engine, channel):
    message = ask(bot, slack, "internal-brief team=social summary=calm", channel=channel)
    assert "public reply" not in message.blocks[0]["elements"][0]["text"]
    bot.click("template_use", use_button(message)["value"], user="U0ANNA", channel=channel,
              message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Recorded on the timeline of incident #1: <@U0ANNA> "
                            "used `internal-brief` v1 (en).")]
    with Session(engine) as session:
        assert session.get(Incident, 1).first_public_reply_at is None
        [used] = [e.data for e in timeline.events(session, 1) if e.kind == "template_used"]
        assert used == {"key": "internal-brief", "version": 1, "language": "en", "public": False}


def test_outside_an_incident_channel_the_text_comes_without_a_use_button(bot, slack, channel):
    elsewhere = slack.add_channel("social-media", ["U0ANNA"])
    message = ask(bot, slack, "holding-statement time=15:00", channel=elsewhere)
    assert message.text == "We know about the problem and are looking into it. Next update by 15:00."
    assert [b["type"] for b in message.blocks] == ["context", "section", "context"]
    assert message.blocks[-1]["elements"][0]["text"] == (
        "To record its use on an incident's timeline, run this in the incident channel or name the incident: "
        "`/crisis template #42 holding-statement ...`")

    named = ask(bot, slack, "#1 holding-statement time=15:00", channel=elsewhere)
    assert use_button(named)["value"].startswith("1:")
    assert ask(bot, slack, "#7 holding-statement time=15:00", channel=elsewhere).text == (
        "No incident matches `#7`. Name it by its channel (`#crisis-...`) or number (`#42`).")


def test_a_broken_use_button_says_so(bot, slack, channel):
    bot.click("template_use", "nonsense", user="U0ANNA", channel=channel, message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "This button is broken; fetch the template again.")]
