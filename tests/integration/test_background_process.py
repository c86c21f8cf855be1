"""The window's background work in a child process (ui/runner_process.py), against the demo sandbox.

The test plays the window: it opens the demo desk, starts the demo (sandbox, accounts, first messages) and
then the child runner, exactly as the window does. Real processes, real HTTP on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.clock import SystemClock
from desk.context import DeskContext, open_desk
from desk.demo import demo_secret_store
from desk.runner import RunnerBusy, runner_election
from desk.storage.engine import DATA_DIR_ENV, DATABASE_URL_ENV, default_database_url
from desk.storage.models import InboxItem
from ui.runner_process import LOG_NAME, RunnerProcess, runner_command, runner_environment

pytestmark = pytest.mark.sandbox

DEADLINE_S = 90.0


@pytest.fixture
def demo_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[DeskContext, Any]]:
    """A demo desk in a fresh data directory with its sandbox running, as the window opens it."""
    from connectors.demo import start_demo

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    ctx = open_desk(default_database_url(demo=True), SystemClock(), demo_secret_store(), demo=True)
    demo = start_demo(ctx, residents=False)
    try:
        yield ctx, demo
    finally:
        demo.stop()
        ctx.dispose()


def _platforms_in_inbox(ctx: DeskContext) -> set[str]:
    with ctx.sessions() as session:
        return {p for p, n in session.execute(select(InboxItem.platform, func.count()).group_by(InboxItem.platform))}


def _runner_lock_free(ctx: DeskContext) -> bool:
    try:
        with runner_election(ctx):
            return True
    except RunnerBusy:
        return False


def _until(done: Any, seconds: float = DEADLINE_S) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if done():
            return True
        time.sleep(0.2)
    return bool(done())


def test_the_child_runner_syncs_all_five_platforms_and_stops_with_the_window(demo_desk: Any) -> None:
    ctx, _demo = demo_desk
    child = RunnerProcess(ctx).start()
    try:
        assert _until(lambda: _platforms_in_inbox(ctx) == {"x", "facebook", "instagram", "mastodon", "bluesky"})
        assert not _runner_lock_free(ctx)  # the child drives this database; the window follows
    finally:
        code = child.stop(timeout=30)
    assert code == 0
    assert _runner_lock_free(ctx)
    log = (Path(ctx.data_dir) / LOG_NAME).read_text(encoding="utf-8")
    assert "runner started" in log and "runner stopped" in log


def test_the_child_stops_when_the_window_dies(demo_desk: Any) -> None:
    """A window killed outright (no clean stop) closes the pipe with it; the child notices and stops."""
    ctx, _demo = demo_desk
    window = subprocess.Popen(  # a stand-in window: starts the runner as the window does, then waits forever
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; "
            "p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE); "
            "print(p.pid, flush=True); time.sleep(600)",
            *runner_command(demo=True),
        ],
        env=runner_environment(ctx),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout is not None
        runner_pid = int(window.stdout.readline())
        assert _until(lambda: not _runner_lock_free(ctx), 60)  # the runner is up and holds the database
    finally:
        window.kill()
        window.wait(10)
    assert _until(lambda: _runner_lock_free(ctx), 60), "the runner outlived its window"
    assert _until(lambda: not _alive(runner_pid), 30)


def test_a_second_child_sees_the_first_and_exits_busy(demo_desk: Any) -> None:
    ctx, _demo = demo_desk
    first = RunnerProcess(ctx).start()
    try:
        assert _until(lambda: not _runner_lock_free(ctx), 60)
        second = RunnerProcess(ctx).start()
        assert _until(lambda: second.exit_code() is not None, 60)
        assert second.exit_code() == 3  # ui.background then follows the runner that drives the database
    finally:
        first.stop(timeout=30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its dead parent's reaper) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture
def placeholders_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window's screens stay placeholders: this test is about its background work."""
    from tests.ui.conftest import screens_as_placeholders

    yield from screens_as_placeholders(monkeypatch)


def test_the_window_starts_its_runner_restarts_it_when_it_dies_and_stops_it(
    demo_desk: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, placeholders_only: None
) -> None:
    import signal

    from PySide6.QtCore import QSettings

    import ui.background as background
    from ui.app import demo_identity
    from ui.background import BackgroundWork
    from ui.runner_process import IN_PROCESS_ENV
    from ui.session import DeskSession

    ctx, _demo = demo_desk
    monkeypatch.delenv(IN_PROCESS_ENV, raising=False)
    monkeypatch.setattr(background, "RESTART_BACKOFF_S", (1,))
    session = DeskSession(ctx, demo_identity(ctx), QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    window = session.show()
    qtbot.addWidget(window)
    warnings: list[str] = []
    session.bridge.warning = warnings.append  # type: ignore[method-assign]
    work = BackgroundWork(session)
    work.start()
    try:
        assert work.child is not None and work.services is None  # the work is in the child, not here
        first = work.child.pid
        assert first is not None
        qtbot.waitUntil(lambda: not _runner_lock_free(ctx), timeout=60_000)
        os.kill(first, signal.SIGKILL)  # a crash: no clean stop
        qtbot.waitUntil(lambda: work.child is not None and work.child.exit_code() is not None, timeout=30_000)
        work.check_child()
        assert work.child is None and any("restarting it" in w for w in warnings)
        qtbot.waitUntil(lambda: work.child is not None, timeout=10_000)
        assert work.child is not None and work.child.pid != first
        qtbot.waitUntil(lambda: not _runner_lock_free(ctx), timeout=60_000)
    finally:
        work.stop()
        session.close()
        session.runner.shutdown(wait=True)
    assert work.child is None and _runner_lock_free(ctx)
