"""`crisisdesk config check`: a summary when the file is good, one located line per problem when it is not."""
from __future__ import annotations

from pathlib import Path

from bot.config.check import check_file

EXAMPLE = Path(__file__).resolve().parents[2] / "crisisdesk.example.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crisisdesk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_file_checks_ok_once_its_placeholder_calendar_token_is_replaced(tmp_path):
    ok, text = check_file(EXAMPLE)  # copied as it is, the rota would be public under a token everyone knows
    line = EXAMPLE.read_text(encoding="utf-8").splitlines().index(
        "  calendar_token: replace-me-with-a-long-random-secret") + 1
    assert (ok, text.split(" known to")[0]) == (
        False, f"{EXAMPLE}:{line}: oncall.calendar_token: this is the example's placeholder,")
    ok, text = check_file(write(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace(
        "replace-me-with-a-long-random-secret", "k3Jq9-w1xZ_our-own-secret-2026")))
    assert ok, text
    assert text.startswith(f"{tmp_path / 'crisisdesk.yaml'}: OK — ")


def test_summary_counts_with_singular_and_plural(tmp_path):
    path = write(tmp_path, """\
users:
  anna: {slack_id: U0ANNA}
  piotr: {email: piotr@brand.example}
teams:
  social: {members: [anna, piotr]}
policies:
  brand-crisis:
    levels: [{targets: {teams: [social]}, wait: 15m}]
  infra:
    levels: [{targets: {users: [piotr]}, wait: 10m}]
routes:
  - {source: alertmanager, policy: infra}
default_policy: brand-crisis
""")
    assert check_file(path) == (True, f"{path}: OK — 2 users, 1 team, 2 policies, 0 schedules, 1 route")


def test_every_problem_is_one_located_line(tmp_path):
    path = write(tmp_path, """\
timezone: Europe/Warsw
users:
  anna: {slack_id: anna}
policies:
  brand-crisis:
    levels:
      - targets: {users: [anna]}
        wiat: 15m
default_policy: brand-crisis
""")
    ok, text = check_file(path)
    assert not ok
    assert text.splitlines() == [
        f"{path}:1: timezone: unknown time zone 'Europe/Warsw'; did you mean 'Europe/Warsaw'?",
        f"{path}:3: users.anna.slack_id: 'anna' is not a Slack user id; "
        "copy it from the profile (⋮ > Copy member ID), like U01ABCDEF",
        f"{path}:8: policies.brand-crisis.levels[0].wiat: unknown key 'wiat'; did you mean 'wait'?",
    ]


def test_syntax_error_has_a_line_and_no_key_path(tmp_path):
    path = write(tmp_path, "users:\n  anna: {slack_id: U0ANNA\n")
    ok, text = check_file(path)
    assert not ok
    assert text.startswith(f"{path}:2: YAML syntax error: ")
    assert len(text.splitlines()) == 1


def test_missing_file_says_so(tmp_path):
    ok, text = check_file(tmp_path / "nowhere.yaml")
    assert not ok
    assert text.startswith(f"{tmp_path / 'nowhere.yaml'}: file not found")
