"""Proposing template wording in a modal, approving or rejecting it in the approvers' channel, retiring."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.support.bot import start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, timeline_texts
from tests.support.expect import seen
from tests.support.slack_requests import TRIGGER_ID
from tests.support.templates import TEMPLATES, template_state, templates_config, versions

DM_EN = "Hi {name}, please send us a private message with your order number."
PROPOSAL = "<@U0ANNA> proposes template `move-to-dm` (en) v1: Move to DM"
ONLY_APPROVERS = "Only approvers can approve or reject templates: Ewa Lis and Marek Wojcik."


def form(key="move-to-dm", language="en", tags="public, customer-dissatisfaction", title="Move to DM", body=DM_EN):
    """view.state.values of the propose form as typed; None for a field left empty."""
    fields = {"key": key, "language": language, "tags": tags, "title": title, "body": body}
    return {name: {name: {"type": "plain_text_input", "value": value}} for name, value in fields.items()
            if value is not ...}


def opened_view(slack) -> dict:
    [call] = slack.calls("views.open")
    assert call.response["ok"] is True
    return call.args["view"]


def buttons(message) -> list[tuple[str, str]]:
    return [(e["action_id"], e["value"]) for b in message.blocks if b["type"] == "actions" for e in b["elements"]]


def propose_and_post(bot, slack, approvals, *, user="U0ANNA", **typed):
    """Submit the propose form and deliver the proposal; returns the proposal message in the approvers' channel."""
    answer = bot.submit_view("template_propose", form(**typed), user=user, private_metadata="{}")
    assert answer.status == 200 and answer.body["response_action"] == "update", answer
    bot.run_worker()
    [message] = slack.take_messages()
    assert (message.kind, message.channel) == ("post", approvals)
    return message


def fill(bot, slack, channel, text, user="U0ANNA") -> str:
    bot.slash(f"template {text}", user=user, channel=channel)
    [(_, _, answer)] = seen(slack)
    return answer


def test_propose_opens_the_form_with_the_commands_trigger(bot, slack, channel):
    assert bot.slash("template propose", user="U0ANNA", channel=channel).status == 200
    [call] = slack.calls("views.open")
    assert call.args["trigger_id"] == TRIGGER_ID
    view = opened_view(slack)
    assert (view["type"], view["callback_id"], view["title"]["text"]) == ("modal", "template_propose",
                                                                          "Propose a template")
    assert [b["block_id"] for b in view["blocks"]] == ["key", "language", "tags", "title", "body"]
    assert view["blocks"][1]["element"]["initial_value"] == "en"
    assert seen(slack) == []  # the form is the answer


def test_the_proposal_goes_to_the_approvers_channel_with_approve_and_reject(bot, slack, engine, approvals, channel):
    answer = bot.submit_view("template_propose", form(), user="U0ANNA", private_metadata="{}")
    assert answer.body["response_action"] == "update"
    assert answer.body["view"]["blocks"][0]["text"]["text"] == (
        f"`move-to-dm` (en) v1 was sent to the approvers in <#{approvals}>. You will get a message when it is "
        "approved or rejected.")
    assert versions(engine, "move-to-dm") == [(1, "draft", "slack", "U0ANNA", None)]
    assert template_state(engine, "move-to-dm") == ("draft", None)

    bot.run_worker()
    [message] = slack.take_messages()
    assert (message.kind, message.channel, message.text) == ("post", approvals, PROPOSAL)
    assert message.blocks[0]["text"]["text"] == ("*<@U0ANNA> proposes* `move-to-dm` (en) v1 — Move to DM\n"
                                                 "A new template: nothing is served until this is approved.")
    assert message.blocks[1]["text"]["text"] == DM_EN
    assert message.blocks[2]["elements"][0]["text"] == "Tags: public, customer-dissatisfaction"
    [(approve, version), (reject, same)] = buttons(message)
    assert (approve, reject, version == same) == ("template_approve", "template_reject", True)

    # Not approved yet: never served.
    assert fill(bot, slack, channel, "move-to-dm name=Ola") == (
        "`move-to-dm` (en) is awaiting approval, proposed by <@U0ANNA>, and cannot be used until an approver "
        "approves it.")
    bot.run_worker()
    assert seen(slack) == []  # delivered once


