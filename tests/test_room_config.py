"""The `room:` config section, and the room commands when the config has none."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.loader import load_config_text
from bot.config.problems import ConfigError
from bot.config.room import DEFAULT_TYPES, RoomSettings
from tests.support.config import CONFIG
from tests.support.crisis import CHANNEL
from tests.support.expect import seen
from tests.support.room import open_room

LINE = CONFIG.count("\n") + 1  # the section starts right after the shared test config


def room(text: str):
    return load_config_text(CONFIG + text, source="room-test").room


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load_config_text(CONFIG + text, source="room-test")
    return [str(p).replace(f"line {LINE}: ", "", 1) for p in raised.value.problems]


def test_a_full_section():
    assert room("""
room:
  types: [product-defect, data-breach, rumour]
  severities: {1: "Critical: press asking", "4": "Minor"}
  stakeholders_channel: C05STAKEHD
""") == RoomSettings(types=("product-defect", "data-breach", "rumour"), severities={1: "Critical: press asking",
                                                                                  4: "Minor"},
                     stakeholders_channel="C05STAKEHD")


def test_without_the_section_the_brief_s_crisis_types_and_no_stakeholders_channel():
    assert room("") == RoomSettings(types=DEFAULT_TYPES, severities={}, stakeholders_channel=None)
    assert "account-hack" in DEFAULT_TYPES


@pytest.mark.parametrize("text, expected", [
    ("room: [rumour]", ["room: expected a mapping like {types: [rumour, data-breach], "
                        "stakeholders_channel: C0123STAKE}, got a list"]),
    ("room: {type: [rumour]}", ["room.type: unknown key 'type'; did you mean 'types'?"]),
    ("room: {types: rumour}", ["room.types: expected a list of crisis types like [rumour, data-breach, "
                               "product-defect], got text ('rumour')"]),
    ("room: {types: [rumour, Data Breach, rumour]}",
     ["room.types[1]: expected a crisis type like data-breach (use lowercase letters, digits, '_', '.' and "
      "'-', starting with a letter or digit), got text ('Data Breach')",
      "room.types[2]: 'rumour' is listed twice"]),
    ("room: {severities: {0: none, high: bad, 2: ''}}",
     ["room.severities.0: severities are 1 to 4 (1 is the worst), got 0",
      "room.severities.high: severities are 1 to 4 (1 is the worst), got 'high'",
      "room.severities.2: expected a description of the severity, got text ('')"]),
    ("room: {stakeholders_channel: '#stakeholders'}",
     ["room.stakeholders_channel: expected a channel id like C0123STAKE (channel details > About > "
      "Channel ID), got '#stakeholders'"]),
])
def test_mistakes_say_where_and_how_to_write_it(text, expected):
    assert problems(text) == expected


def test_the_example_config_section_is_valid():
    example = (Path(__file__).resolve().parents[1] / "crisisdesk.example.yaml").read_text()
    settings = load_config_text(example, source="example").room
    assert "rumour" in settings.types and settings.stakeholders_channel == "C05STAKEHD"
    assert sorted(settings.severities) == [1, 2, 3, 4]


def test_without_a_stakeholders_channel_an_update_stays_in_the_incident_channel(bot, slack, engine):
    channel = open_room(bot, slack)
    bot.slash("update all quiet", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0ANNA", f"Status update posted in <#{channel}>. No stakeholders channel is set "
                                          "(`room.stakeholders_channel` in the config), so it went nowhere else."),
        ("post", CHANNEL, ":mega: *Status update* from <@U0ANNA>:\nall quiet")]
    bot.slash("type account hack", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack)[0] == ("response", f"{CHANNEL}>U0ANNA", "Incident #1 is now classified as account-hack.")
