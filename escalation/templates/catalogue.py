"""Templates as plain values for the edge to render: the list, and one filled in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.templates.models import ReplyTemplate, TemplateVersion
from escalation.templates.text import MissingValues, placeholders


@dataclass(frozen=True)
class Entry:
    """One key in the list: its title, languages, tags and placeholders."""

    key: str
    title: str
    languages: tuple[str, ...]
    tags: tuple[str, ...]
    placeholders: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    entries: list[Entry]
    tag: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Filled:
    """A template filled in for someone to copy; `incident_id` is where its Use button records it (if anywhere)."""

    text: str
    key: str
    language: str
    number: int
    version_id: int
    title: str
    public: bool
    approved_by: str | None
    approved_at: datetime | None
    incident_id: int | None
    waiting: int | None  # a newer version awaiting approval, still not served
    drill: bool = False  # filled for a drill's incident, or a drill's statement: the edge says DRILL beside it


def catalogue(served: list[tuple[ReplyTemplate, TemplateVersion]], tag: str | None, language: str | None,
              default_language: str) -> Catalogue:
    """The served templates matching the filters, one entry per key, titled in the default language if it has one."""
    by_key: dict[str, list[tuple[str, TemplateVersion]]] = {}
    for t, v in served:
        if (tag is None or tag in (v.tags or [])) and (language is None or t.language == language):
            by_key.setdefault(t.key, []).append((t.language, v))
    entries = []
    for key, rows in by_key.items():
        languages = tuple(lang for lang, _ in rows)
        main = dict(rows).get(default_language) or rows[0][1]
        names = dict.fromkeys(n for _, v in rows for n in placeholders(v.body))
        tags = dict.fromkeys(t for _, v in rows for t in v.tags or [])
        entries.append(Entry(key, main.title, languages, tuple(tags), tuple(names)))
    return Catalogue(entries, tag, language)


def missing_values_message(template: ReplyTemplate, missing: MissingValues) -> str:
    """Names each missing value and shows how to write it."""
    lines = []
    if missing.missing:
        names = " and ".join("{" + n + "}" for n in missing.missing)
        example = " ".join(f'{n}="..."' for n in missing.missing)
        lines.append(f"`{template.key}` ({template.language}) needs a value for {names}. Write "
                     f"{'it' if len(missing.missing) == 1 else 'them'} after the key, in quotes if there are spaces: "
                     f"`/crisis template {template.key} {template.language} {example}`")
    if missing.unknown:
        unknown = ", ".join("{" + n + "}" for n in missing.unknown)
        lines.append(f"`{template.key}` has no placeholder {unknown}.")
    return "\n".join(lines)
