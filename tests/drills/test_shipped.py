"""The scenarios that come with crisisdesk are package data of bot.drills, so an installed wheel finds them too
(not only a checkout), and every file name the loader looks for is one the wheel takes."""
from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import bot.drills
from bot.config.loader import load_config
from bot.drills.scenarios import SHIPPED, SUFFIXES, listing, load_scenario
from tests.drills.drill_process import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_scenarios_are_inside_the_package_and_listed_as_its_data():
    package = Path(bot.drills.__file__).resolve().parent
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["bot.drills"]
    shipped = sorted(path.relative_to(package).as_posix() for path in SHIPPED.resolve().iterdir())
    assert shipped == ["shipped/boycott-rumour.yaml", "shipped/checkout-outage.yaml"]
    assert [name for name in shipped if not any(fnmatch(name, pattern) for pattern in patterns)] == []
    assert {f"shipped/*{suffix}" for suffix in SUFFIXES} <= set(patterns)  # a .yml scenario would ship too


def test_a_scenario_of_the_working_directory_wins_over_a_shipped_one_of_the_same_name(tmp_path):
    config = load_config(EXAMPLE)
    (tmp_path / "drills").mkdir()
    ours = (SHIPPED / "checkout-outage.yaml").read_text(encoding="utf-8").replace(
        "title: Checkout outage on Friday evening", "title: Our own checkout outage")
    (tmp_path / "drills" / "checkout-outage.yaml").write_text(ours, encoding="utf-8")
    assert [(s.name, s.title) for s in listing(config, tmp_path)] == [
        ("boycott-rumour", "Boycott rumour on Boxing Day"), ("checkout-outage", "Our own checkout outage")]
    assert load_scenario("checkout-outage", config, tmp_path).title == "Our own checkout outage"
