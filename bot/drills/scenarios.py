"""Scenario files: found by name in `drills/` of the working directory, then among those shipped with crisisdesk
(package data, `bot/drills/shipped/`), or read from a path; parsed strictly against the config (its time zone,
people, policies and topics)."""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config.model import Config
from bot.config.problems import Problem
from bot.config.yamlpos import read_document
from escalation.drills.parsing import NAME, FieldError, Names, parse_scenario
from escalation.drills.scenario import Scenario, ScenarioError

# Package data, so an installed wheel has them too (pyproject.toml's package-data lists them). Installed
# unzipped, as wheels are, the package's files are plain files and this is a plain path.
SHIPPED = Path(str(files("bot.drills") / "shipped"))
SUFFIXES = (".yaml", ".yml")
BIGGEST = 256 * 1024  # bytes; a scenario is a page of YAML


@dataclass(frozen=True)
class Listed:
    """A scenario file as `/crisis drill` lists it: its name and title, or why it cannot be played."""

    name: str
    title: str | None
    problem: str | None


def folders(cwd: Path | None = None) -> list[Path]:
    """Where names are looked up, first match wins: ./drills, then the shipped scenarios (once if they are one)."""
    found: list[Path] = []
    # Relative to the working directory unless told: messages then say `drills/x.yaml`, not a path on the server.
    for folder in ((cwd / "drills") if cwd else Path("drills"), SHIPPED):
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in found]:
            found.append(folder)
    return found


def listing(config: Config, cwd: Path | None = None) -> list[Listed]:
    """Every scenario the folders hold, by name; a name in two folders is the first folder's."""
    seen: dict[str, Listed] = {}
    for folder in folders(cwd):
        for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file()):
            if path.stem not in seen:
                try:
                    scenario = read_scenario(path, config)
                    seen[path.stem] = Listed(path.stem, scenario.title, None)
                except (ValueError, OverflowError, RecursionError) as error:  # ScenarioError among them: one file
                    # that cannot be played is listed so, and the others still are
                    seen[path.stem] = Listed(path.stem, None, str(error))
    return sorted(seen.values(), key=lambda listed: listed.name)


def load_scenario(ref: str, config: Config, cwd: Path | None = None) -> Scenario:
    """A scenario by name (`boycott-rumour`) or by path (`my/drill.yaml`); ScenarioError says what is wrong."""
    if "/" in ref or ref.endswith(SUFFIXES):
        return read_scenario(Path(ref), config)
    return named(ref, config, cwd)


def named(name: str, config: Config, cwd: Path | None = None) -> Scenario:
    """A scenario of the folders by its name only: what Slack users may ask for (never a path)."""
    if NAME.fullmatch(name):
        for folder in folders(cwd):
            for suffix in SUFFIXES:
                if (folder / f"{name}{suffix}").is_file():
                    return read_scenario(folder / f"{name}{suffix}", config)
    names = ", ".join(listed.name for listed in listing(config, cwd)) or "none"
    raise ScenarioError(f"There is no scenario named {name!r}. The scenarios: {names}.")


def read_scenario(path: Path, config: Config) -> Scenario:
    """One file, its problem located: `drills/x.yaml line 12: steps[2].at: ...`."""
    try:
        with path.open("rb") as file:
            raw = file.read(BIGGEST + 1)
        if len(raw) > BIGGEST:
            raise ScenarioError(f"{path}: bigger than {BIGGEST // 1024} KiB; a scenario is a page of YAML")
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot read it: {error}") from None
    problems: list[Problem] = []
    try:
        document = read_document(text, problems)
    except (ValueError, OverflowError, RecursionError) as error:  # read_document makes a problem of what YAML
        # cannot build (2026-13-01, 5000 digits, deep nesting); this is for what neither of us foresaw
        raise ScenarioError(f"{path}: cannot read it: {str(error)[:200]}") from None
    if document is None:
        problem = problems[0]
        raise ScenarioError(f"{path} line {problem.line or 1}: {problem.message}")
    try:
        return parse_scenario(document.data, path.stem, ZoneInfo(config.timezone), names(config))
    except FieldError as error:
        line = document.line_for(error.path)
        raise ScenarioError(f"{path}{f' line {line}' if line else ''}: {error}") from None
    except (ValueError, OverflowError) as error:  # a ScenarioError, or a value the parser did not foresee
        raise ScenarioError(f"{path}: {error}") from None


def names(config: Config) -> Names:
    """What a scenario may name: the config's people, policies and signal topics."""
    return Names(people=set(config.directory.people), policies=set(config.policies),
                 topics=set(config.signals.topics))
