"""Parses the `schedules:` section of the config into escalation.schedules values (shape: docs/schedules.md)."""
from __future__ import annotations

from datetime import date, time, timedelta

from bot.config import fields, times
from bot.config.problems import Problem
from bot.config.sections import parse_timezone
from bot.config.yamlpos import index, join
from escalation.schedules import (
    DEFAULT_SHIFT_NOTICE,
    SATURDAY_TO_MONDAY,
    HolidayRule,
    Layer,
    LayerKind,
    Override,
    Restriction,
    Rotation,
    Schedule,
    country_problem,
    country_weekend,
    languages,
    subdivision_problem,
)

SCHEDULE_KEYS = ("timezone", "layers", "weekend", "holidays", "holidays_use_weekend_layer", "overrides",
                 "managers", "shift_notice")
LAYER_KEYS = ("name", "kind", "members", "shift", "handoff", "start", "restrictions")
HOLIDAY_KEYS = ("country", "subdivision", "days_off", "from", "to", "language")
KINDS = tuple(kind.value for kind in LayerKind if kind != LayerKind.OVERRIDE)


def parse_schedules(raw: object, path: str, problems: list[Problem], people: set[str]) -> dict[str, Schedule]:
    """Plain YAML values -> {name: Schedule}; appends a Problem for each mistake instead of raising."""
    section = fields.mapping(raw, path, problems, what="a mapping of schedule names to schedules")
    schedules: dict[str, Schedule] = {}
    for name, entry in (section or {}).items():
        if not isinstance(name, str):
            continue
        if not fields.KEY.match(name):
            problems.append(Problem(join(path, name), f"schedule name {name!r}: {fields.KEY_RULE}"))
            continue
        count = len(problems)
        schedule = _schedule(name, entry, join(path, name), problems, people)
        if schedule is not None and len(problems) == count:
            schedules[name] = schedule
    return schedules


def _schedule(name: str, raw: object, path: str, problems: list[Problem], people: set[str]) -> Schedule | None:
    entry = fields.mapping(raw, path, problems, SCHEDULE_KEYS, ("timezone", "layers"),
                           "{timezone, layers, weekend, holidays, overrides, ...}")
    if entry is None:
        return None
    zone = parse_timezone(entry["timezone"], join(path, "timezone"), problems) if "timezone" in entry else "UTC"
    holidays = _holidays(entry["holidays"], join(path, "holidays"), problems) if "holidays" in entry else None
    values: dict = {"holidays": holidays, "weekend": _default_weekend(holidays)}
    if "weekend" in entry:
        values["weekend"] = times.weekend(entry["weekend"], join(path, "weekend"), problems)
    layers = _layers(entry.get("layers"), join(path, "layers"), problems, people) if "layers" in entry else ()
    if "holidays_use_weekend_layer" in entry:
        key = join(path, "holidays_use_weekend_layer")
        values["holidays_use_weekend_layer"] = fields.flag(entry["holidays_use_weekend_layer"], key, problems)
        _check_weekend_for_holidays(values["holidays_use_weekend_layer"], layers, holidays, key, problems)
    for position, layer in enumerate(layers):
        if holidays is None and layer.kind == LayerKind.HOLIDAY and "holidays" not in entry:
            problems.append(Problem(join(index(join(path, "layers"), position), "kind"),
                                    "a holiday layer needs `holidays:` on the schedule (a country like PL and/or "
                                    "days_off)"))
    if "overrides" in entry:
        values["overrides"] = _overrides(entry["overrides"], join(path, "overrides"), problems, people, zone)
    if "managers" in entry:
        values["managers"] = fields.names(entry["managers"], join(path, "managers"), problems, "user keys",
                                          people, "user")
    if "shift_notice" in entry:
        values["shift_notice"] = _notice(entry["shift_notice"], join(path, "shift_notice"), problems)
    return Schedule(name=name, timezone=zone, layers=layers, **values)


