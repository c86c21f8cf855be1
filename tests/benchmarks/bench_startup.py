"""Cold start: a fresh ``desk`` process to the first painted main window, beside a bare PySide6 window.

Run: ``.venv/bin/python -m pytest tests/benchmarks/bench_startup.py -o python_files='bench_*.py' -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` for a smoke run with 10,000 inbox items and two rounds).

Each round starts a new interpreter with ``QT_QPA_PLATFORM=offscreen``, signs in through the
``DESK_TEST_SIGNIN`` hook and ``DESK_EXIT_AFTER_PAINT=1`` makes the app print ``FIRST_PAINT`` at its first
paint and quit. The hook types the name and password into the officer's own sign-in dialog (built, not
shown) and presses its Sign in button: the same worker-thread check and the same window that paints before
the desk opens as an officer gets, with no typing time. The measured time runs from spawning the process to
reading that line. Databases are already at the latest migration: one empty (one administrator) and one
holding 1,000,000 inbox items, built once with chunked SQLAlchemy Core inserts and cached under /tmp,
keyed by the schema head. The real (non-demo) desk needs a keyring; the benchmark gives it a test-only
file keyring backend so that it runs on a machine without a Secret Service.

The password is checked (argon2, on the dialog's worker thread) against the stored hash before the first
paint; the painted window is the signed-in main window with its navigation, status bar and settings applied. The desk's
database layer opens right after the paint, confirms and audits the sign-in, and builds the screen shown
at start (the inbox); the time until that screen is built is reported beside the first paint
(``SCREEN_READY``).

Bytecode: an installed desk (a wheel, or the PyInstaller build) runs from compiled bytecode; compiling
the sources is not part of any officer's start. This machine's environment sets
``PYTHONDONTWRITEBYTECODE``, so the child processes get ``PYTHONPYCACHEPREFIX`` (under the cache folder,
outside the source tree) instead, and the first round of each case, which compiles, is not counted.

Target (issue 2): median ≤ 1.0 s to the first paint in both cases.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
ITEMS = 10_000 if SMALL else 1_000_000
ROUNDS = 2 if SMALL else 10
WARMUP = 1  # compiles the bytecode (see above); never counted
TARGET_S = 1.0
ROOT = Path(__file__).resolve().parents[2]
CACHE = Path("/tmp/desk-bench-startup")
USER, PASSWORD = "bench.admin", "bench-password-1"
START = datetime(2025, 1, 1, tzinfo=UTC)
KEYRING_BACKEND = "tests.ui.file_keyring.FileKeyring"

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1240, 780)
class Paint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print("FIRST_PAINT", 0, time.process_time(), flush=True), app.quit()))
        return False
paint = Paint()
window.installEventFilter(paint)
window.show()
sys.exit(app.exec())
"""

DESK_WINDOW = "from ui.app import run_app; raise SystemExit(run_app(database_url={url!r}))"


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        {
            "PYTHONPYCACHEPREFIX": str(CACHE / "bytecode"),
            "QT_QPA_PLATFORM": "offscreen",
            "DESK_DATA_DIR": str(folder),
            "DESK_TEST_SIGNIN": f"{USER}:{PASSWORD}",
            "DESK_EXIT_AFTER_PAINT": "1",
            "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND,
            "DESK_TEST_KEYRING_FILE": str(folder / "keyring.json"),
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


class Starter:
    """Starts one process per round and stops the clock when it prints FIRST_PAINT."""

    def __init__(self, code: str, env: dict[str, str]) -> None:
        self.code = code
        self.env = env
        self.times: list[float] = []
        self.ready_times: list[float] = []
        self.cpu_times: list[float] = []  # CPU seconds the process used until its first paint (all threads)
        self.process: subprocess.Popen[str] | None = None
        self._paint_age = 0.0

    def reap(self) -> None:
        """Wait for the previous round's process (its shutdown is not part of the measurement).

        The desk prints ``SCREEN_READY`` when the first screen (the inbox) has been built after the first
        paint; that time is derived from the two in-process stamps and the measured first paint.
        """
        if self.process is not None:
            try:
                assert self.process.stdout is not None
                for line in self.process.stdout:
                    if line.startswith("SCREEN_READY"):
                        ready_age = float(line.split()[1])
                        self.ready_times.append(self.times[-1] + max(0.0, ready_age - self._paint_age))
                self.process.wait(timeout=60)
            finally:
                if self.process.poll() is None:
                    self.process.kill()
            self.process = None

    def __call__(self) -> float:
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.code],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("FIRST_PAINT"):
                elapsed = time.perf_counter() - started
                parts = line.split()
                self._paint_age = float(parts[1]) if len(parts) > 1 else 0.0
                if len(parts) > 2:
                    self.cpu_times.append(float(parts[2]))
                self.times.append(elapsed)
                return elapsed
        raise AssertionError(f"no FIRST_PAINT line; exit code {self.process.wait()}")


