"""The layout's rules, read from the source: which package is a feature, and what each module imports."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("escalation", "bot", "handlers")
REGISTRY = "escalation.tables"  # the schema: imports every feature's models, and only that
FEATURES = ("incidents", "paging", "schedules", "room", "templates", "reminders", "review", "signals",
            "drills")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module or package, dotted
    line: int


def modules(layers: tuple[str, ...] = LAYERS) -> list[Path]:
    return sorted(p for layer in layers for p in (ROOT / layer).rglob("*.py"))


def dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def feature_of(name: str) -> tuple[str, str] | None:
    """(layer, feature) for a module inside a feature package, else None (plumbing)."""
    parts = name.split(".")
    if len(parts) >= 2 and parts[0] in LAYERS and parts[1] in FEATURES:
        return parts[0], parts[1]
    return None


def imports(path: Path) -> list[Import]:
    """Every import of our own code; `from pkg import name` counts as importing pkg.name when that is a module."""
    name = dotted(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                is_module = (ROOT / (full.replace(".", "/") + ".py")).exists() or \
                    (ROOT / full.replace(".", "/") / "__init__.py").exists()
                found.append(Import(name, full if is_module else node.module, node.lineno))
    return [i for i in found if i.target.split(".")[0] in LAYERS]


def reaches_inside(imp: Import) -> bool:
    """True when a module imports a submodule of a feature package other than its own (same feature in another
    layer is its own: the feature's three layers work together)."""
    target = feature_of(imp.target)
    if target is None or imp.target.count(".") < 2:
        return False
    if imp.module == REGISTRY and imp.target.endswith(".models"):
        return False
    mine = feature_of(imp.module)
    return mine is None or mine[1] != target[1]
