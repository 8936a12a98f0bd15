"""The loader fed anything (hypothesis): a Config, or a ConfigError whose every problem has a message and a line;
never a traceback. Inputs are a config that loads, with a few values or keys swapped for odd YAML."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config.loader import TOP_LEVEL_KEYS, load_config_text
from bot.config.model import Config
from bot.config.problems import ConfigError

# YAML source, not Python values: `2026-02-30` has to reach the YAML parser unquoted to be tested.
RULES = "{spike: {window: 1h, baseline: 24h, min_volume: 20, threshold: 3}, keyword: {count: 2, severity: sev2}}"
LEVEL = "{targets: {users: [anna], teams: [social], schedules: [desk], usergroups: [S0123PR]}, wait: 15m, " \
        "remind_every: 5m}"
BASE: dict = {
    "timezone": "Europe/Warsaw",
    "users": {"anna": {"slack_id": "U0ANNA", "email": "anna@brand.example"}, "piotr": {"email": "p@brand.example"}},
    "teams": {"social": {"name": "Social", "members": ["anna", "piotr"]}},
    "schedules": {"desk": {
        "timezone": "Europe/Warsaw", "weekend": "sat-sun", "shift_notice": "1h", "managers": ["piotr"],
        "holidays": {"country": "PL", "subdivision": "14", "language": "pl", "from": '"09:00"', "to": '"17:00"',
                     "days_off": ["2026-12-31", {"date": "2026-12-24", "name": "Eve"}]},
        "holidays_use_weekend_layer": "true",
        "layers": [
            {"name": "week", "kind": "base", "members": ["anna", "piotr"], "shift": "1w", "handoff": '"09:00"',
             "start": "2026-01-05", "restrictions": [{"days": "mon-fri", "from": '"09:00"', "to": '"17:00"'},
                                                     {"from": '"fri 17:00"', "to": '"mon 09:00"'}]},
            {"name": "weekend", "kind": "weekend", "members": ["piotr"], "shift": "1d", "handoff": "9am",
             "start": "2026-01-03"}],
        "overrides": [{"person": "anna", "from": '"2026-12-24 09:00"', "to": "2026-12-25T09:00:00+01:00",
                       "note": "swap"}]}},
    "policies": {"brand": {"description": "Mentions", "repeat": "1", "levels": [LEVEL],
                           "fallback": {"users": ["piotr"], "managers": "true"}}},
    "routes": [{"source": "alertmanager", "match": {"team": "social", "priority": "1"}, "policy": "brand"}],
    "default_policy": "brand",
    "oncall": {"admin_channel": "C0123ADMIN", "gap_report_days": "14", "gap_report_day": "mon",
               "gap_report_at": '"09:00"', "calendar_days": "60"},
    "reminders": {"status_update_every": {"1": "30m", "sev2": "1h", "4": "off"}, "snooze": ["30m", "1h"],
                  "warn_at": "75%", "acknowledge_within": {"1": "15m"}},
    "paging": {"reescalate_after": {"1": "30m"}, "fallback": {"teams": ["social"], "admin_channel": "false"}},
    "room": {"types": ["rumour"], "severities": {"1": "Critical"}, "staff_channel": "C0123STAFF",
             "playbooks": {"rumour": [{"en": "Post it", "role": "comms"}]}, "policy_url": "https://x.example/p"},
    "signals": {"crisis_keywords": {"en": ["boycott"]}, "negative_below": "-0.1", "chart_hours": "24",
                "sources": {"listenly": {"when": {"action": "created"}, "fields": {"text": "data.content"}}},
                "topics": {"acme": {"keywords": ["Acme"], "policy": "brand", "rules": RULES}}},
    "templates": {"default_language": "en", "approvers": {"users": ["anna"]},
                  "library": {"holding": {"tags": ["public"], "en": {"title": "Holding", "body": "We know."}}}},
    "permissions": {"resolve": {"teams": ["social"]}, "page": "known"},
    "pagerduty": {"rate_per_minute": "120", "integrations": [
        {"name": "infra", "routing_key": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "policy": "brand"}]},
}
ODD_SCALARS = [
    # durations, times, dates and moments that are no such thing
    "-5m", "0s", "99999999999999m", "999999999d", "9999999999w", "1e400", "1.0e+400", ".inf", "-.inf", ".nan",
    "25:00", '"25:00"', "24:00", "13pm", '"99:99"', "2026-02-30", '"2026-02-30"', "2026-13-01", "0000-01-01",
    "0001-01-01", "9999-12-31", "0001-01-01 00:00", "9999-12-31T23:30:00-05:00", "2026-12-24T09:00:00+25:00",
    '"0001-01-01 00:00"', '"9999-12-31T23:30-05:00"', "mon-", "fri-mon", '"fri 25:00"', '"sun 9am"', "every day",
    # numbers too big to print or to hold, and tags that do not fit their text
    "0x" + "F" * 4000, "1" * 5000, "99999999999999999999", "3.5", "-1", "0", "1_000", "0b101",
    "!!int x", "!!float x", "!!bool maybe", "!!timestamp x", '!!binary "@@"', "!!set {a, b}", "!!omap [a: 1]",
    # text that is almost a code, a name, a severity or a time zone
    "NO", '"NO"', "ZZ", "pl", "en_US", '"²"', '"sev²"', '"{"', '"{x}"', "75%", "100%", '"a\\0b"', "../etc", "Europe",
    "Etc", '"/etc/passwd"', '"' + "x" * 300 + '"', "null", "~", "true", "off", '""', '"  "', "anna", "ghost",
    # shapes
    "[]", "{}", "[5m, 1h]", "[[mon]]", "{1: 5m}", '{"sev²": 5m}', '{"²": x}', "{2026-02-30: x}", "{0001-01-01: x}",
    "{? [a] : b}", "&r [*r]", "&m {a: *m}", "{<<: 1}", "[" * 1000 + "]" * 1000,
]
ODD_KEYS = ["1", "yes", "null", "2026-02-30", "2026-01-05", "1.5", '"²"', "sev²", "99999999999999999999",
            "0x" + "F" * 4000, "wiat", "from", "date", "en", "[a]", "{a: 1}"]
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def emit(value: object) -> str:
    """A structure of YAML source leaves as one line of flow-style YAML."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {emit(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(emit(item) for item in value) + "]"
    return str(value)