def _measure(benchmark: Any, starter: Starter, name: str) -> float:
    def setup() -> None:
        starter.reap()

    benchmark.group = "cold start to first paint"
    benchmark.name = name
    try:
        benchmark.pedantic(starter, setup=setup, rounds=ROUNDS, iterations=1, warmup_rounds=WARMUP)
    finally:
        starter.reap()
    median = statistics.median(starter.times[WARMUP:] or starter.times)  # the warm-up round is not counted
    benchmark.extra_info["median_s"] = round(median, 4)
    _RESULTS[name] = median
    if starter.cpu_times:
        cpu = statistics.median(starter.cpu_times[WARMUP:] or starter.cpu_times)
        benchmark.extra_info["cpu_to_first_paint_median_s"] = round(cpu, 4)
        _RESULTS[f"{name}: CPU to first paint"] = cpu
    if starter.ready_times:
        ready = statistics.median(starter.ready_times[WARMUP:] or starter.ready_times)
        benchmark.extra_info["first_screen_ready_median_s"] = round(ready, 4)
        _RESULTS[f"{name}: first screen built"] = ready
    return median


_RESULTS: dict[str, float] = {}


def _build(folder: Path, items: int) -> None:
    """A desk at the latest migration with one administrator and ``items`` inbox items."""
    import keyring
    from argon2 import PasswordHasher, extract_parameters

    from desk.auth import AuthService
    from desk.clock import SystemClock
    from desk.context import open_desk
    from desk.ports import Platform
    from desk.search import index_text
    from desk.secrets import KeyringSecretStore
    from desk.storage.models import InboxItem, PlatformAccount, User
    from tests.ui.file_keyring import FileKeyring

    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    saved_file = os.environ.get("DESK_TEST_KEYRING_FILE")
    os.environ["DESK_TEST_KEYRING_FILE"] = str(building / "keyring.json")
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    try:
        url = f"sqlite:///{building / 'desk.sqlite3'}"
        ctx = open_desk(url, SystemClock(), KeyringSecretStore(), workstation="bench", data_dir=building)
    finally:
        keyring.set_keyring(previous)
        if saved_file is None:
            os.environ.pop("DESK_TEST_KEYRING_FILE", None)
        else:
            os.environ["DESK_TEST_KEYRING_FILE"] = saved_file
    import desk.auth

    # The test suite hashes passwords cheaply (tests/conftest.py); the desk under measurement must hold a hash
    # with the production parameters, since checking it is part of every sign-in.
    cheap = desk.auth._hasher
    desk.auth._hasher = PasswordHasher()
    try:
        AuthService(ctx).create_first_administrator(USER, "Bench Administrator", PASSWORD)
    finally:
        desk.auth._hasher = cheap
    with ctx.sessions() as session:
        stored = session.scalars(select(User.password_hash)).one()
    used, production = extract_parameters(stored), PasswordHasher()
    assert (used.time_cost, used.memory_cost, used.parallelism) == (
        production.time_cost,
        production.memory_cost,
        production.parallelism,
    )
    platforms = [p.value for p in Platform]
    if items:
        with ctx.transaction() as session:
            for n, platform in enumerate(platforms, 1):
                session.add(
                    PlatformAccount(
                        id=n,
                        platform=platform,
                        handle=f"force{n}",
                        display_name=f"Force {n}",
                        base_url="http://127.0.0.1:1",
                        secret_key=f"k{n}",
                        created_at=START,
                    )
                )
    rng = random.Random(2)
    words = ["pyörä", "varastettiin", "auto", "kiitos", "poliisi", "apua", "cykel", "stulen", "bike", "stolen"]
    step = timedelta(seconds=365 * 86400 / max(items, 1))
    chunk = 20_000
    for low in range(0, items, chunk):
        rows = []
        for i in range(low, min(items, low + chunk)):
            account = 1 + i % len(platforms)
            body = " ".join(rng.choices(words, k=rng.randint(4, 20))) + f" #{i}"
            rows.append(
                {
                    "id": i + 1,
                    "account_id": account,
                    "platform": platforms[account - 1],
                    "platform_item_id": f"seed-{i}",
                    "kind": "mention",
                    "author_id": f"u{i % 50_000}",
                    "author_handle": f"@u{i % 50_000}",
                    "author_name": f"Citizen {i % 50_000}",
                    "text": body,
                    "created_at": START + step * i,
                    "received_at": START + step * i,
                    "from_account": False,
                    "status": "new",
                    "read": False,
                    "version": 1,
                    "deleted": False,
                    "search_text": index_text(body),
                    "sensitive_media": False,
                }
            )
        with ctx.transaction() as session:
            session.execute(insert(InboxItem), rows)
            session.connection().exec_driver_sql(
                "INSERT INTO inbox_fts(rowid, search_text) VALUES (?, ?)", [(r["id"], r["search_text"]) for r in rows]
            )
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(InboxItem)) == items
    with ctx.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    building.replace(folder)


