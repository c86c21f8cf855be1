"""The Inbox screen at scale: first paint, filter changes, and GUI-thread stalls during a sync, on 1,000,000 items.

Run: ``.venv/bin/python -m pytest tests/benchmarks/bench_inbox_ui.py -o python_files='bench_*.py' -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` for the 20,000-item smoke run). The database comes from ``bench_inbox``'s cached builder.

Budgets (issue 4): first paint ≤ 100 ms; any filter change ≤ 100 ms (the first page painted; the full count
follows and only extends the scroll range); no GUI-thread gap over 50 ms while a 10,000-item sync runs,
measured by a 5 ms heartbeat QTimer in the GUI thread.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desk.accounts import AccountService
from desk.auth import AuthService
from desk.context import DeskContext
from desk.inbox import InboxFilter, InboxService
from desk.ports import Platform, Stream
from desk.roles import Role
from desk.settings import SettingsService
from tests.benchmarks.bench_inbox import SMALL, START, TOTAL, _records, desk
from ui.inbox.model import InboxTableModel
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

SYNC_ITEMS = 2_000 if TOTAL < 1_000_000 else 10_000
SYNC_BATCH = 500
PAINT_BUDGET_MS = 100.0
STALL_BUDGET_MS = 50.0


__all__ = ["desk"]  # the cached million-item database, a module fixture from bench_inbox


@pytest.fixture(scope="module")
def inbox(desk: DeskContext) -> InboxService:
    from desk.triage import Triage

    return InboxService(desk, Triage.load())


def _wait(app: QApplication, done: Callable[[], bool], timeout_s: float = 30.0) -> None:
    end = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the model did not answer in time")
        time.sleep(0.0005)


def _view(model: InboxTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(26)
    view.resize(1200, 800)
    view.show()
    return view


CPU: dict[str, float] = {}  # process CPU time (all threads) of the last change, beside its wall time


def _paint_after(app: QApplication, model: InboxTableModel, view: QTableView, f: InboxFilter) -> float:
    """Milliseconds from a filter change to the first page painted (its CPU time goes to ``CPU["last"]``)."""
    arrived: list[bool] = []
    painted: list[bool] = []
    model.reloaded.connect(lambda: arrived.append(True))
    app.processEvents()  # what the previous change left to paint is not this change's cost
    t = time.perf_counter()
    cpu = time.process_time()
    model.set_filter(f)
    _wait(app, lambda: bool(arrived))
    # the reset posts a delayed layout and a paint: process them (this is when the officer sees the rows)
    QTimer.singleShot(0, lambda: painted.append(True))
    _wait(app, lambda: bool(painted))
    app.processEvents()
    ms = (time.perf_counter() - t) * 1000
    CPU["last"] = (time.process_time() - cpu) * 1000
    model.reloaded.disconnect()
    return ms


def test_first_paint_and_filter_changes(qapp: QApplication, desk: DeskContext, inbox: InboxService) -> None:
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    model = InboxTableModel(runner, inbox.page, inbox.count, desk.clock.now)
    view = _view(model)
    try:
        first = _paint_after(qapp, model, view, InboxFilter())
        first_cpu = CPU["last"]
        _wait(qapp, lambda: runner.pending == 0 and not model.loading)
        assert model.rowCount() == inbox.count(InboxFilter())
        filters = {
            "platform": InboxFilter(platforms=("mastodon",)),
            "account": InboxFilter(account_ids=(3,)),
            "status": InboxFilter(statuses=("open",)),
            "triage class": InboxFilter(triage_labels=("emergency",)),
            "unassigned": InboxFilter(unassigned=True),
            "tag": InboxFilter(tag="fraud"),
            "last week": InboxFilter(since=START + timedelta(days=358)),
            "unread": InboxFilter(unread_only=True),
            "search": InboxFilter(text="koira"),
            "platform+class+text": InboxFilter(platforms=("x",), triage_labels=("tip",), text="koira"),
        }
        changes: dict[str, float] = {}
        cpus: dict[str, float] = {}
        for name, f in filters.items():
            changes[name] = _paint_after(qapp, model, view, f)
            cpus[name] = CPU["last"]
            _wait(
                qapp, lambda: runner.pending == 0 and not model.loading
            )  # the count finishes before the officer's next change
        # a rapid change while the previous count still runs: the stale count is skipped
        model.set_filter(InboxFilter(statuses=("new",)))
        rapid = _paint_after(qapp, model, view, InboxFilter(platforms=("bluesky",)))
        _wait(qapp, lambda: runner.pending == 0 and not model.loading)
        # scrolling deep: a page far down arrives and the cache stays small
        view.scrollTo(model.index(model.rowCount() // 2, 0))
        _wait(qapp, lambda: runner.pending == 0 and not model.loading)
        view.viewport().repaint()
        _wait(qapp, lambda: runner.pending == 0 and not model.loading)
        assert len(model.cached_pages()) <= model.max_pages
        lines = ", ".join(f"{k} {v:.1f} ms" for k, v in changes.items())
        print(
            f"\ninbox UI over {TOTAL:,}: first paint {first:.1f} ms; filter changes: {lines}; "
            f"change during a running count {rapid:.1f} ms; CPU time (all threads): first paint {first_cpu:.1f} ms, "
            f"filter changes max {max(cpus.values()):.1f} ms; load average {os.getloadavg()[0]:.1f}"
        )
        # smoke runs (DESK_BENCH_SMALL=1) only check that the benchmark runs; the full run holds the budgets
        assert first <= PAINT_BUDGET_MS or SMALL
        assert max(changes.values()) <= PAINT_BUDGET_MS or SMALL
    finally:
        view.close()
        runner.shutdown(wait=True)


def _trace_spans(clock: QElapsedTimer, base: list[int], screen: Any) -> list[tuple[str, str, float, float]]:
    """Trace mode (DESK_BENCH_TRACE=1): wrap the sync's steps and the screen's slots to record when each ran
    (thread, name, start and end in ms since the sync started), to line them up with the heartbeat's gaps."""
    import threading

    from desk import ingest
    from desk.emergency import EmergencyService

    spans: list[tuple[str, str, float, float]] = []

    def wrap(owner: Any, attr: str) -> None:
        fn = getattr(owner, attr)

        def traced(*a: Any, **k: Any) -> Any:
            t0 = clock.elapsed() - base[0]
            try:
                return fn(*a, **k)
            finally:
                spans.append((threading.current_thread().name, attr, t0, clock.elapsed() - base[0]))

        import inspect

        static = isinstance(inspect.getattr_static(owner, attr), staticmethod)
        setattr(owner, attr, staticmethod(traced) if static else traced)

    for attr in ("classify", "_conversations_for", "_update_conversations", "_insert_items", "_store", "store"):
        wrap(ingest.PageStore, attr)
    wrap(ingest._SqliteBackend, "existing")
    wrap(EmergencyService, "open")
    wrap(InboxService, "changes_since")
    wrap(InboxService, "unread_counts")
    wrap(InboxService, "page")
    wrap(InboxService, "count")
    for attr in ("_polled", "_views_loaded", "_reloaded", "refresh_views"):
        wrap(screen, attr)
    wrap(screen.model, "refresh")
    for attr in ("data", "multiData", "_reset", "_refreshed", "_arrived", "_counted", "headerData", "rowCount"):
        wrap(InboxTableModel, attr)
    wrap(screen.banner, "show_emergencies")
    return spans


