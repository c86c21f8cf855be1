"""Pacing a tweetathon: every account under its limits in every sliding window, a share kept free.

The planner decides when each post may go (``due_at``) and on which account; the publisher only sends.
It remembers every send it planned (and every send of other kinds it was told about) per account, and
plans a new one at the earliest time at which no window would carry more than its usable share.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desk.ports import Platform


@dataclass(frozen=True)
class Window:
    """A budget of ``limit`` points per sliding ``seconds``; a post costs ``cost`` points."""

    limit: int
    seconds: float
    cost: int = 1
    scope: str = "account"  # "account", or "app": shared by every account of the platform


#: Posting budgets from DOMAIN.md (defaults; the platforms' headers update them through ``update_limit``).
DEFAULT_WINDOWS: dict[Platform, tuple[Window, ...]] = {
    Platform.X: (
        Window(100, 15 * 60),
        Window(2400, 24 * 3600),  # X's published per-account daily post limit
        Window(10_000, 24 * 3600, scope="app"),
    ),
    Platform.MASTODON: (Window(300, 5 * 60),),
    Platform.BLUESKY: (Window(5000, 3600, cost=3), Window(35_000, 24 * 3600, cost=3)),
    Platform.INSTAGRAM: (Window(50, 24 * 3600),),
    Platform.FACEBOOK: (Window(200, 3600),),  # Pages: business-use-case limits; a cautious default
}


@dataclass
class _Account:
    account_id: int
    platform: Platform
    windows: list[Window]
    healthy: bool = True
    sends: list[float] = field(default_factory=list)  # planned send times (epoch seconds), sorted
    held_until: float = 0.0  # the platform said the budget is spent until then


def _epoch(when: datetime) -> float:
    return when.timestamp()


class Planner:
    """Plans send times per account so no sliding window exceeds ``(1 - reserve)`` of its limit."""

    def __init__(
        self,
        accounts: Mapping[int, Platform],
        *,
        reserve_percent: int = 20,
        windows: Mapping[Platform, Sequence[Window]] | None = None,
    ) -> None:
        if not 0 <= reserve_percent < 100:
            raise ValueError("reserve_percent must be between 0 and 99")
        table = windows or DEFAULT_WINDOWS
        self.reserve = reserve_percent / 100.0
        self.accounts = {
            aid: _Account(aid, platform, list(table.get(platform, (Window(60, 3600),))))
            for aid, platform in accounts.items()
        }
        self._turn: dict[Platform, int] = {}

    # budgets -----------------------------------------------------------------------------------------

    def usable(self, window: Window) -> int:
        """Posts a window may carry once the reserve is kept free."""
        return max(1, int(window.limit * (1 - self.reserve)) // window.cost)

    def update_limit(self, account_id: int, seconds: float, limit: int) -> None:
        """A platform reported a different limit for one of an account's windows (from headers)."""
        acc = self.accounts[account_id]
        acc.windows = [
            Window(limit, w.seconds, w.cost, w.scope) if w.seconds == seconds and w.scope == "account" else w
            for w in acc.windows
        ]

    def limit_reported(self, account_id: int, limit: int, reset_in: float) -> bool:
        """A platform's headers reported ``limit`` for a window resetting in ``reset_in`` seconds.

        Headers name no window length: the window is one of the account's own at least ``reset_in`` long,
        the one whose limit is nearest (by ratio) to the reported one, so a daily limit reported late in the
        day is not taken for the hourly one. Returns whether a window changed.
        """
        acc = self.accounts.get(account_id)
        if acc is None or limit <= 0:
            return False
        fits = [w for w in acc.windows if w.scope == "account" and w.seconds >= reset_in]
        if not fits:
            return False
        window = min(fits, key=lambda w: (abs(math.log(limit / w.limit)), w.seconds))
        if window.limit == limit:
            return False
        self.update_limit(account_id, window.seconds, limit)
        return True

    def gap(self, account_id: int) -> float:
        """Seconds kept between two sends of an account: each account window's share spread evenly.

        Spreading keeps a long window (X's 24 hours) from being spent in the first hours of a busy day
        and then blocking the account for the rest of it; a backlog is batched instead.
        """
        acc = self.accounts[account_id]
        spans = [w.seconds / self.usable(w) for w in acc.windows if w.scope == "account"]
        return max(spans, default=0.0)

    def last_send(self, account_id: int) -> float:
        """The latest send booked or recorded on an account (epoch seconds; 0 when none)."""
        sends = self.accounts[account_id].sends
        return sends[-1] if sends else 0.0

    def hold_until(self, account_id: int, when: datetime) -> None:
        """The platform reported the account's posting budget spent until ``when`` (from its headers)."""
        acc = self.accounts.get(account_id)
        if acc is not None:
            acc.held_until = max(acc.held_until, _epoch(when))

    def record(self, account_id: int, when: datetime) -> None:
        """A send on this account that the planner did not plan (a reply, an urgent post)."""
        acc = self.accounts.get(account_id)
        if acc is not None:
            bisect.insort(acc.sends, _epoch(when))

    def forget(self, account_id: int, when: datetime) -> None:
        """A planned send that will not happen after all (cancelled, moved)."""
        acc = self.accounts.get(account_id)
        if acc is None:
            return
        t = _epoch(when)
        i = bisect.bisect_left(acc.sends, t)
        if i < len(acc.sends) and abs(acc.sends[i] - t) < 1e-6:
            del acc.sends[i]

    def set_healthy(self, account_id: int, healthy: bool) -> None:
        """Take an account out of rotation (refused, suspended, needs reconnecting) or back in."""
        if account_id in self.accounts:
            self.accounts[account_id].healthy = healthy

    def healthy(self, platform: Platform) -> list[int]:
        """The accounts of a platform that take posts, in id order."""
        return sorted(a.account_id for a in self.accounts.values() if a.platform is platform and a.healthy)

    def platforms(self) -> list[Platform]:
        """Platforms with at least one account in rotation."""
        return sorted({a.platform for a in self.accounts.values() if a.healthy}, key=lambda p: p.value)

    # planning ----------------------------------------------------------------------------------------

    def _sends_in(self, acc: _Account, window: Window) -> list[float]:
        if window.scope == "app":
            merged: list[float] = []
            for other in self.accounts.values():
                if other.platform is acc.platform:
                    merged.extend(other.sends)
            merged.sort()
            return merged
        return acc.sends

    def earliest(self, account_id: int, not_before: datetime) -> datetime:
        """The earliest time at or after ``not_before`` when one more send keeps every window in budget."""
        acc = self.accounts[account_id]
        t = max(_epoch(not_before), acc.held_until)
        gap = self.gap(account_id)
        for _ in range(10_000):  # each pass moves t past one full window; ends long before this bound
            moved = False
            if gap > 0:
                cleared = _clear_of(acc.sends, t, gap)
                if cleared != t:
                    t = cleared
                    moved = True
            for window in acc.windows:
                later = _blocked_until(self._sends_in(acc, window), t, window.seconds, self.usable(window))
                if later is not None:
                    t = later
                    moved = True
            if not moved:
                break
        return datetime.fromtimestamp(t, tz=not_before.tzinfo)

    def plan(self, platform: Platform, not_before: datetime) -> tuple[int, datetime] | None:
        """Pick the account of ``platform`` that can send soonest (rotating on ties) and book the send."""
        candidates = self.healthy(platform)
        if not candidates:
            return None
        start = self._turn.get(platform, 0)
        order = candidates[start % len(candidates) :] + candidates[: start % len(candidates)]
        best: tuple[int, datetime] | None = None
        for aid in order:
            when = self.earliest(aid, not_before)
            if best is None or when < best[1]:
                best = (aid, when)
        assert best is not None
        self._turn[platform] = start + 1
        self.record(best[0], best[1])
        return best

    def next_free(self, platform: Platform, not_before: datetime) -> datetime | None:
        """When the soonest account of ``platform`` could send (nothing is booked)."""
        times = [self.earliest(aid, not_before) for aid in self.healthy(platform)]
        return min(times) if times else None

    def remaining(self, account_id: int, now: datetime) -> dict[str, int]:
        """Posts left in each of an account's windows at ``now``, reserve excluded (for the dashboard)."""
        acc = self.accounts[account_id]
        t = _epoch(now)
        out: dict[str, int] = {}
        for window in acc.windows:
            sends = self._sends_in(acc, window)
            used = bisect.bisect_right(sends, t) - bisect.bisect_right(sends, t - window.seconds)
            label = f"{window.scope}/{int(window.seconds)}s"
            out[label] = max(0, self.usable(window) - used)
        return out

    def sends(self, account_id: int) -> list[datetime]:
        """Every send booked or recorded on an account (for tests and reports)."""
        acc = self.accounts[account_id]
        return [datetime.fromtimestamp(s).astimezone() for s in acc.sends]


