"""Bringing the config file's templates into the database, without ever undoing an edit made in Slack.

The config file is reviewed like code, so what it says counts as approved (by "config"):
- a key and language not in the database yet is created, approved, as v1;
- a changed title, body or tags becomes a new approved version, unless someone proposed or approved a version in
  Slack since the last config version: that edit wins, and the config's change is reported as skipped;
- a retired template stays retired, and a template removed from the config stays in the database.
Running it twice changes nothing the second time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from escalation.templates import service as templates
from escalation.templates.models import FROM_CONFIG, FROM_SLACK, REJECTED, RETIRED
from escalation.templates.text import Draft

CONFIG_ACTOR = "config"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)  # "holding-statement (en) v1"
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # with the reason

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def seed_templates(session: Session, seeds: tuple[Draft, ...] | list[Draft], now: datetime) -> SeedReport:
    """Create or update the config's templates as the module docstring says; returns what it did."""
    report = SeedReport()
    for seed in seeds:
        name = f"{seed.key} ({seed.language})"
        template = templates.find(session, seed.key, seed.language)
        if template is None:
            template = templates.new_template(session, seed, now)
            v = templates.add_version(session, template, seed, CONFIG_ACTOR, now, source=FROM_CONFIG)
            templates.approve(session, v, CONFIG_ACTOR, now)
            report.created.append(f"{name} v{v.number}")
            continue
        history = templates.versions(session, template)
        config_versions = [v for v in history if v.source == FROM_CONFIG]
        served = templates.version(session, template, template.current_version)
        if (config_versions and templates.same_content(config_versions[-1], seed)) or \
                (served is not None and templates.same_content(served, seed)):
            continue  # the config did not change since it was last seeded, or says what is served already
        if template.status == RETIRED:
            report.skipped.append(f"{name}: retired in Slack; the config's change is not applied")
            continue
        since = config_versions[-1].number if config_versions else 0
        # A Slack version once approved (served or superseded since) or awaiting approval is an edit; a rejected
        # one is not.
        edited = [v for v in history if v.source == FROM_SLACK and v.number > since and v.status != REJECTED]
        if edited:
            report.skipped.append(f"{name}: edited in Slack (v{edited[-1].number}); the config's change is not "
                                  "applied")
            continue
        v = templates.add_version(session, template, seed, CONFIG_ACTOR, now, source=FROM_CONFIG)
        templates.approve(session, v, CONFIG_ACTOR, now)
        report.updated.append(f"{name} v{v.number}")
    return report
