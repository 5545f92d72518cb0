"""SIGTERM during the wait loop cancels the running task runs, in a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bytebase.conftest import SERVICE_KEY
from tests.fakes.bytebase import FakeBytebase

TARGET = "instances/test/databases/hr_test"


def _wait_for(condition: object, what: str, process: subprocess.Popen[str]) -> None:
    """Wait (generously; this is not a timing assertion) for the fake to reach a state."""
    deadline = time.monotonic() + 60
    while not condition():  # type: ignore[operator]
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"dbops exited ({process.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def _task_status(fake: FakeBytebase) -> str:
    for rollout in list(fake.rollouts.values()):
        for stage in rollout["stages"]:
            for task in stage["tasks"]:
                if task["target"] == TARGET:
                    return str(task["status"])
    return ""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_cancels_the_running_task_run(
    bb_project: Path, fake: FakeBytebase, signum: int
) -> None:
    fake.hold_running = {TARGET}
    env = {**os.environ, "BB_KEY": SERVICE_KEY, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dbops", "rollout", "--env", "test", "--yes"],
        cwd=bb_project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(lambda: _task_status(fake) == "RUNNING", "the task to run", process)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    (cancel,) = fake.calls("RolloutService_BatchCancelTaskRuns")
    (runs,) = fake.task_runs.values()
    assert cancel.body == {"taskRuns": [runs[-1]["name"]]}
    assert cancel.path.endswith("/rollout/stages/test/tasks/-/taskRuns:batchCancel")
    assert _task_status(fake) == "CANCELED"
    assert "cancelled 1 running task run(s)" in err
    assert "CANCELED" in err  # the summary table