@pytest.mark.parametrize("typed, errors", [
    ({"key": "Move to DM!"}, {"key": "Use lowercase letters, digits, - and _ (at most 64), like holding-statement."}),
    ({"key": "propose"}, {"key": "`propose` is a /crisis template command; pick another key."}),
    ({"language": "polish"}, {"language": "Use a language code like en, pl or pt-br."}),
    ({"tags": "public, Twitter!"}, {"tags": "'twitter!' is not a tag: use lowercase words with - or _ (like public, "
                                            "technical-failure, twitter), separated by commas or spaces."}),
    ({"title": None}, {"title": "Give the template a short title, like Public holding statement."}),
    ({"body": "Hi {name, write to us"}, {"body": "The text has a lone `{` or `}`; placeholders look like {time}, "
                                                 "and {{ or }} writes a brace."}),
    ({"body": "Hi {Name!r}"}, {"body": "The text has a placeholder {Name!r} that is not a plain name; use lowercase "
                                       "letters, digits and _ like {time} or {order_number}."}),
    ({"key": "holding-statement"}, {"key": "`holding-statement` (en) already exists (v1). To change it, use "
                                           "`/crisis template edit holding-statement en`."}),
])
def test_a_bad_proposal_is_shown_again_with_what_to_fix(bot, slack, engine, channel, typed, errors):
    answer = bot.submit_view("template_propose", form(**typed), user="U0ANNA", private_metadata="{}")
    assert answer.body == {"response_action": "errors", "errors": errors}
    assert versions(engine, "move-to-dm") == []
    bot.run_worker()
    assert seen(slack) == []


def test_a_non_approver_is_refused_and_nothing_changes(bot, slack, engine, approvals, channel):
    proposal = propose_and_post(bot, slack, approvals)
    [(_, version), _] = buttons(proposal)
    for action in ("template_approve", "template_reject"):
        bot.click(action, version, user="U0PIOTR", channel=approvals, message_ts=proposal.ts)
        assert seen(slack) == [("response", "#approvals>U0PIOTR", ONLY_APPROVERS)]
    bot.run_worker()
    assert seen(slack) == []
    assert versions(engine, "move-to-dm") == [(1, "draft", "slack", "U0ANNA", None)]


