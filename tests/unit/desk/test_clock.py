"""The injectable clock: accelerated time and sharing it with a child process."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from desk.clock import AcceleratedClock, ManualClock, SystemClock, clock_from_env, clock_to_env


def test_accelerated_clock_runs_faster() -> None:
    start = datetime(2021, 10, 1, 8, 0, tzinfo=UTC)
    clock = AcceleratedClock.starting_at(start, speed=600)
    time.sleep(0.05)
    elapsed = (clock.now() - start).total_seconds()
    assert 25 <= elapsed <= 120  # 0.05 s real at 600x is 30 s of clock time (with scheduling slack)


def test_sleep_is_scaled() -> None:
    clock = AcceleratedClock.starting_at(datetime(2021, 1, 1, tzinfo=UTC), speed=100)
    t0 = time.monotonic()
    clock.sleep(5)  # 5 clock seconds = 0.05 real seconds
    assert time.monotonic() - t0 < 1.0


def test_bad_clocks_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        AcceleratedClock.starting_at(datetime(2021, 1, 1, tzinfo=UTC), speed=0)
    with pytest.raises(ValueError, match="timezone-aware"):
        AcceleratedClock.starting_at(datetime(2021, 1, 1), speed=2)
    with pytest.raises(ValueError, match="unknown clock kind"):
        clock_from_env("sundial;x")


def test_a_child_process_reads_the_same_time() -> None:
    start = datetime(2022, 3, 15, 12, 0, tzinfo=UTC)
    clock = AcceleratedClock.starting_at(start, speed=60)
    code = "from desk.clock import clock_from_env; print(clock_from_env().now().isoformat())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"DESK_CLOCK": clock_to_env(clock), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    child_now = datetime.fromisoformat(done.stdout.strip())
    assert abs((child_now - clock.now()).total_seconds()) < 120  # both read the same accelerated time
    assert child_now > start


def test_manual_clock() -> None:
    clock = ManualClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    clock.advance(90)
    assert clock.now() == datetime(2026, 1, 5, 9, 1, 30, tzinfo=UTC)
    clock.sleep(30)
    assert clock.now() - datetime(2026, 1, 5, 9, 0, tzinfo=UTC) == timedelta(minutes=2)
    assert isinstance(clock_from_env(""), SystemClock)
