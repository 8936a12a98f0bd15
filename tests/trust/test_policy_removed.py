"""A config change never silences paging: an open incident whose policy is gone (or found nobody to page) goes on
under the default policy, or the admin channel is asked; said once in the channel, the admin channel and the log."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from bot.cli import main as cli
from bot.config.loader import load_config_text
from escalation.paging import Level, Policy, Targets
from escalation.paging.engine import run_cycle
from tests.support.bot import start_bot
from tests.support.config import CONFIG
from tests.support.crisis import at, mention, opening, page, timeline_texts
from tests.support.expect import seen

TITLE, CHANNEL = "Disk full on db-1", "#crisis-20261124-disk-full-on-db-1"
SUMMARY = f"Incident #1 · SEV1 · {TITLE}"
INFRA = CONFIG[CONFIG.index("  infra:"):CONFIG.index("routes:")]
WITHOUT_INFRA = CONFIG.replace(INFRA, "").replace("  - {source: alertmanager, policy: infra}\n", "").replace(
    "routes:\n", "routes: []\n")
WITHOUT_POLICIES = CONFIG[:CONFIG.index("policies:")]
ADMINS = "oncall:\n  admin_channel: {admins}\n"
DROPPED = "Escalation policy `infra` is no longer in the config"


@pytest.fixture
def admins(slack):
    return slack.add_channel("crisis-admins", ["U0MAREK"])


@pytest.fixture
def config(admins):
    return load_config_text(CONFIG + ADMINS.format(admins=admins))


def open_infra_incident(bot, slack) -> None:
    """Alertmanager opens incident #1 under `infra`: Marek is paged."""
    answer = bot.post_hook("alertmanager", {
        "version": "4", "status": "firing", "receiver": "crisisdesk", "groupKey": "{}:{alertname=\"DiskFull\"}",
        "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "severity": "critical"},
                    "annotations": {"summary": TITLE}, "fingerprint": "f1"}]})
    assert answer.status == 202, answer
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title=TITLE, severity=1)),
                           *opening(CHANNEL, SUMMARY, mention(["U0MAREK"], 1))]


def fallback_logs(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "escalation.paging.fallback"]


def restart(bot, settings, slack, engine, text: str):
    bot.close()
    return start_bot(settings, load_config_text(text), slack, engine)


def test_a_removed_policy_goes_on_under_the_default_policy_and_says_so_once(bot, slack, clock, engine, settings,
                                                                            admins, caplog):
    open_infra_incident(bot, slack)
    fresh = restart(bot, settings, slack, engine, WITHOUT_INFRA + ADMINS.format(admins=admins))
    try:
        at(clock, 9)
        fresh.run_worker()
        assert seen(slack) == []  # infra's level 1 still waits; nothing is due yet
        with caplog.at_level(logging.WARNING, logger="escalation.paging.fallback"):
            at(clock, 10)  # infra would have moved to level 2: its policy is gone, the default takes over
            fresh.run_worker()
        said = f"{DROPPED}: paging goes on under the default policy `brand-crisis`."
        assert seen(slack) == [
            ("post", "dm:U0ANNA", page(1, title=TITLE, severity=1)),
            ("post", CHANNEL, f":warning: {said}"),
            ("post", "#crisis-admins", f":warning: {SUMMARY} in <#C0002>: escalation policy `infra` is no longer in "
                                       "the config; paging goes on under the default policy `brand-crisis`. Check "
                                       "the config with `crisisdesk config check`."),
            ("update", CHANNEL, SUMMARY),
            ("post", CHANNEL, mention(["U0ANNA"], 1))]
        text = ("Escalation policy infra is no longer in the config: paging goes on under the default policy "
                "brand-crisis")
        assert fallback_logs(caplog) == [f"incident #1: {text}"]
        assert timeline_texts(engine)[-2:] == [("fallback", text), ("page", "Paged level 1: Anna Nowak")]

        fresh.run_worker()
        assert seen(slack) == []  # said once, not on every tick
        at(clock, 15)  # brand-crisis reminds Anna every 5 minutes: paging goes on
        fresh.run_worker()
        assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1, title=TITLE, severity=1)),
                               ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]
    finally:
        fresh.close()