def places(value: object, path: tuple = ()) -> list[tuple]:
    """Every path to a value in the structure (a key or an index at each step)."""
    found = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found += places(item, (*path, key))
    return found


def swapped(base: dict, path: tuple, new_value: object, new_key: str | None) -> dict:
    """`base` with the value at `path` replaced, or (with `new_key`) the last key of `path` renamed."""
    if not path:
        return base
    head, *rest = path
    if isinstance(base, list):
        return [swapped(item, tuple(rest), new_value, new_key) if i == head else item for i, item in enumerate(base)]
    if not rest:
        return {(new_key if new_key is not None and k == head else k): (v if new_key is not None else new_value)
                if k == head else v for k, v in base.items()}
    return {k: swapped(v, tuple(rest), new_value, new_key) if k == head else v for k, v in base.items()}


odd_values = st.recursive(st.sampled_from(ODD_SCALARS), lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(ODD_KEYS + list(TOP_LEVEL_KEYS)), inner, max_size=3),
                          max_leaves=6)


@st.composite
def configs(draw) -> str:
    config: dict = BASE
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places(config)))
        rename = bool(path) and isinstance(path[-1], str) and draw(st.booleans())
        config = swapped(config, path, draw(odd_values), draw(st.sampled_from(ODD_KEYS)) if rename else None)
    return emit(config)


def test_the_base_config_loads():
    config = load_config_text(emit(BASE))
    assert set(config.schedules) == {"desk"} and config.signals.topics["acme"].rules.spike is not None


@FUZZ
@given(configs())
def test_any_config_loads_or_says_what_is_wrong_where(text: str) -> None:
    try:
        config = load_config_text(text)
    except ConfigError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message.strip() and problem.line == 1, problem
    else:
        assert isinstance(config, Config)