def _check_weekend_for_holidays(on: bool | None, layers: tuple[Layer, ...], holidays: HolidayRule | None,
                                path: str, problems: list[Problem]) -> None:
    if not on:
        return
    if holidays is None:
        problems.append(Problem(path, "there are no holidays to cover: add `holidays:` (a country and/or days_off)"))
    if all(layer.kind != LayerKind.WEEKEND for layer in layers):
        problems.append(Problem(path, "needs a layer with kind: weekend to cover the holidays"))


def _layers(raw: object, path: str, problems: list[Problem], people: set[str]) -> tuple[Layer, ...]:
    if not isinstance(raw, list) or not raw:
        got = "an empty list" if raw == [] else fields.describe(raw)
        problems.append(Problem(path, f"expected a list of at least one layer like {{name, members, shift, handoff, "
                                      f"start}}, got {got}"))
        return ()
    layers: list[Layer] = []
    for position, item in enumerate(raw):
        layer = _layer(item, index(path, position), problems, people)
        if layer is not None and any(other.name == layer.name for other in layers):
            problems.append(Problem(join(index(path, position), "name"), f"another layer is named {layer.name!r}"))
        elif layer is not None:
            layers.append(layer)
    return tuple(layers)


def _layer(raw: object, path: str, problems: list[Problem], people: set[str]) -> Layer | None:
    entry = fields.mapping(raw, path, problems, LAYER_KEYS, ("name", "members", "shift", "handoff", "start"),
                           "{name, kind, members, shift, handoff, start, restrictions}")
    if entry is None:
        return None
    count = len(problems)
    name = fields.text(entry["name"], join(path, "name"), problems, "a layer name") if "name" in entry else None
    kind = _kind(entry.get("kind", "base"), join(path, "kind"), problems)
    members: tuple[str, ...] = ()
    if "members" in entry:
        members = fields.names(entry["members"], join(path, "members"), problems, "user keys", people, "user")
        if isinstance(entry["members"], list) and not entry["members"]:
            problems.append(Problem(join(path, "members"), "a rotation needs at least one member"))
    shift = _shift(entry["shift"], join(path, "shift"), problems) if "shift" in entry else None
    handoff = times.time_of_day(entry["handoff"], join(path, "handoff"), problems) if "handoff" in entry else None
    start = times.calendar_date(entry["start"], join(path, "start"), problems) if "start" in entry else None
    restrictions = times.windows(entry["restrictions"], join(path, "restrictions"), problems) \
        if entry.get("restrictions") is not None else ()
    if len(problems) > count or name is None or kind is None or shift is None or handoff is None or start is None:
        return None
    return Layer(name, kind, Rotation(members, shift, handoff, start), restrictions)


def _kind(raw: object, path: str, problems: list[Problem]) -> LayerKind | None:
    if raw in KINDS:
        return LayerKind(raw)
    hint = fields.suggest(raw, KINDS) or f"; expected one of: {', '.join(KINDS)}"
    problems.append(Problem(path, f"unknown layer kind {raw!r}{hint}"))
    return None


def _shift(raw: object, path: str, problems: list[Problem]) -> timedelta | None:
    value = fields.duration(raw, path, problems)
    if value is not None and value % timedelta(hours=1):
        problems.append(Problem(path, f"a shift is whole hours, days or weeks (12h, 1d, 1w), got {raw!r}"))
        return None
    return value


def _default_weekend(holidays: HolidayRule | None) -> tuple[Restriction, ...]:
    if holidays is None or holidays.country is None:
        return SATURDAY_TO_MONDAY
    days = sorted(country_weekend(holidays.country))
    return tuple(Restriction(day, time(0), (day + 1) % 7, time(0)) for day in days)