def test_an_approver_approves_and_the_template_is_served(bot, slack, clock, engine, approvals, channel):
    proposal = propose_and_post(bot, slack, approvals)
    [(_, version), _] = buttons(proposal)
    clock.tick(timedelta(minutes=4))
    bot.click("template_approve", version, user="U0EWA", channel=approvals, message_ts=proposal.ts)
    assert seen(slack) == []
    bot.run_worker()
    assert seen(slack) == [
        ("update", "#approvals", f"{PROPOSAL} · approved by <@U0EWA>"),
        ("post", "dm:U0ANNA", "Your template `move-to-dm` (en) v1 was approved by <@U0EWA>. It is served from now "
                              "on: `/crisis template move-to-dm en`."),
    ]
    [updated] = [m for m in slack.messages_in(approvals) if m.ts == proposal.ts and m.kind == "update"]
    assert buttons(updated) == []
    assert updated.blocks[-1]["elements"][0]["text"] == (
        ":white_check_mark: Approved by <@U0EWA> on 2026-11-24 10:04 CET")
    assert versions(engine, "move-to-dm") == [(1, "approved", "slack", "U0ANNA", "U0EWA")]
    assert template_state(engine, "move-to-dm") == ("approved", 1)
    assert fill(bot, slack, channel, "move-to-dm name=Ola") == (
        "Hi Ola, please send us a private message with your order number.")

    # A second click (the update may not have arrived yet) says who decided.
    bot.click("template_reject", version, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
    assert seen(slack) == [("response", "#approvals>U0MAREK",
                            "v1 of `move-to-dm` (en) was already approved by <@U0EWA>.")]


def test_an_approver_cannot_approve_their_own_wording(bot, slack, engine, approvals, channel):
    proposal = propose_and_post(bot, slack, approvals, user="U0EWA")
    [(_, version), _] = buttons(proposal)
    bot.click("template_approve", version, user="U0EWA", channel=approvals, message_ts=proposal.ts)
    assert seen(slack) == [("response", "#approvals>U0EWA", "You proposed v1 of `move-to-dm` (en) yourself: another "
                                                            "approver must approve it (you can still reject it).")]
    bot.click("template_approve", version, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
    bot.run_worker()
    assert seen(slack) == [
        ("update", "#approvals", "<@U0EWA> proposes template `move-to-dm` (en) v1: Move to DM · approved by "
                                 "<@U0MAREK>"),
        ("post", "dm:U0EWA", "Your template `move-to-dm` (en) v1 was approved by <@U0MAREK>. It is served from now "
                             "on: `/crisis template move-to-dm en`."),
    ]


def test_a_rejected_proposal_is_never_served(bot, slack, engine, approvals, channel):
    proposal = propose_and_post(bot, slack, approvals)
    [_, (_, version)] = buttons(proposal)
    bot.click("template_reject", version, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
    bot.run_worker()
    assert seen(slack) == [
        ("update", "#approvals", f"{PROPOSAL} · rejected by <@U0MAREK>"),
        ("post", "dm:U0ANNA", "Your template `move-to-dm` (en) v1 was rejected by <@U0MAREK>; nothing was published. "
                              "To try again: `/crisis template edit move-to-dm en`."),
    ]
    assert versions(engine, "move-to-dm") == [(1, "rejected", "slack", "U0ANNA", "U0MAREK")]
    assert fill(bot, slack, channel, "move-to-dm name=Ola") == (
        "`move-to-dm` (en) has no approved version, so it cannot be used. To propose new wording: "
        "`/crisis template edit move-to-dm en`.")


def test_a_use_button_naming_a_draft_version_records_nothing(bot, slack, engine, approvals, channel):
    """A Use button is only ever built for a served version; one naming a draft (forged, or built by an older
    release) must not put unapproved wording on the timeline nor count as the first public reply."""
    proposal = propose_and_post(bot, slack, approvals)
    [(_, version), _] = buttons(proposal)
    bot.click("template_use", f"1:{version}", user="U0ANNA", channel=channel, message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "v1 of `move-to-dm` (en) is not approved, so its use "
                            "was not recorded. Do not post it; `/crisis template` lists the approved ones.")]
    assert [t for t in timeline_texts(engine) if t[0] == "template_used"] == []


def test_editing_an_approved_template_needs_approval_again_and_the_old_version_is_served_meanwhile(
        bot, slack, engine, approvals, channel):
    bot.slash("template edit holding-statement pl", user="U0ANNA", channel=channel)
    view = opened_view(slack)
    assert view["title"]["text"] == "Edit template"
    assert json.loads(view["private_metadata"]) == {"key": "holding-statement", "language": "pl"}
    assert {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"} == {
        "tags": "public", "title": "Oświadczenie wstępne",
        "body": "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do {time}."}

    edited = "Wiemy o problemie i pracujemy nad nim. Następna informacja najpóźniej o {time}."
    typed = form(key=..., language=..., tags="public", title="Oświadczenie wstępne", body=edited)
    answer = bot.submit_view("template_propose", typed, user="U0ANNA", private_metadata=view["private_metadata"])
    assert answer.body["view"]["blocks"][0]["text"]["text"] == (
        f"`holding-statement` (pl) v2 was sent to the approvers in <#{approvals}>. v1 stays in use until it is "
        "approved. You will get a message when it is approved or rejected.")
    bot.run_worker()
    [proposal] = slack.take_messages()
    assert proposal.text == "<@U0ANNA> proposes template `holding-statement` (pl) v2: Oświadczenie wstępne"
    assert proposal.blocks[0]["text"]["text"].endswith("Replaces v1, which stays in use until this is approved.")
    assert versions(engine, "holding-statement", "pl") == [(1, "approved", "config", "config", "config"),
                                                          (2, "draft", "slack", "U0ANNA", None)]

    # Until approved, v1 is served, and says a newer version waits.
    bot.slash("template holding-statement pl time=15:00", user="U0PIOTR", channel=channel)
    [served] = slack.take_messages()
    assert served.text == "Wiemy o problemie i już nad nim pracujemy. Kolejna informacja do 15:00."
    assert served.blocks[0]["elements"][0]["text"].endswith("· public reply · v2 awaits approval")
    # A second edit waits for the first to be decided.
    bot.slash("template edit holding-statement pl", user="U0PIOTR", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "v2 of `holding-statement` (pl), proposed by "
                            "<@U0ANNA>, still awaits approval. An approver must approve or reject it before another "
                            "change.")]

    [(_, version), _] = buttons(proposal)
    bot.click("template_approve", version, user="U0EWA", channel=approvals, message_ts=proposal.ts)
    bot.run_worker()
    seen(slack)
    assert versions(engine, "holding-statement", "pl") == [(1, "superseded", "config", "config", "config"),
                                                          (2, "approved", "slack", "U0ANNA", "U0EWA")]
    assert fill(bot, slack, channel, "holding-statement pl time=15:00") == (
        "Wiemy o problemie i pracujemy nad nim. Następna informacja najpóźniej o 15:00.")
    assert fill(bot, slack, channel, "holding-statement en time=15:00") == (
        "We know about the problem and are looking into it. Next update by 15:00.")  # other languages untouched


def test_an_edit_that_changes_nothing_is_refused_in_the_form(bot, slack, engine, channel):
    metadata = json.dumps({"key": "holding-statement", "language": "en"})
    typed = form(key=..., language=..., tags="public", title="Public holding statement",
                 body="We know about the problem and are looking into it. Next update by {time}.")
    answer = bot.submit_view("template_propose", typed, user="U0ANNA", private_metadata=metadata)
    assert answer.body == {"response_action": "errors", "errors": {"body": "Nothing changed from the approved v1."}}


@pytest.mark.parametrize("text, answer", [
    ("template edit", "Name the template to edit: `/crisis template edit <key> [lang]`, e.g. "
                      "`/crisis template edit holding-statement pl`."),
    ("template edit move-to-dm", "There is no template `move-to-dm`. Propose it with `/crisis template propose`."),
    ("template edit holding-statement", None),  # the default language, en
    ("template propose move-to-dm", "`/crisis template propose` takes nothing after it: the form asks for the key, "
                                    "language and text."),
])
def test_edit_and_propose_arguments(bot, slack, channel, text, answer):
    bot.slash(text, user="U0ANNA", channel=channel)
    if answer is None:
        assert json.loads(opened_view(slack)["private_metadata"]) == {"key": "holding-statement", "language": "en"}
        assert seen(slack) == []
    else:
        assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", answer)]
        assert slack.calls("views.open") == []


def test_when_slack_refuses_the_form_the_person_is_told(bot, slack, channel):
    slack.fail_next("views.open", error="expired_trigger_id")
    bot.slash("template propose", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA",
                            "Slack did not open the form (expired_trigger_id). Type the command again.")]


