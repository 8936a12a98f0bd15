"""`signals.topics.<name>.rules`: each rule `off`, omitted (its defaults), or a mapping overriding some of them."""
from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

from bot.config import fields
from bot.config.durations import format_duration
from bot.config.problems import Problem
from bot.config.yamlpos import join
from escalation.incidents import SEVERITIES
from escalation.signals import HighReachRule, KeywordRule, NegativeShareRule, SentimentDropRule, SpikeRule, TopicRules

RULES = {"spike": SpikeRule, "negative_share": NegativeShareRule, "sentiment_drop": SentimentDropRule,
         "high_reach": HighReachRule, "keyword": KeywordRule}
DURATIONS = ("window", "baseline", "cooldown")
WHOLE = ("min_volume", "min_scored", "count", "min_followers")  # at least 1
# name -> (lowest, highest, example): how far a number may go and how to write one
NUMBERS = {"threshold": (0.5, 20.0, "3"), "min_ratio": (1.0, 100.0, "3"), "jump": (0.01, 1.0, "0.2"),
           "drop": (0.01, 2.0, "0.25")}
MIN_WINDOWS_IN_BASELINE = 4  # a median of fewer windows is one unlucky hour away from meaningless


def parse_rules(raw: object, path: str, problems: list[Problem]) -> TopicRules:
    if raw is None:
        return TopicRules()
    entry = fields.mapping(raw, path, problems, RULES, what="a mapping of rules like {spike: {min_volume: 20}, "
                                                            "sentiment_drop: off}")
    if entry is None:
        return TopicRules()
    return TopicRules(**{name: _rule(name, entry[name], join(path, name), problems)
                         for name in RULES if name in entry})


def _rule(name: str, raw: object, path: str, problems: list[Problem]):
    rule = RULES[name]()
    if raw is False or (isinstance(raw, str) and raw.strip().lower() in ("off", "no", "false")):
        return None  # YAML reads a bare `off` as false
    if raw is None or raw is True or (isinstance(raw, str) and raw.strip().lower() in ("on", "yes", "true")):
        return rule
    known = [f.name for f in dataclass_fields(rule)]
    entry = fields.mapping(raw, path, problems, known,
                           what=f"off, on, or a mapping of settings ({', '.join(known)})")
    if entry is None:
        return rule
    values = {}
    for key in (key for key in known if key in entry):
        value = _setting(key, entry[key], join(path, key), problems)
        if value is not None:
            values[key] = value
    rule = replace(rule, **values)
    given = all(key in values for key in ("window", "baseline") if key in entry)  # a bad one is reported already
    if given and hasattr(rule, "baseline") and rule.baseline < rule.window * MIN_WINDOWS_IN_BASELINE:
        least = format_duration(rule.window * MIN_WINDOWS_IN_BASELINE)
        problems.append(Problem(join(path, "baseline"), f"must hold at least {MIN_WINDOWS_IN_BASELINE} windows: "
                                f"with window {format_duration(rule.window)} write {least} or more (24h is usual)"))
    return rule


def _setting(key: str, raw: object, path: str, problems: list[Problem]):
    if key in DURATIONS:
        return fields.duration(raw, path, problems)
    if key == "severity":
        return _severity(raw, path, problems)
    if key in WHOLE:
        value = fields.count(raw, path, problems)
        if value == 0:
            problems.append(Problem(path, "must be 1 or more"))
            return None
        return value
    lowest, highest, example = NUMBERS[key]
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not lowest <= raw <= highest:
        problems.append(Problem(path, f"expected a number from {lowest:g} to {highest:g} like {example}, "
                                      f"got {fields.describe(raw)}"))
        return None
    return float(raw)


def _severity(raw: object, path: str, problems: list[Problem]) -> int | None:
    value = raw
    if isinstance(raw, str) and (number := fields.small_number(raw.strip().lower().removeprefix("sev"))) is not None:
        value = number
    if isinstance(value, bool) or value not in SEVERITIES:
        problems.append(Problem(path, f"expected a severity from 1 (most severe) to 4, or sev1 to sev4, "
                                      f"got {fields.describe(raw)}"))
        return None
    return value