def _holidays(raw: object, path: str, problems: list[Problem]) -> HolidayRule | None:
    entry = fields.mapping(raw, path, problems, HOLIDAY_KEYS, what="{country, subdivision, days_off, from, to}")
    if entry is None:
        return None
    count = len(problems)
    country, subdivision, language = (_code(entry.get(key), join(path, key), problems)
                                      for key in ("country", "subdivision", "language"))
    if country is None and (subdivision or language):
        problems.append(Problem(join(path, "country"), "required with a subdivision or language, e.g. country: US"))
    elif country is not None:
        _check_country(country, subdivision, language, path, problems)
    days_off = _days_off(entry.get("days_off", []), join(path, "days_off"), problems)
    starts = times.time_of_day(entry["from"], join(path, "from"), problems) if "from" in entry else time(0)
    ends = times.time_of_day(entry["to"], join(path, "to"), problems) if "to" in entry else time(0)
    if country is None and not days_off and len(problems) == count:
        problems.append(Problem(path, "name a country (e.g. country: PL) and/or list company days_off"))
    if len(problems) > count or starts is None or ends is None:
        return None
    return HolidayRule(country and country.upper(), subdivision, days_off, starts, ends, language)


def _check_country(country: str, subdivision: str | None, language: str | None, path: str,
                   problems: list[Problem]) -> None:
    if (reason := country_problem(country.upper())) is not None:
        problems.append(Problem(join(path, "country"), reason))
    elif subdivision is not None and (reason := subdivision_problem(country.upper(), subdivision)) is not None:
        problems.append(Problem(join(path, "subdivision"), reason))
    elif language is not None and language not in (known := languages(country.upper())):
        problems.append(Problem(join(path, "language"), f"holiday names of {country.upper()} come in "
                                                        f"{', '.join(known)}; got {language!r}"))


def _code(raw: object, path: str, problems: list[Problem]) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):  # YAML reads `NO` (Norway) as false
        problems.append(Problem(path, f"expected a code like PL in quotes, got {fields.describe(raw)}"))
        return None
    return str(raw).strip()


def _days_off(raw: object, path: str, problems: list[Problem]) -> tuple[tuple[date, str], ...]:
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of dates like 2026-12-31 or {{date: 2026-12-31, name: "
                                      f"Company day off}}, got {fields.describe(raw)}"))
        return ()
    days = []
    for position, item in enumerate(raw):
        item_path, name = index(path, position), "Company day off"
        if isinstance(item, dict):
            fields.mapping(item, item_path, problems, ("date", "name"), ("date",), "{date, name}")  # reports bad keys
            name = fields.text(item.get("name", name), join(item_path, "name"), problems, "a name") or name
            item, item_path = item.get("date"), join(item_path, "date")
        day = times.calendar_date(item, item_path, problems) if item is not None else None
        if day is not None:
            days.append((day, name))
    return tuple(days)


def _overrides(raw: object, path: str, problems: list[Problem], people: set[str], zone: str) -> tuple[Override, ...]:
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of {{person, from, to}}, got {fields.describe(raw)}"))
        return ()
    overrides = []
    for position, item in enumerate(raw):
        item_path = index(path, position)
        entry = fields.mapping(item, item_path, problems, ("person", "from", "to", "note"), ("person", "from", "to"),
                               "{person, from, to, note}")
        if entry is None or not {"person", "from", "to"} <= set(entry):
            continue
        person = fields.reference(entry["person"], join(item_path, "person"), problems, people, "user")
        start, end = (times.moment(entry[key], join(item_path, key), problems, zone) for key in ("from", "to"))
        note = str(entry["note"]) if entry.get("note") is not None else None
        if start is not None and end is not None and end <= start:
            problems.append(Problem(join(item_path, "to"), "must be after `from`"))
        elif person is not None and start is not None and end is not None:
            overrides.append(Override(person, start, end, note))
    return tuple(overrides)


def _notice(raw: object, path: str, problems: list[Problem]) -> timedelta | None:
    if raw is False or raw == "off":
        return None
    return fields.duration(raw, path, problems) or DEFAULT_SHIFT_NOTICE
