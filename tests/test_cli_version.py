"""`crisisdesk --version` names the installed version."""
from __future__ import annotations

from importlib import metadata

import pytest

from bot.cli import main


def test_version_is_the_installed_packages(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"crisisdesk {metadata.version('crisisdesk')}\n"
