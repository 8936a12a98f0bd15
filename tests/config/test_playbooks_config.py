"""`room.playbooks`, `room.policy_url` and `room.staff_channel`: what the config accepts, and what it says otherwise."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.loader import load_config_text
from bot.config.problems import ConfigError
from escalation.room import Step
from tests.support.config import CONFIG

EXAMPLE = Path(__file__).resolve().parents[2] / "crisisdesk.example.yaml"


def room(text: str):
    return load_config_text(CONFIG + text, source="playbook-test").room


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load_config_text(CONFIG + text, source="playbook-test")
    return [str(p).split(": ", 1)[1] for p in raised.value.problems]


def test_a_playbook_with_roles_templates_and_two_languages():
    settings = room("""
room:
  types: [rumour]
  staff_channel: C05ALLSTAFF
  policy_url: " https://intranet.example/policy "
  playbooks:
    rumour:
      - {en: "Collect   the posts", pl: Zbierz wpisy}
      - {en: Post the correction, role: comms, template: rumour-correction}
""")
    assert settings.playbooks == {"rumour": (Step((("en", "Collect the posts"), ("pl", "Zbierz wpisy"))),
                                             Step((("en", "Post the correction"),), "comms", "rumour-correction"))}
    assert (settings.staff_channel, settings.policy_url) == ("C05ALLSTAFF", "https://intranet.example/policy")


def test_every_problem_is_located_and_says_how_to_write_it():
    assert problems("""
room:
  types: [rumour, data-breach]
  staff_channel: all-staff
  policy_url: javascript:alert(1)
  playbooks:
    rumor: [{en: Collect}]
    data-breach: []
    rumour:
      - {en: Collect, role: press}
      - {role: comms}
      - {en: Correct, template: Rumour Correction, owner: anna}
""") == [
        "room.staff_channel: expected a channel id like C0123STAKE (channel details > About > Channel ID), "
        "got 'all-staff'",
        "room.policy_url: expected an http(s) link like https://intranet.example/social-policy, "
        "got 'javascript:alert(1)'",
        "room.playbooks.rumor: 'rumor' is not one of room.types; did you mean 'rumour'?",
        "room.playbooks.data-breach: expected a list of 1 to 40 steps like [{en: Post the holding statement, "
        "role: comms}], got 0 steps",
        "room.playbooks.rumour[0].role: expected one of commander, comms, approver, got 'press'",
        "room.playbooks.rumour[1]: needs the step's wording in at least one language, like en: Hide abusive comments",
        "room.playbooks.rumour[2].template: expected a template key like holding-statement, got 'Rumour Correction'",
        "room.playbooks.rumour[2].owner: unknown key 'owner'; expected role, template or a language code like en"]


def test_the_example_ships_a_playbook_for_every_crisis_type_in_english_and_polish():
    config = load_config_text(EXAMPLE.read_text(), source=str(EXAMPLE))
    library = {draft.key for draft in config.templates.library}
    assert set(config.room.playbooks) == set(config.room.types)
    for crisis_type, steps in config.room.playbooks.items():
        for step in steps:
            assert [language for language, _ in step.texts] == ["en", "pl"], (crisis_type, step)
            assert step.template is None or step.template in library, (crisis_type, step)
    assert config.room.staff_channel and config.room.policy_url
