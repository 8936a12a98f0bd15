"""`room.playbooks`: per crisis type, the checklist of steps posted when an incident gets that type.

    playbooks:
      rumour:
        - {en: Post the holding statement, pl: Opublikuj oświadczenie wstępne, role: comms,
           template: holding-statement}
        - {en: Collect the posts spreading it, pl: Zbierz wpisy, które ją szerzą}

Each step has its wording in one or more languages (the checklist shows `templates.default_language`, else the
step's first language), an optional role (commander, comms, approver) and an optional template key."""
from __future__ import annotations

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import index, join
from escalation.room import ROLE_NAMES, Step
from escalation.templates import KEY, LANGUAGE

MAX_STEPS = 40  # a message holds 50 blocks: a header, a step each, and room for the footer
MAX_TEXT = 300


def parse_playbooks(raw: object, path: str, problems: list[Problem], types: tuple[str, ...]) -> dict:
    """Crisis type -> its steps; every problem goes on `problems` with its key path."""
    section = fields.mapping(raw, path, problems, what="a mapping of crisis types to lists of steps")
    playbooks: dict[str, tuple[Step, ...]] = {}
    for crisis_type, entry in (section or {}).items():
        if not isinstance(crisis_type, str):
            continue  # reported by fields.mapping
        where = join(path, crisis_type)
        if crisis_type not in types:
            problems.append(Problem(where, f"{crisis_type!r} is not one of room.types"
                                    f"{fields.suggest(crisis_type, types)}"))
            continue
        if not isinstance(entry, list) or not entry or len(entry) > MAX_STEPS:
            got = f"{len(entry)} steps" if isinstance(entry, list) else fields.describe(entry)
            problems.append(Problem(where, f"expected a list of 1 to {MAX_STEPS} steps like "
                                    f"[{{en: Post the holding statement, role: comms}}], got {got}"))
            continue
        steps = [_step(item, index(where, n), problems) for n, item in enumerate(entry)]
        if all(steps):
            playbooks[crisis_type] = tuple(s for s in steps if s)
    return playbooks


def _step(raw: object, path: str, problems: list[Problem]) -> Step | None:
    entry = fields.mapping(raw, path, problems, what="a step like {en: Hide abusive comments, role: comms}")
    if entry is None:
        return None
    found = len(problems)
    texts: list[tuple[str, str]] = []
    role = template = None
    for key, value in entry.items():
        where = join(path, key)
        if key == "role":
            role = fields.text(value, where, problems, "a role")
            if role is not None and role not in ROLE_NAMES:
                problems.append(Problem(where, f"expected one of {', '.join(ROLE_NAMES)}, got {role!r}"))
        elif key == "template":
            template = fields.text(value, where, problems, "a template key")
            if template is not None and not KEY.match(template):
                problems.append(Problem(where, f"expected a template key like holding-statement, got {template!r}"))
        elif isinstance(key, str) and LANGUAGE.match(key):
            text = fields.text(value, where, problems, "the step's wording")
            if text is not None and len(text) > MAX_TEXT:
                problems.append(Problem(where, f"at most {MAX_TEXT} characters (this one has {len(text)})"))
            elif text is not None:
                texts.append((key, " ".join(text.split())))
        elif isinstance(key, str):
            problems.append(Problem(where, f"unknown key {key!r}; expected role, template or a language code like en"))
    if not texts and len(problems) == found:
        problems.append(Problem(path, "needs the step's wording in at least one language, like en: Hide abusive "
                                "comments"))
    return Step(tuple(texts), role, template) if len(problems) == found else None
