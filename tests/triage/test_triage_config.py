"""Triage's config: on by default for every topic, `triage: off` per topic, the customer-service channel (the
section's, or a topic's own), and the review's acknowledgement targets."""
from __future__ import annotations

from datetime import timedelta

from bot.config.problems import Problem
from bot.config.reminders import parse_reminders
from bot.config.signals import parse_signals


def parse(raw: dict) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    return parse_signals(raw, "signals", problems), problems


def test_triage_is_on_by_default_and_a_topic_may_switch_it_off_or_name_its_own_channel():
    settings, problems = parse({"customer_service_channel": "C0CARE", "topics": {
        "brand": {"keywords": ["Acme"]},
        "infra": {"keywords": ["outage"], "triage": False},
        "shop": {"keywords": ["order"], "customer_service_channel": "G0SHOPCARE"}}})
    assert problems == []
    assert [(t.name, t.triage) for t in settings.topics.values()] == [("brand", True), ("infra", False),
                                                                      ("shop", True)]
    assert [settings.customer_service_for(name) for name in ("brand", "shop", None)] == ["C0CARE", "G0SHOPCARE",
                                                                                         "C0CARE"]


def test_no_channel_anywhere_means_none():
    settings, _ = parse({"topics": {"brand": {"keywords": ["Acme"]}}})
    assert settings.customer_service_for("brand") is None


def test_a_channel_name_instead_of_an_id_and_a_triage_word_are_located():
    _, problems = parse({"customer_service_channel": "#care", "topics": {
        "brand": {"keywords": ["Acme"], "triage": "maybe"}}})
    assert [(p.path, p.message) for p in problems] == [
        ("signals.topics.brand.triage", "expected true or false, got text ('maybe')"),
        ("signals.customer_service_channel",
         "expected a channel id like C0123CARE (channel details > About > Channel ID), got '#care'")]


def test_acknowledgement_targets_default_per_severity_and_can_be_set_or_switched_off():
    problems: list[Problem] = []
    settings = parse_reminders({"acknowledge_within": {1: "10m", 4: "off"}}, "reminders", problems)
    assert problems == []
    assert settings.acknowledge_within == {1: timedelta(minutes=10), 2: timedelta(minutes=30),
                                           3: timedelta(hours=1), 4: None}
