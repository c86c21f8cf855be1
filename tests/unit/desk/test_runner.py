"""The headless runner: scheduler jobs, heartbeat, election, clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk.clock import AcceleratedClock
from desk.runner import run_headless, runner_election
from desk.scheduling import DeskScheduler
from desk.storage.models import AuditEntry


def test_scheduler_runs_periodic_jobs_on_clock_seconds() -> None:
    from datetime import UTC, datetime

    clock = AcceleratedClock.starting_at(datetime(2026, 1, 1, tzinfo=UTC), speed=100)
    sched = DeskScheduler(clock)
    hits: list[float] = []
    sched.every(5, lambda: hits.append(time.monotonic()), "tick")  # 5 clock s = 0.05 real s
    sched.start()
    try:
        deadline = time.monotonic() + 5
        while len(hits) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        sched.shutdown()
    assert len(hits) >= 4


def test_runner_audits_start_and_stop_and_beats(ctx: Any) -> None:
    stop = threading.Event()
    result: list[int] = []
    t = threading.Thread(target=lambda: result.append(run_headless(ctx, None, stop_event=stop)))
    t.start()
    time.sleep(0.5)
    stop.set()
    t.join(20)
    assert result == [0]
    with ctx.sessions() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        actor = s.scalars(select(AuditEntry.actor)).first()
    assert actions[0] == "runner.start" and actions[-1] == "runner.stop"
    assert actor == "system@test-desk"
    with ctx.sessions() as s:
        assert ctx.audit.verify(s).ok


def test_only_one_runner_per_database(ctx: Any) -> None:
    with runner_election(ctx):
        out: list[str] = []

        class Out:
            def write(self, text: str) -> None:
                out.append(text)

            def flush(self) -> None:
                pass

        assert run_headless(ctx, None, seconds=1, out=Out()) == 3  # type: ignore[arg-type]
        assert "another runner" in "".join(out)


def test_desk_run_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    env = {**os.environ, "DESK_DATA_DIR": str(tmp_path)}
    # The demo secret store stands in for a keyring here; the runner itself is what is under test.
    code = (
        "import sys; from desk.cli import main; from desk.demo import demo_secret_store;"
        f"sys.exit(main(['run', '--database', {url!r}], secrets=demo_secret_store()))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "runner started" in line
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(90) == 0  # generous: a loaded CI machine may take long to finish the last writes
    assert "runner stopped" in proc.stdout.read()
    status = subprocess.run(
        [sys.executable, "-m", "desk", "status", "--json", "--database", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    doc = json.loads(status.stdout)
    assert doc["runner"]["active"] is False and doc["audit_entries"] == 2