def _sync_in_child(url: str, data_dir: str, account_id: int, items: int, batch: int, out: Any) -> None:
    """The sync's storage work in its own process, as the window's background runner does it: the same pages
    into the same database, each page's (start, end) sent back in ms of the child's monotonic clock."""
    from desk.clock import ManualClock
    from desk.context import open_desk
    from desk.ports import FetchResult
    from desk.secrets import InMemorySecretStore
    from desk.triage import Triage

    ctx = open_desk(url, ManualClock(START + timedelta(days=366)), InMemorySecretStore(), data_dir=Path(data_dir))
    try:
        inbox = InboxService(ctx, Triage.load())
        account = AccountService(ctx).get(account_id)
        records = _records("ui-sync", items, random.Random(7), Platform(account.platform))
        out.send("ready")
        for lo in range(0, len(records), batch):
            t0 = time.monotonic()
            inbox.ingest(account, Stream.MENTIONS, FetchResult(tuple(records[lo : lo + batch]), None))
            out.send((t0, time.monotonic()))
        out.send("done")
    finally:
        ctx.dispose()


def test_no_gui_stall_while_a_sync_runs(
    qapp: QApplication, desk: DeskContext, inbox: InboxService, tmp_path: Any
) -> None:
    from ui.inbox.screen import InboxDeps, InboxScreen
    from ui.screens import ScreenServices
    from ui.shortcuts import ShortcutRegistry

    auth = AuthService(desk)
    if auth.needs_first_setup():
        admin = auth.create_first_administrator("bench", "Bench Admin", "bench-password-1")
    else:
        admin = None
    officer = (
        auth.add_user(admin, "benchofficer", "Bench Officer", "bench-password-1", {Role.OFFICER})
        if admin is not None
        else auth.sign_in("benchofficer", "bench-password-1")
    )
    from desk.canned import CannedReplyService
    from desk.emergency import EmergencyService

    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    services = ScreenServices(
        desk,
        officer,
        runner,
        bridge,
        ShortcutRegistry(),
        SettingsService(desk).load(),
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    screen = InboxScreen(services, InboxDeps(inbox, EmergencyService(desk, inbox), CannedReplyService(desk), None))
    screen.poll_timer.setInterval(500)  # poll more often than the window does, to load the GUI thread more
    screen.resize(1280, 800)
    screen.show()
    _wait(qapp, lambda: runner.pending == 0 and not screen.model.loading)
    if os.environ.get("DESK_BENCH_PAINT"):
        times = []
        for _ in range(20):
            t = time.perf_counter()
            screen.table.viewport().repaint()
            times.append((time.perf_counter() - t) * 1000)
        print(f"\nrepaint of the list: {sorted(times)[10]:.1f} ms median, {max(times):.1f} max")
    account = AccountService(desk).get(2)
    rng = random.Random(7)
    records = _records("ui-sync", SYNC_ITEMS, rng, Platform(account.platform))

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    long_gaps: list[tuple[float, float]] = []  # (ms since the sync started at the gap's end, gap ms) over 20 ms
    base = [0]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        if now - last[0] > 20:
            long_gaps.append((now - base[0], now - last[0]))
        last[0] = now

    import sys

    switch = float(os.environ.get("DESK_BENCH_SWITCH", "0") or 0)
    old_switch = sys.getswitchinterval()
    if switch:
        sys.setswitchinterval(switch)
    gc_pauses: list[tuple[float, float, int]] = []  # (start ms since the sync started, ms, generation)
    if os.environ.get("DESK_BENCH_TRACE"):
        import gc

        gc_start = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_start[0] = clock.elapsed()
            else:
                gc_pauses.append((gc_start[0] - base[0], clock.elapsed() - gc_start[0], info["generation"]))

        gc.callbacks.append(on_gc)
    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    heart.start()
    from desk.ports import FetchResult

    done: list[int] = []
    pages: list[tuple[float, float]] = []  # each page's start and end, ms since the sync started
    in_process = os.environ.get("DESK_BENCH_SYNC") == "thread"  # the fallback when no child process can start

    def sync() -> int:
        for lo in range(0, len(records), SYNC_BATCH):
            t0 = clock.elapsed() - base[0]
            inbox.ingest(account, Stream.MENTIONS, FetchResult(tuple(records[lo : lo + SYNC_BATCH]), None))
            pages.append((t0, clock.elapsed() - base[0]))
        return len(records)

    spans = _trace_spans(clock, base, screen) if os.environ.get("DESK_BENCH_TRACE") else []
    if not in_process:
        child, ends = _start_child(desk, account.id)  # opened and ready before the measurement starts
    _wait(qapp, lambda: len(gaps) > 20)  # the heartbeat is running steadily before the sync starts
    gaps.clear()
    long_gaps.clear()
    base[0] = clock.elapsed()
    started = time.perf_counter()
    # The sync runs where the app's scheduler runs it: off the GUI thread (not on the screen's serial lane,
    # which it would hold for seconds).
    if in_process:
        runner.run_parallel(sync, on_done=done.append, name="bench.sync")
    else:
        ends.send("go")

        def listen() -> None:  # the window's side: read the child's short messages without blocking
            while ends.poll():
                msg = ends.recv()
                if msg == "done":
                    done.append(SYNC_ITEMS)
                elif isinstance(msg, tuple):
                    pages.append((msg[0], msg[1]))

        reader = QTimer()
        reader.setInterval(50)
        reader.timeout.connect(listen)
        reader.start()
    if shot := os.environ.get("DESK_BENCH_SHOT"):  # a picture of the screen mid-sync, to look at
        QTimer.singleShot(1500, lambda: screen.grab().save(shot))
    _wait(qapp, lambda: bool(done), timeout_s=600)
    sync_s = time.perf_counter() - started
    if not in_process:
        reader.stop()
    # let the screen hear the change and repaint, still under the heartbeat
    polls = screen.polls
    _wait(qapp, lambda: screen.polls > polls + 1, timeout_s=60)
    heart.stop()
    if not in_process:
        child.join(timeout=30)  # after the measurement: the child's exit is not the window's business
    sys.setswitchinterval(old_switch)
    screen.shutdown()
    _wait(qapp, lambda: runner.pending == 0, timeout_s=120)
    runner.shutdown(wait=True)
    worst = max(gaps) if gaps else 0.0
    print(
        f"\n{SYNC_ITEMS:,}-item sync into {TOTAL:,} in {sync_s:.1f} s: {len(gaps)} heartbeats, "
        f"longest GUI-thread gap {worst:.0f} ms (budget {STALL_BUDGET_MS:.0f} ms; sync "
        f"{'in a thread of the window' if in_process else 'in a child process, as the window runs it'}; "
        f"switch interval {sys.getswitchinterval() * 1000 if not switch else switch * 1000:.0f} ms); "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    over = sum(1 for g in gaps if g > STALL_BUDGET_MS)
    print(f"gaps over {STALL_BUDGET_MS:.0f} ms: {over}; gaps over 20 ms (end at ms, length ms): {long_gaps}")
    if os.environ.get("DESK_BENCH_TRACE"):
        import gc

        gc.callbacks[:] = [c for c in gc.callbacks if c is not on_gc]
        print(f"collections over 5 ms (start, ms, generation): {[g for g in gc_pauses if g[1] > 5]}")
        print(f"pages (start, end ms): {pages}")
        for end, length in long_gaps:
            start = end - length
            during = [
                f"{who}:{name} {a:.0f}-{b:.0f}" for who, name, a, b in spans if b > start and a < end and b - a > 3
            ]
            gui: dict[str, list[float]] = {}
            for who, name, a, b in spans:
                if who == "MainThread" and b > start and a < end:
                    gui.setdefault(name, []).append(b - a)
            during += [f"GUI {name} x{len(d)} {sum(d):.0f} ms" for name, d in gui.items()]
            print(f"gap {start:.0f}-{end:.0f} ({length:.0f} ms): {'; '.join(during)}")
    assert worst <= STALL_BUDGET_MS or SMALL or in_process


def _start_child(desk: DeskContext, account_id: int) -> tuple[Any, Any]:
    """Start the child and wait until it has opened the database and built its records (not measured)."""
    import multiprocessing

    spawn = multiprocessing.get_context("spawn")
    ours, theirs = spawn.Pipe()
    url = desk.engine.url.render_as_string(hide_password=False)
    child = spawn.Process(
        target=_child_main, args=(url, str(desk.data_dir), account_id, SYNC_ITEMS, SYNC_BATCH, theirs), daemon=True
    )
    child.start()
    theirs.close()
    if ours.recv() != "ready":
        raise RuntimeError("the sync process did not start")
    return child, ours


def _child_main(url: str, data_dir: str, account_id: int, items: int, batch: int, pipe: Any) -> None:
    """Wait for "go", then sync (the child's entry point)."""

    class _Gate:
        def send(self, msg: Any) -> None:
            pipe.send(msg)
            if msg == "ready":
                pipe.recv()

    _sync_in_child(url, data_dir, account_id, items, batch, _Gate())
