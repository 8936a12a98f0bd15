"""The `templates:` section: reply templates seeded into the database, who approves them and where."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import join
from escalation.templates import KEY, LANGUAGE, RESERVED_KEYS, Draft, draft_problems

KEYS = ("default_language", "approvers", "approvals_channel", "library")
CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
USERGROUP = re.compile(r"^S[A-Z0-9]{2,}$")


@dataclass(frozen=True)
class Approvers:
    """Who may approve, reject and retire templates: config users, config teams, and/or a Slack user group."""

    users: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    usergroup: str | None = None  # a Slack user group id like S0123LEGAL

    @property
    def anyone(self) -> bool:
        return bool(self.users or self.teams or self.usergroup)


@dataclass(frozen=True)
class TemplateSettings:
    approvers: Approvers = field(default_factory=Approvers)
    approvals_channel: str | None = None  # channel id where proposals are posted with Approve / Reject
    default_language: str = "en"  # served when `/crisis template <key>` names no language
    library: tuple[Draft, ...] = ()  # seeded into the database on start, approved by "config"


def parse_templates(raw: object, path: str, problems: list[Problem], users: set[str] | None = None,
                    teams: set[str] | None = None) -> TemplateSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    section = fields.mapping(raw, path, problems, KEYS, what="a mapping like {approvals_channel: C0123APPROVE}")
    if not section:
        return TemplateSettings()
    values: dict = {}
    if "default_language" in section:
        language = fields.text(section["default_language"], join(path, "default_language"), problems,
                               "a language code like en")
        if language is not None and not LANGUAGE.match(language):
            problems.append(Problem(join(path, "default_language"), f"expected a language code like en, pl or "
                                    f"pt-br, got {language!r}"))
        elif language is not None:
            values["default_language"] = language
    if section.get("approvers") is not None:
        values["approvers"] = _approvers(section["approvers"], join(path, "approvers"), problems, users, teams)
    if "approvals_channel" in section:
        where = join(path, "approvals_channel")
        channel = fields.text(section["approvals_channel"], where, problems, "a Slack channel id")
        if channel is not None and not CHANNEL.match(channel):
            problems.append(Problem(where, "expected a channel id like C0123APPROVE (channel details > About > "
                                    f"Channel ID), got {channel!r}"))
        elif channel is not None:
            values["approvals_channel"] = channel
    if section.get("library") is not None:
        values["library"] = _library(section["library"], join(path, "library"), problems)
    return TemplateSettings(**values)


def _approvers(raw: object, path: str, problems: list[Problem], users: set[str] | None,
               teams: set[str] | None) -> Approvers:
    entry = fields.mapping(raw, path, problems, ("users", "teams", "usergroup"),
                           what="a mapping like {users: [ewa], teams: [pr], usergroup: S0123LEGAL}")
    if not entry:
        return Approvers()
    values: dict = {}
    if "users" in entry:
        values["users"] = fields.names(entry["users"], join(path, "users"), problems, "user keys", users, "user")
    if "teams" in entry:
        values["teams"] = fields.names(entry["teams"], join(path, "teams"), problems, "team keys", teams, "team")
    if "usergroup" in entry:
        group = fields.text(entry["usergroup"], join(path, "usergroup"), problems, "a Slack user group id")
        if group is not None and not USERGROUP.match(group):
            problems.append(Problem(join(path, "usergroup"), "expected a user group id like S0123LEGAL (People > "
                                    f"User groups > ⋮ > Copy group ID), got {group!r}"))
        elif group is not None:
            values["usergroup"] = group
    return Approvers(**values)


def _library(raw: object, path: str, problems: list[Problem]) -> tuple[Draft, ...]:
    section = fields.mapping(raw, path, problems, what="a mapping of template keys to {tags, en: {title, body}, ...}")
    drafts: list[Draft] = []
    for key, entry in (section or {}).items():
        if not isinstance(key, str):
            continue  # reported by fields.mapping
        where = join(path, key)
        if not KEY.match(key) or key in RESERVED_KEYS:
            reason = "is a /crisis template command" if key in RESERVED_KEYS else \
                "is not valid; use lowercase letters, digits, '-' and '_' (at most 64)"
            problems.append(Problem(where, f"template key {key!r} {reason}"))
            continue
        drafts += _languages(key, entry, where, problems)
    return tuple(drafts)


def _languages(key: str, raw: object, path: str, problems: list[Problem]) -> list[Draft]:
    entry = fields.mapping(raw, path, problems, what="a mapping like {tags: [public], en: {title, body}}")
    if entry is None:
        return []
    tags: tuple[str, ...] = ()
    if "tags" in entry:
        tags = fields.names(entry["tags"], join(path, "tags"), problems, "tags", None, "tag")
    drafts, drafts_checked = [], False
    for language, text in entry.items():
        if language == "tags" or not isinstance(language, str):
            continue
        where = join(path, language)
        if not LANGUAGE.match(language):
            problems.append(Problem(where, f"unknown key {language!r}; expected tags or a language code like en, "
                                    "pl or pt-br"))
            continue
        text = fields.mapping(text, where, problems, ("title", "body"), ("title", "body"), "{title, body}")
        if not text or "title" not in text or "body" not in text:
            continue
        title = fields.text(text["title"], join(where, "title"), problems, "a title")
        body = fields.text(text["body"], join(where, "body"), problems, "the reply text")
        if title is None or body is None:
            continue
        draft = Draft(key, language, title.strip(), body.strip(), tuple(t.lower() for t in tags))
        found = draft_problems(draft)
        for name, message in found.items():
            if name != "tags" or not drafts_checked:  # the tags are shared: report them once
                problems.append(Problem(join(path, "tags") if name == "tags" else join(where, name), message))
        drafts_checked = True
        if not found:
            drafts.append(draft)
    if not drafts and not any(isinstance(k, str) and LANGUAGE.match(k) for k in entry if k != "tags"):
        problems.append(Problem(path, "needs the text in at least one language, like en: {title: ..., body: ...}"))
    return drafts
