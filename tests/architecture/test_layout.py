"""The layout holds: features meet through public names, the core stays free of Slack, modules stay small, and
every feature package imports on its own (its __init__ lists submodules in dependency order)."""
from __future__ import annotations

import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.architecture.layout import FEATURES, LAYERS, ROOT, Import, dotted, imports, modules, reaches_inside

FEATURE_PACKAGES = [f"{layer}.{feature}" for layer in LAYERS for feature in FEATURES
                    if (ROOT / layer / feature / "__init__.py").exists()]


def where(found: list[Import]) -> list[str]:
    return [f"{i.module}:{i.line} imports {i.target}" for i in found]


def test_a_feature_reaches_another_only_through_its_package():
    inside = [i for path in modules() for i in imports(path) if reaches_inside(i)]
    assert where(inside) == []


def test_the_rule_sees_a_reach_inside():
    # The check itself: a room module importing paging's roster module is caught; its package is not.
    assert reaches_inside(Import("escalation.room.service", "escalation.paging.roster", 1))
    assert reaches_inside(Import("bot.app", "bot.room.desk", 1))
    assert not reaches_inside(Import("escalation.room.service", "escalation.paging", 1))
    assert not reaches_inside(Import("bot.room.desk", "escalation.room.service", 1))  # the same feature


def test_the_core_imports_nothing_from_slack_or_the_outer_layers():
    outward = []
    for path in modules(("escalation",)):
        text = path.read_text()
        for banned in ("slack_bolt", "slack_sdk", "from bot", "import bot", "from handlers", "import handlers"):
            if banned in text:
                outward.append(f"{dotted(path)}: {banned}")
    assert outward == []


def test_modules_stay_small():
    sizes = {dotted(p): len(p.read_text().splitlines()) for p in modules((*LAYERS, "slackstandin"))}
    assert statistics.median(sizes.values()) <= 120
    assert {name: n for name, n in sizes.items() if n > 300} == {}


def test_every_feature_package_is_one_of_the_known_features():
    packages = {p.parent.relative_to(ROOT).parts[1] for layer in LAYERS for p in (ROOT / layer).glob("*/__init__.py")}
    plumbing = {"config", "outbox", "slack", "inbound", "timeline"}
    assert packages - set(FEATURES) - plumbing == set()


def _import_alone(package: str) -> tuple[str, str]:
    done = subprocess.run([sys.executable, "-c", f"import {package}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    return package, done.stderr.strip().splitlines()[-1] if done.returncode else ""


@pytest.mark.timeout(300)
def test_each_feature_package_imports_first_in_a_fresh_interpreter():
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = {package: error for package, error in pool.map(_import_alone, FEATURE_PACKAGES) if error}
    assert failures == {}


def test_the_table_registry_alone_registers_every_table():
    script = ("from escalation import tables; from escalation.base import Base; "
              "print(' '.join(sorted(Base.metadata.tables)))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    models = {p.parent.name for p in ROOT.glob("escalation/*/models.py")}
    assert done.returncode == 0, done.stderr
    registered = set(done.stdout.split())
    assert {"incidents", "alerts", "outbox", "timeline_events", "escalation_states", "pages", "incident_reminders",
            "schedule_overrides", "reply_templates", "mentions", "drill_runs"} <= registered
    assert models == {"drills", "incidents", "paging", "reminders", "room", "schedules", "signals", "templates"}
