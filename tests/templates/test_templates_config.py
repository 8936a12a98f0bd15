"""The `templates:` config section: the example's starter templates, and located problems that say how to fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.loader import load_config
from bot.config.problems import ConfigError
from bot.config.templates import Approvers
from escalation.templates.text import placeholders
from tests.support.config import CONFIG, load_test_config

EXAMPLE = Path(__file__).resolve().parents[2] / "crisisdesk.example.yaml"


def problems(section: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load_test_config(CONFIG + section)
    before = CONFIG.count("\n")  # lines counted from the section's own first line
    return [f"{p.line - before}: {p.path}: {p.message}" for p in raised.value.problems]


def test_the_example_has_the_four_starter_templates_in_english_and_polish():
    settings = load_config(EXAMPLE).templates
    assert settings.approvers == Approvers(teams=("pr",))
    assert (settings.approvals_channel, settings.default_language) == ("C05APPROVE1", "en")
    assert [(d.key, d.language) for d in settings.library] == [
        (key, language) for key in ("holding-statement", "apology-remedy", "move-to-dm", "rumour-correction")
        for language in ("en", "pl")]
    assert all("public" in d.tags for d in settings.library)
    by_key = {}
    for draft in settings.library:
        by_key.setdefault(draft.key, []).append(placeholders(draft.body))
    # Each language asks for the same values, so a responder can switch language without new names.
    assert {key: names[0] for key, names in by_key.items() if names[0] == names[1]} == {
        "holding-statement": ["time"], "apology-remedy": ["what_happened", "remedy"],
        "move-to-dm": ["name", "details"], "rumour-correction": ["claim", "facts", "source"]}
    polish = " ".join(d.body for d in settings.library if d.language == "pl")
    assert set("ąęłńóśźż") & set(polish) == set("ąęłóśźż")  # written with Polish letters, not ASCII look-alikes


def test_no_section_means_no_templates_and_no_approvers():
    settings = load_test_config().templates
    assert (settings.library, settings.approvers.anyone, settings.approvals_channel) == ((), False, None)


def test_a_short_section_reads():
    settings = load_test_config(CONFIG + """
templates:
  default_language: pl
  approvers: {users: [ewa], usergroup: S0LEGAL}
  library:
    thanks:
      pl: {title: Podziękowanie, body: "Dziękujemy, {name}!"}
""").templates
    assert settings.approvers == Approvers(users=("ewa",), usergroup="S0LEGAL")
    assert settings.default_language == "pl"
    [draft] = settings.library
    assert (draft.key, draft.language, draft.title, draft.body, draft.tags) == (
        "thanks", "pl", "Podziękowanie", "Dziękujemy, {name}!", ())


def test_approver_problems_name_the_key_and_the_fix():
    assert problems("""
templates:
  approvers: {users: [ewka], teams: [press], usergroup: legal}
  approvals_channel: "#approvals"
  default_language: Polish
""") == [
        "3: templates.approvers.users[0]: unknown user 'ewka'; did you mean 'ewa'?",
        "3: templates.approvers.teams[0]: unknown team 'press'",
        "3: templates.approvers.usergroup: expected a user group id like S0123LEGAL (People > User groups > ⋮ > "
        "Copy group ID), got 'legal'",
        "4: templates.approvals_channel: expected a channel id like C0123APPROVE (channel details > About > "
        "Channel ID), got '#approvals'",
        "5: templates.default_language: expected a language code like en, pl or pt-br, got 'Polish'",
    ]


def test_library_problems_name_the_template_and_the_fix():
    assert problems("""
templates:
  libary: {}
  library:
    Holding Statement:
      en: {title: x, body: y}
    edit:
      en: {title: x, body: y}
    apology:
      tags: [public, Twitter!]
      english: {title: Sorry, body: "Sorry."}
      en: {title: Sorry, body: "Sorry about {what happened}."}
      pl: {title: Przepraszamy}
    empty:
      tags: [public]
""") == [
        "3: templates.libary: unknown key 'libary'; did you mean 'library'?",
        "5: templates.library.Holding Statement: template key 'Holding Statement' is not valid; use lowercase "
        "letters, digits, '-' and '_' (at most 64)",
        "7: templates.library.edit: template key 'edit' is a /crisis template command",
        "10: templates.library.apology.tags: 'twitter!' is not a tag: use lowercase words with - or _ (like public, "
        "technical-failure, twitter), separated by commas or spaces.",
        "11: templates.library.apology.english: unknown key 'english'; expected tags or a language code like en, pl "
        "or pt-br",
        "12: templates.library.apology.en.body: The text has a placeholder {what happened} that is not a plain name; "
        "use lowercase letters, digits and _ like {time} or {order_number}.",
        "13: templates.library.apology.pl.body: required",
        "14: templates.library.empty: needs the text in at least one language, like en: {title: ..., body: ...}",
    ]
