"""scripts/quickstart picks `serve` or, without a Slack token, `drill`, and gives the drill only what it takes.

It runs in a copy of the checkout's layout whose `crisisdesk` only says how it was called, so nothing starts."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.drills.drill_process import ROOT

FAKE_CRISISDESK = '#!/usr/bin/env bash\necho "crisisdesk $*"\n'


@pytest.fixture
def checkout(tmp_path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "quickstart", tmp_path / "scripts" / "quickstart")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for path, text in ((tmp_path / "scripts" / "install", "#!/usr/bin/env bash\nexit 0\n"),
                       (bin_dir / "python", f'#!/usr/bin/env bash\nexec "{sys.executable}" "$@"\n'),
                       (bin_dir / "crisisdesk", FAKE_CRISISDESK)):
        path.write_text(text)
        path.chmod(0o755)
    (tmp_path / "crisisdesk.example.yaml").write_text("# the example\n")
    (tmp_path / ".env.example").write_text("SLACK_BOT_TOKEN=\n")
    return tmp_path


def quickstart(checkout: Path, *arguments: str, token: str = "") -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["SLACK_BOT_TOKEN"] = token
    done = subprocess.run(["bash", str(checkout / "scripts" / "quickstart"), *arguments], env=env, text=True,
                          capture_output=True, timeout=60, check=True)
    return done.stdout.splitlines()


def test_without_a_token_the_drill_gets_the_port_and_is_told_what_is_left_out(checkout):
    assert quickstart(checkout, "--host", "0.0.0.0", "--no-worker", "--port", "3100") == [
        "created crisisdesk.yaml from the example",
        "created .env from .env.example: fill in the Slack tokens",
        "No SLACK_BOT_TOKEN in the environment or .env: starting crisisdesk drill (a local Slack stand-in) instead.",
        "crisisdesk drill takes only --port of the serve arguments; leaving out: --host 0.0.0.0 --no-worker",
        "crisisdesk drill --config crisisdesk.yaml --port 3100"]
    assert quickstart(checkout, "--port=3200")[-2:] == [
        "No SLACK_BOT_TOKEN in the environment or .env: starting crisisdesk drill (a local Slack stand-in) instead.",
        "crisisdesk drill --config crisisdesk.yaml --port=3200"]
    assert quickstart(checkout)[-1] == "crisisdesk drill --config crisisdesk.yaml"


def test_with_a_token_serve_gets_every_argument(checkout):
    assert quickstart(checkout, "--host", "0.0.0.0", "--no-worker", token="xoxb-1")[-1] == \
        "crisisdesk serve --host 0.0.0.0 --no-worker"