def test_with_no_policy_left_the_admin_channel_is_asked_to_page(bot, slack, clock, engine, settings, admins,
                                                                caplog):
    open_infra_incident(bot, slack)
    fresh = restart(bot, settings, slack, engine, WITHOUT_POLICIES + ADMINS.format(admins=admins))
    try:
        with caplog.at_level(logging.WARNING, logger="escalation.paging.fallback"):
            at(clock, 10)
            fresh.run_worker()
        assert seen(slack) == [
            ("post", CHANNEL, f":rotating_light: {DROPPED} and there is no default policy: <#{admins}> was asked "
                              "to page someone. Page someone with `/crisis page`."),
            ("post", "#crisis-admins", f":rotating_light: <!here> {SUMMARY} in <#C0002> is paging nobody: "
                                       "escalation policy `infra` is no longer in the config and there is no default "
                                       "policy. Page someone with `/crisis page` in its channel, or acknowledge it.")]
        assert fallback_logs(caplog) == [
            "incident #1: Escalation policy infra is no longer in the config: the on-call admin channel was asked "
            "to page someone"]
        at(clock, 60)
        fresh.run_worker()
        assert seen(slack) == []  # once
    finally:
        fresh.close()


def test_with_no_policy_and_no_admin_channel_the_incident_channel_and_the_log_say_nobody_is_paged(
        bot, slack, clock, engine, settings, caplog):
    open_infra_incident(bot, slack)
    fresh = restart(bot, settings, slack, engine, WITHOUT_POLICIES)
    try:
        with caplog.at_level(logging.WARNING, logger="escalation.paging.fallback"):
            at(clock, 10)
            fresh.run_worker()
        assert seen(slack) == [("post", CHANNEL, f":rotating_light: {DROPPED} and there is no default policy: "
                                                 "nobody is paged. Page someone with `/crisis page`.")]
        assert fallback_logs(caplog) == [
            "incident #1: Escalation policy infra is no longer in the config: nobody is paged: there is no default "
            "policy and no on-call admin channel"]
    finally:
        fresh.close()


def test_a_policy_that_finds_nobody_to_page_falls_back_too(bot, slack, engine):
    bot.post_alert("Negative mentions x8", severity="high", dedup_key="m1")  # brand-crisis, the default
    roster = bot.app.desk.roster
    # brand-crisis as a config could leave it: its only level names someone the directory no longer has.
    empty = Policy("brand-crisis", (Level(Targets(users=("gone",)), timedelta(minutes=15)),))
    with Session(engine) as session, session.begin():
        shrunk = replace(roster(session), default_policy="infra",
                         policies={**roster(session).policies, "brand-crisis": empty})
        assert run_cycle(session, bot.app.desk.clock(), shrunk) == 1
    bot.run_worker()
    channel = "#crisis-20261124-negative-mentions-x8"
    assert seen(slack) == [
        ("post", "dm:U0MAREK", page(1)),
        # the admin channel's lane is not held up by the incident channel being opened
        ("post", "#crisis-admins", ":warning: Incident #1 · SEV2 · Negative mentions x8 in <#C0002>: escalation "
                                   "policy `brand-crisis` found nobody to page at any level; paging goes on under "
                                   "the default policy `infra`. Check the config with `crisisdesk config check`."),
        *opening(),
        ("post", channel, ":warning: Escalation policy `brand-crisis` found nobody to page at any level: paging goes "
                          "on under the default policy `infra`."),
        ("update", channel, "Incident #1 · SEV2 · Negative mentions x8"),
        ("post", channel, mention(["U0MAREK"], 1))]
    assert [kind for kind, _ in timeline_texts(engine)][:3] == ["opened", "skip", "fallback"]


