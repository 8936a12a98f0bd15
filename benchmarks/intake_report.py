"""Figures as Markdown: medians over rounds, tables, the machine's description, docs/performance.md."""
from __future__ import annotations

import math
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Table:
    title: str
    rows: list[dict]
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.rows:
            columns = list(dict.fromkeys(key for row in self.rows for key in row))
            lines.append("| " + " | ".join(columns) + " |")
            numeric = [all(isinstance(r.get(c), (int, float)) for r in self.rows if c in r) for c in columns]
            lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
            for row in self.rows:
                lines.append("| " + " | ".join(fmt(row.get(c, "")) for c in columns) + " |")
        else:
            lines.append("(nothing measured)")
        lines += [""] + [f"- {note}" for note in self.notes] + ([""] if self.notes else [])
        return "\n".join(lines)


def fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "**NO**"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if math.isinf(value):
            return "unanswered"
        if value == int(value) and abs(value) >= 100:
            return f"{int(value):,}"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"
    return str(value)


def median_row(label: str, runs: list[dict]) -> dict:
    """One row: the median of each numeric column over the rounds; text columns from the last round."""
    row: dict = {"target": label}
    for key in dict.fromkeys(k for run in runs for k in run):
        values = [run[key] for run in runs if key in run]
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if len(numbers) == len(values) and numbers:
            middle = statistics.median(numbers)
            row[key] = int(middle) if all(isinstance(v, int) for v in numbers) and middle == int(middle) else middle
        elif all(isinstance(v, bool) for v in values):
            row[key] = all(values)
        else:
            row[key] = values[-1]
    if len(runs) > 1:
        row["rounds"] = len(runs)
    return row


def _run(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "not available"


def machine(pg_url: str | None, alertmanager: str | None) -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        cpu = match.group(1) if match else platform.processor() or "unknown"
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        os_name = re.search(r'PRETTY_NAME="(.+)"', Path("/etc/os-release").read_text()).group(1) + \
            f" (kernel {platform.release()})"
    except (OSError, AttributeError):
        pass
    postgres = "not used"
    if pg_url:
        try:
            import psycopg
            with psycopg.connect(pg_url.rstrip("/") + "/postgres") as conn:
                postgres = conn.execute("SHOW server_version").fetchone()[0]
        except Exception as error:  # noqa: BLE001 - only a description
            postgres = f"unreachable ({type(error).__name__})"
    return [("CPUs (nproc)", _run(["nproc"])), ("CPU", cpu), ("Memory", memory), ("OS", os_name),
            ("Python", sys.version.split()[0]),
            ("SQLite", sqlite3.sqlite_version), ("PostgreSQL", postgres), ("wrk", _run(["wrk", "--version"])),
            ("Alertmanager", _run([alertmanager, "--version"]) if alertmanager else "not installed")]


def document(heading: str, command: str, date: str, facts: list[tuple[str, str]], intro: list[str],
             tables: list[Table]) -> str:
    lines = [f"# {heading}", "", *intro, "", f"Measured {date} with:", "", "```sh", command, "```", "",
             "## Machine", "", "| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in facts], "", "## Figures", ""]
    return "\n".join(lines + [t.markdown() for t in tables]).rstrip() + "\n"