def test_retire_is_for_approvers_and_a_retired_template_is_never_served(bot, slack, engine, approvals, channel):
    bot.slash("template holding-statement time=15:00", user="U0ANNA", channel=channel)
    [shown] = slack.take_messages()

    bot.slash("template retire holding-statement en", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA",
                            "Only approvers can retire templates: Ewa Lis and Marek Wojcik.")]
    bot.slash("template retire holding-statement", user="U0EWA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0EWA", "Retired `holding-statement` (en): it is no longer offered. To bring it back, "
         "propose new wording with `/crisis template edit holding-statement en` and have it approved."),
        ("post", "#approvals", ":file_cabinet: <@U0EWA> retired `holding-statement` (en); it is no longer offered."),
    ]
    assert template_state(engine, "holding-statement") == ("retired", 1)
    assert fill(bot, slack, channel, "holding-statement en time=15:00") == (
        "`holding-statement` (en) was retired by <@U0EWA> and cannot be used. `/crisis template` lists the approved "
        "ones.")
    assert fill(bot, slack, channel, "tag:public") == (
        "*Approved reply templates* matching `tag:public` · fill one with `/crisis template <key> [lang] name=value "
        "...`\n• `holding-statement` — Oświadczenie wstępne · pl · tags: public · {time}")

    # The text shown before it was retired is not recorded as used.
    [value] = [e["value"] for b in shown.blocks if b["type"] == "actions" for e in b["elements"]]
    bot.click("template_use", value, user="U0ANNA", channel=channel, message_ts="1795510020.000100")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "`holding-statement` (en) was retired after it was shown "
                            "to you, so its use was not recorded. Do not post it; `/crisis template` lists the "
                            "approved ones.")]
    bot.slash("template retire holding-statement en", user="U0EWA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0EWA",
                            "`holding-statement` (en) was already retired by <@U0EWA>.")]


