"""The other buttons that change an incident, with the default rule: the snooze on a status-update reminder
(posted in the incident channel, so a copy elsewhere acts for responders only) and a template's Use (shown
wherever `/crisis template` was typed, so it follows the people the config knows and the incident channel)."""
from __future__ import annotations

import pytest

from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, CHANNEL_NAME
from tests.support.expect import seen
from tests.support.reminders import REMINDERS, at, open_acknowledged, press
from tests.support.templates import TEMPLATES
from tests.trust.test_permissions import button_refusal, database, refusal

STRANGERS = (("U0CARL", "carl"), ("U0EVE", "eve"))


@pytest.fixture
def approvals(slack) -> str:
    return slack.add_channel("approvals", ["U0EWA", "U0MAREK", slack.BOT_USER_ID])


@pytest.fixture
def config(approvals):
    return load_test_config(CONFIG + REMINDERS + TEMPLATES.replace("APPROVALS", approvals))


@pytest.fixture
def room(bot, slack, clock) -> dict[str, str]:
    """Incident #1 acknowledged at once, no commander (so anyone the permissions allow may snooze), its first
    status-update reminder posted an hour later; Carl joined the channel, Eve did not, neither is in the config."""
    channel = open_acknowledged(bot, slack, commander=None)
    for user, name in STRANGERS:
        slack.add_user(user, name, f"{name}@elsewhere.test")
    with slack.lock:
        slack.workspace.channels[channel].members.append("U0CARL")
    elsewhere = slack.add_channel("social-media", ["U0MAREK", "U0EVE", "U0ANNA"])
    at(clock, 60)
    bot.run_worker()
    # only the reminder: other duties falling due at the same hour may have their say too
    [reminder] = [m for m in slack.take_messages() if m.channel == channel and "status update" in m.text]
    return {"channel": channel, "elsewhere": elsewhere, "reminder": reminder}


@pytest.mark.parametrize("user, where, allowed", [
    ("U0ANNA", "elsewhere", True),  # paged by the policy: a responder, even on a copy
    ("U0MAREK", "elsewhere", False),  # in the config, but a copy outside the channel acts for responders only
    ("U0CARL", "channel", True),  # in the channel, where the reminder is
    ("U0EVE", "elsewhere", False),
])
def test_snooze(bot, slack, engine, room, user, where, allowed):
    before = database(engine)
    if where == "channel":
        press(bot, slack, room["reminder"], "status_snooze_1800", "1:1800", user)
    else:
        bot.click("status_snooze_1800", "1:1800", user=user, channel=room["elsewhere"], message_ts=room["reminder"].ts)
    [answer] = slack.take_messages()
    if allowed:
        assert answer.args.get("replace_original") is True
        assert answer.blocks[-1]["elements"][0]["text"] == f":zzz: Snoozed for 30 min by <@{user}>."
        assert database(engine) != before
        return
    assert (answer.kind, answer.user, answer.text) == ("response", user, button_refusal("change", room["channel"]))
    bot.run_worker()
    assert seen(slack) == []
    assert database(engine) == before


@pytest.mark.parametrize("user, where, allowed", [
    ("U0ANNA", "elsewhere", True),
    ("U0MAREK", "elsewhere", True),  # in the config: the template was shown to him in #social-media
    ("U0CARL", "channel", True),
    ("U0EVE", "elsewhere", False),
])
def test_template_use(bot, slack, engine, room, user, where, allowed):
    channel = room[where]
    bot.slash(f"template <#{room['channel']}|{CHANNEL_NAME}> holding-statement en time=15:00", user=user,
              channel=channel)
    [shown] = slack.take_messages()  # reading a template is open to everyone
    [use] = [e for b in shown.blocks if b["type"] == "actions" for e in b["elements"]]
    before = database(engine)
    bot.click("template_use", use["value"], user=user, channel=channel, message_ts="1795510020.000100")
    place = CHANNEL if where == "channel" else "#social-media"
    if allowed:
        assert seen(slack) == [("response", f"{place}>{user}", f"Recorded on the timeline of incident #1: <@{user}> "
                                "used `holding-statement` v1 (en). It counts as the incident's first public reply.")]
        assert database(engine) != before
        return
    assert seen(slack) == [("response", f"{place}>{user}", refusal("change", room["channel"]))]
    bot.run_worker()
    assert seen(slack) == []
    assert database(engine) == before
