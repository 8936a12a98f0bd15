"""The stand-in's workspace for a drill, seeded from the config: its people as users, and the channels it names."""
from __future__ import annotations

from bot.config.model import Config
from slackstandin.console import Person
from slackstandin.standin import Standin

GENERAL = "general"  # where everyone is, the bot not: a place to type /crisis from, as in a real workspace
# The channels a config names by id, with the name they get in the drill; the bot and everyone are members.
NAMED_CHANNELS = (("oncall", "admin_channel", "oncall-admin"), ("room", "stakeholders_channel", "stakeholders"),
                  ("room", "staff_channel", "all-staff"),
                  ("templates", "approvals_channel", "template-approvals"),
                  ("signals", "customer_service_channel", "customer-service"))


def seed(standin: Standin, config: Config) -> list[Person]:
    """Add the config's people and channels to the stand-in; returns the people, in the config's order."""
    people = []
    for number, person in enumerate(config.directory.people.values(), start=1):
        # Without a Slack id the bot finds the person by email, as in a real workspace.
        user_id = person.slack_id or f"U0DRILL{number:03d}"
        standin.add_user(user_id, person.key, person.email, real_name=person.label, tz=config.timezone)
        people.append(Person(user_id, person.key, person.label))
    everyone = [p.user_id for p in people]
    standin.add_channel(GENERAL, everyone)
    made: set[str] = set()
    for section, field, name in NAMED_CHANNELS:
        channel_id = getattr(getattr(config, section, None), field, None)
        if channel_id and channel_id not in made:
            standin.add_channel(name, [*everyone, Standin.BOT_USER_ID], is_private=channel_id.startswith("G"),
                                channel_id=channel_id)
            made.add(channel_id)
    return people