def test_a_member_of_the_approvers_user_group_may_approve(settings, slack, engine, clock, approvals):
    slack.add_usergroup("S0LEGAL", "legal", ["U0PIOTR"])
    section = TEMPLATES.replace("APPROVALS", approvals).replace("    teams: [pr]\n", "    usergroup: S0LEGAL\n")
    running = start_bot(settings, load_test_config(CONFIG + section), slack, engine)
    try:
        proposal = propose_and_post(running, slack, approvals)
        [(_, version), _] = buttons(proposal)
        running.click("template_approve", version, user="U0MAREK", channel=approvals, message_ts=proposal.ts)
        assert seen(slack) == [("response", "#approvals>U0MAREK", "Only approvers can approve or reject templates: "
                                "Ewa Lis and members of <!subteam^S0LEGAL>.")]
        running.click("template_approve", version, user="U0PIOTR", channel=approvals, message_ts=proposal.ts)
        running.run_worker()
        assert [kind for kind, _, _ in seen(slack)] == ["update", "post"]
        assert versions(engine, "move-to-dm") == [(1, "approved", "slack", "U0ANNA", "U0PIOTR")]
    finally:
        running.close()


def test_approvers_known_only_by_email_are_looked_up(settings, slack, engine, clock, approvals):
    section = TEMPLATES.replace("APPROVALS", approvals).replace("users: [ewa]", "users: [piotr]")
    running = start_bot(settings, load_test_config(CONFIG + section), slack, engine)
    try:
        proposal = propose_and_post(running, slack, approvals)
        [(_, version), _] = buttons(proposal)
        running.click("template_approve", version, user="U0PIOTR", channel=approvals, message_ts=proposal.ts)
        running.run_worker()
        assert [kind for kind, _, _ in seen(slack)] == ["update", "post"]
        assert versions(engine, "move-to-dm") == [(1, "approved", "slack", "U0ANNA", "U0PIOTR")]
        assert [c.args["email"] for c in slack.calls("users.lookupByEmail")] == ["piotr@brand.test"]
    finally:
        running.close()


def test_without_an_approvers_channel_nobody_is_offered_the_form(settings, slack, engine, clock):
    section = TEMPLATES.replace("  approvals_channel: APPROVALS\n", "")
    running = start_bot(settings, load_test_config(CONFIG + section), slack, engine)
    try:
        elsewhere = slack.add_channel("social-media", ["U0ANNA"])
        running.slash("template propose", user="U0ANNA", channel=elsewhere)
        assert seen(slack) == [("response", "#social-media>U0ANNA", "Proposals need an approvers' channel: set "
                                "`templates.approvals_channel` in the config (a channel id like C0123APPROVE).")]
        assert slack.calls("views.open") == []
    finally:
        running.close()


def test_a_form_sent_after_the_approvers_channel_was_removed_is_not_stored(settings, slack, engine, clock):
    # The form was opened under a config that named the channel; the bot restarted without it before the submit.
    section = TEMPLATES.replace("  approvals_channel: APPROVALS\n", "")
    running = start_bot(settings, load_test_config(CONFIG + section), slack, engine)
    try:
        answer = running.submit_view("template_propose", form(), user="U0ANNA", private_metadata="{}")
        assert answer.body == {"response_action": "errors", "errors": {"key": (
            "Proposals need an approvers' channel: set `templates.approvals_channel` in the config (a channel id "
            "like C0123APPROVE).")}}
        assert versions(engine, "move-to-dm") == []
        running.run_worker()
        assert seen(slack) == []
    finally:
        running.close()


def test_the_bot_joins_a_public_approvers_channel_it_is_not_in(settings, slack, engine, clock):
    outside = slack.add_channel("comms-approvals", ["U0EWA"])
    running = start_bot(settings, templates_config(outside), slack, engine)
    try:
        proposal = propose_and_post(running, slack, outside)
        assert proposal.text == PROPOSAL
        assert slack.BOT_USER_ID in slack.members(outside)
    finally:
        running.close()
