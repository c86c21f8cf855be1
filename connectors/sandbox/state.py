"""Shared in-memory state of the sandbox: accounts, the request log, received media, rate windows, faults."""

from __future__ import annotations

import itertools
import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from desk.clock import Clock, SystemClock


@dataclass
class SandboxAccount:
    """An account that exists on one sandbox platform; may be the force's or a resident's."""

    platform: str
    account_id: str
    handle: str
    display_name: str
    credentials: dict[str, str]
    is_force: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoggedRequest:
    """One request the sandbox received (for tests and for the benchmark)."""

    at: datetime
    method: str
    path: str
    status: int
    platform: str
    account_id: str | None = None
    received_at: datetime | None = None  # when the request arrived (``at`` is when it was answered)


@dataclass
class ReceivedMedia:
    """Bytes a client uploaded, kept so tests can check what left the desk (e.g. no GPS, faces blurred)."""

    media_id: str
    platform: str
    account_id: str | None
    mime_type: str
    data: bytes
    alt_text: str | None = None


@dataclass
class FaultConfig:
    """Faults injected on request, always bounded by ``max_faults``."""

    error_rate: float = 0.0  # share of requests answered 500/503
    latency_ms: int = 0  # added to every request
    timeout_rate: float = 0.0  # share of requests that hang for ``timeout_s`` then 504
    timeout_s: float = 10.0
    burst_429: int = 0  # the next N platform requests are answered 429
    drop_rate: float = 0.0  # share of requests whose connection is closed without an answer
    max_faults: int = 100  # never inject more than this many faults
    paths: tuple[str, ...] = ()  # only paths starting with one of these (all when empty)
    injected: int = 0

    def applies(self, path: str) -> bool:
        """Whether this path is in scope of the faults and budget is left."""
        if self.injected >= self.max_faults:
            return False
        return not self.paths or any(path.startswith(p) for p in self.paths)


class RateWindow:
    """A sliding-window counter for one (account, endpoint) on the sandbox clock."""

    def __init__(self, limit: int, window: timedelta) -> None:
        self.limit = limit
        self.window = window
        self.hits: deque[datetime] = deque()

    def _trim(self, now: datetime) -> None:
        while self.hits and self.hits[0] <= now - self.window:
            self.hits.popleft()

    def take(self, now: datetime, cost: int = 1) -> bool:
        """Consume ``cost`` if the budget allows; False when the limit is reached."""
        self._trim(now)
        if len(self.hits) + cost > self.limit:
            return False
        self.hits.extend([now] * cost)
        return True

    def remaining(self, now: datetime) -> int:
        """Budget left in the current window."""
        self._trim(now)
        return max(0, self.limit - len(self.hits))

    def reset_at(self, now: datetime) -> datetime:
        """When the oldest hit leaves the window (or now + window when empty)."""
        self._trim(now)
        return self.hits[0] + self.window if self.hits else now + self.window


class FixedWindow(RateWindow):
    """A fixed-window counter: the window opens at the first request and its whole budget returns at its end.

    X answers this way: ``x-rate-limit-reset`` stays the same on every call of a window (the recordings show
    it fifteen minutes after the window's first call while ``remaining`` counts down), and at the reset the
    full limit is available again."""

    def __init__(self, limit: int, window: timedelta) -> None:
        super().__init__(limit, window)
        self.opened: datetime | None = None
        self.used = 0

    def _roll(self, now: datetime) -> None:
        if self.opened is not None and now >= self.opened + self.window:
            self.opened = None
            self.used = 0

    def take(self, now: datetime, cost: int = 1) -> bool:
        """Consume ``cost`` if the window's budget allows (opening a window when none is open)."""
        self._roll(now)
        if self.opened is None:
            self.opened = now
        if self.used + cost > self.limit:
            return False
        self.used += cost
        return True

    def remaining(self, now: datetime) -> int:
        """Budget left in the open window (the full limit when none is open)."""
        self._roll(now)
        return max(0, self.limit - self.used)

    def reset_at(self, now: datetime) -> datetime:
        """The end of the open window (or now + window when none is open)."""
        self._roll(now)
        return (self.opened or now) + self.window


