"""The drill tests' shared fixture: `crisisdesk drill` running as a process, as a person starts it."""
from __future__ import annotations

import pytest

from tests.drills.drill_process import DrillProcess


@pytest.fixture
def drill(tmp_path):
    """The drill, healthy, in a working directory of its own; after the test it must stop cleanly and leave that
    directory as empty as it found it (its database lives in a temporary directory)."""
    workdir = tmp_path / "drill"  # not tmp_path itself: a test may write there (the console test's screenshot)
    workdir.mkdir()
    running = DrillProcess(workdir)
    try:
        running.wait_healthy()
    except BaseException:
        running.stop()  # leave no drill running behind a test that never started
        raise
    yield running
    output = running.stop()
    assert "drill stopped." in output and "Traceback" not in output, output[-3000:]
    assert list(workdir.iterdir()) == []
