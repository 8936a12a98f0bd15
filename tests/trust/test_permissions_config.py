"""`permissions:` in the config: widening an action to anyone, narrowing one to named people and teams (the
incident's responders always keep it), the refusals that name who may, and the section's located problems."""
from __future__ import annotations

import pytest

from bot.config.loader import load_config_text
from bot.config.problems import ConfigError
from escalation.permissions import ANYONE, KNOWN, LISTED, Permissions, Rule
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, CHANNEL_NAME
from tests.support.expect import seen
from tests.support.room import open_room
from tests.trust.test_permissions import RESPONDERS, database

NARROWED = """
permissions:
  acknowledge: anyone
  resolve: {teams: [pr]}
  change: {users: [anna]}
  page: {users: [anna], teams: [pr]}
"""


@pytest.fixture
def config():
    return load_test_config(CONFIG + NARROWED)


@pytest.fixture
def room(bot, slack) -> dict[str, str]:
    """Incident #1 (Anna paged by the policy, Ola paged on demand by Anna); Carl joined its channel by himself."""
    channel = open_room(bot, slack)
    for user, name in (("U0OLA", "ola"), ("U0CARL", "carl"), ("U0EVE", "eve")):
        slack.add_user(user, name, f"{name}@elsewhere.test")
    with slack.lock:
        slack.workspace.channels[channel].members.append("U0CARL")
    bot.slash("page <@U0OLA>", user="U0ANNA", channel=channel)
    bot.run_worker()
    seen(slack)
    return {"channel": channel, "elsewhere": slack.add_channel("social-media", ["U0OLA", "U0MAREK", "U0EVE"])}


def only(verb: str, who: str) -> str:
    return f"You may not {verb} incident #1: only {who} and {RESPONDERS} may."


@pytest.mark.parametrize("command, user, where, answer", [
    ("ack", "U0EVE", "elsewhere", "Incident #1 acknowledged. Paging has stopped."),  # anyone
    ("resolve", "U0MAREK", "elsewhere", "Incident #1 resolved."),  # in team pr
    ("resolve", "U0OLA", "elsewhere", "Incident #1 resolved."),  # paged for it
    ("resolve", "U0CARL", "channel", only("resolve", "members of pr")),
    ("resolve", "U0ANNA", "elsewhere", "Incident #1 resolved."),  # paged by the policy
    ("severity 1", "U0ANNA", "elsewhere", "Incident #1 is now SEV1."),
    ("severity 1", "U0MAREK", "elsewhere", only("change", "Anna Nowak")),
    ("severity 1", "U0CARL", "channel", only("change", "Anna Nowak")),
    ("page <@U0EWA>", "U0MAREK", "elsewhere", "Paging Ewa Lis for incident #1."),
    ("page <@U0EWA>", "U0CARL", "channel", only("page people for", "Anna Nowak, members of pr")),
    ("page <@U0EWA>", "U0EVE", "elsewhere", only("page people for", "Anna Nowak, members of pr")),
])
def test_narrowed_and_widened_actions(bot, slack, engine, room, command, user, where, answer):
    word, _, rest = command.partition(" ")
    before = database(engine)
    bot.slash(f"{word} <#{room['channel']}|{CHANNEL_NAME}> {rest}".strip(), user=user, channel=room[where])
    shown = CHANNEL if where == "channel" else "#social-media"
    assert seen(slack) == [("response", f"{shown}>{user}", answer)]
    assert (database(engine) == before) == answer.startswith("You may not")


def test_a_pin_by_someone_who_may_not_change_the_incident_is_refused_to_them_alone(bot, slack, engine, room):
    ts = slack.add_message(room["channel"], "statement posted", user_id="U0EWA")
    before = database(engine)
    bot.event({"type": "reaction_added", "user": "U0CARL", "reaction": "pushpin", "item_user": "U0EWA",
               "item": {"type": "message", "channel": room["channel"], "ts": ts}, "event_ts": f"{ts}1"})
    assert seen(slack) == [("ephemeral", f"{CHANNEL}>U0CARL", only("change", "Anna Nowak"))]
    assert database(engine) == before

    bot.event({"type": "reaction_added", "user": "U0ANNA", "reaction": "pushpin", "item_user": "U0EWA",
               "item": {"type": "message", "channel": room["channel"], "ts": ts}, "event_ts": f"{ts}2"})
    assert seen(slack) == [("ephemeral", f"{CHANNEL}>U0ANNA", ":pushpin: Adding the message to the timeline of "
                                                          "incident #1, at the time it was written.")]
    assert database(engine) != before


def test_the_section_reads_into_rules():
    assert load_test_config(CONFIG + NARROWED).permissions == Permissions(
        acknowledge=Rule(ANYONE), resolve=Rule(LISTED, teams=("pr",)), change=Rule(LISTED, users=("anna",)),
        page=Rule(LISTED, users=("anna",), teams=("pr",)))
    assert load_test_config().permissions == Permissions()
    assert Permissions().page == Rule(KNOWN)


def test_mistakes_are_located_and_say_what_to_write():
    with pytest.raises(ConfigError) as raised:
        load_config_text(CONFIG + """
permissions:
  resolve: {teams: [prr]}
  page: anyon
  chnage: known
  acknowledge: {users: []}
""")
    resolve = CONFIG.count("\n") + 3  # the line of `resolve:`, right under `permissions:`
    assert [str(p) for p in raised.value.problems] == [
        f"line {resolve}: permissions.resolve.teams[0]: unknown team 'prr'; did you mean 'pr'?",
        f"line {resolve + 1}: permissions.page: expected anyone, known, or a mapping like {{users: [anna], "
        "teams: [pr]}, got text ('anyon'); did you mean 'anyone'?",
        f"line {resolve + 2}: permissions.chnage: unknown key 'chnage'; did you mean 'change'?",
        f"line {resolve + 3}: permissions.acknowledge: name at least one user or team (the incident's responders "
        "may always), or write known or anyone",
    ]
