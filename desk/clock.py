"""The one clock everything in Beat Desk reads.

Nothing in the desk calls ``datetime.now()`` directly: services take a :class:`Clock`.
An :class:`AcceleratedClock` runs faster than real time for rehearsals, tests and
benchmarks, and can be handed to a child process (the sandbox) through one
environment variable so that both sides of the wire share the same time.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

CLOCK_ENV = "DESK_CLOCK"


class Clock(Protocol):
    """What every service reads time from."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait for ``seconds`` of clock time."""
        ...

    @property
    def speed(self) -> float:
        """Clock seconds per real second."""
        ...


class SystemClock:
    """Real time."""

    speed = 1.0

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        """Sleep in real time."""
        if seconds > 0:
            time.sleep(seconds)

    def to_env(self) -> str:
        """Serialise for a child process."""
        return "system"


@dataclass(frozen=True)
class AcceleratedClock:
    """Time that starts at ``origin`` when the real clock read ``real_origin`` and runs ``speed`` times faster."""

    origin: datetime
    real_origin: float
    speed: float = 1.0

    @classmethod
    def starting_at(cls, origin: datetime, speed: float) -> AcceleratedClock:
        """A clock that reads ``origin`` now and runs ``speed`` times faster than real time."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        if origin.tzinfo is None:
            raise ValueError("origin must be timezone-aware")
        return cls(origin.astimezone(UTC), time.time(), speed)

    def now(self) -> datetime:
        """The accelerated time."""
        elapsed = (time.time() - self.real_origin) * self.speed
        return self.origin + timedelta(seconds=elapsed)

    def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` of clock time, i.e. ``seconds / speed`` real seconds."""
        if seconds > 0:
            time.sleep(seconds / self.speed)

    def to_env(self) -> str:
        """Serialise for a child process: ``accelerated;ISO-ORIGIN;REAL-ORIGIN;SPEED``."""
        return f"accelerated;{self.origin.isoformat()};{self.real_origin!r};{self.speed!r}"


class ManualClock:
    """A clock that moves only when told to; for tests."""

    speed = 1.0

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)).astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The time last set."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        with self._lock:
            self._now += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        """Jump to ``when``."""
        with self._lock:
            self._now = when.astimezone(UTC)

    def sleep(self, seconds: float) -> None:
        """Sleeping on a manual clock advances it."""
        self.advance(seconds)

    def to_env(self) -> str:
        """A manual clock can only be shared as a frozen accelerated clock at its current time."""
        return AcceleratedClock(self.now(), time.time(), 1e-9).to_env()


def clock_from_env(value: str | None = None) -> Clock:
    """Rebuild the clock a parent process shared through ``DESK_CLOCK``; the system clock if unset."""
    raw = value if value is not None else os.environ.get(CLOCK_ENV, "")
    if not raw or raw == "system":
        return SystemClock()
    kind, _, rest = raw.partition(";")
    if kind != "accelerated":
        raise ValueError(f"unknown clock kind {kind!r} in {CLOCK_ENV}")
    origin_s, real_s, speed_s = rest.split(";")
    return AcceleratedClock(datetime.fromisoformat(origin_s), float(real_s), float(speed_s))


def clock_to_env(clock: Clock) -> str:
    """Serialise any clock of ours for a child process."""
    to_env = getattr(clock, "to_env", None)
    if to_env is None:
        raise TypeError(f"{type(clock).__name__} cannot be shared with a child process")
    return str(to_env())
