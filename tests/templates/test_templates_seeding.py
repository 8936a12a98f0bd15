"""Seeding templates from the config: idempotent, config changes become versions, Slack edits are never undone."""
from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.templates.cli import add_template_commands
from escalation.templates import service as templates
from escalation.templates.seeding import seed_templates
from escalation.templates.text import Draft
from tests.support.templates import versions

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
HOLDING = Draft("holding-statement", "en", "Public holding statement", "We know. Update by {time}.", ("public",))
HOLDING_PL = Draft("holding-statement", "pl", "Oświadczenie wstępne", "Wiemy. Informacja do {time}.", ("public",))
BRIEF = Draft("internal-brief", "en", "Internal briefing", "Status: {summary}", ("internal",))


def seed(engine, *seeds: Draft, at: datetime = T0):
    with Session(engine) as session, session.begin():
        return seed_templates(session, seeds, at)


def served_body(engine, key: str, language: str = "en") -> str | None:
    with Session(engine) as session:
        template = templates.find(session, key, language)
        v = templates.version(session, template, template.current_version)
        return v.body if v else None


def edit_in_slack(engine, draft: Draft, *, approve_by: str | None = None, reject_by: str | None = None):
    with Session(engine) as session, session.begin():
        v = templates.propose(session, draft, "U0ANNA", T0 + timedelta(hours=1), editing=True)
        if approve_by:
            templates.approve(session, v, approve_by, T0 + timedelta(hours=2))
        if reject_by:
            templates.reject(session, v, reject_by, T0 + timedelta(hours=2))


def test_first_seed_creates_each_key_and_language_approved_by_config(engine):
    report = seed(engine, HOLDING, HOLDING_PL, BRIEF)
    assert report.created == ["holding-statement (en) v1", "holding-statement (pl) v1", "internal-brief (en) v1"]
    assert versions(engine, "holding-statement", "pl") == [(1, "approved", "config", "config", "config")]
    with Session(engine) as session:
        assert [(t.key, t.language, v.number, v.decided_at) for t, v in templates.served(session)] == [
            ("holding-statement", "en", 1, T0), ("holding-statement", "pl", 1, T0), ("internal-brief", "en", 1, T0)]


def test_seeding_again_changes_nothing(engine):
    seed(engine, HOLDING, HOLDING_PL)
    report = seed(engine, HOLDING, HOLDING_PL, at=T0 + timedelta(days=1))
    assert (report.created, report.updated, report.skipped) == ([], [], [])
    assert versions(engine, "holding-statement") == [(1, "approved", "config", "config", "config")]


def test_a_changed_config_text_becomes_a_new_approved_version(engine):
    seed(engine, HOLDING)
    changed = Draft(HOLDING.key, "en", HOLDING.title, "We know. Next update by {time}.", HOLDING.tags)
    assert seed(engine, changed).updated == ["holding-statement (en) v2"]
    assert versions(engine, "holding-statement") == [(1, "superseded", "config", "config", "config"),
                                                     (2, "approved", "config", "config", "config")]
    assert served_body(engine, "holding-statement") == "We know. Next update by {time}."
    # Going back to the first wording is a change too.
    assert seed(engine, HOLDING).updated == ["holding-statement (en) v3"]
    assert served_body(engine, "holding-statement") == HOLDING.body


def test_new_tags_in_the_config_are_a_change(engine):
    seed(engine, BRIEF)
    seed(engine, Draft(BRIEF.key, "en", BRIEF.title, BRIEF.body, ("internal", "technical-failure")))
    with Session(engine) as session:
        assert templates.find(session, "internal-brief", "en").tags == ["internal", "technical-failure"]


@pytest.mark.parametrize("approve_by", [None, "U0EWA"])
def test_a_version_edited_in_slack_is_never_overwritten_by_the_config(engine, approve_by):
    seed(engine, HOLDING)
    edit_in_slack(engine, Draft(HOLDING.key, "en", HOLDING.title, "Slack wording by {time}.", HOLDING.tags),
                  approve_by=approve_by)
    changed = Draft(HOLDING.key, "en", HOLDING.title, "Config wording by {time}.", HOLDING.tags)
    report = seed(engine, changed)
    assert report.skipped == ["holding-statement (en): edited in Slack (v2); the config's change is not applied"]
    assert [v[:3] for v in versions(engine, "holding-statement")] == [
        (1, "superseded" if approve_by else "approved", "config"), (2, "approved" if approve_by else "draft", "slack")]
    assert served_body(engine, "holding-statement") == ("Slack wording by {time}." if approve_by else HOLDING.body)


def test_a_rejected_slack_edit_does_not_hold_back_the_config(engine):
    seed(engine, HOLDING)
    edit_in_slack(engine, Draft(HOLDING.key, "en", HOLDING.title, "Slack wording by {time}.", HOLDING.tags),
                  reject_by="U0EWA")
    changed = Draft(HOLDING.key, "en", HOLDING.title, "Config wording by {time}.", HOLDING.tags)
    assert seed(engine, changed).updated == ["holding-statement (en) v3"]
    assert served_body(engine, "holding-statement") == "Config wording by {time}."


def test_a_retired_template_stays_retired(engine):
    seed(engine, HOLDING)
    with Session(engine) as session, session.begin():
        templates.retire(templates.find(session, HOLDING.key, "en"), "U0EWA", T0)
    assert (seed(engine, HOLDING).skipped, seed(engine, Draft(HOLDING.key, "en", "New", "New {time}.")).skipped) == (
        [], ["holding-statement (en): retired in Slack; the config's change is not applied"])
    with Session(engine) as session:
        assert templates.find(session, HOLDING.key, "en").status == "retired"


def test_a_template_removed_from_the_config_stays_in_the_database(engine):
    seed(engine, HOLDING, BRIEF)
    seed(engine, HOLDING)
    assert served_body(engine, "internal-brief") == BRIEF.body


CLI_CONFIG = """
templates:
  library:
    holding-statement:
      tags: [public]
      en: {title: Public holding statement, body: "We know. Update by {time}."}
      pl: {title: Oświadczenie wstępne, body: "Wiemy. Informacja do {time}."}
"""


@pytest.fixture
def crisisdesk(tmp_path, database_url, monkeypatch, capsys):
    """Runs `crisisdesk templates ...` and returns (exit code, stdout); no Slack credentials are set."""
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(CLI_CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CRISISDESK_CONFIG", str(path))
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    parser = argparse.ArgumentParser(prog="crisisdesk")
    add_template_commands(parser.add_subparsers(dest="command", required=True))

    def run(*argv: str) -> tuple[int, str]:
        args = parser.parse_args(argv)
        code = args.run(args)
        return code, capsys.readouterr().out
    return run


def test_cli_seed_is_idempotent_and_list_shows_the_templates(crisisdesk, clock):
    assert crisisdesk("templates", "seed") == (0, "created: holding-statement (en) v1\ncreated: holding-statement "
                                                  "(pl) v1\n2 created, 0 updated, 0 skipped, 0 unchanged\n")
    assert crisisdesk("templates", "seed") == (0, "0 created, 0 updated, 0 skipped, 2 unchanged\n")
    code, out = crisisdesk("templates", "list")
    assert (code, out.splitlines()) == (0, [
        "KEY                LANG  STATUS    SERVED  WAITING  TITLE                     TAGS",
        "holding-statement  en    approved  v1      -        Public holding statement  public",
        "holding-statement  pl    approved  v1      -        Oświadczenie wstępne      public",
    ])