class PlatformModule(Protocol):
    """What each platform module of the sandbox offers the core (admin API, residents)."""

    name: str

    def create_account(self, handle: str, display_name: str, *, is_force: bool = True) -> SandboxAccount:
        """Create an account and return it with the credentials a client needs."""
        ...

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        """Make ``author`` send ``text`` to the force account as ``kind`` (mention, reply, comment, dm).

        Returns the platform id of what was created."""
        ...

    def summary(self) -> dict[str, Any]:
        """Counts of what the platform holds, for ``/_sandbox/summary``."""
        ...


class SandboxState:
    """Everything the sandbox remembers; one lock guards it (requests are short)."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        self.lock = threading.RLock()
        self.accounts: dict[tuple[str, str], SandboxAccount] = {}  # (platform, account_id)
        self.by_token: dict[str, SandboxAccount] = {}
        self.request_log: deque[LoggedRequest] = deque(maxlen=200_000)
        self.media: dict[str, ReceivedMedia] = {}
        self.faults = FaultConfig()
        self.limits_lifted = False
        self.rate_windows: dict[tuple[str, str], RateWindow] = {}
        self.platforms: dict[str, PlatformModule] = {}
        self._ids = itertools.count(1)
        self.listeners: list[Callable[[str, dict[str, Any]], None]] = []

    # --- ids and tokens ----------------------------------------------------------------------

    def next_number(self) -> int:
        """A process-wide increasing number for ids."""
        return next(self._ids)

    @staticmethod
    def new_token(prefix: str = "", nbytes: int = 24) -> str:
        """A random opaque token."""
        return prefix + secrets.token_urlsafe(nbytes)

    def now(self) -> datetime:
        """The sandbox clock (shared with the desk in rehearsals)."""
        return self.clock.now()

    # --- accounts -----------------------------------------------------------------------------

    def register(self, account: SandboxAccount, *tokens: str) -> SandboxAccount:
        """Store an account and index the tokens that authenticate as it."""
        with self.lock:
            self.accounts[(account.platform, account.account_id)] = account
            for token in tokens:
                self.by_token[token] = account
        return account

    def account_for_token(self, token: str | None) -> SandboxAccount | None:
        """The account a bearer/access token belongs to, or None."""
        if not token:
            return None
        with self.lock:
            return self.by_token.get(token)

    def revoke_token(self, token: str) -> None:
        """Forget a token (tests of expired credentials)."""
        with self.lock:
            self.by_token.pop(token, None)

    def find_account(self, platform: str, key: str) -> SandboxAccount | None:
        """Find by id or by handle."""
        with self.lock:
            acc = self.accounts.get((platform, key))
            if acc:
                return acc
            for a in self.accounts.values():
                if a.platform == platform and a.handle.lower() == key.lower():
                    return a
        return None

    # --- rate limits --------------------------------------------------------------------------

    def rate_allows(
        self,
        account_key: str,
        endpoint: str,
        limit: int,
        window: timedelta,
        cost: int = 1,
        *,
        fixed: bool = False,
    ) -> tuple[bool, RateWindow]:
        """Take ``cost`` from the (account, endpoint) window unless limits are lifted; return (allowed, window).

        ``fixed`` chooses a :class:`FixedWindow` (X) over the default sliding one."""
        kind = FixedWindow if fixed else RateWindow
        with self.lock:
            key = (account_key, endpoint)
            win = self.rate_windows.get(key)
            if win is None or win.limit != limit or win.window != window or type(win) is not kind:
                win = kind(limit, window)
                self.rate_windows[key] = win
            if self.limits_lifted:
                return True, win
            return win.take(self.now(), cost), win

    # --- log and events ---------------------------------------------------------------------------

    def log(self, entry: LoggedRequest) -> None:
        """Record a request."""
        with self.lock:
            self.request_log.append(entry)

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Tell listeners (tests, benchmarks) that something was created."""
        for listener in list(self.listeners):
            listener(event, data)

    def store_media(self, media: ReceivedMedia) -> None:
        """Keep uploaded bytes."""
        with self.lock:
            self.media[media.media_id] = media

    def reset_counts(self) -> None:
        """Clear rate windows (admin)."""
        with self.lock:
            self.rate_windows.clear()
