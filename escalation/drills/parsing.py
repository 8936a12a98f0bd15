"""A scenario's YAML data -> `Scenario`, strictly: the first problem raises a `FieldError` naming its field
(`steps[2].at: "+5x" is not a duration like +5m`). Pure: the caller reads the file, and gives the config's
time zone and, to check names against, its people, policies and topics."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from escalation.drills.fields import (
    FieldError,
    choice,
    describe,
    duration,
    flag,
    join,
    mapping,
    number,
    spoken,
    text,
    texts,
)
from escalation.drills.scenario import (
    EXPECTATIONS,
    ActStep,
    AlertStep,
    Expectation,
    MentionStep,
    Pages,
    Scenario,
    ScenarioError,
    Step,
)
from escalation.drills.stored import scenario_data, scenario_from_data
from escalation.schedules import to_utc

__all__ = ["FieldError", "Names", "parse_scenario", "scenario_data", "scenario_from_data"]

TOP = ("title", "description", "starts", "ends_after", "pages", "admin", "steps", "expect")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")  # a file's stem: no dots, no slashes
LOCAL_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?")
SOURCES = ("alertmanager", "grafana", "pagerduty", "generic")
LANGUAGE = re.compile(r"[a-z]{2,3}")
MAX_STEPS, MAX_MENTIONS = 500, 5000
FIRST_YEAR, LAST_YEAR = 1970, 9998  # of `starts:`
T = TypeVar("T")


class Names:
    """What the config names, to check a scenario against; None for a kind: not checked."""

    def __init__(self, people: Collection[str] | None = None, policies: Collection[str] | None = None,
                 topics: Collection[str] | None = None):
        self.people, self.policies, self.topics = people, policies, topics

    def check(self, kind: str, value: str, path: str) -> str:
        known = getattr(self, kind)
        if known is not None and value not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise FieldError(path, f"{value!r} is not one of the config's {kind} ({listed})")
        return value


def parse_scenario(data: object, name: str, tz: tzinfo = UTC, names: Names | None = None) -> Scenario:
    """The scenario `name` (its file's stem) from its YAML data; raises ScenarioError (a FieldError)."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ScenarioError(f"a scenario's name (its file's name) is letters, digits, '-' or '_', at most 100, "
                            f"got {name!r}")
    names = names or Names()
    if not isinstance(data, dict):
        raise ScenarioError(f"a scenario is a mapping of title:, pages:, steps: and expect:, got {describe(data)}")
    raw = mapping(data, "", TOP, required=("title", "pages", "steps", "expect"))
    ends_after = duration(raw["ends_after"], "ends_after") if "ends_after" in raw else timedelta(hours=2)
    if ends_after <= timedelta(0):
        raise FieldError("ends_after", "a drill needs some time: write e.g. 2h")
    # Played in time order; steps at the same time in the order written (sorted is stable).
    written = _items(raw["steps"], "steps", lambda item, path: _step(item, path, names), MAX_STEPS)
    for position, step in enumerate(written):
        if step.at >= ends_after:
            raise FieldError(f"steps[{position}].at", f"{spoken(step.at)} is not before the drill ends "
                                                      f"(ends_after: {spoken(ends_after)[1:]})")
    steps = tuple(sorted(written, key=lambda step: step.at))
    expect = _items(raw["expect"], "expect", lambda item, path: _expectation(item, path, names), len(EXPECTATIONS) * 4)
    for position, expectation in enumerate(expect):
        if expectation.within > ends_after:
            raise FieldError(f"expect[{position}].within", f"{spoken(expectation.within)[1:]} is after the drill "
                                                           f"ends (ends_after: {spoken(ends_after)[1:]})")
    return Scenario(name=name, title=text(raw["title"], "title", limit=300),
                    description=text(raw.get("description", ""), "description", limit=3000, empty=True),
                    pages=_pages(raw["pages"], "pages", names), steps=steps, expect=expect, ends_after=ends_after,
                    starts=_starts(raw["starts"], "starts", tz) if raw.get("starts") is not None else None,
                    admin=flag(raw.get("admin", False), "admin"))


def _items(raw: object, path: str, read: Callable[[Any, str], T], most: int) -> tuple[T, ...]:
    if not isinstance(raw, list) or not raw:
        raise FieldError(path, f"expected a list of at least one item, got {describe(raw)}")
    if len(raw) > most:
        raise FieldError(path, f"at most {most} items, got {len(raw)}")
    return tuple(read(item, f"{path}[{position}]") for position, item in enumerate(raw))


def _pages(raw: object, path: str, names: Names) -> Pages:
    entry = mapping(raw, path, ("people", "policy"))
    if ("people" in entry) == ("policy" in entry):
        raise FieldError(path, "name the people the drill pages (people: [anna]) or one policy (policy: "
                               "brand-crisis), not both")
    if "policy" in entry:
        return Pages(policy=names.check("policies", text(entry["policy"], join(path, "policy"), limit=100),
                                        join(path, "policy")))
    where = join(path, "people")
    people = texts(entry["people"], where, limit=64)
    for position, person in enumerate(people):
        names.check("people", person, f"{where}[{position}]")
    return Pages(people=people)


def _step(raw: object, path: str, names: Names) -> Step:
    entry = mapping(raw, path, ("at", "alert", "mentions", "act"), required=("at",))
    kinds = [kind for kind in ("alert", "mentions", "act") if kind in entry]
    if len(kinds) != 1:
        raise FieldError(path, "each step is one of alert:, mentions: or act:, with its at:")
    kind = kinds[0]
    at = duration(entry["at"], join(path, "at"), offset=True)
    where = join(path, kind)
    if kind == "alert":
        return Step(at=at, alert=_alert(entry[kind], where))
    if kind == "mentions":
        return Step(at=at, mentions=_mentions(entry[kind], where, names))
    return Step(at=at, act=_act(entry[kind], where, names))


def _alert(raw: object, path: str) -> AlertStep:
    entry = mapping(raw, path, ("title", "group", "severity", "source", "description", "labels", "status"),
                    required=("title",))
    title = text(entry["title"], join(path, "title"), limit=300)
    labels = mapping(entry.get("labels", {}), join(path, "labels"), None)
    return AlertStep(title=title, group=text(entry.get("group", title), join(path, "group"), limit=200),
                     severity=number(entry.get("severity", 3), join(path, "severity"), 1, 4),
                     source=choice(entry.get("source", "alertmanager"), join(path, "source"), SOURCES),
                     description=text(entry.get("description", ""), join(path, "description"), limit=3000,
                                      empty=True),
                     labels={text(k, join(path, "labels"), limit=100): _label(v, join(join(path, "labels"), k))
                             for k, v in labels.items()},
                     status=choice(entry.get("status", "firing"), join(path, "status"), ("firing", "resolved")))


def _label(raw: object, path: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise FieldError(path, f"expected a text or a whole number, got {describe(raw)}")
    try:
        written = str(raw)
    except ValueError:  # a number of more digits than Python writes (4300)
        raise FieldError(path, f"at most 300 characters, got {describe(raw)}") from None
    return text(written, path, limit=300)


def _mentions(raw: object, path: str, names: Names) -> MentionStep:
    entry = mapping(raw, path, ("topic", "count", "over", "texts", "language", "followers", "platform"),
                    required=("topic", "count", "texts"))
    language = entry.get("language")
    if language is not None and not (isinstance(language, str) and LANGUAGE.fullmatch(language)):
        raise FieldError(join(path, "language"), f"expected a language code like pl or en, got {describe(language)}")
    said = entry["texts"]
    return MentionStep(topic=names.check("topics", text(entry["topic"], join(path, "topic"), limit=100),
                                         join(path, "topic")),
                       count=number(entry["count"], join(path, "count"), 1, MAX_MENTIONS),
                       over=duration(entry.get("over", "0s"), join(path, "over")),
                       texts=(text(said, join(path, "texts"), limit=2000),) if isinstance(said, str)
                       else texts(said, join(path, "texts"), limit=2000),
                       language=language,
                       followers=number(entry.get("followers", 0), join(path, "followers"), 0, 10**10),
                       platform=text(entry["platform"], join(path, "platform"), limit=50)
                       if entry.get("platform") is not None else None)


def _act(raw: object, path: str, names: Names) -> ActStep:
    entry = mapping(raw, path, ("person", "command"), required=("person", "command"))
    person = names.check("people", text(entry["person"], join(path, "person"), limit=100), join(path, "person"))
    command = text(entry["command"], join(path, "command"), limit=3000)
    if not re.match(r"/crisis(\s|$)|press\s+\S|submit(\s|$)", command):
        raise FieldError(join(path, "command"), f"{command!r} is not something a person does here: write a "
                                                "command like /crisis ack, press <a button's text>, or submit")
    return ActStep(person=person, command=command)


def _expectation(raw: object, path: str, names: Names) -> Expectation:
    entry = mapping(raw, path, ("what", "within", "by"), required=("what", "within"))
    by = entry.get("by")
    return Expectation(what=choice(entry["what"], join(path, "what"), EXPECTATIONS),
                       within=duration(entry["within"], join(path, "within")),
                       by=None if by is None else names.check("people", text(by, join(path, "by"), limit=100),
                                                              join(path, "by")))


def _starts(raw: object, path: str, tz: tzinfo) -> datetime:
    """A local time in the config's zone; YAML reads `2026-12-26 10:00:00` as a datetime, `10:00` as text."""
    if isinstance(raw, datetime):
        wall = raw
    elif isinstance(raw, str) and (found := LOCAL_TIME.fullmatch(raw.strip())):
        try:
            wall = datetime.fromisoformat(f"{found[1]} {found[2]}{found[3] or ''}")
        except ValueError:
            raise FieldError(path, f"{describe(raw)} is not a time that exists") from None
    else:
        kind = "a date without its time" if isinstance(raw, date) else describe(raw)
        raise FieldError(path, f"expected a local time like 2026-12-26 10:00, got {kind}")
    if not FIRST_YEAR <= wall.year <= LAST_YEAR:  # and its end, 30 days at most after, still a time Python has
        raise FieldError(path, f"expected a local time from {FIRST_YEAR} to {LAST_YEAR}, got "
                               f"{wall.year:04}-{wall:%m-%d %H:%M}")
    try:
        if wall.tzinfo is not None:
            return wall.astimezone(UTC)
        return to_utc(wall, tz) if isinstance(tz, ZoneInfo) else wall.replace(tzinfo=tz).astimezone(UTC)
    except (OverflowError, ValueError):  # an offset or zone that takes it past what a datetime holds
        raise FieldError(path, f"{wall.year:04}-{wall:%m-%d %H:%M} is not a time crisisdesk can start a drill at") \
            from None