def _clear_of(sends: Sequence[float], t: float, gap: float) -> float:
    """The earliest time at or after ``t`` at least ``gap`` away from every send (one pass forward)."""
    i = bisect.bisect_right(sends, t - gap)
    while i < len(sends) and sends[i] < t + gap:
        t = max(t, sends[i] + gap)
        i += 1
    return t


def _blocked_until(sends: Sequence[float], t: float, seconds: float, usable: int) -> float | None:
    """None when one more send at ``t`` keeps every window of ``seconds`` containing it within ``usable``;
    otherwise a later time worth trying (just after the oldest send of the window that is full)."""
    lo = bisect.bisect_right(sends, t - seconds)
    hi = bisect.bisect_left(sends, t + seconds)
    if hi - lo < usable:
        return None  # every window holding t holds at most these sends and t: within budget (the usual case)
    seg = list(sends[lo:hi])
    bisect.insort(seg, t)
    j = 0
    for i, start in enumerate(seg):
        if start > t:
            break
        j = max(j, i)
        while j < len(seg) and seg[j] < start + seconds:
            j += 1
        if j - i > usable:  # the window opening at ``start`` holds t and too many sends
            return start + seconds + 1e-3 if start < t else seg[j - 1] + 1e-3
    return None


def max_in_window(times: Iterable[datetime], seconds: float) -> int:
    """The largest number of ``times`` inside any sliding window of ``seconds`` (a check for tests and reports)."""
    ts = sorted(t.timestamp() for t in times)
    best = 0
    lo = 0
    for hi, t in enumerate(ts):
        while ts[lo] <= t - seconds:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def window_span(seconds: float) -> timedelta:
    """A window's length as a timedelta."""
    return timedelta(seconds=seconds)