def test_when_the_default_policy_itself_finds_nobody_no_one_is_told_there_is_no_default(bot, slack, engine, admins,
                                                                                        caplog):
    bot.post_alert("Negative mentions x8", severity="high", dedup_key="m1")  # brand-crisis, the default
    roster = bot.app.desk.roster
    empty = Policy("brand-crisis", (Level(Targets(users=("gone",)), timedelta(minutes=15)),))
    with Session(engine) as session, session.begin(), caplog.at_level(logging.WARNING):
        shrunk = replace(roster(session), policies={**roster(session).policies, "brand-crisis": empty})
        assert shrunk.default_policy == "brand-crisis"
        run_cycle(session, bot.app.desk.clock(), shrunk)
    bot.run_worker()
    why = "found nobody to page at any level and there is no other policy to fall back to"
    said = {(where, words) for _, where, words in seen(slack)}
    assert ("#crisis-admins", f":rotating_light: <!here> Incident #1 · SEV2 · Negative mentions x8 in <#C0002> is "
                              f"paging nobody: escalation policy `brand-crisis` {why}. Page someone with "
                              "`/crisis page` in its channel, or acknowledge it.") in said
    assert ("#crisis-20261124-negative-mentions-x8",
            f":rotating_light: Escalation policy `brand-crisis` {why}: <#{admins}> was asked to page someone. Page "
            "someone with `/crisis page`.") in said
    assert fallback_logs(caplog) == ["incident #1: Escalation policy brand-crisis found nobody to page at any level: "
                                     "the on-call admin channel was asked to page someone"]


def test_config_check_warns_about_open_incidents_the_new_file_strands(bot, slack, engine, database_url, tmp_path,
                                                                      capsys):
    open_infra_incident(bot, slack)
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(WITHOUT_INFRA.replace("  marek: {slack_id: U0MAREK, name: Marek Wojcik}\n", "")
                    .replace("[ewa, marek]", "[ewa]"), encoding="utf-8")
    assert cli(["config", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: OK — 3 users, 1 team, 1 policy, 0 schedules, 0 routes\n"

    assert cli(["config", "check", str(path), "--database", database_url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: OK — 3 users, 1 team, 1 policy, 0 schedules, 0 routes",
        f"{path}: warning: incident #1 ({TITLE}) is open under escalation policy infra, which this file drops: its "
        "paging falls back to the default policy brand-crisis",
        f"{path}: warning: incident #1 ({TITLE}) paged marek, whom this file drops: marek gets no more reminders "
        "for it"]


def test_config_check_with_no_policies_left_says_nobody_will_page(bot, slack, database_url, tmp_path, capsys,
                                                                   monkeypatch):
    open_infra_incident(bot, slack)
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(WITHOUT_POLICIES, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database_url)  # `--database` alone reads DATABASE_URL
    assert cli(["config", "check", str(path), "--database"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{path}: warning: incident #1 ({TITLE}) is open under escalation policy infra, which this file drops: "
        "nobody will page it: there is no default policy and no oncall.admin_channel to tell"]


def test_config_check_says_nothing_of_an_acknowledged_incident_whose_paging_has_stopped(bot, slack, database_url,
                                                                                       tmp_path, capsys):
    open_infra_incident(bot, slack)
    bot.slash("ack", user="U0MAREK", channel=slack.channel_named(CHANNEL[1:])["id"])
    bot.run_worker()
    slack.take_messages()
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(WITHOUT_POLICIES, encoding="utf-8")
    assert cli(["config", "check", str(path), "--database", database_url]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_config_check_says_when_the_database_cannot_be_read(tmp_path, capsys):
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    assert cli(["config", "check", str(path), "--database", f"sqlite:///{tmp_path / 'empty.db'}"]) == 1
    assert capsys.readouterr().err == (f"{path}: cannot read open incidents from the database: there is no SQLite "
                                       f"file {tmp_path / 'empty.db'}\n")
    assert not (tmp_path / "empty.db").exists()  # a mistyped path is reported, not created