def _desk(items: int) -> Path:
    from desk.storage.migrate import heads

    (head,) = heads()
    folder = CACHE / f"{head}-{items}-argon2"  # "-argon2": production password hashing (older caches lacked it)
    if not (folder / "desk.sqlite3").exists():
        started = time.perf_counter()
        _build(folder, items)
        print(f"\nbuilt a desk with {items:,} inbox items in {time.perf_counter() - started:.1f} s ({folder})")
    return folder


@pytest.fixture(scope="module")
def report() -> Iterator[Callable[[], None]]:
    """Print the three medians side by side at the end."""
    yield lambda: None
    if _RESULTS:
        lines = [f"  {name:<50} median {value * 1000:7.0f} ms" for name, value in _RESULTS.items()]
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"\ncold start to first paint (offscreen; load average {load}):\n" + "\n".join(lines))


def test_bare_pyside6_window(benchmark: Any, report: Any, tmp_path: Path) -> None:
    _measure(benchmark, Starter(BARE_WINDOW, _env(tmp_path)), "bare PySide6 window")


def test_desk_empty_database(benchmark: Any, report: Any) -> None:
    folder = _desk(0)
    url = f"sqlite:///{folder / 'desk.sqlite3'}"
    median = _measure(benchmark, Starter(DESK_WINDOW.format(url=url), _env(folder)), "desk, empty database")
    if not SMALL:
        assert median <= TARGET_S, f"cold start {median:.3f} s is over the {TARGET_S} s target"


@pytest.mark.timeout(1800)  # building the cached million-item desk takes minutes on a loaded machine
def test_desk_with_a_million_inbox_items(benchmark: Any, report: Any) -> None:
    folder = _desk(ITEMS)
    url = f"sqlite:///{folder / 'desk.sqlite3'}"
    name = f"desk, {ITEMS:,} inbox items"
    median = _measure(benchmark, Starter(DESK_WINDOW.format(url=url), _env(folder)), name)
    if not SMALL:
        assert median <= TARGET_S, f"cold start {median:.3f} s is over the {TARGET_S} s target"
