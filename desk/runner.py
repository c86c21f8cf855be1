"""The headless runner (``desk run``): the scheduler, syncs and publishing with no window.

Several workstations may share one PostgreSQL database; only one runner may drive the schedule
(APScheduler job stores must never be shared), so the runner is elected with an advisory lock
(PostgreSQL) or a file lock beside the SQLite database.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from sqlalchemy import Connection, text

from desk.audit import summarise
from desk.auth import Identity, system_identity
from desk.context import DeskContext
from desk.scheduling import DeskScheduler
from desk.status import RUNNER_KEY
from desk.storage.migrate import refresh_statistics
from desk.storage.models import Setting

log = logging.getLogger(__name__)

RUNNER_LOCK_ID = 0x0BEA7DE5C  # advisory lock key on PostgreSQL
HEARTBEAT_SECONDS = 15.0
CHECKPOINT_SECONDS = 300.0
STATISTICS_SECONDS = 3600.0


class RunnerBusy(Exception):
    """Another runner already drives this database."""


@contextlib.contextmanager
def runner_election(ctx: DeskContext) -> Iterator[None]:
    """Hold the runner lock for the duration, or raise :class:`RunnerBusy`."""
    if ctx.engine.dialect.name == "postgresql":
        conn: Connection = ctx.engine.connect()
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RUNNER_LOCK_ID}).scalar_one()
            conn.commit()
            if not got:
                raise RunnerBusy("another runner holds this database's runner lock")
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": RUNNER_LOCK_ID})
                conn.commit()
        finally:
            conn.close()
        return
    database = ctx.engine.url.database or "memory"
    lock_path = Path(database + ".runner.lock") if database != ":memory:" else ctx.data_dir / "memory.runner.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunnerBusy(f"another runner holds {lock_path}") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class BackgroundService(Protocol):
    """Something the runner drives on a schedule (inbox sync, the publisher, a tweetathon…)."""

    def schedule(self, scheduler: DeskScheduler, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Register periodic jobs; each job only hands work to ``submit``."""
        ...

    def stop(self) -> None:
        """Finish or abandon work in progress safely."""
        ...


ServiceFactory = Callable[[DeskContext, Identity, Any], list[BackgroundService]]


@dataclass
class Lanes:
    """The runner's serial lane (database writes) and parallel lane (network)."""

    serial: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="db"))
    parallel: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="net"))

    def submit_serial(self, fn: Callable[[], Any]) -> None:
        """Queue work on the serial lane, logging failures (the runner keeps going)."""
        self.serial.submit(_logged(fn))

    def submit_parallel(self, fn: Callable[[], Any]) -> None:
        """Queue work on the parallel lane."""
        self.parallel.submit(_logged(fn))

    def shutdown(self) -> None:
        """Finish queued work and stop."""
        self.parallel.shutdown(wait=True, cancel_futures=True)
        self.serial.shutdown(wait=True, cancel_futures=True)


def _logged(fn: Callable[[], Any]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception:
            log.exception("background work failed")

    return run


def _heartbeat(ctx: DeskContext, *, stopped: bool = False) -> None:
    doc = {
        "workstation": ctx.workstation,
        "pid": os.getpid(),
        "heartbeat_at": ctx.clock.now().isoformat(),
        "stopped": stopped,
    }
    with ctx.transaction() as session:
        row = session.get(Setting, RUNNER_KEY)
        if row is None:
            session.add(Setting(key=RUNNER_KEY, value=doc, updated_at=ctx.clock.now()))
        else:
            row.value = doc
            row.updated_at = ctx.clock.now()


def run_headless(
    ctx: DeskContext,
    connector_factory: Any,
    *,
    services: ServiceFactory | None = None,
    demo_starter: Callable[[DeskContext], Any] | None = None,
    seconds: float | None = None,
    out: TextIO | None = None,
    stop_event: threading.Event | None = None,
) -> int:
    """Run until SIGTERM/SIGINT, ``stop_event`` or ``seconds`` of clock time; returns the exit code."""
    stop = stop_event or threading.Event()
    me = system_identity(ctx.workstation)
    try:
        election = runner_election(ctx)
        election.__enter__()
    except RunnerBusy as exc:
        if out:
            out.write(f"not started: {exc}\n")
        return 3
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    lanes = Lanes()
    scheduler = DeskScheduler(ctx.clock)
    demo = None
    running: list[BackgroundService] = []
    try:
        with ctx.transaction() as session:
            ctx.audit.append(
                session, me.actor, "runner.start", "workstation", ctx.workstation, summarise(demo=ctx.demo)
            )
        if demo_starter is not None:
            demo = demo_starter(ctx)
        running = services(ctx, me, connector_factory) if services else []
        scheduler.every(HEARTBEAT_SECONDS, lambda: lanes.submit_serial(lambda: _heartbeat(ctx)), "heartbeat")
        scheduler.every(CHECKPOINT_SECONDS, lambda: lanes.submit_serial(lambda: _checkpoint(ctx)), "audit-checkpoint")
        # The planner's statistics: fresh at start on SQLite (approximate: 21 ms over a million items), then kept
        # up as the inbox grows. PostgreSQL's autovacuum keeps them, and upgrades analyse after a migration.
        sqlite = ctx.engine.dialect.name == "sqlite"
        lanes.submit_serial(lambda: refresh_statistics(ctx.engine, only_if_needed=not sqlite))
        scheduler.every(
            STATISTICS_SECONDS,
            lambda: lanes.submit_serial(lambda: refresh_statistics(ctx.engine, only_if_needed=True)),
            "planner-statistics",
        )
        for service in running:
            service.schedule(scheduler, lanes.submit_serial)
        scheduler.start()
        if out:
            out.write(f"runner started on {ctx.workstation} ({'demo' if ctx.demo else 'live'})\n")
            out.flush()
        timeout = None if seconds is None else seconds / ctx.clock.speed
        stop.wait(timeout)
    finally:
        scheduler.shutdown(wait=True)
        for service in running:
            service.stop()
        lanes.shutdown()
        if demo is not None:
            demo.stop()
        _heartbeat(ctx, stopped=True)
        _checkpoint(ctx)
        with ctx.transaction() as session:
            ctx.audit.append(session, me.actor, "runner.stop", "workstation", ctx.workstation)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        election.__exit__(None, None, None)
        if out:
            out.write("runner stopped\n")
    return 0


def _checkpoint(ctx: DeskContext) -> None:
    with ctx.sessions() as session:
        ctx.audit.checkpoint(session)
